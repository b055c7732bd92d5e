import { configDir, relayAdminToken } from '../../defaults.js';
import { describeNetworkError } from '../../deliver/verdict.js';
import type { Io } from '../../io.js';
import type { Receiver } from '../../receive/receiver.js';
import type { ForwardOutcome } from '../../receive/types.js';
import type { Paint } from '../../render/paint.js';
import { createSseParser, type EvictedFrame, type HelloFrame, type RestartFrame, type SseMessage, type StoreFrame, type WebhookFrame } from '../protocol.js';
import { backoffDelay } from '../../time/backoff.js';
import { sleep } from '../../time/sleep.js';
import { ClientConfig, type RememberedChannel } from './client-config.js';
import { PositionFile } from './position-file.js';
import { ChannelGoneError, RelayApi, TokenRefusedError } from './relay-api.js';

export interface RelayConnection {
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** Create a new channel even if one is remembered for this relay (a new webhook URL). */
  newChannel?: boolean;
}

/** A stream that lasted this long was healthy: the next failure starts the backoff over. */
const HEALTHY_STREAM_MS = 5000;

/**
 * `listen --relay`: keeps one SSE stream to the relay open, feeds each relayed request
 * into the same receiver as local ones, in order, and resumes after the last one handled
 * whenever the stream breaks (backoff with jitter; two missed heartbeats count as a
 * break). Delivery to the app is at least once: the position is written after each event handled.
 */
export async function connectRelay(relayUrl: string, receiver: Receiver, io: Io, paint: Paint, options: ConnectOptions = {}): Promise<RelayConnection> {
  const api = new RelayApi(relayUrl.replace(/\/+$/, ''), relayAdminToken(io.env));
  const dir = configDir(io.env);
  const config = await ClientConfig.load(dir, options.newChannel);
  await config.ensureWritable();
  const remembered = options.newChannel ? undefined : config.get(api.base);
  const channel = remembered ?? (await api.createChannel());
  config.set(api.base, channel);
  await config.save();
  io.stderr.write(`Relay webhook URL: ${channel.webhookUrl}${remembered ? '' : `  ${paint.warn('(new: configure it in WineSitting)')}`}\n`);
  const client = new RelayClient(api, config, dir, channel, receiver, (text) => io.stderr.write(text), paint);
  client.start();
  return { close: () => client.close() };
}

/** The relay ended the stream with a `restart` frame: open it again after the backoff, as for any break (a relay that cannot read the channel ends every stream at once). */
class RestartAsked extends Error {}

class RelayClient {
  private readonly stopping = new AbortController();
  private current: AbortController | null = null;
  private running: Promise<void> = Promise.resolve();
  private lastHeartbeat: number | null = null;
  private positionError = false;
  private position: PositionFile;

  constructor(
    private readonly api: RelayApi,
    private readonly config: ClientConfig,
    private readonly configDir: string,
    private channel: RememberedChannel,
    private readonly receiver: Receiver,
    private readonly write: (text: string) => void,
    private readonly paint: Paint,
  ) {
    this.position = this.openPosition();
  }

  /** The position file is written after every event, relay.json only now and then: the file is the newer when both exist. */
  private openPosition(): PositionFile {
    const { file, stored } = PositionFile.open(this.configDir, this.channel.id);
    if (stored !== null) this.channel.lastEventId = stored;
    return file;
  }

  start(): void {
    this.running = this.keepConnected();
  }

  async close(): Promise<void> {
    this.stopping.abort();
    this.current?.abort(new Error('listen is stopping'));
    await this.running.catch(() => undefined);
    this.position.close();
    await this.config.save().catch(() => undefined);
    await this.api.close();
  }

  /** A method, not a field read: `close()` may run while the loop awaits. */
  private closed(): boolean {
    return this.stopping.signal.aborted;
  }

  private say(text: string): void {
    this.write(`${this.paint.accent('relay')} ${text}\n`);
  }

  /** Streams until closed; every failure, of any kind, waits a backoff before the next try. */
  private async keepConnected(): Promise<void> {
    let attempt = 0;
    while (!this.closed()) {
      const started = Date.now();
      try {
        await this.streamOnce();
      } catch (error) {
        if (this.closed()) return;
        if (Date.now() - started > HEALTHY_STREAM_MS) attempt = 0;
        const delay = backoffDelay(attempt++);
        if (error instanceof ChannelGoneError) {
          if (await this.replaceChannel(error.message, delay)) attempt = 0;
          continue;
        }
        this.say(this.paint.warn(`${this.whyBroken(error)}; reconnecting in ${(delay / 1000).toFixed(1)} s`));
        await sleep(delay, this.stopping.signal);
      }
    }
  }

  private whyBroken(error: unknown): string {
    if (error instanceof RestartAsked) return `the relay ended the stream (${error.message})`;
    if (error instanceof TokenRefusedError) return `${error.message}; keeping the channel`;
    return `disconnected (${describeNetworkError(error, this.api.base)}${this.heartbeatAge()})`;
  }

  /** One stream, from connection to break; always ends with an error (the relay closing it is one too). */
  private async streamOnce(): Promise<void> {
    const controller = new AbortController();
    this.current = controller;
    const state = { heartbeatMs: 15_000, lastData: Date.now() };
    const watchdog = setInterval(() => {
      const silent = Date.now() - state.lastData;
      if (silent > 2 * state.heartbeatMs + 1000) {
        this.say(this.paint.warn(`silent for ${Math.round(silent / 1000)} s (two heartbeats missed): reconnecting`));
        controller.abort(new Error('two heartbeats missed'));
      }
    }, 500);
    try {
      const body = await this.api.openStream(this.channel, controller.signal);
      this.say(this.paint.ok(`connected${this.channel.lastEventId ? `, resuming after #${this.channel.lastEventId}` : ''}`));
      const messages: SseMessage[] = [];
      const parse = createSseParser((message) => messages.push(message));
      body.setEncoding('utf8');
      for await (const chunk of body) {
        state.lastData = Date.now();
        parse(chunk as string);
        while (messages.length > 0) await this.apply(messages.shift()!, state);
      }
      throw new Error('the relay closed the stream');
    } finally {
      clearInterval(watchdog);
    }
  }

  /** One message of the stream: a relayed webhook goes through the receiver, in order, and the position moves only once it was handled. */
  private async apply(message: SseMessage, state: { heartbeatMs: number }): Promise<void> {
    if (message.event === 'hello') {
      const hello = JSON.parse(message.data) as HelloFrame;
      state.heartbeatMs = hello.heartbeatMs;
      this.noticeRenumbered(hello);
      this.noticeRelayBehind(hello.lastSeq);
    } else if (message.event === 'heartbeat') this.lastHeartbeat = Date.now();
    else if (message.event === 'evicted') {
      const { count, from, to } = JSON.parse(message.data) as EvictedFrame;
      this.say(
        this.paint.fail(
          `${count} events (#${from}–#${to}) were evicted at the relay before this listen caught up: its buffer was full. Raise the relay's --buffer or --max-bytes.`,
        ),
      );
    } else if (message.event === 'store') {
      const { available } = JSON.parse(message.data) as StoreFrame;
      this.say(
        available
          ? this.paint.ok('the relay reached its store again: events are stored and relayed again')
          : this.paint.fail('the relay lost its store: events posted to it now are refused (503) and WineSitting counts them as lost'),
      );
    } else if (message.event === 'restart') {
      throw new RestartAsked((JSON.parse(message.data) as RestartFrame).reason);
    } else if (message.event === 'webhook') {
      const record = JSON.parse(message.data) as WebhookFrame;
      if (record.seq <= this.channel.lastEventId) return;
      const answer = await this.receiver.handle({
        method: record.method,
        path: record.path,
        headers: record.headers ?? (record.contentType ? { 'content-type': record.contentType } : {}),
        body: Buffer.from(record.body, 'base64'),
        source: 'relay',
        late: record.late,
        receivedAt: new Date(record.receivedAt),
        forwardRetry: { signal: this.stopping.signal, nextDelay: (attempt, failure) => this.forwardRetryDelay(record.seq, attempt, failure) },
      });
      // Stopped while the app was unreachable: the event stays at the relay for the next start.
      if (answer.unanswered) throw new Error('listen is stopping');
      this.channel.lastEventId = record.seq;
      this.savePosition();
    }
  }

  /** The app is down: the relay keeps the event, so this listen waits for the app rather than lose it. */
  private forwardRetryDelay(seq: number, attempt: number, failure: ForwardOutcome): number {
    const delay = backoffDelay(Math.min(attempt, 6));
    this.say(
      this.paint.warn(
        `app at ${failure.url} did not answer (${failure.error}): event #${seq} kept, retrying in ${(delay / 1000).toFixed(1)} s; later events wait, in order`,
      ),
    );
    return delay;
  }

  /**
   * The relay gives numbers in a new epoch (its Redis restarted). When the new epoch starts at
   * or before this listen's position, the numbers past it were given again to other events:
   * the ones this listen had are lost at the relay, and the new ones are fetched from there.
   */
  private noticeRenumbered(hello: HelloFrame): void {
    if (hello.epoch === undefined || hello.epoch === this.channel.epoch) return;
    const known = this.channel.epoch;
    this.channel.epoch = hello.epoch;
    void this.config.save().catch(() => undefined);
    const from = hello.epochFrom ?? 1;
    if (known === undefined || this.channel.lastEventId < from) return;
    this.say(
      this.paint.fail(
        `the relay lost events #${from}–#${this.channel.lastEventId} (its store restarted without them) and numbers new events from #${from} again: resuming from #${from - 1}.`,
      ),
    );
    this.channel.lastEventId = from - 1;
    this.savePosition();
  }

  /** A relay whose last event is before this listen's position lost its data (or is another relay): resume from where it is, and say so. */
  private noticeRelayBehind(relayLastSeq: number): void {
    if (relayLastSeq >= this.channel.lastEventId) return;
    this.say(
      this.paint.fail(
        `the relay's last event is #${relayLastSeq}, before this listen's position #${this.channel.lastEventId}: it lost events (restarted without its data?). Resuming from #${relayLastSeq}.`,
      ),
    );
    this.channel.lastEventId = relayLastSeq;
    this.savePosition();
  }

  /** Creates a new channel in place of one the relay forgot; false (after waiting `delay`) when that fails. */
  private async replaceChannel(why: string, delay: number): Promise<boolean> {
    try {
      this.channel = await this.api.createChannel();
    } catch (error) {
      this.say(this.paint.warn(`${why}, and a new channel could not be created (${(error as Error).message}); trying again in ${(delay / 1000).toFixed(1)} s`));
      await sleep(delay, this.stopping.signal);
      return false;
    }
    this.config.set(this.api.base, this.channel);
    this.position.close();
    this.position = this.openPosition();
    await this.config
      .save()
      .catch((error: unknown) => this.say(this.paint.fail(`could not remember the new channel in ${this.config.path}: ${(error as Error).message}`)));
    this.say(this.paint.warn(`${why}: created a new channel`));
    this.write(`Relay webhook URL: ${this.channel.webhookUrl}  ${this.paint.warn('(new: update it in WineSitting)')}\n`);
    return true;
  }

  /** Written after each event, before the next is handled: a crash repeats at most the event in hand. */
  private savePosition(): void {
    try {
      this.position.write(this.channel.lastEventId);
      this.positionError = false;
    } catch (error) {
      if (!this.positionError) this.say(this.paint.fail(`could not remember the position in ${this.config.path}: ${(error as Error).message}`));
      this.positionError = true;
    }
  }

  private heartbeatAge(): string {
    return this.lastHeartbeat === null ? '' : `; last heartbeat ${Math.round((Date.now() - this.lastHeartbeat) / 1000)} s ago`;
  }
}
