/**
 * exp, log, log10, pow, sin, cos and tan as Neo4j gives them. Neo4j calls java.lang.Math, whose exp,
 * log, log10, pow, sin, cos and tan HotSpot replaces on x86-64 with Intel's libm routines: nearly always
 * the correctly rounded result, where V8's Math (fdlibm) is off by one in the last digit more often.
 * These compute in double-double arithmetic (about 106 bits) and round once, so they give the correctly
 * rounded result but for near-ties: measured against Neo4j 5.26 they match far more inputs than Math
 * (docs/cypher.md).
 */

/** A double-double: the unevaluated sum hi + lo, |lo| at most half an ulp of hi. */
interface DD {
  hi: number;
  lo: number;
}

const SPLIT = 134217729; // 2^27 + 1, Dekker's splitter

function twoSum(a: number, b: number): DD {
  const s = a + b;
  const bb = s - a;
  return { hi: s, lo: a - (s - bb) + (b - bb) };
}

function quickTwoSum(a: number, b: number): DD {
  const s = a + b;
  return { hi: s, lo: b - (s - a) };
}

function twoProd(a: number, b: number): DD {
  const p = a * b;
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return { hi: p, lo: ah * bh - p + ah * bl + al * bh + al * bl };
}

function add(a: DD, b: DD): DD {
  const s = twoSum(a.hi, b.hi);
  const t = twoSum(a.lo, b.lo);
  let r = quickTwoSum(s.hi, s.lo + t.hi);
  r = quickTwoSum(r.hi, r.lo + t.lo);
  return r;
}

function mul(a: DD, b: DD): DD {
  const p = twoProd(a.hi, b.hi);
  return quickTwoSum(p.hi, p.lo + (a.hi * b.lo + a.lo * b.hi));
}

function mulNumber(a: DD, b: number): DD {
  const p = twoProd(a.hi, b);
  return quickTwoSum(p.hi, p.lo + a.lo * b);
}

/** ln 2 and 1 / ln 10 to about 160 bits, as three doubles each. */
const LN2 = [0.6931471805599453, 2.3190468138462996e-17, 5.707708438416212e-34] as const;
const INV_LN10: DD = { hi: 0.4342944819032518, lo: 1.098319650216765e-17 };

/** k ln 2 as a double-double, for an integer k (k times the first two parts is exact). */
function kLn2(k: number): DD {
  return add(twoProd(k, LN2[0]), add(twoProd(k, LN2[1]), { hi: k * LN2[2], lo: 0 }));
}

/** 1 / (n + 1)! for n = 0 .. 28, for the Taylor series of exp, sin and cos. */
const INV_FACT: DD[] = [];
{
  let f: DD = { hi: 1, lo: 0 };
  for (let n = 1; n <= 29; n++) {
    // 1 / n! = (1 / (n-1)!) / n, divided in double-double: q, then one correction step.
    const q = f.hi / n;
    const r = add(f, mulNumber({ hi: -q, lo: 0 }, n));
    f = quickTwoSum(q, r.hi / n);
    INV_FACT.push(f);
  }
}

/** e^x for a double-double x that does not overflow; the result as a double-double and a power of 2. */
function expDD(x: DD): { m: DD; k: number } {
  const k = Math.round(x.hi / LN2[0]);
  // r = x - k ln 2, then e^r = (e^(r/256))^256.
  const r = add(x, mulNumber(kLn2(k), -1));
  const s: DD = { hi: r.hi / 256, lo: r.lo / 256 };
  let sum: DD = { hi: 0, lo: 0 };
  // 11 terms: |s| < 0.0014, so s^12 / 12! is below 2^-110.
  for (let n = 10; n >= 0; n--) sum = mul(add(sum, INV_FACT[n]!), s);
  // sum = e^s - 1; (1 + u)^2 - 1 = u (2 + u) keeps the small part exact while squaring.
  for (let i = 0; i < 8; i++) sum = mul(sum, add(sum, { hi: 2, lo: 0 }));
  return { m: add(sum, { hi: 1, lo: 0 }), k };
}

/** hi + lo times 2^k (split, so no factor overflows or underflows on its own). */
function scaled(m: DD, k: number): number {
  const v = m.hi + m.lo;
  if (k > 1000) return v * 2 ** 1000 * 2 ** (k - 1000);
  if (k < -1000) return v * 2 ** -1000 * 2 ** (k + 1000);
  return v * 2 ** k;
}

export function exp(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x > 709.8) return Infinity;
  if (x < -745.2) return 0;
  const { m, k } = expDD({ hi: x, lo: 0 });
  return scaled(m, k);
}

/** ln x as a double-double, for a finite x > 0. */
function logDD(x: number): DD {
  // x = m 2^e with m in [sqrt(1/2), sqrt(2)); ln x = ln m + e ln 2.
  let e = Math.floor(Math.log2(x));
  // 2^1024 overflows: near the largest doubles, divide in two steps.
  let m = e > 1000 ? x / 2 ** 1000 / 2 ** (e - 1000) : x / 2 ** e;
  if (m >= Math.SQRT2) {
    m /= 2;
    e++;
  } else if (m < Math.SQRT1_2) {
    m *= 2;
    e--;
  }
  // One Newton step from Math's log doubles its ~53 correct bits: y + (m - e^y) / e^y.
  const y = Math.log(m);
  const { m: ey, k } = expDD({ hi: y, lo: 0 });
  const ez: DD = { hi: ey.hi * 2 ** k, lo: ey.lo * 2 ** k };
  const diff = add({ hi: m, lo: 0 }, mulNumber(ez, -1));
  const ln = add({ hi: y, lo: 0 }, { hi: diff.hi / ez.hi, lo: 0 });
  return add(ln, kLn2(e));
}

export function log(x: number): number {
  if (!(x > 0) || x === Infinity) return Math.log(x);
  const r = logDD(x);
  return r.hi + r.lo;
}

export function log10(x: number): number {
  if (!(x > 0) || x === Infinity) return Math.log10(x);
  const r = mul(logDD(x), INV_LN10);
  return r.hi + r.lo;
}

/** a^b: e^(b ln |a|) in double-double for a finite positive (or negative, with an integer b) base. */
export function pow(a: number, b: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b) || a === 0 || b === 0 || a === 1) return Math.pow(a, b);
  if (a < 0 && !Number.isInteger(b)) return NaN;
  const sign = a < 0 && Math.abs(b % 2) === 1 ? -1 : 1;
  const t = mulNumber(logDD(Math.abs(a)), b);
  if (t.hi > 709.8) return sign * Infinity;
  if (t.hi < -745.2) return sign * 0;
  const { m, k } = expDD(t);
  return sign * scaled(m, k);
}

/** pi / 2 to about 210 bits, as four doubles. */
const HALF_PI = [1.5707963267948966, 6.123233995736766e-17, -1.4973849048591698e-33, 5.562271104316826e-50];

/** Beyond this, reducing by pi / 2 in double-double loses too much: Math (fdlibm) takes over. */
const REDUCIBLE = 2 ** 20;

/** x = k pi/2 + r, |r| <= pi/4: r as a double-double and k mod 4. */
function reduce(x: number): { r: DD; q: number } {
  const k = Math.round(x / HALF_PI[0]!);
  let r: DD = { hi: x, lo: 0 };
  for (const p of HALF_PI) r = add(r, mulNumber({ hi: -p, lo: 0 }, k));
  return { r, q: ((k % 4) + 4) % 4 };
}

/** sin r and cos r for |r| <= pi/4, by their Taylor series (to the 29th and 28th power of r). */
function sinCosDD(r: DD): { sin: DD; cos: DD } {
  const r2 = mul(r, r);
  let s: DD = { hi: 0, lo: 0 };
  let c: DD = { hi: 0, lo: 0 };
  for (let n = 14; n >= 1; n--) {
    // (-1)^n r^2n / (2n+1)! and (-1)^n r^2n / (2n)!, by Horner.
    const sign = n % 2 === 1 ? -1 : 1;
    const fs = INV_FACT[2 * n]!;
    const fc = INV_FACT[2 * n - 1]!;
    s = mul(add({ hi: sign * fs.hi, lo: sign * fs.lo }, s), r2);
    c = mul(add({ hi: sign * fc.hi, lo: sign * fc.lo }, c), r2);
  }
  return { sin: mul(add({ hi: 1, lo: 0 }, s), r), cos: add({ hi: 1, lo: 0 }, c) };
}

/** sin, cos or tan of x: reduced by pi / 2, then the quadrant's function of the remainder. */
function trig(x: number, f: 'sin' | 'cos' | 'tan'): number {
  if (x === 0 && f !== 'cos') return x; // keeps -0
  if (!(Math.abs(x) < REDUCIBLE)) return Math[f](x);
  const { r, q } = reduce(x);
  const { sin, cos } = sinCosDD(r);
  if (f === 'tan') {
    // tan = sin / cos in quadrants 0 and 2, -cos / sin in 1 and 3; divided in double-double.
    const [a, b] = q % 2 === 0 ? [sin, cos] : [cos, { hi: -sin.hi, lo: -sin.lo }];
    const q1 = a.hi / b.hi;
    const rest = add(a, mul(b, { hi: -q1, lo: 0 }));
    return q1 + rest.hi / b.hi;
  }
  const v = [sin, cos, { hi: -sin.hi, lo: -sin.lo }, { hi: -cos.hi, lo: -cos.lo }][
    (f === 'sin' ? q : q + 1) % 4
  ]!;
  return v.hi + v.lo;
}

export const sin = (x: number): number => trig(x, 'sin');
export const cos = (x: number): number => trig(x, 'cos');
export const tan = (x: number): number => trig(x, 'tan');
