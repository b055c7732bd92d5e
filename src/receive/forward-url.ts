/**
 * Where a forward of a request to `path` goes: the request's path is appended to the
 * target's (`/hooks` + `/orders?x=1`). Pure, so the inspector page shows the same URL.
 */
export function forwardUrl(target: string, path: string): string {
  const base = new URL(target);
  const incoming = new URL(path, 'http://receiver.invalid');
  if (incoming.pathname !== '/') base.pathname = `${base.pathname.replace(/\/$/, '')}${incoming.pathname}`;
  if (incoming.search) base.search = base.search ? `${base.search}&${incoming.search.slice(1)}` : incoming.search;
  return base.href;
}
