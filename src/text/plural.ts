/** `1 event`, `2 events`, `0 channels`: a count with its noun. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
