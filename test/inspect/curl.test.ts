import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { curlCommand, shellQuote } from '../../src/inspect/page/curl.js';
import { useServers } from '../helpers/http.js';

const server = useServers(afterEach);

/** Runs the command as a user pasting it in a POSIX shell would. */
function sh(command: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', command], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('curlCommand', () => {
  it('quotes a word for a POSIX shell, single quotes included', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });

  it('writes UTF-8 text as one quoted argument', () => {
    expect(curlCommand('http://127.0.0.1:1/x', 'application/json', new TextEncoder().encode(`{"a":"l'été"}`))).toBe(
      `curl -sS -X POST 'http://127.0.0.1:1/x' -H 'content-type: application/json' --data-binary '{"a":"l'\\''été"}'`,
    );
  });

  const bodies: [string, Buffer][] = [
    ['quotes, accents, an emoji, tabs and CRLF', Buffer.from(`{\r\n\t"comment" : "l'été « 🍷 » $HOME \`x\` \\\\ \\"q\\"" }  \n`)],
    ['invalid UTF-8 and a NUL byte', Buffer.from([0x7b, 0xff, 0xfe, 0x00, 0x25, 0x73, 0x5c, 0x6e, 0x27, 0x7d])],
    ['a body curl would read as a file name', Buffer.from('@/etc/passwd')],
    ['a UTF-8 byte order mark', Buffer.from('\ufeff{"type":"ORDER"}')],
    ['nothing', Buffer.alloc(0)],
  ];
  it.each(bodies)('POSTs exactly the same bytes through sh and curl: %s', async (_, body) => {
    const target = await server();
    const result = await sh(curlCommand(`${target.url}hooks?a=1&b='2'`, 'application/json; charset=utf-8', body));
    expect(result).toEqual({ code: 0, stderr: '' });
    const [received] = await target.waitFor(1);
    expect(received!.body.equals(body)).toBe(true);
    expect(received!.url).toBe(`/hooks?a=1&b='2'`);
    expect(received!.headers['content-type']).toBe('application/json; charset=utf-8');
  });
});
