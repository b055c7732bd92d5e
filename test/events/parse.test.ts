import { describe, expect, it } from 'vitest';
import { createEvent, parseEvent } from '../../src/index.js';

const good = () => structuredClone(createEvent({ seed: 5 })) as unknown as Record<string, any>;

function issuesOf(input: unknown) {
  return parseEvent(input).issues.map((i) => `${i.severity} ${i.path}: ${i.message}`);
}

describe('parseEvent', () => {
  it('accepts a generated event with no issue and returns it', () => {
    const event = good();
    const result = parseEvent(event);
    expect(result.issues).toEqual([]);
    expect(result.event).toEqual(event);
  });

  it.each([
    ['unknown extra keys in the envelope', (e: any) => (e.signature = 'abc')],
    ['unknown extra keys in the object', (e: any) => (e.object.loyalty = { tier: 'gold' })],
    ['unknown extra keys in a content line', (e: any) => (e.object.content[0].grape = 'Syrah')],
    ['an ISO 8601 envelope date (API v1)', (e: any) => (e.date = '2023-08-01T00:00:00+02:00')],
    ['a null comment', (e: any) => (e.object.comment = null)],
  ])('accepts %s without any issue', (_, change) => {
    const event = good();
    change(event);
    expect(issuesOf(event)).toEqual([]);
  });

  it.each([
    [
      'a quantity given as a string',
      (e: any) => (e.object.content[0].quantity = '24'),
      'warning object.content[0].quantity: expected integer, received string',
    ],
    ['a missing status', (e: any) => delete e.object.status, 'warning object.status: missing; expected object'],
    ['a lower-case legacy type', (e: any) => (e.type = 'order'), 'warning type: legacy value "order": WineSitting now sends "ORDER"'],
    ['the v1 getoutrequest type', (e: any) => (e.type = 'getoutrequest'), 'warning type: legacy value "getoutrequest": WineSitting now sends "ORDER"'],
    ['a date that is no date', (e: any) => (e.date = 'yesterday'), 'warning date: expected an ISO 8601 date, received "yesterday"'],
    ['a date object with a malformed date', (e: any) => (e.date = { date: '2024/09/09', timezone_type: 3, timezone: 'Europe/Paris' }), 'warning date'],
    ['an unknown status name', (e: any) => (e.object.status.name = 'LOST'), 'warning object.status.name: unknown status "LOST"'],
    ['an empty content list', (e: any) => (e.object.content = []), 'warning object.content: expected at least one content line'],
  ])('warns about %s and still returns the event', (_, change, expected) => {
    const event = good();
    change(event);
    const result = parseEvent(event);
    expect(result.event).not.toBeNull();
    expect(result.issues.map((i) => `${i.severity} ${i.path}: ${i.message}`).join('\n')).toContain(expected);
    expect(result.issues.every((i) => i.severity === 'warning')).toBe(true);
  });

  it('warns that PUTAWAY UPDATE is outside the contract', () => {
    const event = createEvent({ seed: 1, type: 'PUTAWAY', operation: 'UPDATE' });
    expect(issuesOf(event)).toEqual(['warning operation: PUTAWAY events exist only with operation CREATE; an UPDATE is outside the documented contract']);
  });

  it.each([
    ['an array', [], 'error : expected a JSON object (the event envelope), received array'],
    ['a string', 'ORDER', 'error : expected a JSON object (the event envelope), received string'],
    ['null', null, 'error : expected a JSON object (the event envelope), received null'],
    ['a missing type', { operation: 'CREATE', object: {}, date: '2024-01-01T00:00:00Z' }, 'error type: missing; expected ORDER or PUTAWAY'],
    ['an unknown type', { type: 'INVOICE', operation: 'CREATE', object: {} }, 'error type: unknown value "INVOICE"; expected ORDER or PUTAWAY'],
    ['a numeric operation', { type: 'ORDER', operation: 1, object: {} }, 'error operation: expected CREATE or UPDATE, received integer'],
    ['an object that is a list', { type: 'ORDER', operation: 'CREATE', object: [] }, 'error object: expected an object, received array'],
  ])('rejects %s', (_, input, expected) => {
    const result = parseEvent(input);
    expect(result.event).toBeNull();
    expect(issuesOf(input)).toContain(expected);
  });

  it('requires a putaway id, whose other fields are assumed and only warned about', () => {
    const result = parseEvent({ type: 'PUTAWAY', operation: 'CREATE', object: { reference: 'ARR-1' }, date: '2024-01-01T00:00:00Z' });
    expect(result.event).toBeNull();
    expect(result.issues.find((i) => i.path === 'object.id')?.severity).toBe('error');
    expect(result.issues.find((i) => i.path === 'object.warehouse')?.severity).toBe('warning');
  });

  it('does not let a __proto__ key reach any prototype', () => {
    const hostile = JSON.parse('{"type":"ORDER","operation":"CREATE","object":{"__proto__":{"polluted":true},"id":1},"__proto__":{"polluted":true}}');
    parseEvent(hostile);
    expect(({} as any).polluted).toBeUndefined();
  });

  it('survives an object nested 200,000 levels deep', () => {
    const deep = JSON.parse(`{"type":"ORDER","operation":"CREATE","object":{"id":1,"comment":${'['.repeat(200_000)}${']'.repeat(200_000)}}}`);
    const result = parseEvent(deep);
    expect(result.issues.some((i) => i.path === 'object.comment')).toBe(true);
  });

  it('caps the number of issues of one event', () => {
    const event = good();
    event.object.content = Array.from({ length: 500 }, () => ({ quantity: 'x' }));
    const result = parseEvent(event);
    expect(result.issues.length).toBeLessThanOrEqual(51);
    expect(result.issues.at(-1)?.message).toMatch(/^and \d+ more issues$/);
  });
});
