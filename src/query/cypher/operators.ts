/** The operators on values: arithmetic, string predicates, IN, =~ (Java's regex), property and index access, slices. */
import { pow } from './math';
import { CypherFault } from './errors';
import { checkedInt, toText, typeError } from './function-args';
import { temporalArithmetic } from './temporal/arithmetic';
import { temporalProperty } from './temporal/components';
import { equals, isNode, isRel, isTemporal, typeName, type Value } from './values';

export function arithmetic(op: string, a: Value, b: Value, at: number): Value {
  if (a === null || b === null) return null;
  if (op === '||') {
    // Concatenation, Neo4j 5: strings with strings, lists with lists.
    if (typeof a === 'string' && typeof b === 'string') return a + b;
    if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
    throw typeError(`|| joins two strings or two lists, not a ${typeName(a)} and a ${typeName(b)}`, at);
  }
  if (op === '+') {
    if (Array.isArray(a)) return Array.isArray(b) ? [...a, ...b] : [...a, b];
    if (Array.isArray(b)) return [a, ...b];
    if (typeof a === 'string' || typeof b === 'string') {
      if (typeof a === 'string' && typeof b === 'string') return a + b;
      const other = typeof a === 'string' ? b : a;
      if (typeof other === 'bigint' || typeof other === 'number') {
        return typeof a === 'string' ? a + toText(b, at)! : toText(a, at)! + (b as string);
      }
      throw typeError(`cannot add a ${typeName(a)} and a ${typeName(b)}`, at);
    }
  }
  if (isTemporal(a) || isTemporal(b)) return temporalArithmetic(op, a, b, at);
  const ta = typeof a;
  const tb = typeof b;
  if ((ta !== 'bigint' && ta !== 'number') || (tb !== 'bigint' && tb !== 'number')) {
    throw typeError(`cannot apply ${op} to a ${typeName(a)} and a ${typeName(b)}`, at);
  }
  if (ta === 'bigint' && tb === 'bigint' && op !== '^') {
    const x = a as bigint;
    const y = b as bigint;
    switch (op) {
      case '+':
        return checkedInt(x + y, at);
      case '-':
        return checkedInt(x - y, at);
      case '*':
        return checkedInt(x * y, at);
      case '/':
        if (y === 0n) throw new CypherFault('CYPHER_RUNTIME', 'division by zero', at);
        return checkedInt(x / y, at);
      case '%':
        if (y === 0n) throw new CypherFault('CYPHER_RUNTIME', 'division by zero', at);
        return x % y;
    }
  }
  const x = Number(a);
  const y = Number(b);
  switch (op) {
    case '+':
      return x + y;
    case '-':
      return x - y;
    case '*':
      return x * y;
    case '/':
      return x / y;
    case '%':
      return x % y;
    default:
      return pow(x, y);
  }
}

export function stringOp(op: string, a: Value, b: Value): Value {
  if (typeof a !== 'string' || typeof b !== 'string') return null;
  if (op === 'startsWith') return a.startsWith(b);
  if (op === 'endsWith') return a.endsWith(b);
  return a.includes(b);
}

export function inList(x: Value, list: Value, at: number): Value {
  if (list === null) return null;
  if (!Array.isArray(list)) throw typeError(`IN expects a list, not a ${typeName(list)}`, at);
  let unknown = false;
  for (const item of list) {
    const e = equals(x, item);
    if (e === true) return true;
    if (e === null) unknown = true;
  }
  return unknown ? null : false;
}

const regexCache = new Map<string, RegExp>();

const otherCase = (c: string): string => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase());
const isAsciiLetter = (c: string | undefined): c is string => c !== undefined && /^[A-Za-z]$/.test(c);

/**
 * A pattern that matches each ASCII letter in either case and every other character as written, for
 * Java's ASCII-only (?i). Escapes (\\w, \\u00e6, \\p{Lu}, \\k<name>) and group names are copied as they are.
 */
function asciiCaseless(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      const escape =
        /^\\(?:[pPk][{<][^}>]*[}>]|u\{[\da-fA-F]+\}|u[\da-fA-F]{4}|x[\da-fA-F]{2}|c[A-Za-z]|.)/s.exec(
          pattern.slice(i),
        );
      const code = /^\\(?:u00|x)([\da-fA-F]{2})$/.exec(escape![0]);
      const letter = code && String.fromCharCode(parseInt(code[1]!, 16));
      // An escaped ASCII letter (\\u0051) folds like the letter itself.
      out += isAsciiLetter(letter ?? undefined)
        ? inClass
          ? letter! + otherCase(letter!)
          : `[${letter}${otherCase(letter!)}]`
        : escape![0];
      i += escape![0].length - 1;
    } else if (!inClass && pattern.startsWith('(?<', i) && !'=!'.includes(pattern[i + 3] ?? '')) {
      const name = pattern.slice(i, pattern.indexOf('>', i) + 1 || pattern.length);
      out += name;
      i += name.length - 1;
    } else if (c === '[' && !inClass) {
      inClass = true;
      out += c;
    } else if (c === ']' && inClass) {
      inClass = false;
      out += c;
    } else if (inClass && isAsciiLetter(c) && pattern[i + 1] === '-' && isAsciiLetter(pattern[i + 2])) {
      const to = pattern[i + 2]!;
      out += `${c}-${to}`;
      if ((c === c.toLowerCase()) === (to === to.toLowerCase())) out += `${otherCase(c)}-${otherCase(to)}`;
      i += 2;
    } else if (isAsciiLetter(c)) out += inClass ? c + otherCase(c) : `[${c}${otherCase(c)}]`;
    else out += c;
  }
  return out;
}

export function regexMatch(text: Value, pattern: Value, at: number): Value {
  if (typeof text !== 'string' || typeof pattern !== 'string') return null;
  let re = regexCache.get(pattern);
  if (!re) {
    let source = pattern;
    let flags = 'u';
    const m = /^\(\?([imsxu]+)\)/.exec(source);
    if (m) {
      source = source.slice(m[0].length);
      if (m[1]!.includes('i')) flags += 'i';
      if (m[1]!.includes('s')) flags += 's';
      if (m[1]!.includes('m')) flags += 'm';
    }
    // Java folds case in (?i) for ASCII letters only (unless (?iu)): 'Æ' =~ '(?i)æ' is false in Neo4j.
    if (flags.includes('i') && !m![1]!.includes('u')) {
      source = asciiCaseless(source);
      flags = flags.replace('i', '');
    }
    try {
      re = new RegExp(`^(?:${source})$`, flags);
    } catch {
      throw new CypherFault('CYPHER_RUNTIME', `invalid regular expression ${JSON.stringify(pattern)}`, at);
    }
    regexCache.set(pattern, re);
  }
  return re.test(text);
}

export function property(target: Value, key: string, at: number): Value {
  if (target === null) return null;
  if (target instanceof Map) return target.get(key) ?? null;
  if (isNode(target) || isRel(target)) return target.properties.get(key) ?? null;
  if (isTemporal(target)) return temporalProperty(target, key, at);
  throw typeError(`cannot read property ${key} of a ${typeName(target)}`, at);
}

export function index(target: Value, i: Value, at: number): Value {
  if (target === null || i === null) return null;
  if (Array.isArray(target)) {
    if (typeof i !== 'bigint') throw typeError(`a list index must be an integer, not a ${typeName(i)}`, at);
    const n = Number(i);
    return target[n < 0 ? target.length + n : n] ?? null;
  }
  if (typeof i === 'string') return property(target, i, at);
  throw typeError(`cannot index a ${typeName(target)} with a ${typeName(i)}`, at);
}

export function slice(target: Value, from: Value, to: Value, at: number): Value {
  if (target === null) return null;
  if (!Array.isArray(target)) throw typeError(`cannot slice a ${typeName(target)}`, at);
  const pos = (v: Value, dflt: number) => {
    if (v === undefined) return dflt;
    if (typeof v !== 'bigint') throw typeError(`a slice bound must be an integer, not a ${typeName(v)}`, at);
    const n = Number(v);
    return n < 0 ? Math.max(0, target.length + n) : Math.min(n, target.length);
  };
  if (from === null || to === null) return null;
  return target.slice(pos(from, 0), pos(to, target.length));
}
