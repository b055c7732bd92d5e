import { Agent, request, type Dispatcher } from 'undici';
import { describeNetworkError } from '../../deliver/verdict.js';
import { UnavailableError } from '../../errors.js';
import type { RememberedChannel } from './client-config.js';

/** The relay forgot this channel (404) or no longer accepts its token (401). */
export class ChannelGoneError extends Error {}

/** The relay's HTTP API as `listen --relay` uses it: create a channel, open its stream. */
export class RelayApi {
  private readonly agent = new Agent({ keepAliveTimeout: 1000 });

  constructor(readonly base: string) {}

  async createChannel(): Promise<RememberedChannel> {
    let answer;
    try {
      answer = await request(`${this.base}/channels`, { method: 'POST', dispatcher: this.agent, headersTimeout: 10_000 });
    } catch (error) {
      throw new UnavailableError(`Could not reach the relay at ${this.base} (${describeNetworkError(error)}). Is "winesitting-hooks relay" running there?`);
    }
    if (answer.statusCode !== 201) {
      const text = await answer.body.text();
      throw new UnavailableError(
        `The relay at ${this.base} refused to create a channel (${answer.statusCode}: ${text.slice(0, 200)}). Is it a winesitting-hooks relay?`,
      );
    }
    const created = (await answer.body.json()) as { id: string; token: string; webhookUrl: string };
    return { ...created, lastEventId: 0 };
  }

  /** The channel's SSE stream after `lastEventId`; throws ChannelGoneError on 401/404, an Error on any other refusal. */
  async openStream(channel: RememberedChannel, signal: AbortSignal): Promise<Dispatcher.ResponseData['body']> {
    const answer = await request(`${this.base}/c/${channel.id}/events`, {
      method: 'GET',
      dispatcher: this.agent,
      signal,
      headers: { authorization: `Bearer ${channel.token}`, accept: 'text/event-stream', 'last-event-id': String(channel.lastEventId) },
      headersTimeout: 10_000,
      bodyTimeout: 0,
    });
    if (answer.statusCode === 404 || answer.statusCode === 401) {
      await answer.body.dump();
      throw new ChannelGoneError(`the relay no longer knows channel ${channel.id} (${answer.statusCode})`);
    }
    if (answer.statusCode !== 200) {
      const text = await answer.body.text();
      throw new Error(`the relay answered ${answer.statusCode}: ${text.slice(0, 200)}`);
    }
    return answer.body;
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}
