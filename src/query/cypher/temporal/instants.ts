/**
 * Neo4j 5's temporal instant types as engine values: thin wrappers around js-joda's classes, which carry
 * the ISO calendar and (with @js-joda/timezone) the IANA zone rules. The wrappers fix the type a value
 * has in Cypher (a js-joda ZonedDateTime is a ZONED DATETIME whether its zone is an offset or a region)
 * and print it as Neo4j's toString() does (format.ts).
 */
import '@js-joda/timezone';
import { LocalDate, LocalDateTime, LocalTime, ZoneOffset, ZonedDateTime } from '@js-joda/core';
import { dateText, dateTimeText, offsetText, timeText } from './format';

/** DATE. */
export class CDate {
  constructor(readonly date: LocalDate) {}

  toString(): string {
    return dateText(this.date);
  }
}

/** LOCAL TIME (`localtime()`). */
export class CLocalTime {
  constructor(readonly time: LocalTime) {}

  toString(): string {
    return timeText(this.time);
  }
}

/** ZONED TIME (`time()`): a time of day at an offset (never a named zone, as in Neo4j). */
export class CTime {
  constructor(
    readonly time: LocalTime,
    readonly offset: ZoneOffset,
  ) {}

  /** Nanoseconds since midnight UTC (may leave 0..86400e9): what times at different offsets compare by. */
  get utcNanos(): bigint {
    return BigInt(this.time.toNanoOfDay()) - BigInt(this.offset.totalSeconds()) * 1_000_000_000n;
  }

  toString(): string {
    return `${timeText(this.time)}${offsetText(this.offset)}`;
  }
}

/** LOCAL DATETIME (`localdatetime()`). */
export class CLocalDateTime {
  constructor(readonly dateTime: LocalDateTime) {}

  toString(): string {
    return `${dateText(this.dateTime.toLocalDate())}T${timeText(this.dateTime.toLocalTime())}`;
  }
}

/** ZONED DATETIME (`datetime()`): with an offset (`+01:00`, `Z`) or a named IANA zone. */
export class CDateTime {
  constructor(readonly dateTime: ZonedDateTime) {}

  toString(): string {
    return dateTimeText(this.dateTime);
  }
}

export type Instant = CDate | CLocalTime | CTime | CLocalDateTime | CDateTime;

export function isInstant(v: unknown): v is Instant {
  return (
    v instanceof CDate ||
    v instanceof CLocalTime ||
    v instanceof CTime ||
    v instanceof CLocalDateTime ||
    v instanceof CDateTime
  );
}
