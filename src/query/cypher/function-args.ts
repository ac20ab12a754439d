/** What every function family shares: argument checks, integer overflow, and how values print as text. */
import { CypherFault } from './errors';
import { isTemporal, typeName, isNode, isRel, type CNode, type CRel, type Value } from './values';

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
  if (isTemporal(v)) return v.toString();
  throw typeError(`toString() cannot convert a ${typeName(v)}`, at);
}

export function arity(name: string, args: Value[], min: number, max: number, at: number): void {
  if (args.length < min || args.length > max) {
    throw new CypherFault(
      'CYPHER_SYNTAX',
      `${name}() takes ${min === max ? min : `${min} to ${max}`} argument${max === 1 ? '' : 's'}`,
      at,
    );
  }
}

export function str(name: string, v: Value, at: number): string {
  if (typeof v !== 'string') throw typeError(`${name}() expects a string, not a ${typeName(v)}`, at);
  return v;
}

export function int(name: string, v: Value, at: number): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  throw typeError(`${name}() expects an integer, not a ${typeName(v)}`, at);
}

export function num(name: string, v: Value, at: number): number {
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') return v;
  throw typeError(`${name}() expects a number, not a ${typeName(v)}`, at);
}

export function list(name: string, v: Value, at: number): Value[] {
  if (!Array.isArray(v)) throw typeError(`${name}() expects a list, not a ${typeName(v)}`, at);
  return v;
}

export function entity(name: string, v: Value, at: number): CNode | CRel {
  if (!isNode(v) && !isRel(v))
    throw typeError(`${name}() expects a node or relationship, not a ${typeName(v)}`, at);
  return v;
}

/** A function of one argument that gives null for null. */
export function unary(
  name: string,
  f: (v: Exclude<Value, null>, at: number) => Value,
): [string, CypherFunction] {
  return [
    name,
    (args, at) => {
      arity(name, args, 1, 1, at);
      const v = args[0]!;
      return v === null ? null : f(v, at);
    },
  ];
}

/** A string's code points: Neo4j's string functions count characters, not UTF-16 units. */
export function codePoints(text: string): string[] {
  return /[\uD800-\uDFFF]/.test(text) ? Array.from(text) : text.split('');
}

/** A number as Java's Double.parseDouble reads it (decimal only: not JavaScript's 0x1F or ''); else NaN. */
function decimal(text: string): number {
  return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?[dDfF]?$|^[-+]?(Infinity|NaN)$/.test(text)
    ? Number(text.replace(/[dDfF]$/, ''))
    : NaN;
}

export function toInteger(v: Value, at: number): Value {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? checkedInt(BigInt(Math.trunc(v)), at) : null;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v === 'string') {
    const t = v.trim();
    if (/^[-+]?\d+$/.test(t)) return checkedInt(BigInt(t), at);
    const f = decimal(t);
    return Number.isFinite(f) ? checkedInt(BigInt(Math.trunc(f)), at) : null;
  }
  throw typeError(`toInteger() cannot convert a ${typeName(v as Value)}`, at);
}

export function toFloat(v: Value, at: number): Value {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string') {
    const f = decimal(v.trim());
    return Number.isNaN(f) ? null : f;
  }
  throw typeError(`toFloat() cannot convert a ${typeName(v as Value)}`, at);
}

export function toBoolean(v: Value, at: number): Value {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const t = v.trim().toLowerCase();
    return t === 'true' ? true : t === 'false' ? false : null;
  }
  if (typeof v === 'bigint') return v !== 0n;
  throw typeError(`toBoolean() cannot convert a ${typeName(v as Value)}`, at);
}
