import { describe, expect, it } from 'vitest';
import { createEvent, parseEvent, STATUS_NAMES, type StatusName } from '../../../src/index.js';
import { createRedactor } from '../../../src/events/redact/redact-event.js';
import { leaves, skeleton } from '../../helpers/leaves.js';
import { PERSONAL_PATH } from '../../helpers/real-order.js';

const ORDERS = 1000;

/** The generator's orders at every status, delivered or collected, created or updated; a putaway now and then. */
function generated(seed: number) {
  const status: StatusName = STATUS_NAMES[seed % STATUS_NAMES.length]!;
  if (seed % 10 === 0) return createEvent({ seed, type: 'PUTAWAY' });
  return createEvent({ seed, status, operation: status === 'NEW' ? 'CREATE' : 'UPDATE', dateFormat: seed % 3 === 0 ? 'iso' : 'object' });
}

/** The personal strings of an event, by the test's own list of personal paths; WineSitting as an author is no person. */
function personalValues(event: unknown): string[] {
  return [...leaves(event)]
    .filter(([path, value]) => PERSONAL_PATH.test(path) && typeof value === 'string' && value !== '' && value !== 'WineSitting')
    .map(([, value]) => value as string);
}

/** A personal value is gone when no personal place of the output holds it (names: nor contains it); other places are compared whole. */
function expectNoPersonalValue(input: unknown, output: unknown): void {
  const personal = personalValues(input);
  const outputs = [...leaves(output)].filter(([path]) => PERSONAL_PATH.test(path)).map(([, value]) => String(value).toLowerCase());
  const left = personal.filter((value) => {
    const wanted = value.toLowerCase();
    return /\p{L}/u.test(value) ? outputs.some((text) => text.includes(wanted)) : outputs.includes(wanted);
  });
  expect(left, 'personal values still in the output').toEqual([]);
}

function expectNonPersonalKept(input: unknown, output: unknown): void {
  const nonPersonal = (event: unknown) => [...leaves(event)].filter(([path]) => !PERSONAL_PATH.test(path));
  expect(nonPersonal(output)).toEqual(nonPersonal(input));
}

describe(`redaction of ${ORDERS} generated events`, () => {
  const redactor = createRedactor('property');

  it('keeps shape and key order, removes every personal value, and stays as valid as it was', () => {
    let replaced = 0;
    for (let seed = 1; seed <= ORDERS; seed++) {
      const input = generated(seed);
      const redaction = redactor.redact(input);
      replaced += redaction.replaced.length;
      expect(JSON.stringify(skeleton(redaction.value))).toBe(JSON.stringify(skeleton(input)));
      expectNoPersonalValue(input, redaction.value);
      expectNonPersonalKept(input, redaction.value);
      expect(parseEvent(redaction.value).issues).toEqual(parseEvent(input).issues);
      expect(redaction.unknown).toEqual([]);
    }
    // Every generated order has at least a person's name in it.
    expect(replaced).toBeGreaterThan(ORDERS * 3);
  });

  it('redacting what was already redacted keeps it valid and changes no non-personal value', () => {
    for (let seed = 1; seed <= ORDERS; seed++) {
      const input = generated(seed);
      const once = redactor.redact(input).value;
      const twice = redactor.redact(once).value;
      expect(parseEvent(twice).issues).toEqual(parseEvent(input).issues);
      expectNonPersonalKept(input, twice);
      expect(JSON.stringify(skeleton(twice))).toBe(JSON.stringify(skeleton(input)));
    }
  });
});
