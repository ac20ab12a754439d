/**
 * Temporal values from text, in every ISO 8601 form Neo4j 5 reads: calendar (2015-07-21, 20150721,
 * 2015-07, 2015), week (2015-W30-2, 2015W302, 2015-W30), ordinal (2015-202), quarter (2015-Q3-21)
 * dates; times with or without separators, a fraction of up to 9 digits after `.` or `,`, an offset
 * (Z, +01, +0100, +01:00); datetimes as date `T` time, with a named zone in brackets (the offset
 * beside it, if any, must be the zone's at that time). The patterns are
 * Neo4j's (DateValue, TimeValue, DateTimeValue); what they leave open is refused with CYPHER_RUNTIME.
 */
import {
  ChronoField,
  IsoFields,
  LocalDate,
  LocalDateTime,
  LocalTime,
  ZoneId,
  ZoneOffset,
  ZonedDateTime,
} from '@js-joda/core';
import { CypherFault } from '../errors';
import { CDate, CDateTime, CLocalDateTime, CLocalTime, CTime } from './instants';

const DATE =
  '(?:(?<sy>[0-9]{4})(?:(?<sm>[0-9]{2})(?<sd>[0-9]{2})?|W(?<sw>[0-9]{2})(?<swd>[0-9])?|Q(?<sq>[0-9])(?<sqd>[0-9]{2})?|(?<so>[0-9]{3}))' +
  '|(?<y>[0-9]{4}|[+-][0-9]{1,9})(?:-(?<m>[0-9]{1,2})(?:-(?<d>[0-9]{1,2}))?|-?W(?<w>[0-9]{1,2})(?:-(?<wd>[0-9]))?|-?Q(?<q>[0-9])(?:-(?<qd>[0-9]{1,2}))?|-(?<o>[0-9]{3}))?)';
const TIME =
  '(?:(?<h>[0-9]{1,2})(?::(?<mi>[0-9]{1,2})(?::(?<s>[0-9]{1,2})(?:[.,](?<f>[0-9]{1,9}))?)?)?' +
  '|(?<sh>[0-9]{2})(?<smi>[0-9]{2})(?:(?<ss>[0-9]{2})(?:[.,](?<sf>[0-9]{1,9}))?)?)';
// No seconds in an offset written in text (a map's timezone may have them); T and Z in either case.
const OFFSET = '(?<z>[Zz]|[+-][0-9]{2}(?::?[0-9]{2})?)';
const ZONE_NAME = '(?:\\[(?<zn>[A-Za-z0-9~._ /+-]+)\\])';

const DATE_RE = new RegExp(`^${DATE}$`);
const TIME_RE = new RegExp(`^${TIME}${OFFSET}?$`);
const DATETIME_RE = new RegExp(`^${DATE}(?:[Tt]${TIME}${OFFSET}?)?${ZONE_NAME}?$`);

type Groups = Record<string, string | undefined>;

/** Thrown for text that is no value of the type; the caller adds its position. */
export class TemporalTextError extends Error {}

function num(s: string | undefined, dflt: number): number {
  return s === undefined ? dflt : Number(s);
}

/** js-joda's exceptions (a day the month lacks, hour 25, ...) as the engine's error. */
export function guard<T>(what: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof CypherFault || e instanceof TemporalTextError) throw e;
    throw new TemporalTextError(`${what}: ${(e as Error).message.split('\n')[0]}`);
  }
}

/** The first day of ISO week `week` of the week-based year `weekYear`, moved to `dayOfWeek`. */
export function weekDate(weekYear: number, week: number, dayOfWeek: number): LocalDate {
  const jan4 = LocalDate.of(weekYear, 1, 4);
  IsoFields.WEEK_OF_WEEK_BASED_YEAR.rangeRefinedBy(jan4).checkValidValue(
    week,
    IsoFields.WEEK_OF_WEEK_BASED_YEAR,
  );
  ChronoField.DAY_OF_WEEK.checkValidValue(dayOfWeek);
  return jan4.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week).with(ChronoField.DAY_OF_WEEK, dayOfWeek);
}

/** Day `dayOfQuarter` of quarter `quarter` of `year`. */
export function quarterDate(year: number, quarter: number, dayOfQuarter: number): LocalDate {
  IsoFields.QUARTER_OF_YEAR.range().checkValidValue(quarter, IsoFields.QUARTER_OF_YEAR);
  const first = LocalDate.of(year, (quarter - 1) * 3 + 1, 1);
  IsoFields.DAY_OF_QUARTER.rangeRefinedBy(first).checkValidValue(dayOfQuarter, IsoFields.DAY_OF_QUARTER);
  return first.plusDays(dayOfQuarter - 1);
}

function dateOf(g: Groups): LocalDate {
  if (g.sy !== undefined) {
    const y = Number(g.sy);
    if (g.sw !== undefined) return weekDate(y, Number(g.sw), num(g.swd, 1));
    if (g.sq !== undefined) return quarterDate(y, Number(g.sq), num(g.sqd, 1));
    if (g.so !== undefined) return LocalDate.ofYearDay(y, Number(g.so));
    return LocalDate.of(y, Number(g.sm), num(g.sd, 1));
  }
  const y = Number(g.y);
  if (g.w !== undefined) return weekDate(y, Number(g.w), num(g.wd, 1));
  if (g.q !== undefined) return quarterDate(y, Number(g.q), num(g.qd, 1));
  if (g.o !== undefined) return LocalDate.ofYearDay(y, Number(g.o));
  return LocalDate.of(y, num(g.m, 1), num(g.d, 1));
}

function timeOf(g: Groups): LocalTime {
  const h = g.h ?? g.sh;
  if (h === undefined) return LocalTime.MIDNIGHT;
  const fraction = g.f ?? g.sf ?? '';
  return LocalTime.of(
    Number(h),
    num(g.mi ?? g.smi, 0),
    num(g.s ?? g.ss, 0),
    fraction === '' ? 0 : Number(fraction.padEnd(9, '0')),
  );
}

/** An offset as text: Z, ±hh, ±hhmm, ±hh:mm, ±hh:mm:ss. */
export function offsetOf(text: string): ZoneOffset {
  if (text === 'Z' || text === 'z') return ZoneOffset.UTC;
  const digits = text.slice(1).replace(/:/g, '');
  const [h, m, s] = [digits.slice(0, 2), digits.slice(2, 4), digits.slice(4, 6)].map((x) =>
    num(x || undefined, 0),
  );
  const sgn = text.startsWith('-') ? -1 : 1;
  return ZoneOffset.ofHoursMinutesSeconds(sgn * h!, sgn * m!, sgn * s!);
}

/** A zone: an offset (`+01:00`, `Z`) or an IANA name (`Europe/Stockholm`). */
export function zoneOf(text: string): ZoneId {
  if (/^(?:Z|[+-]\d{2}(?::?\d{2}(?::?\d{2})?)?)$/i.test(text)) return offsetOf(text);
  return guard(`unknown time zone ${JSON.stringify(text)}`, () => ZoneId.of(text));
}

function match(re: RegExp, text: string, type: string): Groups {
  const m = re.exec(text.trim());
  if (!m) throw new TemporalTextError(`${JSON.stringify(text)} is no ${type}`);
  return m.groups ?? {};
}

function parse<T>(text: string, type: string, re: RegExp, build: (g: Groups) => T): T {
  const g = match(re, text, type);
  return guard(`${JSON.stringify(text)} is no valid ${type}`, () => build(g));
}

export function parseDate(text: string): CDate {
  return parse(text, 'date', DATE_RE, (g) => new CDate(dateOf(g)));
}

export function parseLocalTime(text: string): CLocalTime {
  return parse(text, 'local time', TIME_RE, (g) => new CLocalTime(timeOf(g)));
}

/** A time; without an offset it is at `defaultZone`'s offset now. */
export function parseTime(text: string, defaultZone: () => ZoneId): CTime {
  return parse(text, 'time', TIME_RE, (g) => {
    const time = timeOf(g);
    const offset = g.z !== undefined ? offsetOf(g.z) : defaultZone().rules().offset(LocalDateTime.now());
    return new CTime(time, offset);
  });
}

export function parseLocalDateTime(text: string): CLocalDateTime {
  return parse(
    text,
    'local datetime',
    DATETIME_RE,
    (g) => new CLocalDateTime(LocalDateTime.of(dateOf(g), timeOf(g))),
  );
}

/** A datetime; a named zone wins over the offset beside it, no zone at all means `defaultZone`. */
export function parseDateTime(text: string, defaultZone: () => ZoneId): CDateTime {
  return parse(text, 'datetime', DATETIME_RE, (g) => {
    const local = LocalDateTime.of(dateOf(g), timeOf(g));
    const offset = g.z !== undefined ? offsetOf(g.z) : undefined;
    if (g.zn !== undefined) {
      const dt = ZonedDateTime.ofLocal(local, zoneOf(g.zn), offset ?? null);
      if (offset && !dt.offset().equals(offset))
        throw new TemporalTextError(`${offset.id()} is not the offset of ${g.zn} at ${local.toString()}`);
      return new CDateTime(dt);
    }
    return new CDateTime(ZonedDateTime.ofLocal(local, offset ?? defaultZone(), null));
  });
}

/** A date from the data (statement dates, published ...): null when the text is no date. */
export function dataDate(text: string): CDate | null {
  try {
    return parseDate(text);
  } catch {
    return null;
  }
}
