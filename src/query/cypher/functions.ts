import { CypherFault } from './errors';
import {
  CDate,
  CPath,
  isNode,
  isRel,
  orderCompare,
  typeName,
  type CNode,
  type CRel,
  type Value,
} from './values';

export type CypherFunction = (args: Value[], at: number) => Value;

const MAX = 9223372036854775807n;
const MIN = -9223372036854775808n;

export function typeError(message: string, at: number): CypherFault {
  return new CypherFault('CYPHER_RUNTIME', message, at);
}

/** An integer result, refused when it leaves the 64-bit range as Cypher's integers do. */
export function checkedInt(v: bigint, at: number): bigint {
  if (v > MAX || v < MIN) throw new CypherFault('CYPHER_RUNTIME', 'integer overflow', at);
  return v;
}

/** A float as Cypher prints it: always with a fraction or exponent (1.0, 1.0E20). */
export function floatText(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (!Number.isFinite(f)) return f > 0 ? 'Infinity' : '-Infinity';
  // Java's Double.toString, as Neo4j prints floats: plain from 10^-3 up to 10^7, else d.dddE±n;
  // always a digit after the point. JavaScript's shortest round-trip digits are the same digits.
  const a = Math.abs(f);
  if (a !== 0 && (a < 1e-3 || a >= 1e7)) {
    const [m, e] = f.toExponential().split('e') as [string, string];
    return `${m.includes('.') ? m : `${m}.0`}E${e.startsWith('+') ? e.slice(1) : e}`;
  }
  if (Object.is(f, -0)) return '-0.0';
  return Number.isInteger(f) ? f.toFixed(1) : String(f);
}

export function toText(v: Value, at: number): string | null {
  if (v === null) return null;
  switch (typeof v) {
    case 'string':
      return v;
    case 'bigint':
      return v.toString();
    case 'number':
      return floatText(v);
    case 'boolean':
      return v ? 'true' : 'false';
  }
  if (v instanceof CDate) return v.toString();
  throw typeError(`toString() cannot convert a ${typeName(v)}`, at);
}

function arity(name: string, args: Value[], min: number, max: number, at: number): void {
  if (args.length < min || args.length > max) {
    throw new CypherFault(
      'CYPHER_SYNTAX',
      `${name}() takes ${min === max ? min : `${min} to ${max}`} argument${max === 1 ? '' : 's'}`,
      at,
    );
  }
}

function str(name: string, v: Value, at: number): string {
  if (typeof v !== 'string') throw typeError(`${name}() expects a string, not a ${typeName(v)}`, at);
  return v;
}

function int(name: string, v: Value, at: number): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  throw typeError(`${name}() expects an integer, not a ${typeName(v)}`, at);
}

function num(name: string, v: Value, at: number): number {
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') return v;
  throw typeError(`${name}() expects a number, not a ${typeName(v)}`, at);
}

function list(name: string, v: Value, at: number): Value[] {
  if (!Array.isArray(v)) throw typeError(`${name}() expects a list, not a ${typeName(v)}`, at);
  return v;
}

function entity(name: string, v: Value, at: number): CNode | CRel {
  if (!isNode(v) && !isRel(v))
    throw typeError(`${name}() expects a node or relationship, not a ${typeName(v)}`, at);
  return v;
}

/** A function of one argument that gives null for null. */
function unary(name: string, f: (v: Exclude<Value, null>, at: number) => Value): [string, CypherFunction] {
  return [
    name,
    (args, at) => {
      arity(name, args, 1, 1, at);
      const v = args[0]!;
      return v === null ? null : f(v, at);
    },
  ];
}

function toInteger(v: Value, at: number): Value {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? checkedInt(BigInt(Math.trunc(v)), at) : null;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v === 'string') {
    const t = v.trim();
    if (/^[-+]?\d+$/.test(t)) return checkedInt(BigInt(t), at);
    const f = Number(t);
    return t !== '' && Number.isFinite(f) ? checkedInt(BigInt(Math.trunc(f)), at) : null;
  }
  throw typeError(`toInteger() cannot convert a ${typeName(v as Value)}`, at);
}

function toFloat(v: Value, at: number): Value {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string') {
    const t = v.trim();
    const f = Number(t);
    return t !== '' && !Number.isNaN(f) ? f : null;
  }
  throw typeError(`toFloat() cannot convert a ${typeName(v as Value)}`, at);
}

function toBoolean(v: Value, at: number): Value {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const t = v.trim().toLowerCase();
    return t === 'true' ? true : t === 'false' ? false : null;
  }
  if (typeof v === 'bigint') return v !== 0n;
  throw typeError(`toBoolean() cannot convert a ${typeName(v as Value)}`, at);
}

/** A string's code points: Neo4j's string functions count characters, not UTF-16 units. */
function codePoints(text: string): string[] {
  return /[\uD800-\uDFFF]/.test(text) ? Array.from(text) : text.split('');
}

function substring(args: Value[], at: number): Value {
  arity('substring', args, 2, 3, at);
  const [s, start, length] = args as [Value, Value, Value?];
  if (s === null) return null;
  const text = codePoints(str('substring', s, at));
  const from = Number(int('substring', start ?? null, at));
  if (from < 0) throw new CypherFault('CYPHER_RUNTIME', 'substring() start must not be negative', at);
  if (length === undefined || length === null) return text.slice(from).join('');
  const n = Number(int('substring', length, at));
  if (n < 0) throw new CypherFault('CYPHER_RUNTIME', 'substring() length must not be negative', at);
  return text.slice(from, from + n).join('');
}

function range(args: Value[], at: number): Value {
  arity('range', args, 2, 3, at);
  const [a, b, c] = args.map((v) => (v === undefined ? v : int('range', v, at))) as [bigint, bigint, bigint?];
  const step = c ?? 1n;
  if (step === 0n) throw new CypherFault('CYPHER_RUNTIME', 'range() step must not be 0', at);
  const out: Value[] = [];
  if (step > 0n) for (let i = a; i <= b; i += step) out.push(i);
  else for (let i = a; i >= b; i += step) out.push(i);
  return out;
}

function round(args: Value[], at: number): Value {
  arity('round', args, 1, 3, at);
  const v = args[0]!;
  if (v === null) return null;
  const x = num('round', v, at);
  const precision = args.length === 1 ? 0 : Number(int('round', args[1]!, at));
  // Java's Math.round, as Neo4j: halves go up (-2.5 is -2), no negative zero, and a long's range.
  if (precision === 0)
    return Number.isFinite(x) ? Math.min(Math.max(Math.round(x), -(2 ** 63)), 2 ** 63) || 0 : x;
  const f = 10 ** precision;
  return (Math.sign(x) * Math.round(Math.abs(x) * f)) / f;
}

export const FUNCTIONS = new Map<string, CypherFunction>([
  unary('labels', (v, at) => {
    if (!isNode(v)) throw typeError(`labels() expects a node, not a ${typeName(v)}`, at);
    return [...v.labels];
  }),
  unary('type', (v, at) => {
    if (!isRel(v)) throw typeError(`type() expects a relationship, not a ${typeName(v)}`, at);
    return v.type;
  }),
  unary('id', (v, at) => BigInt(entity('id', v, at).id)),
  unary('elementid', (v, at) => String(entity('elementId', v, at).id)),
  unary('properties', (v, at) => {
    if (v instanceof Map) return v;
    return new Map(entity('properties', v, at).properties);
  }),
  unary('keys', (v, at) => {
    if (v instanceof Map) return [...v.keys()];
    return [...entity('keys', v, at).properties.keys()];
  }),
  unary('size', (v, at) => {
    if (typeof v === 'string') return BigInt([...v].length);
    if (Array.isArray(v)) return BigInt(v.length);
    throw typeError(`size() expects a string or list, not a ${typeName(v)}`, at);
  }),
  unary('length', (v, at) => {
    if (v instanceof CPath) return BigInt(v.rels.length);
    throw typeError(`length() expects a path, not a ${typeName(v)}`, at);
  }),
  unary('nodes', (v, at) => {
    if (v instanceof CPath) return [...v.nodes];
    throw typeError(`nodes() expects a path, not a ${typeName(v)}`, at);
  }),
  unary('relationships', (v, at) => {
    if (v instanceof CPath) return [...v.rels];
    throw typeError(`relationships() expects a path, not a ${typeName(v)}`, at);
  }),
  unary('startnode', (v, at) => {
    if (!isRel(v)) throw typeError(`startNode() expects a relationship, not a ${typeName(v)}`, at);
    return v.start;
  }),
  unary('endnode', (v, at) => {
    if (!isRel(v)) throw typeError(`endNode() expects a relationship, not a ${typeName(v)}`, at);
    return v.end;
  }),
  unary('tolower', (v, at) => str('toLower', v, at).toLowerCase()),
  unary('toupper', (v, at) => str('toUpper', v, at).toUpperCase()),
  unary('trim', (v, at) => str('trim', v, at).trim()),
  unary('ltrim', (v, at) => str('ltrim', v, at).trimStart()),
  unary('rtrim', (v, at) => str('rtrim', v, at).trimEnd()),
  unary('reverse', (v, at) =>
    typeof v === 'string' ? [...v].reverse().join('') : [...list('reverse', v, at)].reverse(),
  ),
  unary('tostring', (v, at) => toText(v, at)),
  unary('tointeger', (v, at) => toInteger(v, at)),
  unary('tofloat', (v, at) => toFloat(v, at)),
  unary('toboolean', (v, at) => toBoolean(v, at)),
  unary('head', (v, at) => list('head', v, at)[0] ?? null),
  unary('last', (v, at) => {
    const l = list('last', v, at);
    return l[l.length - 1] ?? null;
  }),
  unary('tail', (v, at) => list('tail', v, at).slice(1)),
  unary('abs', (v, at) =>
    typeof v === 'bigint' ? checkedInt(v < 0n ? -v : v, at) : Math.abs(num('abs', v, at)),
  ),
  unary('ceil', (v, at) => Math.ceil(num('ceil', v, at))),
  unary('floor', (v, at) => Math.floor(num('floor', v, at))),
  unary('sqrt', (v, at) => Math.sqrt(num('sqrt', v, at))),
  unary('sign', (v, at) =>
    typeof v === 'bigint' ? BigInt(v > 0n ? 1 : v < 0n ? -1 : 0) : BigInt(Math.sign(num('sign', v, at))),
  ),
  unary('exp', (v, at) => Math.exp(num('exp', v, at))),
  unary('log', (v, at) => Math.log(num('log', v, at))),
  unary('log10', (v, at) => Math.log10(num('log10', v, at))),
  unary('date', (v, at) => {
    const d = typeof v === 'string' ? CDate.parse(v) : v instanceof CDate ? v : null;
    if (!d) throw typeError(`date() cannot make a date of ${JSON.stringify(toText(v, at))}`, at);
    return d;
  }),
  ['round', round],
  ['substring', substring],
  ['range', range],
  [
    'left',
    (args, at) => {
      arity('left', args, 2, 2, at);
      if (args[0] === null) return null;
      return codePoints(str('left', args[0]!, at))
        .slice(0, Number(int('left', args[1]!, at)))
        .join('');
    },
  ],
  [
    'right',
    (args, at) => {
      arity('right', args, 2, 2, at);
      if (args[0] === null) return null;
      const s = codePoints(str('right', args[0]!, at));
      const n = Number(int('right', args[1]!, at));
      return n === 0 ? '' : s.slice(-n).join('');
    },
  ],
  [
    'replace',
    (args, at) => {
      arity('replace', args, 3, 3, at);
      if (args.some((a) => a === null)) return null;
      const [s, from, to] = args.map((a) => str('replace', a, at)) as [string, string, string];
      return s.split(from).join(to);
    },
  ],
  [
    'split',
    (args, at) => {
      arity('split', args, 2, 2, at);
      if (args.some((a) => a === null)) return null;
      const [s, sep] = args.map((a) => str('split', a, at)) as [string, string];
      return s.split(sep);
    },
  ],
  [
    'coalesce',
    (args) => {
      for (const a of args) if (a !== null) return a;
      return null;
    },
  ],
  [
    'rand',
    (args, at) => {
      arity('rand', args, 0, 0, at);
      return Math.random();
    },
  ],
  [
    'pi',
    (args, at) => {
      arity('pi', args, 0, 0, at);
      return Math.PI;
    },
  ],
]);

/** The aggregating functions: each folds the values of a group into one. */
export interface Aggregator {
  add(v: Value): void;
  result(): Value;
}

export const AGGREGATES = new Set([
  'count',
  'sum',
  'avg',
  'min',
  'max',
  'collect',
  'stdev',
  'stdevp',
  'percentilecont',
  'percentiledisc',
]);

/** The numbers of a group, for the aggregates that need them all. */
function numbers(name: string, at: number): { add(v: Value): void; values: number[] } {
  const values: number[] = [];
  return {
    values,
    add: (v) => {
      if (v === null) return;
      if (typeof v !== 'bigint' && typeof v !== 'number') {
        throw typeError(`${name}() expects numbers, not a ${typeName(v)}`, at);
      }
      values.push(Number(v));
    },
  };
}

/** An aggregator; `extra` holds the constant arguments after the first (the percentile). */
export function makeAggregator(name: string, at: number, extra: Value[] = []): Aggregator {
  switch (name) {
    case 'stdev':
    case 'stdevp': {
      const n = numbers(name, at);
      return {
        add: n.add,
        result: () => {
          const xs = n.values;
          const d = name === 'stdev' ? xs.length - 1 : xs.length;
          if (d <= 0) return 0;
          const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
          return Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / d);
        },
      };
    }
    case 'percentilecont':
    case 'percentiledisc': {
      const p = extra[0] ?? null;
      if (typeof p !== 'number' && typeof p !== 'bigint') {
        throw typeError(`${name}() needs a numeric percentile`, at);
      }
      const q = Number(p);
      if (q < 0 || q > 1)
        throw new CypherFault('CYPHER_RUNTIME', `the percentile ${q} is not between 0 and 1`, at);
      const raw: Value[] = [];
      const n = numbers(name, at);
      return {
        add: (v) => {
          n.add(v);
          if (v !== null) raw.push(v);
        },
        result: () => {
          if (raw.length === 0) return null;
          const order = raw.map((v, i) => ({ v, x: n.values[i]! })).sort((a, b) => a.x - b.x);
          if (name === 'percentiledisc') {
            const i = q === 0 ? 0 : Math.ceil(q * order.length) - 1;
            return order[Math.max(0, i)]!.v;
          }
          const pos = q * (order.length - 1);
          const lo = Math.floor(pos);
          const hi = Math.ceil(pos);
          return order[lo]!.x + (order[hi]!.x - order[lo]!.x) * (pos - lo);
        },
      };
    }
    case 'count': {
      // A float counter: exact far beyond any graph in memory, and much cheaper than a bigint one.
      let n = 0;
      return { add: (v) => void (v !== null && n++), result: () => BigInt(n) };
    }
    case 'collect': {
      const out: Value[] = [];
      return { add: (v) => void (v !== null && out.push(v)), result: () => out };
    }
    case 'sum': {
      // Integers add up as a float while the total is exact (below 2^53), then as a bigint.
      let small = 0;
      let int = 0n;
      let float = 0;
      let isFloat = false;
      return {
        add: (v) => {
          if (v === null) return;
          if (typeof v === 'bigint') {
            const x = Number(v);
            if (Number.isSafeInteger(x) && Number.isSafeInteger(small + x)) small += x;
            else int = checkedInt(int + v, at);
          } else if (typeof v === 'number') {
            isFloat = true;
            float += v;
          } else throw typeError(`sum() expects numbers, not a ${typeName(v)}`, at);
        },
        result: () => (isFloat ? float + Number(int) + small : checkedInt(int + BigInt(small), at)),
      };
    }
    case 'avg': {
      // A running mean, as Neo4j computes it: the same rounding, and no overflow on large sums.
      let mean = 0;
      let n = 0;
      return {
        add: (v) => {
          if (v === null) return;
          if (typeof v !== 'bigint' && typeof v !== 'number') {
            throw typeError(`avg() expects numbers, not a ${typeName(v)}`, at);
          }
          n++;
          mean += (Number(v) - mean) / n;
        },
        result: () => (n === 0 ? null : mean),
      };
    }
    case 'min':
    case 'max': {
      let best: Value = null;
      const sign = name === 'min' ? 1 : -1;
      return {
        add: (v) => {
          if (v === null) return;
          if (best === null) best = v;
          // Two values of one primitive type (the usual case) compare directly.
          else if (typeof v === typeof best && (typeof v === 'bigint' || typeof v === 'string')) {
            if (sign * (v < (best as typeof v) ? -1 : v > (best as typeof v) ? 1 : 0) < 0) best = v;
          } else if (sign * orderCompare(v, best) < 0) best = v;
        },
        result: () => best,
      };
    }
  }
  throw new CypherFault('CYPHER_SYNTAX', `unknown aggregate ${name}()`, at);
}
