/** Styling functions; formatters take one so they stay pure and testable with `plain`. */
export interface Paint {
  ok(text: string): string;
  fail(text: string): string;
  warn(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
  accent(text: string): string;
}

const same = (text: string) => text;
export const plain: Paint = { ok: same, fail: same, warn: same, dim: same, bold: same, accent: same };
