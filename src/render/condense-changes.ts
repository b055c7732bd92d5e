import type { Change } from '../events/diff.js';

/**
 * A status object changes as a whole: show `status NEW → PROCESSING`, not its three fields.
 * Pure, so the terminal and the inspector page condense alike.
 */
export function condenseChanges(changes: Change[]): (Change & { text?: string })[] {
  const out: (Change & { text?: string })[] = [];
  const names = new Map(changes.filter((c) => c.path.endsWith('status.name')).map((c) => [c.path.slice(0, -'.name'.length), c]));
  for (const change of changes) {
    const owner = change.path.replace(/\.(value|name|label)$/, '');
    const named = names.get(owner);
    if (named && owner !== change.path) {
      if (change === named) out.push({ ...change, path: owner, text: `${String(change.from)} → ${String(change.to)}` });
      continue;
    }
    out.push(change);
  }
  return out;
}
