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

export interface EventItem {
  seq: number;
  receivedAt: string;
  method: string;
  path: string;
  type: string | null;
  operation: string | null;
  objectId: number | string | null;
  valid: boolean;
  issues: Issue[];
  duplicateOf: number | null;
  changes: Change[];
  response: { status: number };
  forward: { url: string; status: number | null; ms: number; error: string | null } | null;
  file: string | null;
  raw: string | null;
  source: 'local' | 'relay';
  late: boolean;
  event: unknown;
  headers: Record<string, string | string[] | undefined>;
  rejected: string | null;
  shown: boolean;
  forwardAnswer: string | null;
  saveError?: string;
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
