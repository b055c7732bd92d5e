import { configDir } from '../../defaults.js';
import { describeNetworkError } from '../../deliver/verdict.js';
import type { Io } from '../../io.js';
import type { Receiver } from '../../receive/receiver.js';
import type { Paint } from '../../render/paint.js';
import { createSseParser, type EvictedFrame, type HelloFrame, type SseMessage, type WebhookFrame } from '../protocol.js';
import { ClientConfig, type RememberedChannel } from './client-config.js';
import { ChannelGoneError, RelayApi } from './relay-api.js';

export interface RelayConnection {
  close(): Promise<void>;
}

const MAX_BACKOFF = 10_000;
/** The position is written at most this often: after a crash, at most this much is delivered again. */
const SAVE_EVERY_MS = 250;
/** A stream that lasted this long was healthy: the next failure starts the backoff over. */
const HEALTHY_STREAM_MS = 5000;

/**
 * `listen --relay`: keeps one SSE stream to the relay open, feeds each relayed request
 * into the same receiver as local ones, in order, and resumes after the last one
 * handled whenever the stream breaks (backoff with jitter; two missed heartbeats count
 * as a break). Every change of state is said on stderr.
 */
export async function connectRelay(relayUrl: string, receiver: Receiver, io: Io, paint: Paint): Promise<RelayConnection> {
  const api = new RelayApi(relayUrl.replace(/\/+$/, ''));
  const config = await ClientConfig.load(configDir(io.env));
  const channel = config.get(api.base) ?? (await api.createChannel());
  config.set(api.base, channel);
  await config.save();
  io.stderr.write(`Relay webhook URL: ${channel.webhookUrl}\n`);
  const client = new RelayClient(api, config, channel, receiver, (text) => io.stderr.write(text), paint);
  client.start();
  return { close: () => client.close() };
}

class RelayClient {
  private closed = false;
  private current: AbortController | null = null;
  private running: Promise<void> = Promise.resolve();
  private positionChanged = false;
  private lastHeartbeat: number | null = null;
  private readonly saver = setInterval(() => this.savePosition(), SAVE_EVERY_MS);

  constructor(
    private readonly api: RelayApi,
    private readonly config: ClientConfig,
    private channel: RememberedChannel,
    private readonly receiver: Receiver,
    private readonly write: (text: string) => void,
    private readonly paint: Paint,
  ) {}

  /** Read through a method: `close()` may run while the loop awaits. */
  private isClosed(): boolean {
    return this.closed;
  }

  private say(text: string): void {
    this.write(`${this.paint.accent('relay')} ${text}\n`);
  }

  start(): void {
    this.running = this.keepConnected();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.current?.abort(new Error('listen is stopping'));
    await this.running.catch(() => undefined);
    clearInterval(this.saver);
    await this.config.save().catch(() => undefined);
    await this.api.close();
  }

  private async keepConnected(): Promise<void> {
    let attempt = 0;
    while (!this.closed) {
      const started = Date.now();
      try {
        await this.streamOnce();
      } catch (error) {
        if (this.isClosed()) return;
        if (error instanceof ChannelGoneError) {
          await this.replaceChannel(error.message);
          continue;
        }
        if (Date.now() - started > HEALTHY_STREAM_MS) attempt = 0;
        const delay = Math.round(Math.min(MAX_BACKOFF, 250 * 2 ** attempt++) * (0.5 + Math.random() / 2));
        const beat = this.lastHeartbeat === null ? '' : `; last heartbeat ${Math.round((Date.now() - this.lastHeartbeat) / 1000)} s ago`;
        this.say(this.paint.warn(`disconnected (${describeNetworkError(error)}${beat}); reconnecting in ${(delay / 1000).toFixed(1)} s`));
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
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

  /** One message of the stream: a relayed webhook goes through the receiver, in order, exactly once per position. */
  private async apply(message: SseMessage, state: { heartbeatMs: number }): Promise<void> {
    if (message.event === 'hello') state.heartbeatMs = (JSON.parse(message.data) as HelloFrame).heartbeatMs;
    else if (message.event === 'heartbeat') this.lastHeartbeat = Date.now();
    else if (message.event === 'evicted') {
      const { count, from, to } = JSON.parse(message.data) as EvictedFrame;
      this.say(
        this.paint.fail(
          `${count} events (#${from}–#${to}) were evicted at the relay before this listen caught up: its buffer was full. Raise the relay's --buffer.`,
        ),
      );
    } else if (message.event === 'webhook') {
      const record = JSON.parse(message.data) as WebhookFrame;
      if (record.seq <= this.channel.lastEventId) return;
      await this.receiver.handle({
        method: record.method,
        path: record.path,
        headers: record.contentType ? { 'content-type': record.contentType } : {},
        body: Buffer.from(record.body, 'base64'),
        source: 'relay',
        late: record.late,
        receivedAt: new Date(record.receivedAt),
      });
      this.channel.lastEventId = record.seq;
      this.positionChanged = true;
    }
  }

  private async replaceChannel(why: string): Promise<void> {
    this.say(this.paint.warn(`${why}: creating a new channel`));
    this.channel = await this.api.createChannel().catch(() => this.channel);
    this.config.set(this.api.base, this.channel);
    await this.config.save().catch(() => undefined);
    this.write(`Relay webhook URL: ${this.channel.webhookUrl}  ${this.paint.warn('(new: update it in WineSitting)')}\n`);
  }

  private savePosition(): void {
    if (!this.positionChanged) return;
    this.positionChanged = false;
    this.config.save().catch(() => undefined);
  }
}
