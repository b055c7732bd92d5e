import { timingSafeEqual } from 'node:crypto';

/** Who may use the inspector: it shows every event received and can POST anywhere, so a web page must not reach it. */
export interface GuardOptions {
  /** The address `listen` is bound to (`127.0.0.1`, `::1`, `0.0.0.0`, `192.168.1.20`). */
  host: string;
  port: number;
  /** Required in the URL (`?token=`) or as `Authorization: Bearer`; null on a loopback address. */
  token: string | null;
}

export interface GuardedRequest {
  method: string;
  host: string | null;
  origin: string | null;
  /** `Sec-Fetch-Site` and `Sec-Fetch-Mode`, sent by browsers with every request. */
  fetchSite: string | null;
  fetchMode: string | null;
  /** The token the request carries, if any. */
  token: string | null;
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** An address bound to every interface answers to any name: only the token can tell a user from a rebound page. */
function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '';
}

/** The `Host` values this inspector answers to; null when any name reaches it (bound to every interface). */
export function allowedHosts(options: Pick<GuardOptions, 'host' | 'port'>): Set<string> | null {
  if (isWildcard(options.host)) return null;
  const bound = options.host.includes(':') ? `[${options.host}]` : options.host;
  return new Set([...LOOPBACK_NAMES, bound].map((name) => `${name}:${options.port}`.toLowerCase()));
}

/**
 * Why a request is refused (403), or null. A foreign `Host` is a DNS-rebinding page; a
 * foreign `Origin` on an action, or a cross-site fetch, is another page open in the same
 * browser; off loopback, the token proves the request comes from whoever read the start line.
 */
export function refusal(request: GuardedRequest, options: GuardOptions, hosts = allowedHosts(options)): string | null {
  const host = request.host?.toLowerCase() ?? null;
  if (hosts && (host === null || !hosts.has(host))) {
    return `Host "${request.host ?? ''}" is not this inspector's address: open it at http://${[...hosts][0]}/_inspect/ instead.`;
  }
  if (options.token !== null && !sameToken(request.token, options.token)) {
    return 'This inspector needs the token printed by listen at start: open the "Inspector:" URL it printed, token included.';
  }
  const action = request.method !== 'GET' && request.method !== 'HEAD';
  if (action && request.origin !== null && request.origin !== `http://${request.host}`) {
    return `Actions are taken from the inspector's own page only, not from ${request.origin}.`;
  }
  // Another site may link to the page (a navigation), but not act or read the API from its own scripts or tags.
  if (request.fetchSite === 'cross-site' && (action || request.fetchMode !== 'navigate')) return 'The inspector answers its own page only, not another site.';
  return null;
}

function sameToken(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
