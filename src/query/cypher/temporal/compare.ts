/**
 * Equality, comparison and the sort order of temporal values, as Neo4j's value classes define them:
 * values of two temporal types are unequal and not comparable; a zoned time or datetime compares by
 * its instant first, and is equal to another only with the same local value and the same offset or zone.
 * values.ts dispatches here; DURATION's own rules come from the duration module.
 */
import { ZoneOffset } from '@js-joda/core';
import { CDuration } from './duration';
import { CDate, CDateTime, CLocalDateTime, CLocalTime, CTime } from './instants';

export type TemporalValue = CDate | CLocalTime | CTime | CLocalDateTime | CDateTime | CDuration;

export function isTemporal(v: unknown): v is TemporalValue {
  return (
    v instanceof CDate ||
    v instanceof CLocalTime ||
    v instanceof CTime ||
    v instanceof CLocalDateTime ||
    v instanceof CDateTime ||
    v instanceof CDuration
  );
}

const sign = (n: number | bigint): number => (n < 0 ? -1 : n > 0 ? 1 : 0);

/** `a = b` for two temporal values (null never reaches here). */
export function temporalEquals(a: TemporalValue, b: TemporalValue): boolean {
  if (a instanceof CDate) return b instanceof CDate && a.date.equals(b.date);
  if (a instanceof CLocalTime) return b instanceof CLocalTime && a.time.equals(b.time);
  if (a instanceof CTime) return b instanceof CTime && a.time.equals(b.time) && a.offset.equals(b.offset);
  if (a instanceof CLocalDateTime) return b instanceof CLocalDateTime && a.dateTime.equals(b.dateTime);
  if (a instanceof CDateTime) {
    if (!(b instanceof CDateTime)) return false;
    return a.dateTime.toLocalDateTime().equals(b.dateTime.toLocalDateTime()) && sameZone(a, b);
  }
  return b instanceof CDuration && a.equals(b);
}

function sameZone(a: CDateTime, b: CDateTime): boolean {
  const za = a.dateTime.zone();
  const zb = b.dateTime.zone();
  if (za instanceof ZoneOffset || zb instanceof ZoneOffset) return za.equals(zb);
  return za.id() === zb.id();
}

/** `a < b` and the like: a sign, or null when the two are not comparable (different types, durations). */
export function temporalCompare(a: TemporalValue, b: TemporalValue): number | null {
  if (a instanceof CDate && b instanceof CDate) return sign(a.date.compareTo(b.date));
  if (a instanceof CLocalTime && b instanceof CLocalTime) return sign(a.time.compareTo(b.time));
  if (a instanceof CTime && b instanceof CTime)
    return sign(a.utcNanos - b.utcNanos) || sign(a.time.compareTo(b.time));
  if (a instanceof CLocalDateTime && b instanceof CLocalDateTime)
    return sign(a.dateTime.compareTo(b.dateTime));
  if (a instanceof CDateTime && b instanceof CDateTime) return dateTimeOrder(a, b);
  // Durations have no order: equal ones compare as equal (`<=` is true), others not at all.
  if (a instanceof CDuration && b instanceof CDuration) return a.equals(b) ? 0 : null;
  return null;
}

function dateTimeOrder(a: CDateTime, b: CDateTime): number {
  const x = a.dateTime;
  const y = b.dateTime;
  const byInstant =
    sign(x.toEpochSecond() - y.toEpochSecond()) ||
    sign(x.nano() - y.nano()) ||
    sign(x.toLocalDateTime().compareTo(y.toLocalDateTime()));
  if (byInstant !== 0) return byInstant;
  // The same instant at the same local time: offsets before named zones, zones by name.
  const ao = x.zone() instanceof ZoneOffset;
  const bo = y.zone() instanceof ZoneOffset;
  if (ao !== bo) return ao ? -1 : 1;
  const ia = x.zone().id();
  const ib = y.zone().id();
  return ia < ib ? -1 : ia > ib ? 1 : 0;
}

/** The ORDER BY rank of each temporal type among themselves, as Neo4j sorts them (datetimes first). */
export function temporalRank(v: TemporalValue): number {
  if (v instanceof CDateTime) return 0;
  if (v instanceof CLocalDateTime) return 1;
  if (v instanceof CDate) return 2;
  if (v instanceof CTime) return 3;
  if (v instanceof CLocalTime) return 4;
  return 5;
}

/** ORDER BY within one temporal type (a total order; durations by their own rule). */
export function temporalOrder(a: TemporalValue, b: TemporalValue): number {
  if (a instanceof CDuration && b instanceof CDuration) return a.orderCompare(b);
  return temporalCompare(a, b) ?? 0;
}

/** A key equal for equal values (DISTINCT, grouping). */
export function temporalHashKey(v: TemporalValue): string {
  if (v instanceof CDuration) return `P${v.months}/${v.days}/${v.seconds}/${v.nanoseconds}`;
  return `${temporalRank(v)}${v.toString()}`;
}
