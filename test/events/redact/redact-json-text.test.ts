import { describe, expect, it } from 'vitest';
import { createEvent, STATUS_NAMES, type StatusName } from '../../../src/index.js';
import { createRedactor } from '../../../src/events/redact/redact-event.js';
import { redactJsonText } from '../../../src/events/redact/redact-json-text.js';
import { formatPath, type PathSegment } from '../../../src/events/path.js';
import { leaves } from '../../helpers/leaves.js';
import { PERSONAL_PATH, realOrder } from '../../helpers/real-order.js';

const EVENTS = 1000;
/** Numbers PHP holds as floats: json_encode writes `13.0` where JSON.stringify writes `13`. */
const FLOATS = new Set(['alcohol', 'format', 'price']);

/**
 * `value` as WineSitting's PHP encoder writes it (`/` as `\/`, anything beyond ASCII as
 * `\uXXXX`, whole floats with `.0`), with where each personal string or number stands.
 */
function phpJson(value: unknown, spans: [number, number][] = [], path: PathSegment[] = [], out = { text: '' }): { text: string; spans: [number, number][] } {
  const start = out.text.length;
  if (Array.isArray(value)) {
    out.text += '[';
    value.forEach((item, index) => {
      if (index > 0) out.text += ',';
      phpJson(item, spans, [...path, index], out);
    });
    out.text += ']';
  } else if (typeof value === 'object' && value !== null) {
    out.text += '{';
    Object.entries(value).forEach(([key, item], index) => {
      out.text += `${index > 0 ? ',' : ''}${phpString(key)}:`;
      phpJson(item, spans, [...path, key], out);
    });
    out.text += '}';
  } else if (typeof value === 'string') {
    out.text += phpString(value);
  } else if (typeof value === 'number') {
    const key = path.at(-1);
    out.text += Number.isInteger(value) && typeof key === 'string' && FLOATS.has(key) ? `${value}.0` : String(value);
  } else {
    out.text += JSON.stringify(value);
  }
  if ((typeof value === 'string' || typeof value === 'number') && PERSONAL_PATH.test(formatPath(path))) spans.push([start, out.text.length]);
  return { text: out.text, spans };
}

function phpString(text: string): string {
  return JSON.stringify(text).replace(/[/\u0080-\uffff]/g, (char) => (char === '/' ? '\\/' : `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

function generated(seed: number) {
  const status: StatusName = STATUS_NAMES[seed % STATUS_NAMES.length]!;
  if (seed % 10 === 0) return createEvent({ seed, type: 'PUTAWAY' });
  return createEvent({ seed, status, operation: status === 'NEW' ? 'CREATE' : 'UPDATE', dateFormat: seed % 3 === 0 ? 'iso' : 'object' });
}

/** The redacted text is the original outside the personal spans, each of which holds one JSON string or number. */
function expectSameOutsideSpans(original: string, spans: [number, number][], redacted: string): void {
  let at = 0;
  let from = 0;
  const token = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?/y;
  for (const [start, end] of spans) {
    const outside = original.slice(from, start);
    expect(redacted.slice(at, at + outside.length)).toBe(outside);
    at += outside.length;
    token.lastIndex = at;
    expect(token.test(redacted), `a JSON value at ${at}`).toBe(true);
    at = token.lastIndex;
    from = end;
  }
  expect(redacted.slice(at)).toBe(original.slice(from));
}

describe('redactJsonText', () => {
  const redactor = createRedactor('text');

  it(`changes ${EVENTS} PHP-encoded events inside their personal values only, as the value-based redaction does`, () => {
    let replaced = 0;
    for (let seed = 1; seed <= EVENTS; seed++) {
      const event = seed % 50 === 0 ? realOrder() : generated(seed);
      const { text, spans } = phpJson(event);
      const { text: redacted, redaction } = redactJsonText(text, redactor);
      replaced += redaction.replaced.length;
      expectSameOutsideSpans(text, spans, redacted);
      const parsed: unknown = JSON.parse(redacted);
      expect(parsed).toEqual(redactor.redact(JSON.parse(text)).value);
      const nonPersonal = (value: unknown) => [...leaves(value)].filter(([path]) => !PERSONAL_PATH.test(path));
      expect(nonPersonal(parsed)).toEqual(nonPersonal(JSON.parse(text)));
    }
    expect(replaced).toBeGreaterThan(EVENTS * 3);
  });

  it('keeps escapes and floats byte for byte on a line where something is replaced', () => {
    const text =
      '{"type":"ORDER","object":{"id":1,"comment":"Chez Ren\\u00e9","tracking_url":null,"content":[{"alcohol":13.0,"price":14.50,"wine":"C\\u00f4te R\\u00f4tie","description":"1\\/2 bouteille"}]}}';
    const { text: redacted } = redactJsonText(text, redactor);
    expect(redacted).not.toContain('Ren');
    expect(redacted.replace(/"comment":"[^"]*"/, '"comment":""')).toBe(text.replace(/"comment":"[^"]*"/, '"comment":""'));
  });

  it('writes anew a text whose object has a key twice, so that the first value does not survive', () => {
    const text = '{"type":"ORDER","object":{"id":1,"comment":"Appeler Mme Roux","comment":"Appeler Mme Roux au 0612345678"}}';
    const { text: redacted } = redactJsonText(text, redactor);
    expect(redacted).not.toMatch(/Roux|0612345678/);
    expect(Object.keys((JSON.parse(redacted) as { object: object }).object)).toEqual(['id', 'comment']);
  });
});
