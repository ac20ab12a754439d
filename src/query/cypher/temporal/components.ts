/** `t.year`, `t.hour`, `t.timezone`, ...: the components of temporal values, as Neo4j names them. */
import { ChronoField, IsoFields, LocalDate, LocalTime, ZoneOffset, type ZoneId } from '@js-joda/core';
import { typeError } from '../function-args';
import { typeName, type Value } from '../values';
import type { TemporalValue } from './compare';
import { CDuration, durationComponent } from './duration';
import { CDate, CDateTime, CLocalDateTime, CLocalTime, CTime } from './instants';

function dateComponent(d: LocalDate, key: string): Value | undefined {
  switch (key) {
    case 'year':
      return BigInt(d.year());
    case 'quarter':
      return BigInt(d.get(IsoFields.QUARTER_OF_YEAR));
    case 'month':
      return BigInt(d.monthValue());
    case 'week':
      return BigInt(d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    case 'weekYear':
      return BigInt(d.get(IsoFields.WEEK_BASED_YEAR));
    case 'day':
      return BigInt(d.dayOfMonth());
    case 'ordinalDay':
      return BigInt(d.dayOfYear());
    case 'weekDay':
    case 'dayOfWeek':
      return BigInt(d.dayOfWeek().value());
    case 'dayOfQuarter':
      return BigInt(d.get(IsoFields.DAY_OF_QUARTER));
  }
  return undefined;
}

function timeComponent(t: LocalTime, key: string): Value | undefined {
  switch (key) {
    case 'hour':
      return BigInt(t.hour());
    case 'minute':
      return BigInt(t.minute());
    case 'second':
      return BigInt(t.second());
    case 'millisecond':
      return BigInt(t.get(ChronoField.MILLI_OF_SECOND));
    case 'microsecond':
      return BigInt(t.get(ChronoField.MICRO_OF_SECOND));
    case 'nanosecond':
      return BigInt(t.nano());
  }
  return undefined;
}

/** timezone is the zone's name (or the offset when the value has no named zone). */
function zoneComponent(zone: ZoneId, offset: ZoneOffset, key: string): Value | undefined {
  switch (key) {
    case 'timezone':
      return zone.id();
    case 'offset':
      return offset.id();
    case 'offsetMinutes':
      return BigInt(Math.trunc(offset.totalSeconds() / 60));
    case 'offsetSeconds':
      return BigInt(offset.totalSeconds());
  }
  return undefined;
}

function component(v: TemporalValue, key: string): Value | undefined {
  if (v instanceof CDate) return dateComponent(v.date, key);
  if (v instanceof CLocalTime) return timeComponent(v.time, key);
  if (v instanceof CTime) return timeComponent(v.time, key) ?? zoneComponent(v.offset, v.offset, key);
  if (v instanceof CLocalDateTime)
    return dateComponent(v.dateTime.toLocalDate(), key) ?? timeComponent(v.dateTime.toLocalTime(), key);
  if (v instanceof CDateTime) {
    const dt = v.dateTime;
    // Whole milliseconds since the epoch; the seconds are those cut towards zero, as Neo4j's are.
    const millis = BigInt(dt.toEpochSecond()) * 1000n + BigInt(Math.floor(dt.nano() / 1e6));
    if (key === 'epochSeconds') return millis / 1000n;
    if (key === 'epochMillis') return millis;
    return (
      dateComponent(dt.toLocalDate(), key) ??
      timeComponent(dt.toLocalTime(), key) ??
      zoneComponent(dt.zone(), dt.offset(), key)
    );
  }
  if (v instanceof CDuration) return durationComponent(v, key);
  return undefined;
}

/** `v.key` for a temporal value; a name the type has no component of is an error, as in Neo4j. */
export function temporalProperty(v: TemporalValue, key: string, at: number): Value {
  const c = component(v, key);
  if (c === undefined) throw typeError(`a ${typeName(v)} has no component ${key}`, at);
  return c;
}
