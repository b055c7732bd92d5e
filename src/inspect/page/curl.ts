/** `it's` → `'it'\''s'`: one word for a POSIX shell, whatever it holds. */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/**
 * A command that, run in a POSIX shell, POSTs exactly `body` with its content type. UTF-8 text
 * goes in one quoted argument; bytes a shell argument cannot carry (invalid UTF-8, a NUL byte)
 * or a body curl would read as a file name (`@…`) go through `printf` with octal escapes.
 */
export function curlCommand(url: string, contentType: string | null, body: Uint8Array): string {
  const head = `curl -sS -X POST ${shellQuote(url)}${contentType ? ` -H ${shellQuote(`content-type: ${contentType}`)}` : ''}`;
  const text = utf8Text(body);
  if (text !== null && !text.includes('\0') && !text.startsWith('@')) return `${head} --data-binary ${shellQuote(text)}`;
  return `printf ${shellQuote(printfEscape(body))} | ${head} --data-binary @-`;
}

function utf8Text(body: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    return null;
  }
}

/** Printable ASCII as itself, everything else as `\ooo`; `%` and `\` escaped for printf's format. */
function printfEscape(body: Uint8Array): string {
  let out = '';
  for (const byte of body) {
    if (byte === 0x25) out += '%%';
    else if (byte === 0x5c) out += '\\\\';
    else if (byte >= 0x20 && byte < 0x7f) out += String.fromCharCode(byte);
    else out += `\\${byte.toString(8).padStart(3, '0')}`;
  }
  return out;
}
