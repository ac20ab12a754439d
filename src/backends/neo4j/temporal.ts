/**
 * The driver's temporal values as the memory engine's (src/query/cypher/temporal), so that both
 * backends print a date, time or datetime as Neo4j's own toString() does ('12:00', not the driver's
 * '12:00:00'; '.5', not '.500000000').
 */
import { LocalDate, LocalDateTime, LocalTime, ZoneId, ZoneOffset, ZonedDateTime } from '@js-joda/core';
import neo4j from 'neo4j-driver';
import {
  CDate,
  CDateTime,
  CLocalDateTime,
  CLocalTime,
  CTime,
  type Instant,
} from '../../query/cypher/temporal/instants';

const n = (v: unknown): number => neo4j.integer.toNumber(v as number);

interface Fields {
  year?: unknown;
  month?: unknown;
  day?: unknown;
  hour?: unknown;
  minute?: unknown;
  second?: unknown;
  nanosecond?: unknown;
  timeZoneOffsetSeconds?: unknown;
  timeZoneId?: string | null;
}

const dateOf = (v: Fields) => LocalDate.of(n(v.year), n(v.month), n(v.day));
const timeOf = (v: Fields) => LocalTime.of(n(v.hour), n(v.minute), n(v.second), n(v.nanosecond));

/**
 * A driver temporal instant (Date, LocalTime, Time, LocalDateTime, DateTime) as an engine value; null
 * for anything else, and for a value past js-joda's years (±999,999), which keeps the driver's text.
 */
export function fromDriverTemporal(value: unknown): Instant | null {
  try {
    return convert(value);
  } catch {
    return null;
  }
}

function convert(value: unknown): Instant | null {
  const v = value as Fields;
  if (neo4j.isDate(value)) return new CDate(dateOf(v));
  if (neo4j.isLocalTime(value)) return new CLocalTime(timeOf(v));
  if (neo4j.isTime(value)) return new CTime(timeOf(v), ZoneOffset.ofTotalSeconds(n(v.timeZoneOffsetSeconds)));
  if (neo4j.isLocalDateTime(value)) return new CLocalDateTime(LocalDateTime.of(dateOf(v), timeOf(v)));
  if (neo4j.isDateTime(value)) {
    const local = LocalDateTime.of(dateOf(v), timeOf(v));
    const offset =
      v.timeZoneOffsetSeconds === undefined || v.timeZoneOffsetSeconds === null
        ? null
        : ZoneOffset.ofTotalSeconds(n(v.timeZoneOffsetSeconds));
    const zone = v.timeZoneId ? ZoneId.of(v.timeZoneId) : offset;
    if (!zone) return null;
    return new CDateTime(ZonedDateTime.ofLocal(local, zone, offset));
  }
  return null;
}
