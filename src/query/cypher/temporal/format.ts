/**
 * Temporal values as Neo4j 5's toString() prints them: ISO 8601 with the seconds always there and the
 * fraction cut after its last non-zero digit ('12:00:00', '12:00:30.12'), an offset as Z or ±hh:mm
 * (±hh:mm:ss), a named zone in brackets. (Java's own toString, which the TCK's tables use, drops zero
 * seconds: '12:00'.)
 */
import type { LocalDate, LocalTime, ZoneOffset, ZonedDateTime } from '@js-joda/core';

export function dateText(d: LocalDate): string {
  return d.toString();
}

export function timeText(t: LocalTime): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const nano = t.nano();
  const fraction = nano === 0 ? '' : `.${String(nano).padStart(9, '0').replace(/0+$/, '')}`;
  return `${two(t.hour())}:${two(t.minute())}:${two(t.second())}${fraction}`;
}

export function offsetText(o: ZoneOffset): string {
  return o.id();
}

export function dateTimeText(dt: ZonedDateTime): string {
  const zone = dt.zone();
  const local = `${dateText(dt.toLocalDate())}T${timeText(dt.toLocalTime())}${offsetText(dt.offset())}`;
  return zone.equals(dt.offset()) ? local : `${local}[${zone.id()}]`;
}
