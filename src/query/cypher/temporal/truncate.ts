/**
 * `<kind>.truncate(unit, value[, fields])`: the value cut down to the start of its millennium ... its
 * microsecond, then the fields of the map set (sub-second fields add to what the cut kept, as in Neo4j);
 * a `timezone` in the map puts the cut local value in that zone rather than moving it there.
 */
import { IsoFields, LocalDate, LocalDateTime, LocalTime, ZonedDateTime, type ZoneId } from '@js-joda/core';
import type { Value } from '../values';
import {
  buildFromMap,
  datePart,
  DEFAULT_ZONE,
  ofZoned,
  positioned,
  timePart,
  zonePart,
  type Kind,
} from './construct';
import type { Instant } from './instants';
import { TemporalTextError, weekDate, zoneOf } from './parse';

const DATE_UNITS = ['millennium', 'century', 'decade', 'year', 'weekYear', 'quarter', 'month', 'week', 'day'];
const TIME_UNITS = ['day', 'hour', 'minute', 'second', 'millisecond', 'microsecond'];
const SUB_SECOND: [string, number][] = [
  ['millisecond', 1_000_000],
  ['microsecond', 1000],
  ['nanosecond', 1],
];

function fail(message: string): never {
  throw new TemporalTextError(message);
}

function truncateDate(d: LocalDate, unit: string): LocalDate {
  const y = d.year();
  const floor = (n: number) => y - (((y % n) + n) % n);
  switch (unit) {
    case 'millennium':
      return LocalDate.of(floor(1000), 1, 1);
    case 'century':
      return LocalDate.of(floor(100), 1, 1);
    case 'decade':
      return LocalDate.of(floor(10), 1, 1);
    case 'year':
      return LocalDate.of(y, 1, 1);
    case 'weekYear':
      return weekDate(d.get(IsoFields.WEEK_BASED_YEAR), 1, 1);
    case 'quarter':
      return LocalDate.of(y, (d.get(IsoFields.QUARTER_OF_YEAR) - 1) * 3 + 1, 1);
    case 'month':
      return d.withDayOfMonth(1);
    case 'week':
      return d.minusDays(d.dayOfWeek().value() - 1);
    default:
      return d;
  }
}

function truncateTime(t: LocalTime, unit: string): LocalTime {
  switch (unit) {
    case 'day':
      return LocalTime.MIDNIGHT;
    case 'hour':
      return LocalTime.of(t.hour());
    case 'minute':
      return LocalTime.of(t.hour(), t.minute());
    case 'second':
      return t.withNano(0);
    case 'millisecond':
      return t.withNano(t.nano() - (t.nano() % 1_000_000));
    case 'microsecond':
      return t.withNano(t.nano() - (t.nano() % 1000));
    default:
      return t;
  }
}

function cut(kind: Kind, unit: string, v: Instant, zone: ZoneId | undefined): Instant {
  const hasDate = kind === 'date' || kind === 'localdatetime' || kind === 'datetime';
  const units = hasDate ? DATE_UNITS.concat(kind === 'date' ? [] : TIME_UNITS) : TIME_UNITS;
  if (!units.includes(unit)) fail(`${kind}.truncate() cannot truncate to ${JSON.stringify(unit)}`);
  const date = datePart(v);
  const time = timePart(v);
  if (hasDate && !date) fail(`${kind}.truncate() needs a value with a date`);
  if (!hasDate && !time) fail(`${kind}.truncate() needs a value with a time`);
  const d = date ? truncateDate(date, unit) : LocalDate.now(DEFAULT_ZONE);
  const t = DATE_UNITS.includes(unit) ? LocalTime.MIDNIGHT : truncateTime(time!, unit);
  const z = zone ?? zonePart(v) ?? DEFAULT_ZONE;
  return ofZoned(kind, ZonedDateTime.ofLocal(LocalDateTime.of(d, t), z, null));
}

/** `<kind>.truncate(unit, value, fields)`. */
export function truncate(
  kind: Kind,
  unit: string,
  v: Instant,
  fields: Map<string, Value>,
  at: number,
): Instant {
  return positioned(at, () => {
    const tz = fields.get('timezone');
    if (tz !== undefined && typeof tz !== 'string') fail('timezone must be a string');
    const truncated = cut(kind, unit, v, tz === undefined ? undefined : zoneOf(tz));
    const rest = new Map([...fields].filter(([k]) => k !== 'timezone'));
    if (rest.size === 0) return truncated;
    const extra = SUB_SECOND.filter(([k]) => rest.has(k));
    if (extra.length > 0) {
      let nano = BigInt(timePart(truncated)!.nano());
      for (const [k, scale] of extra) {
        const x = rest.get(k)!;
        if (typeof x !== 'bigint') fail(`${k} must be an integer`);
        nano += x * BigInt(scale);
        rest.delete(k);
      }
      rest.set('nanosecond', nano);
    }
    const key = kind === 'date' ? 'date' : kind === 'localtime' || kind === 'time' ? 'time' : 'datetime';
    return buildFromMap(kind, new Map([[key, truncated], ...rest]));
  });
}
