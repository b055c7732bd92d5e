import { isSuccess } from './format.js';
import type { ListItem } from './types.js';

export type MarkerKind = 'duplicate' | 'invalid' | 'warning' | 'rejected' | 'forward-failed' | 'relay' | 'hidden';

export interface Marker {
  kind: MarkerKind;
  /** What the badge says. */
  label: string;
  /** What it means, for the tooltip and screen readers. */
  title: string;
}

/** `ORDER UPDATE #109951`, or what a rejected request was. */
export function itemTitle(item: ListItem): string {
  if (item.rejected && item.type === null) return `${item.method} ${item.path}`;
  return `${item.type ?? '?'} ${item.operation ?? '?'}${item.objectId !== null ? ` #${String(item.objectId)}` : ''}`;
}

/** The object's status name (`event.object.status.name`), when the body has one. */
export function statusName(item: ListItem): string | null {
  return item.status;
}

export function errorCount(item: ListItem): number {
  return item.issues.filter((issue) => issue.severity === 'error').length;
}

/** What deserves a badge in the list and the view: problems first. */
export function itemMarkers(item: ListItem): Marker[] {
  const markers: Marker[] = [];
  if (item.rejected) markers.push({ kind: 'rejected', label: 'rejected', title: `Rejected: ${item.rejected}` });
  const errors = errorCount(item);
  const warnings = item.issues.length - errors;
  if (errors > 0) markers.push({ kind: 'invalid', label: 'invalid', title: `${errors} validation error${errors === 1 ? '' : 's'}` });
  else if (warnings > 0) markers.push({ kind: 'warning', label: `${warnings} warning${warnings === 1 ? '' : 's'}`, title: 'Valid, with warnings' });
  if (item.duplicateOf !== null)
    markers.push({ kind: 'duplicate', label: 'duplicate', title: `Duplicate of #${item.duplicateOf}: the same body was already received` });
  if (item.forward && !isSuccess(item.forward.status)) {
    const what = item.forward.status === null ? 'app unreachable' : `app ${item.forward.status}`;
    markers.push({
      kind: 'forward-failed',
      label: what,
      title: `Forwarding to ${item.forward.url} failed: ${item.forward.error ?? `answered ${item.forward.status}`}`,
    });
  }
  if (item.source === 'relay')
    markers.push({
      kind: 'relay',
      label: item.late ? 'relay · late' : 'relay',
      title: item.late ? 'Relayed after a disconnect: it waited at the relay' : 'Received through the relay',
    });
  if (!item.shown) markers.push({ kind: 'hidden', label: 'filtered', title: 'Hidden by listen --filter: acknowledged and saved, not forwarded' });
  return markers;
}
