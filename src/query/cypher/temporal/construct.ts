/**
 * Temporal instants from maps (`date({year: 1984, week: 10})`), from other temporal values
 * (`time(dt)`, `datetime({date: d, time: t, timezone: 'Europe/Stockholm'})`) and from the clock,
 * following Neo4j's builders: a base value given as `date`, `time` or `datetime` supplies what the map
 * leaves out; a zoned base keeps its zone unless `timezone` moves the value to another one.
 */
import {
  Instant as JodaInstant,
  IsoFields,
  LocalDate,
  LocalDateTime,
  LocalTime,
  ZoneOffset,
  ZonedDateTime,
  type ZoneId,
} from '@js-joda/core';
import { CypherFault } from '../errors';
import { typeName, type Value } from '../values';
import { CDate, CDateTime, CLocalDateTime, CLocalTime, CTime, type Instant } from './instants';
import { guard, quarterDate, TemporalTextError, weekDate, zoneOf } from './parse';

export type Kind = 'date' | 'localtime' | 'time' | 'localdatetime' | 'datetime';

/** Neo4j's default time zone (db.temporal.timezone): UTC. */
export const DEFAULT_ZONE: ZoneId = ZoneOffset.UTC;

const DATE_KEYS = ['year', 'month', 'day', 'week', 'dayOfWeek', 'quarter', 'dayOfQuarter', 'ordinalDay'];
const TIME_KEYS = ['hour', 'minute', 'second', 'millisecond', 'microsecond', 'nanosecond'];
const hasDate = (k: Kind) => k === 'date' || k === 'localdatetime' || k === 'datetime';
const hasTime = (k: Kind) => k !== 'date';
const zoned = (k: Kind) => k === 'time' || k === 'datetime';

function fail(message: string): never {
  throw new TemporalTextError(message);
}

/** The map's keys this kind of value takes (case as Neo4j spells them). */
function allowedKeys(kind: Kind): Set<string> {
  const keys: string[] = [];
  if (hasDate(kind)) keys.push(...DATE_KEYS, 'date');
  if (hasTime(kind)) keys.push(...TIME_KEYS, 'time');
  if (kind === 'localdatetime' || kind === 'datetime') keys.push('datetime');
  if (zoned(kind) || kind === 'date' || kind === 'localtime' || kind === 'localdatetime')
    keys.push('timezone');
  if (kind === 'datetime') keys.push('epochSeconds', 'epochMillis');
  return new Set(keys);
}

class Fields {
  constructor(private readonly map: Map<string, Value>) {}

  has(k: string): boolean {
    return this.map.has(k);
  }

  int(k: string): number | undefined {
    const v = this.map.get(k);
    if (v === undefined) return undefined;
    // Integers only: Neo4j refuses 11.0 here.
    if (typeof v === 'bigint') return Number(v);
    return fail(`${k} must be an integer, not a ${typeName(v)}`);
  }

  text(k: string): string | undefined {
    const v = this.map.get(k);
    if (v === undefined) return undefined;
    if (typeof v !== 'string') fail(`${k} must be a string, not a ${typeName(v)}`);
    return v;
  }

  temporal(k: string): Instant | undefined {
    const v = this.map.get(k);
    if (v === undefined) return undefined;
    if (
      v instanceof CDate ||
      v instanceof CLocalTime ||
      v instanceof CTime ||
      v instanceof CLocalDateTime ||
      v instanceof CDateTime
    )
      return v;
    return fail(`${k} must be a temporal value, not a ${typeName(v)}`);
  }
}

export function datePart(v: Instant | undefined): LocalDate | undefined {
  if (v instanceof CDate) return v.date;
  if (v instanceof CLocalDateTime || v instanceof CDateTime) return v.dateTime.toLocalDate();
  return undefined;
}

export function timePart(v: Instant | undefined): LocalTime | undefined {
  if (v instanceof CLocalTime || v instanceof CTime) return v.time;
  if (v instanceof CLocalDateTime || v instanceof CDateTime) return v.dateTime.toLocalTime();
  return undefined;
}

export function zonePart(v: Instant | undefined): ZoneId | undefined {
  if (v instanceof CTime) return v.offset;
  if (v instanceof CDateTime) return v.dateTime.zone();
  return undefined;
}

function buildDate(f: Fields, base: LocalDate | undefined): LocalDate {
  const year = f.int('year');
  const conflict = (keys: string[], form: string) => {
    for (const k of keys) if (f.has(k)) fail(`${k} cannot be given with a ${form} date`);
  };
  if (f.has('week') || f.has('dayOfWeek')) {
    conflict(['month', 'day', 'ordinalDay', 'quarter', 'dayOfQuarter'], 'week');
    const weekYear = year ?? base?.get(IsoFields.WEEK_BASED_YEAR) ?? fail('a week date needs year');
    const week =
      f.int('week') ?? base?.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) ?? fail('dayOfWeek needs week');
    return weekDate(weekYear, week, f.int('dayOfWeek') ?? base?.dayOfWeek().value() ?? 1);
  }
  if (f.has('ordinalDay')) {
    conflict(['month', 'day', 'quarter', 'dayOfQuarter'], 'ordinal');
    return LocalDate.ofYearDay(
      year ?? base?.year() ?? fail('an ordinal date needs year'),
      f.int('ordinalDay')!,
    );
  }
  if (f.has('quarter') || f.has('dayOfQuarter')) {
    conflict(['month', 'day'], 'quarter');
    const y = year ?? base?.year() ?? fail('a quarter date needs year');
    const q = f.int('quarter') ?? base?.get(IsoFields.QUARTER_OF_YEAR) ?? fail('dayOfQuarter needs quarter');
    return quarterDate(y, q, f.int('dayOfQuarter') ?? base?.get(IsoFields.DAY_OF_QUARTER) ?? 1);
  }
  if (!base) {
    if (year === undefined) fail('a date needs year');
    if (f.has('day') && !f.has('month')) fail('day needs month');
  }
  return LocalDate.of(
    year ?? base!.year(),
    f.int('month') ?? base?.monthValue() ?? 1,
    f.int('day') ?? base?.dayOfMonth() ?? 1,
  );
}

/** Neo4j's validNano: each sub-second field below the next larger one given. */
function nanos(f: Fields): number | undefined {
  const [ms, us, ns] = [f.int('millisecond'), f.int('microsecond'), f.int('nanosecond')];
  if (ms === undefined && us === undefined && ns === undefined) return undefined;
  const check = (name: string, v: number, limit: number) => {
    if (v < 0 || v >= limit) fail(`invalid value for ${name}: ${v}`);
  };
  check('millisecond', ms ?? 0, 1000);
  check('microsecond', us ?? 0, ms !== undefined ? 1000 : 1_000_000);
  check('nanosecond', ns ?? 0, us !== undefined ? 1000 : ms !== undefined ? 1_000_000 : 1_000_000_000);
  return (ms ?? 0) * 1_000_000 + (us ?? 0) * 1000 + (ns ?? 0);
}

function buildTime(f: Fields, base: LocalTime | undefined): LocalTime {
  const nano = nanos(f);
  if (!base) {
    const order: [string, boolean][] = [
      ['hour', f.has('hour')],
      ['minute', f.has('minute')],
      ['second', f.has('second')],
      ['millisecond, microsecond or nanosecond', nano !== undefined],
    ];
    for (let i = 1; i < order.length; i++)
      if (order[i]![1] && !order[i - 1]![1]) fail(`${order[i]![0]} needs ${order[i - 1]![0]}`);
  }
  return LocalTime.of(
    f.int('hour') ?? base?.hour() ?? 0,
    f.int('minute') ?? base?.minute() ?? 0,
    f.int('second') ?? base?.second() ?? 0,
    nano ?? base?.nano() ?? 0,
  );
}

/** The clock, fixed for the length of one synchronous run (a statement sees one time, as in Neo4j). */
let frozen: JodaInstant | null = null;
export function statementClock(): JodaInstant {
  if (frozen === null) {
    frozen = JodaInstant.ofEpochMilli(Date.now());
    queueMicrotask(() => (frozen = null));
  }
  return frozen;
}

/** The current value of a kind in a zone; `realtime` reads the clock afresh. */
export function now(kind: Kind, zone: ZoneId, realtime = false): Instant {
  const instant = realtime ? JodaInstant.ofEpochMilli(Date.now()) : statementClock();
  return ofZoned(kind, ZonedDateTime.ofInstant(instant, zone));
}

/** The kind's view of a zoned datetime. */
export function ofZoned(kind: Kind, dt: ZonedDateTime): Instant {
  switch (kind) {
    case 'date':
      return new CDate(dt.toLocalDate());
    case 'localtime':
      return new CLocalTime(dt.toLocalTime());
    case 'time':
      return new CTime(dt.toLocalTime(), dt.offset());
    case 'localdatetime':
      return new CLocalDateTime(dt.toLocalDateTime());
    case 'datetime':
      return new CDateTime(dt);
  }
}

function fromEpoch(f: Fields): Instant {
  const zone = f.text('timezone') !== undefined ? zoneOf(f.text('timezone')!) : DEFAULT_ZONE;
  const millis = f.int('epochMillis');
  const seconds = f.int('epochSeconds');
  const instant =
    millis !== undefined
      ? JodaInstant.ofEpochMilli(millis).plusNanos(nanos(f) ?? 0)
      : JodaInstant.ofEpochSecond(seconds!, nanos(f) ?? 0);
  return new CDateTime(ZonedDateTime.ofInstant(instant, zone));
}

export function buildFromMap(kind: Kind, map: Map<string, Value>): Instant {
  const allowed = allowedKeys(kind);
  for (const k of map.keys()) if (!allowed.has(k)) fail(`${kind}() takes no field ${k}`);
  const f = new Fields(map);
  const tz = f.text('timezone');
  if (map.size === 0) fail(`${kind}() needs at least one field`);
  if (tz !== undefined && map.size === 1) return now(kind, zoneOf(tz));
  if (f.has('epochSeconds') || f.has('epochMillis')) return fromEpoch(f);
  const whole = f.temporal('datetime');
  const dateBase = datePart(f.temporal('date') ?? whole);
  const timeSource = f.temporal('time') ?? whole;
  if (f.has('datetime') && (!dateBase || !timePart(whole)))
    fail('datetime must be a datetime or local datetime');
  const date = hasDate(kind) ? buildDate(f, dateBase) : undefined;
  const time = hasTime(kind) ? buildTime(f, timePart(timeSource)) : undefined;
  if (kind === 'date') return new CDate(date!);
  if (kind === 'localtime') return new CLocalTime(time!);
  if (kind === 'localdatetime') return new CLocalDateTime(LocalDateTime.of(date!, time!));
  // Zoned: in the base's zone, moved to the map's timezone; else in the map's timezone (or the default).
  const baseZone = zonePart(timeSource);
  const target = tz === undefined ? undefined : zoneOf(tz);
  const localDate = date ?? LocalDate.now(baseZone ?? target ?? DEFAULT_ZONE);
  let dt = ZonedDateTime.ofLocal(
    LocalDateTime.of(localDate, time!),
    baseZone ?? target ?? DEFAULT_ZONE,
    null,
  );
  if (baseZone && target) dt = dt.withZoneSameInstant(target);
  if (kind === 'time') return new CTime(dt.toLocalTime(), dt.offset());
  return new CDateTime(dt);
}

/** `kind(map)`. */
export function fromMap(kind: Kind, map: Map<string, Value>, at: number): Instant {
  return positioned(at, () => buildFromMap(kind, map));
}

/** `kind(other)`: the parts of another temporal value this kind has; zoneless ones take the default zone. */
export function fromTemporal(kind: Kind, v: Instant, at: number): Instant {
  return positioned(at, () => {
    const key = hasDate(kind) && hasTime(kind) ? 'datetime' : hasDate(kind) ? 'date' : 'time';
    if (hasDate(kind) && !datePart(v)) fail(`${kind}() cannot take the date of a ${typeName(v)}`);
    if (hasTime(kind) && !timePart(v)) fail(`${kind}() cannot take the time of a ${typeName(v)}`);
    return buildFromMap(kind, new Map([[key, v]]));
  });
}

/** Runs a builder, turning its (and js-joda's) errors into the engine's runtime error at `at`. */
export function positioned<T>(at: number, f: () => T): T {
  try {
    return guard('invalid temporal value', f);
  } catch (e) {
    if (e instanceof TemporalTextError) throw new CypherFault('CYPHER_RUNTIME', e.message, at);
    throw e;
  }
}
