import { describe, expect, it } from 'vitest';
import { dateLike, dateToEpoch, formatDate, parisOffsetMinutes } from '../../src/events/dates.js';

const utc = (iso: string) => Date.parse(iso);

describe('Paris dates', () => {
  it('switches to summer time at 01:00 UTC on the last Sunday of March, and back on the last Sunday of October', () => {
    expect(parisOffsetMinutes(utc('2026-03-29T00:59:59.999Z'))).toBe(60);
    expect(parisOffsetMinutes(utc('2026-03-29T01:00:00.000Z'))).toBe(120);
    expect(parisOffsetMinutes(utc('2026-10-25T00:59:59.999Z'))).toBe(120);
    expect(parisOffsetMinutes(utc('2026-10-25T01:00:00.000Z'))).toBe(60);
    // A year whose last March day is itself a Sunday.
    expect(parisOffsetMinutes(utc('2024-03-31T00:59:00Z'))).toBe(60);
    expect(parisOffsetMinutes(utc('2024-03-31T01:00:00Z'))).toBe(120);
  });

  it('writes the API v2 date object and ISO 8601 in Paris local time', () => {
    expect(formatDate(utc('2026-03-29T00:59:59.123Z'))).toEqual({ date: '2026-03-29 01:59:59.123000', timezone_type: 3, timezone: 'Europe/Paris' });
    expect(formatDate(utc('2026-03-29T01:00:00.000Z'))).toEqual({ date: '2026-03-29 03:00:00.000000', timezone_type: 3, timezone: 'Europe/Paris' });
    expect(formatDate(utc('2026-07-01T10:00:00Z'), 'iso')).toBe('2026-07-01T12:00:00+02:00');
    expect(formatDate(utc('2026-12-31T23:30:00Z'), 'iso')).toBe('2027-01-01T00:30:00+01:00');
  });

  it('reads back every quarter hour of a year to the same instant, except the repeated hour of October, read as the later one', () => {
    const mismatches: string[] = [];
    for (let t = utc('2026-01-01T00:00:00Z'); t < utc('2027-01-01T00:00:00Z'); t += 15 * 60_000) {
      if (dateToEpoch(formatDate(t)) !== t) mismatches.push(new Date(t).toISOString());
    }
    // 02:00–02:59 local happens twice on 2026-10-25: first in summer time (00:00–00:59 UTC), then in winter time.
    expect(mismatches).toEqual(['2026-10-25T00:00:00.000Z', '2026-10-25T00:15:00.000Z', '2026-10-25T00:30:00.000Z', '2026-10-25T00:45:00.000Z']);
    expect(dateToEpoch(formatDate(utc('2026-10-25T00:30:00Z')))).toBe(utc('2026-10-25T01:30:00Z'));
  });

  it('writes a date in the shape of the one it replaces: ISO for a string, else the date object', () => {
    const at = utc('2026-07-01T10:00:00Z');
    expect(dateLike('2026-06-01T09:00:00+02:00', at)).toBe('2026-07-01T12:00:00+02:00');
    expect(dateLike({ date: '2026-06-01 09:00:00.000000', timezone_type: 3, timezone: 'Europe/Paris' }, at)).toEqual(formatDate(at));
    expect(dateLike(undefined, at)).toEqual(formatDate(at));
  });

  it('reads ISO strings, UTC date objects, and nothing else', () => {
    expect(dateToEpoch('2026-07-01T12:00:00+02:00')).toBe(utc('2026-07-01T10:00:00Z'));
    expect(dateToEpoch({ date: '2026-07-01 10:00:00.000000', timezone_type: 3, timezone: 'UTC' })).toBe(utc('2026-07-01T10:00:00Z'));
    expect(dateToEpoch({ date: 'yesterday' })).toBeNaN();
    expect(dateToEpoch(42)).toBeNaN();
    expect(dateToEpoch(null)).toBeNaN();
  });
});
