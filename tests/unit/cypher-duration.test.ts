/**
 * DURATION values: parsing, the map form, components, printing and arithmetic as Neo4j 5 has them.
 * Expected values were read from Neo4j 5.26 (the differential test checks the same against the server).
 */
import fc from 'fast-check';
import { CDuration, durationComponent } from '../../src/query/cypher/temporal/duration';

const parts = (d: CDuration | null) => d && [d.months, d.days, d.seconds, d.nanoseconds];
const parse = (text: string) => parts(CDuration.parse(text, 0));

test.each([
  ['P1Y2M3W4DT5H6M7.123S', [14n, 25n, 18367n, 123000000]],
  ['PT-1.5S', [0n, 0n, -2n, 500000000]],
  ['PT-0.5S', [0n, 0n, -1n, 500000000]],
  ['-PT-0.5S', [0n, 0n, 0n, 500000000]],
  ['PT1.5H', [0n, 0n, 5400n, 0]],
  ['PT1H0.5M', [0n, 0n, 3630n, 0]],
  ['-PT1H0.5M', [0n, 0n, -3630n, 0]],
  ['P1.5D', [0n, 1n, 43200n, 0]],
  ['-P1.5D', [0n, -1n, -43200n, 0]],
  ['-P1D', [0n, -1n, 0n, 0]],
  ['P1Y-2M', [10n, 0n, 0n, 0]],
  ['P1Y-2M+3W', [10n, 21n, 0n, 0]],
  ['p1d', [0n, 1n, 0n, 0]],
  ['P1,5D', [0n, 1n, 43200n, 0]],
  ['P0.5M', [0n, 15n, 18873n, 0]],
  ['P2012-02-02T14:37:21.545', [24146n, 2n, 52641n, 545000000]],
  ['P0012-02-02', [146n, 2n, 0n, 0]],
  ['P20120202T143721', [24146n, 2n, 52641n, 0]],
  ['PT24:00', [0n, 0n, 86400n, 0]],
  ['P2012-02-31', [24146n, 31n, 0n, 0]],
])('parses %s as Neo4j does', (text, expected) => {
  expect(parse(text)).toEqual(expected);
});

test.each(['P', 'PT', 'P1DT', 'PT1.1234567891S', 'P1.5Y2M', 'PT1.5H30M', '1D', 'P1S'])(
  '%s is no duration',
  (text) => {
    expect(CDuration.parse(text, 0)).toBeNull();
  },
);

test.each([
  ['P2012-13-02T14:37:21', 'months is out of range: 13'],
  ['P2012-02-32', 'days is out of range: 32'],
  ['PT25:00', 'hours out of range: 25'],
  ['P9223372036854775808D', 'For input string: "9223372036854775808"'],
])('%s is refused: %s', (text, message) => {
  expect(() => CDuration.parse(text, 0)).toThrow(message);
});

const map = (o: Record<string, number | bigint>) => CDuration.fromMap(new Map(Object.entries(o)), 0);

test.each([
  // Temporal6's examples, and fractions cascading through the average month.
  [
    { years: 12n, months: 5n, days: 14n, hours: 16n, minutes: 12n, seconds: 70n, nanoseconds: 1n },
    'P12Y5M14DT16H13M10.000000001S',
  ],
  [{ years: 12n, months: 5n, days: -14n, hours: 16n }, 'P12Y5M-14DT16H'],
  [{ minutes: 12n, seconds: -60n }, 'PT11M'],
  [{ seconds: 2n, milliseconds: -1n }, 'PT1.999S'],
  [{ seconds: -2n, milliseconds: 1n }, 'PT-1.999S'],
  [{ seconds: -2n, milliseconds: -1n }, 'PT-2.001S'],
  [{ days: 1n, milliseconds: 1n }, 'P1DT0.001S'],
  [{ days: 1n, milliseconds: -1n }, 'P1DT-0.001S'],
  [{ seconds: 60n, milliseconds: -1n }, 'PT59.999S'],
  [{ seconds: -60n, milliseconds: 1n }, 'PT-59.999S'],
  [{ seconds: -60n, milliseconds: -1n }, 'PT-1M-0.001S'],
  [{ days: 1.5, hours: 1.25 }, 'P1DT13H15M'],
  [{ years: 1.5, months: 0.5 }, 'P1Y6M15DT5H14M33S'],
  [{ months: 0.75 }, 'P22DT19H51M49.5S'],
  [{ weeks: 1.5 }, 'P10DT12H'],
  [{ days: 0.000001 }, 'PT0.0864S'],
  [{ seconds: 1.0000000005 }, 'PT1S'],
  [{ nanoseconds: 1.7 }, 'PT0.000000001S'],
  [{ months: -13n }, 'P-1Y-1M'],
  [{ hours: -23n, minutes: -59n, seconds: -59n, milliseconds: -900n }, 'PT-23H-59M-59.9S'],
  // Whole numbers are added as Java longs, unchecked: Neo4j gives P-1Y here.
  [{ years: 9223372036854775807n }, 'P-1Y'],
])('duration(%p) prints %s', (fields, text) => {
  expect(map(fields).toString()).toBe(text);
});

test('an empty map names no unit', () => {
  expect(() => map({})).toThrow('At least one temporal unit must be specified.');
});

test("components as Temporal5's duration scenario reads them", () => {
  const d = map({
    years: 1n,
    months: 4n,
    days: 10n,
    hours: 1n,
    minutes: 1n,
    seconds: 1n,
    nanoseconds: 111111111n,
  });
  const names =
    'years quarters months weeks days hours minutes seconds milliseconds microseconds nanoseconds quartersOfYear monthsOfQuarter monthsOfYear daysOfWeek minutesOfHour secondsOfMinute millisecondsOfSecond microsecondsOfSecond nanosecondsOfSecond';
  expect(names.split(' ').map((n) => durationComponent(d, n))).toEqual([
    1n,
    5n,
    16n,
    1n,
    10n,
    1n,
    61n,
    3661n,
    3661111n,
    3661111111n,
    3661111111111n,
    1n,
    1n,
    4n,
    3n,
    1n,
    1n,
    111n,
    111111n,
    111111111n,
  ]);
  // Negative time: the seconds are floored, the fraction counts up from them.
  const neg = CDuration.parse('PT-1.5S', 0)!;
  expect(
    ['seconds', 'nanosecondsOfSecond', 'milliseconds', 'secondsOfMinute'].map((n) =>
      durationComponent(neg, n),
    ),
  ).toEqual([-2n, 500000000n, -1500n, -2n]);
  expect(durationComponent(neg, 'foo')).toBeUndefined();
});

test('ORDER BY sorts durations by average length, then by their parts', () => {
  const texts = ['P1M', 'P30D', 'P31D', 'PT720H', 'P1D', 'PT24H', 'PT86400.5S', 'P-1D'];
  const sorted = texts.map((t) => CDuration.parse(t, 0)!).sort((a, b) => a.orderCompare(b));
  expect(sorted.map(String)).toEqual(['P-1D', 'PT24H', 'P1D', 'PT24H0.5S', 'PT720H', 'P30D', 'P1M', 'P31D']);
});

test('multiplication and division as Neo4j spreads the fractions', () => {
  const d = (t: string) => CDuration.parse(t, 0)!;
  expect(parts(d('P1D').times(2.5, 0))).toEqual([0n, 2n, 43200n, 0]);
  expect(parts(d('P1M').dividedBy(3n, 0))).toEqual([0n, 10n, 12582n, 0]);
  expect(parts(d('P1M').dividedBy(0.5, 0))).toEqual([2n, 0n, 0n, 0]);
  expect(parts(d('PT1S').dividedBy(3n, 0))).toEqual([0n, 0n, 0n, 333333333]);
  expect(parts(d('P1Y').times(0.1, 0))).toEqual([1n, 6n, 7549n, 200000000]);
  expect(parts(d('PT-1.5S').times(3n, 0))).toEqual([0n, 0n, -5n, 500000000]);
  expect(parts(d('P1M').times(-0.5, 0))).toEqual([0n, -15n, -18873n, 0]);
  expect(parts(d('P1D').dividedBy(0.0, 0))).toEqual([0n, 0n, 0n, 0]);
  expect(() => d('P1D').dividedBy(0n, 0)).toThrow('/ by zero');
  expect(() => d('P1D').times(9223372036854775807n, 0)).toThrow('will cause overflow');
  expect(d('P1D').minus(d('PT0.5S'), 0).toString()).toBe('P1DT-0.5S');
});

/** Durations whose average length fits a long, as every duration Neo4j keeps does. */
const durations = fc
  .tuple(
    fc.bigInt(-(10n ** 11n), 10n ** 11n),
    fc.bigInt(-(10n ** 12n), 10n ** 12n),
    fc.bigInt(-(10n ** 15n), 10n ** 15n),
    fc.integer({ min: 0, max: 999_999_999 }),
  )
  .map(([m, d, s, n]) => CDuration.of(m, d, s, BigInt(n), 0));

test('printing then parsing gives the same duration', () => {
  fc.assert(
    fc.property(durations, (d) => {
      expect(parts(CDuration.parse(d.toString(), 0))).toEqual(parts(d));
    }),
    { numRuns: 2000 },
  );
});

test('adding then subtracting a duration gives the duration back', () => {
  fc.assert(
    fc.property(durations, durations, (a, b) => {
      expect(parts(a.plus(b, 0).minus(b, 0))).toEqual(parts(a));
    }),
  );
});
