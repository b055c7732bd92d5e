import { explainTlsFailure } from './tls-failure.js';

/** What a delivery means for WineSitting, which never retries and never follows a redirect. */
export type Verdict = 'delivered' | 'at-risk' | 'lost';
export type LossCause = 'status' | 'redirect' | 'timeout' | 'refused' | 'reset' | 'error';

export interface DeliveryResult {
  url: string;
  status: number | null;
  ms: number;
  verdict: Verdict;
  cause: LossCause | null;
  /** An excerpt of the answer's body when it was not 2xx. */
  body: string | null;
  /** Where a redirect pointed. */
  location: string | null;
  /** The network error, in a few words, when there was no answer. */
  error: string | null;
  /** What to change, when the error itself tells (a TLS failure): a clause that follows `error`. */
  fix: string | null;
}

export function judgeAnswer(url: string, status: number, ms: number, budget: number, body: string | null, location: string | null): DeliveryResult {
  // One literal per outcome, no spread: this runs once per event sent.
  if (status >= 200 && status < 300)
    return { url, status, ms, body: null, location: null, error: null, fix: null, verdict: ms > budget ? 'at-risk' : 'delivered', cause: null };
  const cause: LossCause = status >= 300 && status < 400 ? 'redirect' : 'status';
  return { url, status, ms, body, location, error: null, fix: null, verdict: 'lost', cause };
}

const CAUSES_BY_CODE: Record<string, LossCause> = {
  ECONNREFUSED: 'refused',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  UND_ERR_SOCKET: 'reset',
  UND_ERR_CLOSED: 'reset',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  ETIMEDOUT: 'timeout',
  ABORT_ERR: 'timeout',
};

/** Sorts a network failure into a cause; undici nests the system error in `cause`. */
export function judgeFailure(url: string, failure: unknown, ms: number): DeliveryResult {
  const result: DeliveryResult = { url, status: null, ms, verdict: 'lost', cause: 'error', body: null, location: null, error: null, fix: null };
  let detail = failure instanceof Error ? failure.message : String(failure);
  for (let current: unknown = failure, depth = 0; current && depth < 5; current = (current as { cause?: unknown }).cause, depth++) {
    const code = (current as { code?: unknown }).code;
    const name = (current as { name?: unknown }).name;
    const known = (typeof code === 'string' ? CAUSES_BY_CODE[code] : undefined) ?? (name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : undefined);
    if (known) return { ...result, cause: known, error: typeof code === 'string' ? code : String(name) };
    const reason = (current as { reason?: unknown }).reason;
    // OpenSSL's own text ("809C…:error:0A00010B:SSL routines:…") says nothing a developer can act on.
    const tls = typeof code === 'string' ? explainTlsFailure(code, typeof reason === 'string' ? reason : undefined, url) : null;
    if (tls) return { ...result, ...tls };
    const message = (current as { message?: unknown }).message;
    if (typeof code === 'string' && code !== 'UND_ERR') detail = `${code}: ${typeof message === 'string' ? message : ''}`.trim();
  }
  return { ...result, error: detail };
}

const CAUSE_WORDS: Record<Exclude<LossCause, 'error' | 'status' | 'redirect'>, string> = {
  refused: 'connection refused',
  reset: 'connection reset',
  timeout: 'timed out',
};

/** A network failure in a few words: "connection refused", "timed out", the TLS failure and its fix, or the error itself. */
export function describeNetworkError(failure: unknown, url?: string): string {
  const { cause, error, fix } = judgeFailure(url ?? '', failure, 0);
  if (cause === 'refused' || cause === 'reset' || cause === 'timeout') return CAUSE_WORDS[cause];
  return fix ? `${error ?? 'unknown error'}; ${fix}` : (error ?? 'unknown error');
}
