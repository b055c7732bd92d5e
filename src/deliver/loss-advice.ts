import { parseUrl } from '../http/parse-url.js';
import type { DeliveryResult } from './verdict.js';

/** What a delivery that was not acknowledged says about the endpoint, as far as what to change goes. */
export type LossKind =
  'redirect' | 'auth' | 'not-found' | 'method' | 'body-limit' | 'refusal' | 'rate-limit' | 'server' | 'gateway' | 'refused' | 'timeout' | 'reset' | 'error';

export interface LossContext {
  /** Whether the endpoint acknowledged any event of the run: then a 404 is the app's answer about this event, not a wrong URL. */
  acknowledgedSome: boolean;
}

/** Also the large-order case's own advice: a 413 is the failure it looks for. */
export const BODY_LIMIT_ADVICE =
  "Raise the body size limit of your endpoint to at least 1 MB: a large order is about 300 KB (Express's default limit is 100 KB).";

export const ANSWER_FIRST_ADVICE =
  "Answer 2xx first, then do the work (queue it): WineSitting's timeout is not documented, and an event without an answer in time is lost.";

/** For answers that came, but late. */
export function slowAnswerAdvice(budget: number): string {
  return `Answer 2xx first, then do the work (queue it): WineSitting's timeout is not documented, and past ${budget} ms an event risks being lost.`;
}

/** A redirect to these is a login wall, not a moved URL. */
const LOGIN_PAGE = /log-?in|sign-?in|auth|sso|session/i;

/** Sorts a delivery by what it says about the endpoint; null when it was acknowledged. */
export function classifyLoss(result: DeliveryResult, context: LossContext): LossKind | null {
  const { status } = result;
  if (status === null) return result.cause === 'refused' || result.cause === 'timeout' || result.cause === 'reset' ? result.cause : 'error';
  if (status >= 200 && status < 300) return null;
  if (status >= 300 && status < 400) return 'redirect';
  if (status === 401 || status === 403 || status === 407) return 'auth';
  // The same URL took other events: this 404 or 405 is the app's verdict on the event ("order not found").
  if (status === 404 || status === 405 || status === 410) return context.acknowledgedSome ? 'refusal' : status === 405 ? 'method' : 'not-found';
  if (status === 413) return 'body-limit';
  if (status === 429) return 'rate-limit';
  if (status === 502 || status === 503 || status === 504) return 'gateway';
  if (status >= 500) return 'server';
  return 'refusal';
}

/** What to change, from what was observed: the same advice whichever command saw it. */
export function adviseOnLoss(result: DeliveryResult, context: LossContext): string {
  switch (classifyLoss(result, context)) {
    case null:
      return '';
    case 'redirect':
      return result.location && LOGIN_PAGE.test(result.location)
        ? 'The webhook route redirects to a login page, and WineSitting does not follow redirects nor send credentials: exempt the route from authentication (a long, secret path keeps it private).'
        : 'WineSitting does not follow redirects: configure the final URL (https, trailing slash) and keep login pages and canonical-host redirects away from the webhook route.';
    case 'auth':
      return 'The endpoint asks for credentials, and WineSitting sends no credentials (no token, cookie or signature): exempt the webhook route from authentication and CSRF checks (a long, secret path keeps it private).';
    case 'not-found':
      return "Nothing answers at this path: check the URL (path, prefix, trailing slash) against your app's webhook route.";
    case 'method':
      return 'The route does not take POST, and WineSitting POSTs every event: accept POST at this URL.';
    case 'body-limit':
      return BODY_LIMIT_ADVICE;
    case 'refusal':
      return 'Answer 2xx to every event WineSitting sends, even one you cannot handle yet (log it and move on): a refused event is lost, as WineSitting never retries.';
    case 'rate-limit':
      return 'Exempt the webhook route from rate limits: WineSitting may send many events at once, and a refused one is lost.';
    case 'server':
      return 'Your app failed on this event: look at its error log for the exception (the body above may show it); answer 2xx before work that can fail, and do that work from a queue.';
    case 'gateway':
      return "A proxy or the platform answered for your app, which was down, overloaded or too slow: check that the app runs behind it, and look at the proxy's log.";
    case 'refused':
      return `Start your endpoint (or "winesitting-hooks listen"), or fix the port in the URL: nothing listens at ${parseUrl(result.url)?.host ?? result.url}.`;
    case 'timeout':
      return ANSWER_FIRST_ADVICE;
    case 'reset':
      return 'The endpoint closed the connection without answering: look at its log for a crash, and at a proxy or body limit that drops connections instead of answering.';
    case 'error':
      return result.fix ? `${capitalize(result.fix)}.` : 'Check the URL, and that the endpoint can be reached from this machine.';
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
