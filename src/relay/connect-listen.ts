import { Agent, request } from 'undici';
import { describeNetworkError } from '../deliver/verdict.js';
import type { Io } from '../io.js';
import type { Paint } from '../render/paint.js';
import type { Receiver } from '../receive/receiver.js';
import type { RelayedRequest } from './channel-log.js';
import { ClientConfig, configDir, type RememberedChannel } from './client-config.js';
import { createSseParser, type SseMessage } from './sse.js';

export interface RelayConnection {
  close(): Promise<void>;
}

const MAX_BACKOFF = 10_000;
const SAVE_EVERY_MS = 250;

class ChannelGone extends Error {}

/**
 * `listen --relay`: keeps one SSE stream to the relay open, feeds each relayed request
 * into the same receiver as local ones, in order, and resumes after the last one
 * handled whenever the stream breaks (backoff with jitter; two missed heartbeats count
 * as a break). Every change of state is said on stderr.
 */
export async function connectRelay(relayUrl: string, receiver: Receiver, io: Io, paint: Paint): Promise<RelayConnection> {
  const base = relayUrl.replace(/\/+$/, '');
  const config = await ClientConfig.load(configDir(io.env));
  const agent = new Agent({ keepAliveTimeout: 1000 });
  const say = (text: string) => io.stderr.write(`${paint.accent('relay')} ${text}\n`);
  let channel = config.get(base) ?? (await createChannel(base, agent));
  config.set(base, channel);
  await config.save();
  io.stderr.write(`Relay webhook URL: ${channel.webhookUrl}\n`);

  let closed = false;
  let current: AbortController | null = null;
  let dirty = false;
  let lastHeartbeat: number | null = null;
  const saver = setInterval(() => {
    if (dirty) {
      dirty = false;
      config.save().catch(() => undefined);
    }
  }, SAVE_EVERY_MS);

  const handle = async (message: SseMessage, state: { heartbeatMs: number }) => {
    if (message.event === 'hello') state.heartbeatMs = (JSON.parse(message.data) as { heartbeatMs: number }).heartbeatMs;
    else if (message.event === 'heartbeat') lastHeartbeat = Date.now();
    else if (message.event === 'evicted') {
      const { count, from, to } = JSON.parse(message.data) as { count: number; from: number; to: number };
      say(paint.fail(`${count} events (#${from}–#${to}) were evicted at the relay before this listen caught up: its buffer was full. Raise the relay's --buffer.`));
    } else if (message.event === 'webhook') {
      const record = JSON.parse(message.data) as RelayedRequest & { late: boolean };
      if (record.seq <= channel.lastEventId) return;
      await receiver.handle({
        method: record.method,
        path: record.path,
        headers: record.contentType ? { 'content-type': record.contentType } : {},
        body: Buffer.from(record.body, 'base64'),
        source: 'relay',
        late: record.late,
        receivedAt: new Date(record.receivedAt),
      });
      channel.lastEventId = record.seq;
      dirty = true;
    }
  };

  const stream = async (): Promise<void> => {
    const controller = new AbortController();
    current = controller;
    const state = { heartbeatMs: 15_000 };
    let lastData = Date.now();
    const watchdog = setInterval(() => {
      if (Date.now() - lastData > 2 * state.heartbeatMs + 1000) {
        say(paint.warn(`silent for ${Math.round((Date.now() - lastData) / 1000)} s (two heartbeats missed): reconnecting`));
        controller.abort(new Error('two heartbeats missed'));
      }
    }, Math.min(1000, state.heartbeatMs / 2));
    try {
      const answer = await request(`${base}/c/${channel.id}/events`, {
        method: 'GET',
        dispatcher: agent,
        signal: controller.signal,
        headers: { authorization: `Bearer ${channel.token}`, accept: 'text/event-stream', 'last-event-id': String(channel.lastEventId) },
        headersTimeout: 10_000,
        bodyTimeout: 0,
      });
      if (answer.statusCode === 404 || answer.statusCode === 401) {
        await answer.body.dump();
        throw new ChannelGone(`the relay no longer knows channel ${channel.id} (${answer.statusCode})`);
      }
      if (answer.statusCode !== 200) {
        const text = await answer.body.text();
        throw new Error(`the relay answered ${answer.statusCode}: ${text.slice(0, 200)}`);
      }
      say(paint.ok(`connected${channel.lastEventId ? `, resuming after #${channel.lastEventId}` : ''}`));
      const messages: SseMessage[] = [];
      const parse = createSseParser((m) => messages.push(m));
      answer.body.setEncoding('utf8');
      for await (const chunk of answer.body) {
        lastData = Date.now();
        parse(chunk as string);
        while (messages.length > 0) await handle(messages.shift()!, state);
      }
      throw new Error('the relay closed the stream');
    } finally {
      clearInterval(watchdog);
    }
  };

  const loop = async () => {
    let attempt = 0;
    while (!closed) {
      const started = Date.now();
      try {
        await stream();
      } catch (error) {
        if (closed) return;
        if (error instanceof ChannelGone) {
          say(paint.warn(`${error.message}: creating a new channel`));
          channel = await createChannel(base, agent).catch(() => channel);
          config.set(base, channel);
          await config.save().catch(() => undefined);
          io.stderr.write(`Relay webhook URL: ${channel.webhookUrl}  ${paint.warn('(new: update it in WineSitting)')}\n`);
          continue;
        }
        if (Date.now() - started > 5000) attempt = 0;
        const delay = Math.round(Math.min(MAX_BACKOFF, 250 * 2 ** attempt++) * (0.5 + Math.random() / 2));
        const beat = lastHeartbeat === null ? '' : `; last heartbeat ${Math.round((Date.now() - lastHeartbeat) / 1000)} s ago`;
        say(paint.warn(`disconnected (${describeNetworkError(error)}${beat}); reconnecting in ${(delay / 1000).toFixed(1)} s`));
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  };
  const running = loop();

  return {
    async close() {
      closed = true;
      current?.abort(new Error('listen is stopping'));
      await running.catch(() => undefined);
      clearInterval(saver);
      await config.save().catch(() => undefined);
      await agent.close();
    },
  };
}

async function createChannel(base: string, agent: Agent): Promise<RememberedChannel> {
  let answer;
  try {
    answer = await request(`${base}/channels`, { method: 'POST', dispatcher: agent, headersTimeout: 10_000 });
  } catch (error) {
    throw Object.assign(new Error(`Could not reach the relay at ${base} (${describeNetworkError(error)}). Is "winesitting-hooks relay" running there?`), { exitCode: 1, expected: true });
  }
  if (answer.statusCode !== 201) {
    const text = await answer.body.text();
    throw Object.assign(new Error(`The relay at ${base} refused to create a channel (${answer.statusCode}: ${text.slice(0, 200)}). Is it a winesitting-hooks relay?`), { exitCode: 1, expected: true });
  }
  const created = (await answer.body.json()) as { id: string; token: string; webhookUrl: string };
  return { ...created, lastEventId: 0 };
}
