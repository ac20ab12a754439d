/**
 * duration.between, duration.inMonths, duration.inDays, duration.inSeconds over any two instants, as
 * Neo4j computes them: each side first takes the parts it lacks from the other (a date gets midnight,
 * a time the other's date, a zoneless value the other's zone), then the distance is counted in whole
 * months, then whole days, then nanoseconds. Seconds are counted as bigints: a distance of two billion
 * years in seconds leaves the doubles js-joda counts in.
 */
import {
  ChronoUnit,
  LocalDateTime,
  LocalTime,
  ZonedDateTime,
  ZoneOffset,
  type LocalDate,
  type ZoneId,
} from '@js-joda/core';
import { datePart, positioned, timePart, zonePart } from './construct';
import { CDuration } from './duration';
import { CDateTime, type Instant } from './instants';
import { TemporalTextError } from './parse';

const NANOS_PER_SECOND = 1_000_000_000n;
const NANOS_PER_DAY = 86_400n * NANOS_PER_SECOND;

/** An instant as its parts; `zoned` keeps a datetime's own offset (a local time in an overlap has two). */
interface Parts {
  date?: LocalDate;
  time?: LocalTime;
  zone?: ZoneId;
  zoned?: ZonedDateTime;
}

function partsOf(v: Instant): Parts {
  return {
    date: datePart(v),
    time: timePart(v),
    zone: zonePart(v),
    zoned: v instanceof CDateTime ? v.dateTime : undefined,
  };
}

type Unit = 'months' | 'days' | 'nanos';

/** Both sides with the same parts, as Neo4j's TemporalValue.until attaches them. */
function aligned(a: Parts, b: Parts, unit: Unit): [Parts, Parts] {
  const from = { ...a };
  const to = { ...b };
  if (unit === 'nanos') {
    if (!from.time) from.time = LocalTime.MIDNIGHT;
    if (!to.time) to.time = LocalTime.MIDNIGHT;
  } else if (from.time && !to.time) to.time = LocalTime.MIDNIGHT;
  else if (to.time && !from.time) from.time = LocalTime.MIDNIGHT;
  if (from.date && !to.date) to.date = from.date;
  else if (to.date && !from.date) from.date = to.date;
  if (from.zone && !to.zone) to.zone = from.zone;
  else if (to.zone && !from.zone) from.zone = to.zone;
  return [from, to];
}

function zoned(p: Parts): ZonedDateTime {
  return p.zoned ?? ZonedDateTime.of(LocalDateTime.of(p.date!, p.time!), p.zone!);
}

/** Nanoseconds since an origin that both sides of the same shape share. */
function nanosOf(p: Parts): bigint {
  if (p.date && p.zone) {
    const z = zoned(p);
    return BigInt(z.toEpochSecond()) * NANOS_PER_SECOND + BigInt(z.nano());
  }
  const ofDay = BigInt(p.time!.toNanoOfDay());
  if (p.date) return BigInt(p.date.toEpochDay()) * NANOS_PER_DAY + ofDay;
  // A time at an offset (a time has no named zone) counts from midnight UTC.
  return p.zone instanceof ZoneOffset ? ofDay - BigInt(p.zone.totalSeconds()) * NANOS_PER_SECOND : ofDay;
}

/** The distance from `a` to `b` in whole units, truncated towards zero. */
function until(a: Parts, b: Parts, unit: Unit): bigint {
  const [from, to] = aligned(a, b, unit);
  if (unit === 'nanos') return nanosOf(to) - nanosOf(from);
  const chrono = unit === 'months' ? ChronoUnit.MONTHS : ChronoUnit.DAYS;
  if (!from.date) throw new TemporalTextError(`Unsupported unit: ${chrono.toString()}`);
  if (from.zone) return BigInt(zoned(from).until(zoned(to), chrono));
  if (from.time)
    return BigInt(LocalDateTime.of(from.date, from.time).until(LocalDateTime.of(to.date!, to.time!), chrono));
  return BigInt(from.date.until(to.date!, chrono));
}

/** `p` moved by whole months or days, as its own type moves (a datetime keeps its zone). */
function plus(p: Parts, amount: bigint, unit: Unit): Parts {
  if (amount === 0n) return p;
  const chrono = unit === 'months' ? ChronoUnit.MONTHS : ChronoUnit.DAYS;
  if (p.zoned) {
    const z = p.zoned.plus(Number(amount), chrono);
    return { ...p, zoned: z, date: z.toLocalDate(), time: z.toLocalTime() };
  }
  return { ...p, date: p.date!.plus(Number(amount), chrono) };
}

function split(nanos: bigint, at: number, months = 0n, days = 0n): CDuration {
  return CDuration.of(months, days, nanos / NANOS_PER_SECOND, nanos % NANOS_PER_SECOND, at);
}

/** `duration.between(a, b)`: whole months, then whole days (when both have dates), then the rest. */
export function between(a: Instant, b: Instant, at: number): CDuration {
  return positioned(at, () => {
    let from = partsOf(a);
    const to = partsOf(b);
    let months = 0n;
    let days = 0n;
    if (from.date && to.date) {
      months = until(from, to, 'months');
      from = plus(from, months, 'months');
      days = until(from, to, 'days');
      from = plus(from, days, 'days');
    }
    return split(until(from, to, 'nanos'), at, months, days);
  });
}

export function inMonths(a: Instant, b: Instant, at: number): CDuration {
  return positioned(at, () => CDuration.of(until(partsOf(a), partsOf(b), 'months'), 0n, 0n, 0n, at));
}

export function inDays(a: Instant, b: Instant, at: number): CDuration {
  return positioned(at, () => CDuration.of(0n, until(partsOf(a), partsOf(b), 'days'), 0n, 0n, at));
}

/**
 * `duration.inSeconds(a, b)`: whole seconds, and the nanoseconds of the two sides' own fractions,
 * their sign set by the seconds (or, within one second, by which second of the minute comes first).
 */
export function inSeconds(a: Instant, b: Instant, at: number): CDuration {
  return positioned(at, () => {
    let from = partsOf(a);
    let to = partsOf(b);
    // Neo4j counts from the zoned side.
    const negate = from.zone !== undefined && to.zone === undefined;
    if (negate) [from, to] = [to, from];
    const seconds = until(from, to, 'nanos') / NANOS_PER_SECOND;
    let nanos = BigInt((to.time?.nano() ?? 0) - (from.time?.nano() ?? 0));
    const withinOneSecond =
      seconds === 0n &&
      from.time !== undefined &&
      to.time !== undefined &&
      from.time.second() !== to.time.second();
    if (nanos < 0n && (seconds > 0n || withinOneSecond)) nanos += NANOS_PER_SECOND;
    else if (nanos > 0n && (seconds < 0n || withinOneSecond)) nanos -= NANOS_PER_SECOND;
    return negate ? CDuration.of(0n, 0n, -seconds, -nanos, at) : CDuration.of(0n, 0n, seconds, nanos, at);
  });
}
