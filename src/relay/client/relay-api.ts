import { Agent, request, type Dispatcher } from 'undici';
import { describeNetworkError } from '../../deliver/verdict.js';
import { UnavailableError, UsageError } from '../../errors.js';
import type { RememberedChannel } from './client-config.js';

/** The relay no longer knows this channel (404): a new one is needed. */
export class ChannelGoneError extends Error {}

/** The relay (or a proxy in front of it) refused the token (401/403): not a reason to give the channel up. */
export class TokenRefusedError extends Error {}

/** The relay's HTTP API as `listen --relay` uses it: create a channel, open its stream. */
export class RelayApi {
  private readonly agent = new Agent({ keepAliveTimeout: 1000 });

  constructor(
    readonly base: string,
    private readonly adminToken?: string,
  ) {}

  async createChannel(): Promise<RememberedChannel> {
    let answer;
    try {
      const headers = this.adminToken ? { authorization: `Bearer ${this.adminToken}` } : {};
      answer = await request(`${this.base}/channels`, { method: 'POST', headers, dispatcher: this.agent, headersTimeout: 10_000 });
    } catch (error) {
      throw new UnavailableError(
        `Could not reach the relay at ${this.base} (${describeNetworkError(error, this.base)}). Is "winesitting-hooks relay" running there?`,
      );
    }
    if (answer.statusCode === 401) {
      await answer.body.dump();
      throw new UsageError(
        `The relay at ${this.base} needs its admin token to create a channel (401). Set WINESITTING_RELAY_ADMIN_TOKEN to the token its operator gave you${this.adminToken ? ': the one set was refused' : ''}.`,
      );
    }
    if (answer.statusCode !== 201) {
      const text = await answer.body.text();
      throw new UnavailableError(`The relay at ${this.base} refused to create a channel (${answer.statusCode}: ${text.slice(0, 200)}).`);
    }
    const created = (await answer.body.json()) as { id: string; token: string; webhookUrl: string };
    return { ...created, lastEventId: 0 };
  }

  /** The channel's SSE stream after `lastEventId`. */
  async openStream(channel: RememberedChannel, signal: AbortSignal): Promise<Dispatcher.ResponseData['body']> {
    const answer = await request(`${this.base}/c/${channel.id}/events`, {
      method: 'GET',
      dispatcher: this.agent,
      signal,
      headers: {
        authorization: `Bearer ${channel.token}`,
        accept: 'text/event-stream',
        'last-event-id': String(channel.lastEventId),
        ...(channel.epoch ? { 'x-relay-epoch': channel.epoch } : {}),
      },
      headersTimeout: 10_000,
      bodyTimeout: 0,
    });
    if (answer.statusCode === 200) return answer.body;
    const text = (await answer.body.text()).slice(0, 200);
    if (answer.statusCode === 404) throw new ChannelGoneError(`channel ${channel.id} is gone from this relay (404)`);
    if (answer.statusCode === 401 || answer.statusCode === 403) {
      throw new TokenRefusedError(`the relay refused this channel's token (${answer.statusCode}: a proxy in front of it, or another relay at this address?)`);
    }
    throw new Error(`the relay answered ${answer.statusCode}: ${text}`);
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}
