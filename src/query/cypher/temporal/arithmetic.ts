/**
 * Arithmetic with temporal values, as Neo4j 5 has it: instant ± duration, duration ± duration,
 * duration * number, duration / number. An instant moves by the duration's months (a month end
 * clamps: 2024-01-31 + P1M is 2024-02-29), then its days, then its seconds and nanoseconds, each only
 * when the instant has that unit: a date takes the seconds as whole days, a time ignores months and
 * days, a zoned datetime moves months and days on its local calendar and seconds on the time line.
 */
import { ChronoUnit, type Temporal } from '@js-joda/core';
import { typeError } from '../function-args';
import { typeName, type Value } from '../values';
import { positioned } from './construct';
import { CDuration } from './duration';
import { CDate, CDateTime, CLocalDateTime, CLocalTime, CTime, isInstant, type Instant } from './instants';

const SECONDS_PER_DAY = 86_400n;

/** A js-joda value moved by `sign` times the duration, unit by unit as Neo4j's DurationValue.addTo. */
function shifted<T extends Temporal>(t: T, d: CDuration, sign: bigint): T {
  const step = (x: T, amount: bigint, unit: ChronoUnit): T =>
    amount === 0n || !unit.isSupportedBy(x) ? x : (x.plus(Number(sign * amount), unit) as T);
  let x = step(t, d.months, ChronoUnit.MONTHS);
  x = step(x, d.days, ChronoUnit.DAYS);
  if (ChronoUnit.SECONDS.isSupportedBy(x)) {
    // A time of day comes round every day: whole days of seconds (beyond a double's integers) drop out.
    const dateless = !ChronoUnit.DAYS.isSupportedBy(x);
    x = step(x, dateless ? d.seconds % SECONDS_PER_DAY : d.seconds, ChronoUnit.SECONDS);
  } else x = step(x, d.seconds / SECONDS_PER_DAY, ChronoUnit.DAYS);
  return step(x, BigInt(d.nanoseconds), ChronoUnit.NANOS);
}

function shift(v: Instant, d: CDuration, sign: bigint, at: number): Instant {
  return positioned(at, () => {
    if (v instanceof CDate) return new CDate(shifted(v.date, d, sign));
    if (v instanceof CLocalTime) return new CLocalTime(shifted(v.time, d, sign));
    if (v instanceof CTime) return new CTime(shifted(v.time, d, sign), v.offset);
    if (v instanceof CLocalDateTime) return new CLocalDateTime(shifted(v.dateTime, d, sign));
    return new CDateTime(shifted(v.dateTime, d, sign));
  });
}

const isNumber = (v: Value): v is bigint | number => typeof v === 'bigint' || typeof v === 'number';

/** `a op b` where either side is a temporal value (neither is null). */
export function temporalArithmetic(op: string, a: Value, b: Value, at: number): Value {
  if (a instanceof CDuration) {
    if (b instanceof CDuration) {
      if (op === '+') return a.plus(b, at);
      if (op === '-') return a.minus(b, at);
    }
    if (op === '+' && isInstant(b)) return shift(b, a, 1n, at);
    if (op === '*' && isNumber(b)) return a.times(b, at);
    if (op === '/' && isNumber(b)) return a.dividedBy(b, at);
  } else if (b instanceof CDuration) {
    if (isInstant(a) && (op === '+' || op === '-')) return shift(a, b, op === '+' ? 1n : -1n, at);
    if (op === '*' && isNumber(a)) return b.times(a, at);
  }
  throw typeError(`cannot apply ${op} to a ${typeName(a)} and a ${typeName(b)}`, at);
}
