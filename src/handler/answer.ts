/** What an adapter sends back: a status and a small JSON body (WineSitting reads neither, people debugging do). */
export interface Answer {
  status: number;
  body: string;
}

export const answer = (status: number, body: Record<string, unknown>): Answer => ({ status, body: JSON.stringify(body) });

export const ACCEPTED = answer(200, { ok: true });
export const DUPLICATE = answer(200, { ok: true, duplicate: true });
export const tooLarge = (limit: number) => answer(413, { ok: false, error: `The body is larger than the handler's limit of ${limit} bytes (bodyLimit).` });
