import type { RelayActivity } from '../relay/protocol.js';
import { plural } from '../text/plural.js';
import { jsonLine } from './json-line.js';
import type { Paint } from './paint.js';
import { formatDuration } from '../time/duration.js';

/** `relay`'s reporter: one line per thing that happened to a channel. */
export type RelayActivityReporter = (activity: RelayActivity, at: Date) => string;

export function relayActivityReporter(json: boolean, paint: Paint): RelayActivityReporter {
  return json ? (activity, at) => jsonLine({ at: at.toISOString(), ...activity }) : (activity, at) => formatRelayActivity(activity, paint, at);
}

export function formatRelayActivity(activity: RelayActivity, paint: Paint, now = new Date()): string {
  const time = paint.dim(now.toTimeString().slice(0, 8));
  const channel = paint.accent(activity.channel.slice(0, 8));
  switch (activity.kind) {
    case 'created':
      return `${time} ${channel} channel created\n`;
    case 'expired':
      return `${time} ${channel} channel removed with its events: nobody read it for ${formatDuration(activity.idleMs)} (--channel-ttl)\n`;
    case 'stored':
      return `${time} ${channel} #${activity.seq} POST ${activity.path} ${activity.bytes} bytes stored → ${activity.subscribers ? `${activity.subscribers} listening` : paint.warn('kept until listen connects')}\n`;
    case 'refused':
      return `${time} ${channel} ${paint.fail(String(activity.status))} ${activity.reason}\n`;
    case 'subscribed':
      return `${time} ${channel} listen connected (from #${activity.from + 1}; ${activity.subscribers} listening)\n`;
    case 'unsubscribed':
      return `${time} ${channel} listen ${activity.reason} (${activity.subscribers} listening)\n`;
  }
}

export interface RelayCounts {
  channelsCreated: number;
  stored: number;
  refused: number;
  connections: number;
}

export function countRelayActivity(counts: RelayCounts, activity: RelayActivity): void {
  if (activity.kind === 'created') counts.channelsCreated++;
  else if (activity.kind === 'stored') counts.stored++;
  else if (activity.kind === 'refused') counts.refused++;
  else if (activity.kind === 'subscribed') counts.connections++;
}

export function formatRelaySummary(counts: RelayCounts, paint: Paint): string {
  return `${paint.bold('Relay stopped')}: ${plural(counts.stored, 'event')} stored · ${counts.refused} refused · ${plural(counts.channelsCreated, 'channel')} created · ${plural(counts.connections, 'listen connection')}\n`;
}
