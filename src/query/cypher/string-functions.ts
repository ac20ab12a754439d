/**
 * Neo4j 5's string functions beyond openCypher's, and the "OrNull" conversions: on code points, as
 * Neo4j counts characters.
 */
import { CypherFault } from './errors';
import {
  arity,
  codePoints,
  str,
  toBoolean,
  toFloat,
  toInteger,
  toText,
  unary,
  type CypherFunction,
} from './function-args';
import { valueTypeName } from './types';
import type { Value } from './values';

const FORMS = new Set(['NFC', 'NFD', 'NFKC', 'NFKD']);

/** Java's Character.isWhitespace, which Neo4j trims: the no-break spaces are not whitespace. */
function javaWhitespace(c: string): boolean {
  const code = c.codePointAt(0)!;
  if (code === 0xa0 || code === 0x2007 || code === 0x202f) return false;
  return (
    (code >= 0x09 && code <= 0x0d) || (code >= 0x1c && code <= 0x1f) || /^[\p{Zs}\u2028\u2029]$/u.test(c)
  );
}

/** trim, ltrim, rtrim and btrim with Neo4j 5's optional characters to trim. */
function trimmer(name: string, start: boolean, end: boolean): [string, CypherFunction] {
  return [
    name,
    (args, at) => {
      arity(name, args, 1, 2, at);
      if (args.some((a) => a === null)) return null;
      const text = codePoints(str(name, args[0]!, at));
      const chars = args.length === 2 ? new Set(codePoints(str(name, args[1]!, at))) : null;
      const trimmed = (c: string) => (chars ? chars.has(c) : javaWhitespace(c));
      let from = 0;
      let to = text.length;
      if (start) while (from < to && trimmed(text[from]!)) from++;
      if (end) while (to > from && trimmed(text[to - 1]!)) to--;
      return text.slice(from, to).join('');
    },
  ];
}

/** A conversion that gives null, not an error, for a value it cannot convert. */
function orNull(name: string, f: (v: Value, at: number) => Value): [string, CypherFunction] {
  return unary(name, (v, at) => {
    try {
      return f(v, at);
    } catch (e) {
      if (e instanceof CypherFault) return null;
      throw e;
    }
  });
}

export const STRING_FUNCTIONS: [string, CypherFunction][] = [
  trimmer('trim', true, true),
  trimmer('btrim', true, true),
  trimmer('ltrim', true, false),
  trimmer('rtrim', false, true),
  unary('lower', (v, at) => str('lower', v, at).toLowerCase()),
  unary('upper', (v, at) => str('upper', v, at).toUpperCase()),
  unary('char_length', (v, at) => BigInt(codePoints(str('char_length', v, at)).length)),
  unary('character_length', (v, at) => BigInt(codePoints(str('character_length', v, at)).length)),
  unary('isempty', (v, at) => {
    if (typeof v === 'string') return v.length === 0;
    if (Array.isArray(v)) return v.length === 0;
    if (v instanceof Map) return v.size === 0;
    throw new CypherFault('CYPHER_RUNTIME', 'isEmpty() expects a string, list or map', at);
  }),
  [
    'normalize',
    (args, at) => {
      arity('normalize', args, 1, 2, at);
      if (args[0] === null) return null;
      const form = args.length === 2 ? String(args[1]).toUpperCase() : 'NFC';
      if (!FORMS.has(form)) throw new CypherFault('CYPHER_SYNTAX', `normalize() has no form ${form}`, at);
      return str('normalize', args[0]!, at).normalize(form);
    },
  ],
  orNull('tostringornull', (v, at) => toText(v, at)),
  orNull('tointegerornull', (v, at) => toInteger(v, at)),
  orNull('tofloatornull', (v, at) => toFloat(v, at)),
  orNull('tobooleanornull', (v, at) => toBoolean(v, at)),
  ['valuetype', (args, at) => (arity('valueType', args, 1, 1, at), valueTypeName(args[0]!))],
];

/** Normal forms are written as bare words: `normalize(s, NFKC)`. */
export const NORMAL_FORMS = FORMS;
