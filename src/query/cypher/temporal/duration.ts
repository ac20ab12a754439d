/**
 * Neo4j's DURATION: months, days, seconds and nanoseconds kept apart, as Neo4j keeps them (a month has
 * no fixed number of days, nor a day of seconds across a time-zone change). The nanoseconds are always
 * within [0, 10^9), carried into the seconds, so `PT-1.5S` is -2 seconds and 500,000,000 nanoseconds.
 * The three larger parts are Java longs in Neo4j; here bigints held to the same range.
 */
import { CypherFault } from '../errors';

const NANOS_PER_SECOND = 1_000_000_000n;
const SECONDS_PER_DAY = 86_400n;
/** Neo4j's average month, 365.2425 days / 12: for fractions of a month and for ordering. */
const AVG_SECONDS_PER_MONTH = 2_629_746n;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

const inLong = (v: bigint): boolean => v >= LONG_MIN && v <= LONG_MAX;

function overflow(message: string, at: number): CypherFault {
  return new CypherFault('CYPHER_RUNTIME', message, at);
}

/** A long as Java adds and multiplies them unchecked (the map form of duration() does): wrapped to 64 bits. */
const wrap = (v: bigint): bigint => BigInt.asIntN(64, v);

/** Java's `(long) x` of a double, refused outside a long's range as Neo4j refuses it. */
function toLong(x: number, at: number): bigint {
  if (Number.isNaN(x)) return 0n;
  if (x > 9.223372036854776e18 || x < -9.223372036854776e18) throw overflow('long overflow', at);
  return BigInt(Math.trunc(x));
}

export class CDuration {
  private constructor(
    readonly months: bigint,
    readonly days: bigint,
    readonly seconds: bigint,
    /** 0 to 999,999,999. */
    readonly nanoseconds: number,
  ) {}

  /** The duration of these parts, nanoseconds carried into seconds; refused when it overflows as in Neo4j. */
  static of(months: bigint, days: bigint, seconds: bigint, nanos: bigint, at: number): CDuration {
    let s = seconds + nanos / NANOS_PER_SECOND;
    let n = nanos % NANOS_PER_SECOND;
    if (n < 0n) {
      s -= 1n;
      n += NANOS_PER_SECOND;
    }
    // Neo4j orders durations by their average length in seconds, a long: one that has none is refused.
    if (![months, days, s].every(inLong) || !inLong(averageSeconds(months, days, s))) {
      throw overflow(
        `Invalid value for duration, will cause overflow. Value was months=${months}, days=${days}, seconds=${seconds}, nanos=${nanos}`,
        at,
      );
    }
    return new CDuration(months, days, s, Number(n));
  }

  /**
   * Fractional parts as Neo4j spreads them: the fraction of a month becomes days (of the average
   * month), of a day seconds, of a second nanoseconds; what is left below a nanosecond is dropped.
   * The double arithmetic is Neo4j's, step for step, so the same inputs give the same nanoseconds.
   */
  static approximate(months: number, days: number, seconds: number, nanos: number, at: number, sign = 1n) {
    const m = toLong(months, at);
    days += (2.629746e15 * (months - Number(m))) / 8.64e13;
    const d = toLong(days, at);
    seconds += (8.64e13 * (days - Number(d))) / 1e9;
    const s = toLong(seconds, at);
    nanos += 1e9 * (seconds - Number(s));
    const n = toLong(nanos, at);
    return CDuration.of(sign * m, sign * d, sign * s, sign * n, at);
  }

  /** `duration({days: 1.5, hours: 2})`: whole numbers added exactly, any float makes it approximate. */
  static fromMap(fields: Map<string, bigint | number>, at: number): CDuration {
    if (fields.size === 0) throw overflow('At least one temporal unit must be specified.', at);
    const f = (name: DurationField): bigint | number => fields.get(name) ?? 0n;
    if ([...fields.values()].every((v) => typeof v === 'bigint')) {
      const g = f as (name: DurationField) => bigint;
      return CDuration.of(
        wrap(wrap(g('years') * 12n) + g('months')),
        wrap(wrap(g('weeks') * 7n) + g('days')),
        wrap(wrap(wrap(g('hours') * 3600n) + wrap(g('minutes') * 60n)) + g('seconds')),
        wrap(wrap(wrap(g('milliseconds') * 1_000_000n) + wrap(g('microseconds') * 1000n)) + g('nanoseconds')),
        at,
      );
    }
    const x = (name: DurationField): number => Number(f(name));
    return CDuration.approximate(
      x('years') * 12 + x('months'),
      x('weeks') * 7 + x('days'),
      x('hours') * 3600 + x('minutes') * 60 + x('seconds'),
      x('milliseconds') * 1e6 + x('microseconds') * 1e3 + x('nanoseconds'),
      at,
    );
  }

  /** An ISO 8601 duration as Neo4j reads it, or null when the text is none; out-of-range fields throw. */
  static parse(text: string, at: number): CDuration | null {
    const g = DURATION_TEXT.exec(text)?.groups;
    if (!g) return null;
    const sign = g.sign === '-' ? -1n : 1n;
    return g.year !== undefined || g.time !== undefined
      ? parseDateForm(g, sign, at)
      : parseUnitForm(g, sign, at);
  }

  equals(other: CDuration): boolean {
    return (
      this.months === other.months &&
      this.days === other.days &&
      this.seconds === other.seconds &&
      this.nanoseconds === other.nanoseconds
    );
  }

  /** ORDER BY's order: by average length (a month of 30.436875 days), then nanoseconds, months, days, seconds. */
  orderCompare(other: CDuration): number {
    return (
      sign(
        averageSeconds(this.months, this.days, this.seconds) -
          averageSeconds(other.months, other.days, other.seconds),
      ) ||
      this.nanoseconds - other.nanoseconds ||
      sign(this.months - other.months) ||
      sign(this.days - other.days) ||
      sign(this.seconds - other.seconds)
    );
  }

  plus(other: CDuration, at: number): CDuration {
    return CDuration.of(
      this.months + other.months,
      this.days + other.days,
      this.seconds + other.seconds,
      BigInt(this.nanoseconds + other.nanoseconds),
      at,
    );
  }

  minus(other: CDuration, at: number): CDuration {
    return CDuration.of(
      this.months - other.months,
      this.days - other.days,
      this.seconds - other.seconds,
      BigInt(this.nanoseconds - other.nanoseconds),
      at,
    );
  }

  /** Each part multiplied: exactly by an integer, approximately (fractions spread down) by a float. */
  times(factor: bigint | number, at: number): CDuration {
    if (typeof factor === 'bigint') {
      return CDuration.of(
        this.months * factor,
        this.days * factor,
        this.seconds * factor,
        BigInt(this.nanoseconds) * factor,
        at,
      );
    }
    return CDuration.approximate(
      Number(this.months) * factor,
      Number(this.days) * factor,
      Number(this.seconds) * factor,
      this.nanoseconds * factor,
      at,
    );
  }

  /** Each part divided as a double, fractions spread down; an integer 0 is refused as Java's `/ by zero`. */
  dividedBy(divisor: bigint | number, at: number): CDuration {
    if (divisor === 0n) throw new CypherFault('CYPHER_RUNTIME', '/ by zero', at);
    const d = Number(divisor);
    return CDuration.approximate(
      Number(this.months) / d,
      Number(this.days) / d,
      Number(this.seconds) / d,
      this.nanoseconds / d,
      at,
    );
  }

  /** As Neo4j prints it: `P1Y2M3DT4H5M6.7S`, each unit with its own sign (`PT-1H-0.5S`), zero as `PT0S`. */
  toString(): string {
    const { months, days } = this;
    let text = 'P' + unit(months / 12n, 'Y') + unit(months % 12n, 'M') + unit(days, 'D');
    if (this.seconds !== 0n || this.nanoseconds !== 0) {
      // A negative time prints with negative parts: -2 s + 0.5 s is -1.5 s.
      const negative = this.seconds < 0n;
      let s = this.seconds;
      let n = this.nanoseconds;
      if (negative && n !== 0) {
        s += 1n;
        n -= 1_000_000_000;
      }
      text += 'T' + unit(s / 3600n, 'H') + unit((s % 3600n) / 60n, 'M');
      s %= 60n;
      if (s !== 0n || n !== 0) {
        const minus = s === 0n && negative ? '-' : '';
        text += `${minus}${s}${n === 0 ? '' : fraction(Math.abs(n))}S`;
      }
    }
    return text === 'P' ? 'PT0S' : text;
  }
}

const DURATION_FIELDS = [
  'years',
  'months',
  'weeks',
  'days',
  'hours',
  'minutes',
  'seconds',
  'milliseconds',
  'microseconds',
  'nanoseconds',
] as const;
export type DurationField = (typeof DURATION_FIELDS)[number];

/** The field a map key names (case-insensitive, as in Neo4j), or undefined. */
export function durationField(key: string): DurationField | undefined {
  const k = key.toLowerCase();
  return DURATION_FIELDS.find((f) => f === k);
}

const sign = (v: bigint): number => (v < 0n ? -1 : v > 0n ? 1 : 0);

function averageSeconds(months: bigint, days: bigint, seconds: bigint): bigint {
  return months * AVG_SECONDS_PER_MONTH + days * SECONDS_PER_DAY + seconds;
}

const unit = (v: bigint, u: string): string => (v === 0n ? '' : `${v}${u}`);

/** `.5`, `.000000001`: the nanoseconds as a decimal fraction without trailing zeros. */
const fraction = (nanos: number): string => `.${String(nanos).padStart(9, '0').replace(/0+$/, '')}`;

// The two ISO 8601 forms Neo4j reads: by units (P1Y2M3W4DT5H6M7.8S, any part signed, the last given
// part may have a fraction) and by date and time (P2012-02-02T14:37:21.545, or P20120202T143721).
const NUM = '[-+]?[0-9]+(?:[.,][0-9]+)?';
const UNIT_FORM =
  `(?:(?<years>${NUM})Y)?(?:(?<months>${NUM})M)?(?:(?<weeks>${NUM})W)?(?:(?<days>${NUM})D)?` +
  `(?<t>T(?:(?<hours>${NUM})H)?(?:(?<minutes>${NUM})M)?(?:(?<seconds>[-+]?[0-9]+)(?:[.,](?<subseconds>[0-9]{1,9}))?S)?)?`;
const DATE_FORM =
  '(?:(?<year>[0-9]{4})(?:-(?<month>[0-9]{2})-(?<day>[0-9]{2})|(?<month2>[0-9]{2})(?<day2>[0-9]{2})))?' +
  '(?<time>T(?:(?<hour2>[0-9]{2})(?:(?<minute2>[0-9]{2})(?:(?<second2>[0-9]{2})(?:[.,](?<sub2>[0-9]{1,9}))?)?)?' +
  '|(?<hour>[0-9]{2}):(?<minute>[0-9]{2})(?::(?<second>[0-9]{2})(?:[.,](?<sub>[0-9]{1,9}))?)?))?';
const DURATION_TEXT = new RegExp(`^(?<sign>[-+]?)P(?:${UNIT_FORM}|${DATE_FORM})$`, 'i');

type Groups = Record<string, string | undefined>;

/** A field's whole number, refused beyond a long as Java's parseLong refuses it. */
function whole(text: string | undefined, at: number): bigint {
  if (text === undefined) return 0n;
  const v = BigInt(text);
  if (!inLong(v)) throw overflow(`For input string: "${text}"`, at);
  return v;
}

const fractional = (text: string): number => Number(text.replace(',', '.'));
const hasFraction = (text: string | undefined): text is string => text !== undefined && /[.,]/.test(text);

function parseUnitForm(g: Groups, sign: bigint, at: number): CDuration | null {
  const { years, months, weeks, days, t } = g;
  if (
    years === undefined &&
    months === undefined &&
    weeks === undefined &&
    days === undefined &&
    t === undefined
  )
    return null;
  if (t !== undefined && t.length === 1) return null;
  // Only the last part given may have a fraction; it is spread over the smaller units.
  const after = (...rest: (string | undefined)[]) => rest.some((x) => x !== undefined);
  if (hasFraction(years)) {
    return after(months, weeks, days, t)
      ? null
      : CDuration.approximate(fractional(years) * 12, 0, 0, 0, at, sign);
  }
  const m = whole(years, at) * 12n;
  if (hasFraction(months)) {
    return after(weeks, days, t)
      ? null
      : CDuration.approximate(Number(m) + fractional(months), 0, 0, 0, at, sign);
  }
  const allMonths = m + whole(months, at);
  if (hasFraction(weeks)) {
    return after(days, t)
      ? null
      : CDuration.approximate(Number(allMonths), fractional(weeks) * 7, 0, 0, at, sign);
  }
  const d = whole(weeks, at) * 7n;
  if (hasFraction(days)) {
    return after(t)
      ? null
      : CDuration.approximate(Number(allMonths), Number(d) + fractional(days), 0, 0, at, sign);
  }
  return timePart(
    sign,
    allMonths,
    d + whole(days, at),
    [g.hours, g.minutes, g.seconds, g.subseconds],
    false,
    at,
  );
}

function parseDateForm(g: Groups, sign: bigint, at: number): CDuration | null {
  let months = 0n;
  let days = 0n;
  if (g.year !== undefined) {
    const month = g.month ?? g.month2!;
    const day = g.day ?? g.day2!;
    months = BigInt(month);
    if (months > 12n) throw new CypherFault('CYPHER_RUNTIME', `months is out of range: ${month}`, at);
    months += BigInt(g.year) * 12n;
    days = BigInt(day);
    if (days > 31n) throw new CypherFault('CYPHER_RUNTIME', `days is out of range: ${day}`, at);
  }
  if (g.time === undefined) return CDuration.of(sign * months, sign * days, 0n, 0n, at);
  const time =
    g.hour !== undefined ? [g.hour, g.minute, g.second, g.sub] : [g.hour2, g.minute2, g.second2, g.sub2];
  return timePart(sign, months, days, time, true, at);
}

/** The time part of either form: hours, minutes, seconds and a fraction of a second. */
function timePart(
  sign: bigint,
  months: bigint,
  days: bigint,
  [h, m, s, sub]: (string | undefined)[],
  dateForm: boolean,
  at: number,
): CDuration | null {
  if (!dateForm) {
    if (hasFraction(h)) {
      return m !== undefined || s !== undefined
        ? null
        : CDuration.approximate(Number(months), Number(days), fractional(h) * 3600, 0, at, sign);
    }
    if (hasFraction(m)) {
      return s !== undefined
        ? null
        : CDuration.approximate(
            Number(months),
            Number(days),
            Number(whole(h, at)) * 3600 + fractional(m) * 60,
            0,
            at,
            sign,
          );
    }
  }
  const [hours, minutes, seconds] = [whole(h, at), whole(m, at), whole(s, at)];
  if (dateForm) {
    for (const [name, v, max] of [
      ['hours', hours, 24n],
      ['minutes', minutes, 60n],
      ['seconds', seconds, 60n],
    ] as const) {
      if (v > max) throw new CypherFault('CYPHER_RUNTIME', `${name} out of range: ${v}`, at);
    }
  }
  const total = seconds + hours * 3600n + minutes * 60n;
  if (!inLong(total)) throw overflow('long overflow', at);
  let nanos = sub === undefined ? 0n : BigInt(sub.padEnd(9, '0'));
  // The fraction has the sign of the seconds it belongs to: PT-0.5S is minus half a second.
  if (s?.startsWith('-')) nanos = -nanos;
  return CDuration.of(sign * months, sign * days, sign * total, sign * nanos, at);
}

/** `d.<key>` (`d.hours`, `d.minutesOfHour`): a duration's component, or undefined when it has none of that name. */
export function durationComponent(d: CDuration, key: string): bigint | undefined {
  const { months, days, seconds } = d;
  const nanos = BigInt(d.nanoseconds);
  switch (key.toLowerCase()) {
    case 'years':
      return months / 12n;
    case 'quarters':
      return months / 3n;
    case 'months':
      return months;
    case 'quartersofyear':
      return (months / 3n) % 4n;
    case 'monthsofquarter':
      return months % 3n;
    case 'monthsofyear':
      return months % 12n;
    case 'weeks':
      return days / 7n;
    case 'days':
      return days;
    case 'daysofweek':
      return days % 7n;
    case 'hours':
      return seconds / 3600n;
    case 'minutes':
      return seconds / 60n;
    case 'minutesofhour':
      return (seconds / 60n) % 60n;
    case 'seconds':
      return seconds;
    case 'secondsofminute':
      return seconds % 60n;
    case 'milliseconds':
      return wrap(seconds * 1000n + nanos / 1_000_000n);
    case 'millisecondsofsecond':
      return nanos / 1_000_000n;
    case 'microseconds':
      return wrap(seconds * 1_000_000n + nanos / 1000n);
    case 'microsecondsofsecond':
      return nanos / 1000n;
    case 'nanoseconds':
      return wrap(seconds * NANOS_PER_SECOND + nanos);
    case 'nanosecondsofsecond':
      return nanos;
    default:
      return undefined;
  }
}
