/**
 * DURATION as Neo4j gives it: construction, components, text, arithmetic, between, equality and order,
 * run on the memory engine and on the real Neo4j, must give the same rows (or both refuse the query).
 * A duration comes back from the driver as {months, days, seconds, nanoseconds}, printed by both
 * backends as Neo4j's own text; the `parts` columns compare the four numbers themselves. Instants are
 * returned through toString() so that only the arithmetic is under test here.
 */
import type { Neo4jConfig } from '../../src/backends/neo4j/connection';
import { sameOnBoth } from '../cypher-compare';
import { seededRandom } from '../helpers';
import { testNeo4j } from '../neo4j-helpers';

let config: Neo4jConfig;
beforeAll(() => {
  config = testNeo4j();
});

/** A duration expression's value and its four stored numbers. */
const parts = (expr: string, name: string) =>
  `${expr} AS ${name}, [(${expr}).months, (${expr}).days, (${expr}).seconds, (${expr}).nanosecondsOfSecond] AS ${name}Parts`;

const PARSING = [
  `RETURN ${parts("duration('P1Y2M3W4DT5H6M7.123S')", 'a')}, ${parts("duration('PT-1.5S')", 'b')}, ${parts("duration('PT-0.5S')", 'c')}`,
  `RETURN ${parts("duration('-PT-0.5S')", 'a')}, ${parts("duration('PT1.5H')", 'b')}, ${parts("duration('PT1H0.5M')", 'c')}`,
  `RETURN ${parts("duration('-PT1H0.5M')", 'a')}, ${parts("duration('P1.5D')", 'b')}, ${parts("duration('-P1.5D')", 'c')}`,
  `RETURN ${parts("duration('P1Y-2M+3W')", 'a')}, ${parts("duration('p1d')", 'b')}, ${parts("duration('P1,5D')", 'c')}`,
  `RETURN ${parts("duration('P0.5M')", 'a')}, ${parts("duration('P1.5Y')", 'b')}, ${parts("duration('P0.1W')", 'c')}`,
  `RETURN ${parts("duration('P2012-02-02T14:37:21.545')", 'a')}, ${parts("duration('P0012-02-02')", 'b')}, ${parts("duration('P20120202T143721')", 'c')}`,
  `RETURN ${parts("duration('PT24:00')", 'a')}, ${parts("duration('P2012-02-31')", 'b')}, ${parts("duration('-P0000-01-00T01:02:03.4')", 'c')}`,
  `RETURN ${parts("duration('PT0.000000001S')", 'a')}, ${parts("duration('PT-0.000000001S')", 'b')}, ${parts("duration('+P1D')", 'c')}`,
  `RETURN ${parts("duration('PT36H')", 'a')}, ${parts("duration('PT90M')", 'b')}, ${parts("duration('P400D')", 'c')}`,
  "RETURN duration('P') AS d",
  "RETURN duration('PT') AS d",
  "RETURN duration('P1DT') AS d",
  "RETURN duration('PT1.1234567891S') AS d",
  "RETURN duration('P1.5Y2M') AS d",
  "RETURN duration('P2012-13-02') AS d",
  "RETURN duration('PT25:00') AS d",
  "RETURN duration('1 day') AS d",
  'RETURN duration(null) AS d',
];

const MAPS = [
  `RETURN ${parts('duration({years: 12, months: 5, days: 14, hours: 16, minutes: 12, seconds: 70, nanoseconds: 1})', 'a')}`,
  `RETURN ${parts('duration({days: 1.5, hours: 1.25})', 'a')}, ${parts('duration({years: 1.5, months: 0.5})', 'b')}, ${parts('duration({months: 0.75})', 'c')}`,
  `RETURN ${parts('duration({weeks: 1.5})', 'a')}, ${parts('duration({days: 0.000001})', 'b')}, ${parts('duration({seconds: 1.0000000005})', 'c')}`,
  `RETURN ${parts('duration({nanoseconds: 1.7})', 'a')}, ${parts('duration({seconds: -1, nanoseconds: 1})', 'b')}, ${parts('duration({weeks: 1, days: -0.5})', 'c')}`,
  `RETURN ${parts('duration({Days: 1, HOURS: 2})', 'a')}, ${parts('duration({milliseconds: 1500, microseconds: -1})', 'b')}, ${parts('duration({nanoseconds: 10000000000})', 'c')}`,
  `RETURN ${parts('duration({years: 9223372036854775807})', 'a')}`,
  'RETURN duration({}) AS d',
  'RETURN duration({quarters: 1}) AS d',
  "RETURN duration({days: 'x'}) AS d",
  'RETURN duration({days: null}) AS d',
  'RETURN duration({days: 1, hours: 1e30}) AS d',
  'RETURN duration(1) AS d',
];

const COMPONENTS = [
  'WITH duration({years: 1, months: 4, days: 10, hours: 1, minutes: 1, seconds: 1, nanoseconds: 111111111}) AS d RETURN d.years, d.quarters, d.months, d.weeks, d.days, d.hours, d.minutes, d.seconds, d.milliseconds, d.microseconds, d.nanoseconds, d.quartersOfYear, d.monthsOfQuarter, d.monthsOfYear, d.daysOfWeek, d.minutesOfHour, d.secondsOfMinute, d.millisecondsOfSecond, d.microsecondsOfSecond, d.nanosecondsOfSecond',
  "WITH duration('-P1Y5M17DT25H61M61.123456789S') AS d RETURN d.years, d.quarters, d.months, d.weeks, d.days, d.hours, d.minutes, d.seconds, d.milliseconds, d.microseconds, d.nanoseconds, d.quartersOfYear, d.monthsOfQuarter, d.monthsOfYear, d.daysOfWeek, d.minutesOfHour, d.secondsOfMinute, d.millisecondsOfSecond, d.microsecondsOfSecond, d.nanosecondsOfSecond",
  "WITH duration('PT-1.5S') AS d RETURN d.seconds, d.milliseconds, d.secondsOfMinute, d.millisecondsOfSecond, d.nanoseconds",
  "RETURN duration('P1D').foo AS x",
  "RETURN duration('P1D')['days'] AS x",
];

const TEXT = [
  "RETURN toString(duration('PT-23H-59M-59.9S')) AS a, toString(duration({seconds: -60, milliseconds: -1})) AS b, toString(duration({days: 1, milliseconds: -1})) AS c, toString(duration({months: -13})) AS d, toString(duration('-PT0S')) AS e, toString(duration('PT-61M')) AS f",
  'WITH duration({years: 12, months: 5, days: -14, hours: 16}) AS d RETURN toString(d) AS t, duration(toString(d)) = d AS same',
  "RETURN 'took ' + toString(duration('PT1M30S')) AS t, toStringOrNull(duration('P1D')) AS u",
];

const ARITHMETIC = [
  `RETURN ${parts("duration('P1D') + duration({months: 1})", 'a')}, ${parts("duration('P1D') - duration('PT0.5S')", 'b')}`,
  `RETURN ${parts("duration('P1D') * 2.5", 'a')}, ${parts("duration('P1M') / 3", 'b')}, ${parts("2 * duration('P1D')", 'c')}`,
  `RETURN ${parts("duration('P1M') / 0.5", 'a')}, ${parts("duration('PT1S') / 3", 'b')}, ${parts("duration('P1Y') * 0.1", 'c')}`,
  `RETURN ${parts("duration('PT-1.5S') * 3", 'a')}, ${parts("duration('P1M') * -0.5", 'b')}, ${parts("duration('P1D') / 0.0", 'c')}`,
  `RETURN ${parts('duration({years: 12.5, months: 5.5, days: 14.5, hours: 16.5, minutes: 12.5, seconds: 70.5, nanoseconds: 3}) - duration({months: 1, days: -14, hours: 16, minutes: -12, seconds: 70})', 'a')}`,
  "RETURN duration('P1D') / 0 AS d",
  "RETURN duration('P1D') * 9223372036854775807 AS d",
  "RETURN duration('P1D') + 1 AS d",
  "RETURN 1 / duration('P1D') AS d",
  "RETURN duration('P1D') - date('2020-01-01') AS d",
  "RETURN duration('P1D') + null AS a, null * duration('P1D') AS b",
];

/** An instant's fields, so that only the arithmetic is compared, not how each backend prints instants. */
const fields = (expr: string, name: string, ...keys: string[]) =>
  `[${keys.map((k) => `(${expr}).${k}`).join(', ')}] AS ${name}`;
const TIME = ['hour', 'minute', 'second', 'nanosecond'];
const DATETIME = ['year', 'month', 'day', ...TIME];
const ZONED = [...DATETIME, 'offset', 'timezone'];

const SHIFTS = [
  "RETURN toString(date('2024-01-31') + duration('P1M')) AS a, toString(date('2024-03-31') - duration('P1M')) AS b, toString(date('2023-01-31') + duration('P1M')) AS c, toString(date('2024-02-29') + duration('P1Y')) AS d",
  "RETURN toString(date('2024-01-01') + duration('PT36H')) AS a, toString(date('2024-01-01') - duration('PT36H')) AS b, toString(date('2024-01-01') + duration('PT-1S')) AS c, toString(duration('P1D') + date('2024-01-01')) AS d",
  "RETURN toString(date('2024-01-31') + duration('P1M1D')) AS a, toString(date('2024-03-01') - duration('P1M1D')) AS b, toString(date('2024-01-01') + duration('P1D') * 0.5) AS c",
  `RETURN ${fields("localtime('10:00') + duration('P1DT1H30.5S')", 'a', ...TIME)}, ${fields("localtime('10:00') - duration('PT11H')", 'b', ...TIME)}, ${fields("localtime('10:00') + duration({hours: -25})", 'c', ...TIME)}, ${fields("localtime('23:59:59.999') + duration('PT0.002S')", 'd', ...TIME)}`,
  `RETURN ${fields("time('10:00+02:00') + duration('PT15H')", 'a', ...TIME, 'offset')}, ${fields("time('10:00Z') - duration('P1Y1D')", 'b', ...TIME, 'offset')}`,
  `RETURN ${fields("localdatetime('2024-01-31T23:30') + duration('P1MT1H')", 'a', ...DATETIME)}, ${fields("localdatetime('2024-03-31T00:00') - duration('P1M1DT0.5S')", 'b', ...DATETIME)}`,
  // Over the spring-forward gap and the autumn overlap: months and days on the calendar, seconds on the time line.
  `RETURN ${fields("datetime('2024-03-30T02:30[Europe/Stockholm]') + duration('P1D')", 'a', ...ZONED)}, ${fields("datetime('2024-03-30T02:30[Europe/Stockholm]') + duration('PT24H')", 'b', ...ZONED)}, ${fields("datetime('2024-03-31T01:30[Europe/Stockholm]') + duration('PT1H')", 'c', ...ZONED)}`,
  `RETURN ${fields("datetime('2024-10-27T01:30[Europe/Stockholm]') + duration('PT1H')", 'a', ...ZONED)}, ${fields("datetime('2024-10-27T01:30[Europe/Stockholm]') + duration('PT2H')", 'b', ...ZONED)}, ${fields("datetime('2024-10-26T02:30[Europe/Stockholm]') + duration('P1D')", 'c', ...ZONED)}`,
  `RETURN ${fields("datetime('2024-01-31T12:00+05:00') + duration('P1M')", 'a', ...ZONED)}, ${fields("datetime('2024-01-31T12:00+05:00') - duration('PT12H0.000000001S')", 'b', ...ZONED)}`,
  "RETURN date('2024-01-01') + duration('P1D') = date('2024-01-02') AS a, date('2024-01-01') < date('2024-01-01') + duration('PT23H') AS b",
];

const BETWEEN = [
  "RETURN duration.between(date('1984-10-11'), date('2015-06-24')) AS a, duration.between(date('2024-01-31'), date('2024-03-01')) AS b, duration.between(date('2024-03-31'), date('2024-02-29')) AS c",
  "RETURN duration.between(localdatetime('2024-01-31T10:00'), localdatetime('2024-03-01T09:00')) AS a, duration.between(localdatetime('2018-01-02T10:00:00.1'), localdatetime('2018-01-01T10:00:00.2')) AS b",
  "RETURN duration.between(date('1984-10-11'), localtime('16:30')) AS a, duration.between(localtime('14:30'), date('2015-06-24')) AS b, duration.between(time('14:30'), time('16:30+0100')) AS c",
  "RETURN duration.between(datetime('2014-07-21T21:40:36.143+0200'), date('2015-06-24')) AS a, duration.between(datetime('2014-07-21T21:40:36.143+0200'), localtime('16:30')) AS b, duration.between(localdatetime('2015-07-21T21:40:32.142'), datetime('2015-07-21T21:40:32.142+0100')) AS c",
  "RETURN duration.between(datetime('2024-03-30T02:30[Europe/Stockholm]'), datetime('2024-03-31T03:30[Europe/Stockholm]')) AS a, duration.between(datetime('2024-03-31T03:30[Europe/Stockholm]'), datetime('2024-03-30T02:30[Europe/Stockholm]')) AS b",
  "RETURN duration.between(datetime('2024-01-01T00:00Z'), datetime('2024-01-01T00:00[Asia/Tokyo]')) AS a, duration.between(datetime('2024-01-01T00:00[Asia/Tokyo]'), localdatetime('2024-01-01T00:00')) AS b, duration.between(time('23:00+01:00'), time('01:00-01:00')) AS c",
  "RETURN duration.inMonths(date('1984-10-11'), date('2015-06-24')) AS a, duration.inMonths(date('2018-07-21'), datetime('2016-07-21T21:40:32.142+0100')) AS b, duration.inMonths(datetime('2018-07-21T21:40:36.143+0500'), datetime('1984-07-21T22:40:36.143+0200')) AS c",
  "RETURN duration.inDays(date('1984-10-11'), localdatetime('2016-07-21T21:45:22.142')) AS a, duration.inDays(localdatetime('2015-07-21T21:40:32.142'), date('2015-06-24')) AS b, duration.inDays(datetime('2014-07-21T21:40:36.143+0200'), datetime('2015-07-21T21:40:32.142+0100')) AS c",
  "RETURN duration.inSeconds(date('1984-10-11'), datetime('2015-07-21T21:40:32.142+0100')) AS a, duration.inSeconds(time('23:00+01:00'), localtime('01:00')) AS b, duration.inSeconds(localtime('12:34:54.7'), localtime('12:34:55.3')) AS c",
  "RETURN duration.inSeconds(localtime('12:44:54.7'), localtime('12:34:55.3')) AS a, duration.inSeconds(localtime('12:34:56.3'), localtime('12:34:54.7')) AS b, duration.inSeconds(localdatetime('2014-07-21T21:40:36.143'), localdatetime('2014-07-21T21:40:36.142')) AS c",
  "RETURN duration.inSeconds(datetime('2017-10-29T00:00[Europe/Stockholm]'), date('2017-10-30')) AS a, duration.inSeconds(date('2017-10-29'), datetime('2017-10-29T04:00[Europe/Stockholm]')) AS b, duration.inSeconds(localtime('00:00'), datetime('2017-10-29T04:00[Europe/Stockholm]')) AS c",
  "RETURN duration.between(date('-999999-01-01'), date('+999999-12-31')) AS a, duration.inSeconds(localdatetime('-999999-01-01T00:00'), localdatetime('+999999-12-31T23:59:59')) AS b",
  "RETURN duration.between(null, date('2020-01-01')) AS a, duration.inDays(date('2020-01-01'), null) AS b",
  "RETURN duration.inMonths(localtime('10:00'), localtime('12:00')) AS d",
  "RETURN duration.inDays(time('10:00+01:00'), time('12:00Z')) AS d",
  "RETURN duration.between(1, date('2020-01-01')) AS d",
  "RETURN duration.between(duration('P1D'), date('2020-01-01')) AS d",
];

const ORDER = [
  "UNWIND [duration('P1M'), duration('P30D'), duration('P31D'), duration('PT720H'), duration('P1D'), duration('PT24H'), duration('PT86400.5S'), duration('P-1D')] AS d RETURN d ORDER BY d",
  "UNWIND [duration('P1D'), 'a', 1, date('2020-01-01'), true, [1], {a: 1}, null] AS x RETURN x ORDER BY x DESC",
  "WITH duration('P1D') AS a, duration('P1D') AS b, duration('PT24H') AS c RETURN a < b AS lt, a <= b AS le, a > b AS gt, a >= b AS ge, a = b AS eq, a = c AS eqc, a <= c AS lec, a <> c AS nec",
  "WITH [duration('P1D')] AS a, [duration('P1D')] AS b RETURN a < b AS lt, a <= b AS le, a = b AS eq, duration('P1D') IN [duration('PT24H'), duration('P1D')] AS isIn",
  "UNWIND [duration('P1D'), duration('P1D'), duration('PT24H')] AS d RETURN DISTINCT d",
  "UNWIND [duration('P1D'), duration('PT24H'), duration('P1D')] AS d RETURN d, count(*) AS n ORDER BY n",
  "RETURN duration('P1D') IS :: DURATION AS a, valueType(duration('P1D')) AS b, [duration('P1D'), null] IS :: LIST<DURATION> AS c, duration('P1D') IS :: DATE AS d",
  "UNWIND [duration('PT1S'), duration('PT2S'), duration('PT3S')] AS d RETURN min(d) AS lo, max(d) AS hi, collect(d) AS all",
  // sum() and avg() add durations exactly and divide as duration / number does.
  "UNWIND [duration('P1D'), duration('PT1H'), duration('P1M'), null] AS d RETURN sum(d) AS s, avg(d) AS a",
  "UNWIND [duration('P1D'), duration('PT1S'), duration('P1M')] AS d RETURN sum(d) AS s, avg(d) AS a",
  "UNWIND [duration('P1D'), 1] AS d RETURN sum(d) AS s",
  "UNWIND [1, duration('P1D')] AS d RETURN avg(d) AS a",
  "UNWIND [duration('PT-1.5S'), duration('PT1S')] AS d WITH d ORDER BY d RETURN sum(d) AS s, avg(d) AS a, count(d) AS n",
  "RETURN 'a' + duration('P1D') AS a",
  "RETURN duration('P1D') + 'a' AS a",
];

test.each([...PARSING, ...MAPS, ...COMPONENTS, ...TEXT, ...ARITHMETIC, ...SHIFTS, ...BETWEEN, ...ORDER])(
  '%s',
  async (query) => {
    await sameOnBoth(config, query);
  },
);

test('200 random durations print, parse and add up as in Neo4j', async () => {
  const next = seededRandom(20261202);
  const int = (max: number) => Math.floor((next() - 0.5) * 2 * max);
  for (let q = 0; q < 10; q++) {
    const cols = Array.from({ length: 20 }, (_, i) => {
      const map = `{months: ${int(500)}, days: ${int(500)}, seconds: ${int(10 ** 7)}, nanoseconds: ${int(10 ** 9)}}`;
      const factor = (next() * 4 - 2).toFixed(3);
      return `toString(duration(${map})) AS t${i}, duration(toString(duration(${map}))) = duration(${map}) AS r${i}, duration(${map}) * ${factor} AS m${i}, toString(date('2024-01-31') + duration(${map})) AS s${i}`;
    });
    await sameOnBoth(config, `RETURN ${cols.join(', ')}`);
  }
});
