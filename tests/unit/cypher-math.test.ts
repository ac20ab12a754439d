/**
 * The correctly rounded math functions (src/query/cypher/math.ts): exact where the result is a double,
 * and never more than one last digit away from V8's Math (fdlibm, below one ulp of error), so any
 * slip in the double-double arithmetic shows.
 */
import fc from 'fast-check';
import { cos, exp, log, log10, pow, sin, tan } from '../../src/query/cypher/math';

/** The distance in representable doubles between two finite doubles of one sign. */
function ulps(a: number, b: number): number {
  const view = new DataView(new ArrayBuffer(16));
  view.setFloat64(0, a);
  view.setFloat64(8, b);
  return Math.abs(Number(view.getBigInt64(0) - view.getBigInt64(8)));
}

const finite = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

test.each([
  ['exp', exp, Math.exp, finite(-700, 700)],
  ['log', log, Math.log, finite(Number.MIN_VALUE, Number.MAX_VALUE)],
  ['log10', log10, Math.log10, finite(Number.MIN_VALUE, Number.MAX_VALUE)],
  ['sin', sin, Math.sin, finite(-1e5, 1e5)],
  ['cos', cos, Math.cos, finite(-1e5, 1e5)],
  ['tan', tan, Math.tan, finite(-1e5, 1e5)],
] as const)('%s: within one ulp of V8 Math', (_, f, reference, xs) => {
  fc.assert(
    fc.property(xs, (x) => ulps(f(x), reference(x)) <= 1),
    { numRuns: 5000 },
  );
});

test('pow is within one ulp of Math.pow, and exact when the power is a double', () => {
  fc.assert(
    fc.property(finite(1e-30, 1e30), finite(-10, 10), (a, b) => ulps(pow(a, b), Math.pow(a, b)) <= 1),
    { numRuns: 5000 },
  );
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 2 ** 26 }), (k) => pow(k, 2) === k * k && pow(k * k, 0.5) === k),
    { numRuns: 5000 },
  );
});

test('exact results are exact: powers of 2 and 10, their logarithms, e^0, sin 0', () => {
  for (let k = -1074; k <= 1023; k++) expect(pow(2, k)).toBe(2 ** k);
  for (let k = -307; k <= 308; k++) expect(log10(Number(`1e${k}`))).toBe(k);
  for (let k = 0; k <= 22; k++) expect(pow(10, k)).toBe(Number(`1e${k}`));
  expect([exp(0), log(1), sin(-0), tan(-0), cos(0)]).toEqual([1, 0, -0, -0, 1]);
});

test('the edges: infinities, NaN, zero and the ends of the double range', () => {
  expect([exp(Infinity), exp(-Infinity), exp(710), exp(-746)]).toEqual([Infinity, 0, Infinity, 0]);
  expect([log(0), log(-1), log(Infinity), log10(0)]).toEqual([-Infinity, NaN, Infinity, -Infinity]);
  expect(log(Number.MAX_VALUE)).toBe(709.782712893384);
  expect(log(Number.MIN_VALUE)).toBe(-744.4400719213812);
  expect([sin(Infinity), cos(NaN), tan(-Infinity)]).toEqual([NaN, NaN, NaN]);
  expect([pow(-2, 3), pow(-2, 0.5), pow(0, -1), pow(2, 1024), pow(2, -1075)]).toEqual([
    -8,
    NaN,
    Infinity,
    Infinity,
    0,
  ]);
});
