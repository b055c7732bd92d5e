const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Drops a leading byte order mark, which some Windows editors write before JSON. */
export function stripBom(text: string): string;
export function stripBom(bytes: Buffer): Buffer;
export function stripBom(input: string | Buffer): string | Buffer {
  if (typeof input === 'string') return input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  return input.subarray(0, 3).equals(BOM) ? input.subarray(3) : input;
}
