/**
 * The period of a discourse network and its time windows, in whole days. A stance falls in a window when
 * every day its date can mean is inside it: `2025-08-21` in any window holding that day, `2025-08` only
 * in a window holding all of August, an open interval (`2025-08-21/..`) in none that ends.
 */
import { KgError } from '../errors';
import { isoDate, parseEdtf } from '../model/edtf';
import type { Stance } from './stances';

/** A window's first and last day (inclusive), `YYYY-MM-DD`; null: open. */
export interface Span {
  start: string | null;
  end: string | null;
}

const DAY = 86_400_000;

/** Days since 1970-01-01 of a date isoDate wrote (any year, with setUTCFullYear: Date.UTC maps 0-99 to 1900s). */
export function dayNumber(iso: string): number {
  const m = /^([+-]?)(\d+)-(\d\d)-(\d\d)$/.exec(iso)!;
  const d = new Date(0);
  d.setUTCFullYear(Number(m[2]) * (m[1] === '-' ? -1 : 1), Number(m[3]) - 1, Number(m[4]));
  return Math.round(d.getTime() / DAY);
}

export function isoDay(day: number): string {
  const d = new Date(day * DAY);
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** `--from` and `--to` as EDTF: the period starts on the first day `from` can mean, ends on the last of `to`. */
export function period(from: string | undefined, to: string | undefined): Span {
  const bound = (value: string | undefined, flag: string, side: 'from' | 'to') => {
    if (value === undefined) return null;
    const parsed = parseEdtf(value);
    if (!parsed.ok) throw new KgError('USAGE', `--${flag}: ${parsed.message}`);
    const day = parsed[side];
    if (day === null) throw new KgError('USAGE', `--${flag}: ${JSON.stringify(value)} is open at that end`);
    return day;
  };
  const span = { start: bound(from, 'from', 'from'), end: bound(to, 'to', 'to') };
  if (span.start !== null && span.end !== null && dayNumber(span.start) > dayNumber(span.end))
    throw new KgError('USAGE', `--from ${from} is after --to ${to}`);
  return span;
}

/** Whether every day of the stance's date is inside the span. */
export function within(span: Span, stance: Stance): boolean {
  if (span.start !== null && (stance.from === null || dayNumber(stance.from) < dayNumber(span.start)))
    return false;
  return !(span.end !== null && (stance.to === null || dayNumber(stance.to) > dayNumber(span.end)));
}

/**
 * The windows `window` days long, one every `step` days, from the period's start (or the first day of
 * the earliest stance) while a window starts on or before the period's end (or the last day of the
 * latest stance). No stance with a date in the period: no window.
 */
export function windows(span: Span, stances: readonly Stance[], window: number, step: number): Span[] {
  const days = (pick: (s: Stance) => string | null) =>
    stances.flatMap((s) => {
      const d = pick(s);
      return d === null ? [] : [dayNumber(d)];
    });
  const starts = days((s) => s.from);
  const ends = days((s) => s.to);
  // reduce, not Math.min(...days): a spread of 100,000 arguments overflows the stack.
  const first =
    span.start !== null
      ? dayNumber(span.start)
      : starts.length
        ? starts.reduce((a, b) => Math.min(a, b))
        : null;
  const last =
    span.end !== null ? dayNumber(span.end) : ends.length ? ends.reduce((a, b) => Math.max(a, b)) : null;
  const out: Span[] = [];
  if (first === null || last === null) return out;
  for (let day = first; day <= last; day += step)
    out.push({ start: isoDay(day), end: isoDay(day + window - 1) });
  return out;
}
