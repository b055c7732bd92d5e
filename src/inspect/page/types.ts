/** The inspector API's JSON, as `listen` serves it under `/_inspect/api/` (see SPEC.md, "The inspector"). */

export interface Issue {
  /** `object.content[0].quantity`; `''` for the whole event. */
  path: string;
  message: string;
  severity: 'error' | 'warning';
}

export interface Change {
  path: string;
  from: unknown;
  to: unknown;
}

/** What a row of the list shows (`api/stream?view=list`): the page reads the rest when it opens the event. */
export interface ListItem {
  seq: number;
  receivedAt: string;
  method: string;
  path: string;
  type: string | null;
  operation: string | null;
  objectId: number | string | null;
  /** The object's status name (`SHIPPED`), when the body has one. */
  status: string | null;
  valid: boolean;
  issues: Issue[];
  duplicateOf: number | null;
  response: { status: number };
  forward: { url: string; status: number | null; ms: number; error: string | null } | null;
  file: string | null;
  source: 'local' | 'relay';
  late: boolean;
  rejected: string | null;
  shown: boolean;
  saveError?: string;
}

/** One event, whole (`api/events/<seq>`). */
export interface EventItem extends ListItem {
  changes: Change[];
  raw: string | null;
  event: unknown;
  headers: Record<string, string | string[] | undefined>;
  forwardAnswer: string | null;
}

export interface Info {
  session: string;
  listenUrl: string;
  forwardTo: string | null;
  history: number;
}

export interface Hello {
  session: string;
  history: number;
}

/** The `send --json` result line of one resend. */
export interface ResendResult {
  url: string;
  status: number | null;
  ms: number;
  verdict: 'delivered' | 'at-risk' | 'lost';
  cause: string | null;
  body: string | null;
  error?: string;
  fix?: string;
  advice?: string;
}

export interface TextCheck {
  valid: boolean;
  issues: Issue[];
  syntax: { message: string; line: number | null; column: number | null } | null;
}
