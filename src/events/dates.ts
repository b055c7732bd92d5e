import type { WsDate } from './schema.js';

export type DateFormat = 'object' | 'iso';
export const TIMEZONE = 'Europe/Paris';

/**
 * Paris local time without Intl: CET (+1) and CEST (+2) between the last Sundays of
 * March and October at 01:00 UTC, the EU rule in force since 1996.
 */
export function parisOffsetMinutes(epochMs: number): number {
  const year = new Date(epochMs).getUTCFullYear();
  const start = lastSundayUtc(year, 2);
  const end = lastSundayUtc(year, 9);
  return epochMs >= start && epochMs < end ? 120 : 60;
}

function lastSundayUtc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0, 1));
  return lastDay.getTime() - lastDay.getUTCDay() * 86_400_000;
}

/** A date as WineSitting sends it: API v2 date object (default) or ISO 8601 with offset. */
export function formatDate(epochMs: number, format: DateFormat = 'object'): WsDate {
  const offset = parisOffsetMinutes(epochMs);
  const local = new Date(epochMs + offset * 60_000).toISOString(); // 2024-09-09T18:05:12.000Z
  const ymd = local.slice(0, 10);
  const hms = local.slice(11, 19);
  if (format === 'iso') return `${ymd}T${hms}+0${offset / 60}:00`;
  const micro = `${local.slice(20, 23)}000`;
  return { date: `${ymd} ${hms}.${micro}`, timezone_type: 3, timezone: TIMEZONE };
}

/** A date in the shape `previous` had: ISO 8601 when it was a string, else the API v2 date object. */
export function dateLike(previous: unknown, epochMs: number): WsDate {
  return formatDate(epochMs, typeof previous === 'string' ? 'iso' : 'object');
}

/** Epoch milliseconds of a WineSitting date (object or ISO), or NaN. */
export function dateToEpoch(value: unknown): number {
  if (typeof value === 'string') return Date.parse(value);
  if (typeof value === 'object' && value !== null && typeof (value as { date?: unknown }).date === 'string') {
    const text = (value as { date: string }).date;
    const asUtc = Date.parse(`${text.slice(0, 10)}T${text.slice(11, 23)}Z`);
    if (Number.isNaN(asUtc)) return NaN;
    const zone = (value as { timezone?: unknown }).timezone;
    if (zone === 'UTC' || zone === '+00:00') return asUtc;
    // Assume Paris, the only zone WineSitting is seen to use.
    return asUtc - parisOffsetMinutes(asUtc - 60 * 60_000) * 60_000;
  }
  return NaN;
}
