/** Milliseconds and rates are shown and reported to a tenth: `12.3`. */
export function roundTenth(value: number): number {
  return Math.round(value * 10) / 10;
}
