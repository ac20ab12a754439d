/**
 * The functions by name (lower case): graph, list and number functions here, the other families in
 * their own files (string-functions.ts, temporal/functions.ts), the aggregates in aggregates.ts.
 */
import { cos, exp, log, log10, sin, tan } from './math';
import { randomUUID } from 'node:crypto';
import { CypherFault } from './errors';
import {
  arity,
  checkedInt,
  codePoints,
  entity,
  int,
  list,
  num,
  str,
  toBoolean,
  toFloat,
  toInteger,
  toText,
  typeError,
  unary,
  type CypherFunction,
} from './function-args';
import { round } from './round';
import { STRING_FUNCTIONS } from './string-functions';
import { DURATION_FUNCTIONS } from './temporal/duration-functions';
import { TEMPORAL_FUNCTIONS } from './temporal/functions';
import { CPath, equals, isNode, isRel, typeName, type Value } from './values';

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
  // Integers only: Neo4j refuses 0.0 here, where other functions take an integral float.
  const [a, b, c] = args.map((v) => {
    if (typeof v !== 'bigint') throw typeError(`range() expects integers, not a ${typeName(v)}`, at);
    return v;
  }) as [bigint, bigint, bigint?];
  const step = c ?? 1n;
  if (step === 0n) throw new CypherFault('CYPHER_RUNTIME', 'range() step must not be 0', at);
  const out: Value[] = [];
  if (step > 0n) for (let i = a; i <= b; i += step) out.push(i);
  else for (let i = a; i >= b; i += step) out.push(i);
  return out;
}

export const FUNCTIONS = new Map<string, CypherFunction>([
  ...STRING_FUNCTIONS,
  ...TEMPORAL_FUNCTIONS,
  ...DURATION_FUNCTIONS,
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
  unary('exp', (v, at) => exp(num('exp', v, at))),
  ...(
    [
      ['sin', sin],
      ['cos', cos],
      ['tan', tan],
      ['asin', Math.asin],
      ['acos', Math.acos],
      ['atan', Math.atan],
      ['cot', (x: number) => 1 / tan(x)],
      // Java's Math.toDegrees and toRadians: one multiplication by the rounded factor.
      ['degrees', (x: number) => x * 57.29577951308232],
      ['radians', (x: number) => x * 0.017453292519943295],
      ['haversin', (x: number) => (1 - cos(x)) / 2],
    ] as const
  ).map(([name, f]) => unary(name, (v, at) => f(num(name, v, at)))),
  unary('isnan', (v, at) => Number.isNaN(num('isNaN', v, at))),
  ...(['tointegerlist', 'tofloatlist', 'tostringlist', 'tobooleanlist'] as const).map((name) => {
    const convert = {
      tointegerlist: toInteger,
      tofloatlist: toFloat,
      tostringlist: toText,
      tobooleanlist: toBoolean,
    }[name];
    // Each element converted, null where it cannot be (as the OrNull functions do).
    return unary(name, (v, at) =>
      list(name, v, at).map((x) => {
        if (x === null || Array.isArray(x) || x instanceof Map) return null;
        try {
          return convert(x, at);
        } catch {
          return null;
        }
      }),
    );
  }),
  unary('log', (v, at) => log(num('log', v, at))),
  unary('log10', (v, at) => log10(num('log10', v, at))),
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
    'atan2',
    (args, at) => {
      arity('atan2', args, 2, 2, at);
      if (args.some((a) => a === null)) return null;
      return Math.atan2(num('atan2', args[0]!, at), num('atan2', args[1]!, at));
    },
  ],
  [
    'e',
    (args, at) => {
      arity('e', args, 0, 0, at);
      return Math.E;
    },
  ],
  [
    'randomuuid',
    (args, at) => {
      arity('randomUUID', args, 0, 0, at);
      return randomUUID();
    },
  ],
  [
    'nullif',
    (args, at) => {
      arity('nullIf', args, 2, 2, at);
      return equals(args[0]!, args[1]!) === true ? null : args[0]!;
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

/**
 * Neo4j 5 functions the memory engine does not have: a query calling one fails with CYPHER_UNSUPPORTED
 * (Neo4j would answer it), not with the CYPHER_SYNTAX of a function that does not exist.
 */
export const NEO4J_ONLY_FUNCTIONS = new Set([
  'point',
  'distance',
  'file',
  'linenumber',
  'vector',
  'vector_dimension_count',
  'vector_distance',
  'vector_norm',
]);
