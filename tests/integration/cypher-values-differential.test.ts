/**
 * Numbers and text as Neo4j gives them: expressions without a graph, run on the memory engine and on the
 * real Neo4j, must give the same values (or both refuse the query). Hand-picked edge cases, then seeded
 * random ones.
 */
import type { Neo4jConfig } from '../../src/backends/neo4j/connection';
import { sameOnBoth } from '../differential';
import { seededRandom } from '../helpers';
import { testNeo4j } from '../neo4j-helpers';

let config: Neo4jConfig;
beforeAll(() => {
  config = testNeo4j();
});

const both = (query: string) => sameOnBoth(config, query);

const EDGES = [
  // Java's Math.round: halves go up.
  'RETURN round(-2.5) AS a, round(2.5) AS b, round(-0.5) AS c, round(-1.5) AS d, round(0.49999999999999994) AS e, round(-2.5, 0) AS f',
  'RETURN round(2.345, 2) AS a, round(-2.345, 2) AS b, round(1e20) AS c, round(-1e30) AS d, round(0.0 / 0.0) AS e, round(1.0 / 0.0) AS f',
  // Java's Double.toString: plain from 10^-3 to 10^7, else scientific.
  'RETURN toString(1e20) AS a, toString(1.0) AS b, toString(0.001) AS c, toString(0.0001) AS d, toString(9999999.0) AS e, toString(1e7) AS f, toString(-1.5e-10) AS g, toString(0.1 + 0.2) AS h, toString(123456789.0) AS i, toString(-0.0) AS j',
  // Strings are counted in code points.
  "RETURN substring('😀abc', 1) AS s, substring('a😀bc', 1, 2) AS t, size('😀abc') AS n, left('😀abc', 1) AS l, right('ab😀', 1) AS r, reverse('a😀b') AS rv",
  // (?i) folds ASCII letters only, as Java does; (?iu) folds all.
  "RETURN 'Ærø' =~ '(?i)ærø' AS a, 'ABC' =~ '(?i)abc' AS b, 'Xy-Z' =~ '(?i)[a-z]+\\\\W[a-z]' AS c, 'ÆRØ' =~ '(?iu)ærø' AS d, 'q' =~ '(?i)\\\\u0051' AS e, 'Å' =~ '(?i)[å]' AS f, 'abc' =~ '(?i)(?<first>A)BC' AS g",
  // A day the month does not have is no date.
  "RETURN date('2025-02-30') AS d",
  "RETURN date('2024-02-29') AS d, date('2023-02-28') AS e",
  // Neo4j 5 refuses exists() on a property, and takes it on a pattern.
  'UNWIND [1, 2] AS x WITH {a: x} AS m WHERE exists(m.a) RETURN x',
  'OPTIONAL MATCH (n:NoSuchLabel) RETURN exists((n)-->()) AS e',
  // Neo4j 5's string functions and ||.
  "RETURN 'a' || 'b' AS a, [1] || [2, 3] AS b, null || 'x' AS c, 'x' || null AS d",
  "RETURN btrim('  x  ') AS a, btrim('xxaxx', 'x') AS b, ltrim('xxa', 'x') AS c, rtrim('axyx', 'xy') AS d, trim('\tq ') AS e, btrim(null) AS f",
  "RETURN lower('ÆØÅ Abc') AS a, upper('æøå abc') AS b, char_length('😀a') AS c, character_length('abc') AS d",
  "RETURN normalize('e\u0301') = 'é' AS a, normalize('ﬁ', NFKC) AS b, normalize('é', NFD) = 'e\u0301' AS c, normalize(null) AS d",
  "RETURN isEmpty('') AS a, isEmpty('x') AS b, isEmpty([]) AS c, isEmpty({}) AS d, isEmpty({a: 1}) AS e, isEmpty(null) AS f",
  "RETURN toStringOrNull([1]) AS a, toStringOrNull(1.5) AS b, toIntegerOrNull('x') AS c, toIntegerOrNull('42') AS d, toIntegerOrNull([1]) AS e, toFloatOrNull('1.5') AS f, toBooleanOrNull('yes') AS g, toBooleanOrNull('true') AS h",
  "RETURN valueType(1) AS a, valueType(1.0) AS b, valueType('s') AS c, valueType(true) AS d, valueType(null) AS e, valueType([1, 2]) AS f, valueType([]) AS g, valueType({a: 1}) AS h, valueType(date('2025-01-01')) AS i, valueType(['a']) AS j",
  "RETURN valueType([1, 'a']) AS a, valueType([1, null]) AS b, valueType([[1]]) AS c",
  // Trigonometry, list conversions, nullIf.
  'RETURN sin(1) AS a, cos(1) AS b, tan(1) AS c, asin(0.5) AS d, acos(0.5) AS e, atan(1) AS f, atan2(1, 2) AS g, cot(1) AS h, degrees(pi()) AS i, radians(180) AS j, haversin(0.5) AS k, e() AS l, isNaN(0.0 / 0.0) AS m, isNaN(1) AS n',
  "RETURN toIntegerList(['1', 'x', 2.5, null, true]) AS a, toFloatList(['1.5', 'x', 2]) AS b, toStringList([1, 2.5, true, null]) AS c, toBooleanList(['true', 'no', 0, 1]) AS d, nullIf(1, 1) AS e, nullIf(1, 2) AS f",
  // Type predicates.
  "RETURN 1 IS :: INTEGER AS a, 1 IS :: FLOAT AS b, null IS :: INTEGER AS c, null IS :: INTEGER NOT NULL AS d, 'x' IS NOT :: STRING AS e, 1.5 :: INTEGER | FLOAT AS f, [1, 2] IS :: LIST<INTEGER> AS g, [1, 'a'] IS :: LIST<INTEGER> AS h, [1, null] IS :: LIST<INTEGER NOT NULL> AS i, {a: 1} IS :: MAP AS j",
  "RETURN date('2025-01-01') IS :: DATE AS a, 1 IS TYPED INT AS b, true IS :: BOOL AS c, 1 IS :: ANY AS d, null IS :: NOTHING AS e, null IS :: NULL AS f, 1 IS :: PROPERTY VALUE AS g, [1] IS :: ANY<INTEGER | STRING> AS h",
];

test.each(EDGES)('%s', async (query) => {
  await both(query);
});

test('200 random floats print and round as in Neo4j', async () => {
  const next = seededRandom(20261202);
  for (let q = 0; q < 10; q++) {
    const xs = Array.from({ length: 20 }, () => {
      const x = (next() - 0.5) * 10 ** Math.floor(next() * 24 - 8);
      // Halves, to test rounding, and plain random values.
      return next() < 0.3 ? Math.round(x) + 0.5 : x;
    });
    const cols = xs.map(
      (x, i) => `toString(${x.toExponential()}) AS s${i}, round(${x.toExponential()}) AS r${i}`,
    );
    await both(`RETURN ${cols.join(', ')}`);
  }
});

test('200 random strings with astral characters cut as in Neo4j', async () => {
  const next = seededRandom(42);
  const alphabet = ['a', 'B', 'æ', 'Ø', '😀', '𝄞', ' ', '-'];
  for (let q = 0; q < 10; q++) {
    const cols = Array.from({ length: 20 }, (_, i) => {
      const s = Array.from(
        { length: 1 + Math.floor(next() * 8) },
        () => alphabet[Math.floor(next() * alphabet.length)],
      ).join('');
      const k = Math.floor(next() * 6);
      const lit = `'${s}'`;
      return `substring(${lit}, ${k}) AS a${i}, left(${lit}, ${k}) AS b${i}, right(${lit}, ${k}) AS c${i}, size(${lit}) AS d${i}, toUpper(${lit}) AS e${i}`;
    });
    await both(`RETURN ${cols.join(', ')}`);
  }
});
