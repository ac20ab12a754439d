/**
 * The planner and evaluator: each clause is compiled once into a function from rows to rows, and each
 * expression into a closure over a row. A row is an array of slots; a scope maps variable names to
 * slots, so no name is looked up while the query runs.
 */
import type {
  Clause,
  Expr,
  NodePattern,
  PatternPart,
  Projection,
  Query,
  RelPattern,
  SingleQuery,
  SortItem,
} from './ast';
import { CypherFault } from './errors';
import {
  AGGREGATES,
  checkedInt,
  FUNCTIONS,
  makeAggregator,
  toText,
  typeError,
  type Aggregator,
} from './functions';
import type { PropertyGraph } from './graph';
import {
  CDate,
  compare,
  CPath,
  equals,
  hashKey,
  isNode,
  isRel,
  orderCompare,
  typeName,
  ValueMap,
  type CNode,
  type CRel,
  type FastProperties,
  type Value,
} from './values';

export type Row = Value[];

/**
 * Rows stream through the clauses: each stage pushes rows on as it makes them, so a long MATCH feeding
 * an aggregation never holds all its rows (only ORDER BY, DISTINCT and grouping buffer). A stage must not
 * keep a row it was pushed without copying it.
 */
interface Flow {
  push(row: Row): void;
  end(): void;
}

type Stage = (ctx: Context, down: Flow) => Flow;

/** A matcher step: binds what it can in `row`, calls `next` for each binding; true means stop. */
type Step = (row: Row, ctx: Context, used: CRel[], next: () => boolean) => boolean;

export interface Context {
  graph: PropertyGraph;
  params: Map<string, Value>;
}

type Fn = (row: Row, ctx: Context) => Value;

/** What a variable is known to hold at compile time, to refuse patterns that cannot type-check. */
type VarType = 'node' | 'rel' | 'rels' | 'path' | 'value' | 'unknown';

/** Variable names to slots. Anonymous variables have names no query can spell (they start with a space). */
class Scope {
  /** The row width: slots may outnumber names when a name hides another. */
  readonly size: number;

  constructor(
    readonly names: Map<string, number> = new Map(),
    size?: number,
    readonly types: Map<string, VarType> = new Map(),
  ) {
    this.size = size ?? names.size;
  }

  has(name: string): boolean {
    return this.names.has(name);
  }

  slot(name: string): number | undefined {
    return this.names.get(name);
  }

  type(name: string): VarType {
    return this.types.get(name) ?? 'unknown';
  }

  /** A copy with `name` added at the next slot (or kept in its slot, with the new type). */
  with(name: string, type: VarType = 'unknown'): Scope {
    const types = new Map(this.types).set(name, type);
    if (this.names.has(name)) return new Scope(this.names, this.size, types);
    return new Scope(new Map([...this.names, [name, this.size]]), this.size + 1, types);
  }

  /** A copy with `n` more slots that no name reaches. */
  padded(n: number): Scope {
    return new Scope(this.names, this.size + n, this.types);
  }

  visible(): string[] {
    return [...this.names.keys()].filter((n) => !n.startsWith(' '));
  }
}

/** The type an expression is known to have, for the variable a projection binds it to. */
function staticType(e: Expr, scope: Scope): VarType {
  switch (e.kind) {
    case 'var':
      return scope.type(e.name);
    case 'literal':
      return e.value === null ? 'unknown' : 'value';
    case 'list':
    case 'map':
    case 'compare':
    case 'listComprehension':
    case 'isNull':
      return 'value';
    case 'binary':
      return e.op === '+' ? 'unknown' : 'value';
    default:
      return 'unknown';
  }
}

export interface CompiledQuery {
  columns: string[];
  run(input: Row[], ctx: Context): Row[];
}

function unsupported(what: string, at: number): CypherFault {
  return new CypherFault('CYPHER_UNSUPPORTED', `${what} is not supported by the memory backend`, at);
}

function syntax(message: string, at: number): CypherFault {
  return new CypherFault('CYPHER_SYNTAX', message, at);
}

function bool(v: Value, at: number, what: string): boolean | null {
  if (v === null || typeof v === 'boolean') return v;
  throw typeError(`${what} expects a boolean, not a ${typeName(v)}`, at);
}

/** Free variables of an expression: the names it reads from its scope. */
function freeVariables(expr: Expr, out = new Set<string>(), bound = new Set<string>()): Set<string> {
  const visit = (e: Expr | null, b = bound) => {
    if (e) freeVariables(e, out, b);
  };
  switch (expr.kind) {
    case 'var':
      if (!bound.has(expr.name)) out.add(expr.name);
      break;
    case 'literal':
    case 'param':
      break;
    case 'prop':
    case 'hasLabels':
      visit(expr.target);
      break;
    case 'index':
      visit(expr.target);
      visit(expr.index);
      break;
    case 'slice':
      visit(expr.target);
      visit(expr.from);
      visit(expr.to);
      break;
    case 'list':
      expr.items.forEach((e) => visit(e));
      break;
    case 'map':
      expr.entries.forEach(([, e]) => visit(e));
      break;
    case 'mapProjection':
      visit(expr.target);
      for (const item of expr.items) {
        if (item.kind === 'entry') visit(item.value);
        if (item.kind === 'variable' && !bound.has(item.name)) out.add(item.name);
      }
      break;
    case 'unary':
    case 'isNull':
      visit(expr.arg);
      break;
    case 'binary':
      visit(expr.left);
      visit(expr.right);
      break;
    case 'compare':
      expr.args.forEach((e) => visit(e));
      break;
    case 'call':
      expr.args.forEach((e) => visit(e));
      break;
    case 'case':
      visit(expr.subject);
      expr.whens.forEach(([w, t]) => (visit(w), visit(t)));
      visit(expr.otherwise);
      break;
    case 'listComprehension':
    case 'quantifier': {
      visit(expr.list);
      const inner = new Set([...bound, expr.variable]);
      visit(expr.where, inner);
      if (expr.kind === 'listComprehension') visit(expr.map, inner);
      break;
    }
    case 'reduce': {
      visit(expr.init);
      visit(expr.list);
      visit(expr.expr, new Set([...bound, expr.acc, expr.variable]));
      break;
    }
    case 'pattern':
    case 'patternComprehension': {
      const inner = new Set(bound);
      for (const v of patternVariables(expr.pattern)) {
        if (!v.startsWith(' ')) out.add(v);
      }
      for (const n of expr.pattern.nodes) visit(n.properties, inner);
      for (const r of expr.pattern.rels) visit(r.properties, inner);
      if (expr.kind === 'patternComprehension') {
        visit(expr.where);
        visit(expr.map);
      }
      break;
    }
    case 'subquery':
      // Conservatively: everything it could read (resolved when the subquery is compiled).
      out.add(' subquery');
      break;
  }
  return out;
}

function patternVariables(part: PatternPart): string[] {
  const vars = [...part.nodes.map((n) => n.variable!), ...part.rels.map((r) => r.variable!)];
  if (part.pathVariable) vars.push(part.pathVariable);
  return vars;
}

function containsAggregate(e: Expr): boolean {
  let found = false;
  walk(e, (x) => {
    if (x.kind === 'call' && AGGREGATES.has(x.name.toLowerCase())) found = true;
    return !found;
  });
  return found;
}

/** Visits an expression and its sub-expressions (not into subqueries); `visit` returns false to stop descending. */
function walk(e: Expr, visit: (e: Expr) => boolean): void {
  if (!visit(e)) return;
  const go = (x: Expr | null) => x && walk(x, visit);
  switch (e.kind) {
    case 'prop':
    case 'hasLabels':
      go(e.target);
      break;
    case 'index':
      go(e.target);
      go(e.index);
      break;
    case 'slice':
      go(e.target);
      go(e.from);
      go(e.to);
      break;
    case 'list':
      e.items.forEach(go);
      break;
    case 'map':
      e.entries.forEach(([, x]) => go(x));
      break;
    case 'mapProjection':
      go(e.target);
      e.items.forEach((i) => i.kind === 'entry' && go(i.value));
      break;
    case 'unary':
    case 'isNull':
      go(e.arg);
      break;
    case 'binary':
      go(e.left);
      go(e.right);
      break;
    case 'compare':
      e.args.forEach(go);
      break;
    case 'call':
      e.args.forEach(go);
      break;
    case 'case':
      go(e.subject);
      e.whens.forEach(([w, t]) => (go(w), go(t)));
      go(e.otherwise);
      break;
    case 'listComprehension':
      go(e.list);
      go(e.where);
      go(e.map);
      break;
    case 'quantifier':
      go(e.list);
      go(e.where);
      break;
    case 'reduce':
      go(e.init);
      go(e.list);
      go(e.expr);
      break;
    case 'patternComprehension':
      go(e.where);
      go(e.map);
      break;
    default:
      break;
  }
}

/** Splits a WHERE into its AND-ed parts, so each can run as soon as its variables are bound. */
function conjuncts(e: Expr | null): Expr[] {
  if (!e) return [];
  if (e.kind === 'binary' && e.op === 'and') return [...conjuncts(e.left), ...conjuncts(e.right)];
  return [e];
}

// ---------------------------------------------------------------------------------------------------
// Expressions

function arithmetic(op: string, a: Value, b: Value, at: number): Value {
  if (a === null || b === null) return null;
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
      return x ** y;
  }
}

function stringOp(op: string, a: Value, b: Value): Value {
  if (typeof a !== 'string' || typeof b !== 'string') return null;
  if (op === 'startsWith') return a.startsWith(b);
  if (op === 'endsWith') return a.endsWith(b);
  return a.includes(b);
}

function inList(x: Value, list: Value, at: number): Value {
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

function regexMatch(text: Value, pattern: Value, at: number): Value {
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

function property(target: Value, key: string, at: number): Value {
  if (target === null) return null;
  if (target instanceof Map) return target.get(key) ?? null;
  if (isNode(target) || isRel(target)) return target.properties.get(key) ?? null;
  if (target instanceof CDate) {
    if (key === 'year') return BigInt(target.year);
    if (key === 'month') return BigInt(target.month);
    if (key === 'day') return BigInt(target.day);
  }
  throw typeError(`cannot read property ${key} of a ${typeName(target)}`, at);
}

function index(target: Value, i: Value, at: number): Value {
  if (target === null || i === null) return null;
  if (Array.isArray(target)) {
    if (typeof i !== 'bigint') throw typeError(`a list index must be an integer, not a ${typeName(i)}`, at);
    const n = Number(i);
    return target[n < 0 ? target.length + n : n] ?? null;
  }
  if (typeof i === 'string') return property(target, i, at);
  throw typeError(`cannot index a ${typeName(target)} with a ${typeName(i)}`, at);
}

function slice(target: Value, from: Value, to: Value, at: number): Value {
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

class Compiler {
  /** Aggregate calls replaced by slots, while compiling a projection that aggregates. */
  aggregateSlots: Map<Expr, number> | null = null;

  /** The graph the query will run on, if known: its label sizes guide where patterns start. */
  constructor(private readonly stats: PropertyGraph | null) {}

  expr(e: Expr, scope: Scope): Fn {
    const at = e.at;
    switch (e.kind) {
      case 'literal': {
        const v = e.value;
        return () => v;
      }
      case 'param': {
        const name = e.name;
        return (_row, ctx) => {
          const v = ctx.params.get(name);
          if (v === undefined) throw new CypherFault('CYPHER_RUNTIME', `missing parameter $${name}`, at);
          return v;
        };
      }
      case 'var': {
        const slot = scope.slot(e.name);
        if (slot === undefined) throw syntax(`variable \`${e.name}\` is not defined`, at);
        return (row) => row[slot] ?? null;
      }
      case 'prop': {
        if (e.target.kind === 'var' && ['path', 'rels'].includes(scope.type(e.target.name))) {
          throw syntax(`a ${scope.type(e.target.name)} has no properties`, at);
        }
        const target = this.expr(e.target, scope);
        const key = e.key;
        return (row, ctx) => {
          const t = target(row, ctx);
          // The common case first: a node or relationship (only they have a properties field).
          const fast = t !== null && typeof t === 'object' ? (t as Partial<CNode>).fast : undefined;
          if (fast !== undefined) return fast[key] ?? null;
          return property(t, key, at);
        };
      }
      case 'index': {
        const target = this.expr(e.target, scope);
        const i = this.expr(e.index, scope);
        return (row, ctx) => index(target(row, ctx), i(row, ctx), at);
      }
      case 'slice': {
        const target = this.expr(e.target, scope);
        const from = e.from ? this.expr(e.from, scope) : () => 0n;
        const to = e.to ? this.expr(e.to, scope) : null;
        return (row, ctx) => {
          const t = target(row, ctx);
          const end = to ? to(row, ctx) : Array.isArray(t) ? BigInt(t.length) : null;
          return slice(t, from(row, ctx), end, at);
        };
      }
      case 'hasLabels': {
        const target = this.expr(e.target, scope);
        const labels = e.labels;
        return (row, ctx) => {
          const t = target(row, ctx);
          if (t === null) return null;
          if (!isNode(t)) throw typeError(`a label test needs a node, not a ${typeName(t)}`, at);
          return labels.every((l) => t.labels.includes(l));
        };
      }
      case 'list': {
        const items = e.items.map((x) => this.expr(x, scope));
        return (row, ctx) => items.map((f) => f(row, ctx));
      }
      case 'map': {
        const entries = e.entries.map(([k, x]) => [k, this.expr(x, scope)] as const);
        return (row, ctx) => new Map(entries.map(([k, f]) => [k, f(row, ctx)]));
      }
      case 'mapProjection': {
        const target = this.expr(e.target, scope);
        const items = e.items.map((item) => {
          if (item.kind === 'entry') return { ...item, fn: this.expr(item.value, scope) };
          if (item.kind === 'variable')
            return { ...item, fn: this.expr({ kind: 'var', at, name: item.name }, scope) };
          return { ...item, fn: null };
        });
        return (row, ctx) => {
          const t = target(row, ctx);
          if (t === null) return null;
          const props = t instanceof Map ? t : isNode(t) || isRel(t) ? t.properties : null;
          if (!props)
            throw typeError(`a map projection needs a map, node or relationship, not a ${typeName(t)}`, at);
          const out = new Map<string, Value>();
          for (const item of items) {
            if (item.kind === 'allProperties') for (const [k, v] of props) out.set(k, v);
            else if (item.kind === 'property') out.set(item.key, props.get(item.key) ?? null);
            else if (item.kind === 'variable') out.set(item.name, item.fn!(row, ctx));
            else out.set(item.key, item.fn!(row, ctx));
          }
          return out;
        };
      }
      case 'unary': {
        const arg = this.expr(e.arg, scope);
        if (e.op === 'not') {
          return (row, ctx) => {
            const v = bool(arg(row, ctx), at, 'NOT');
            return v === null ? null : !v;
          };
        }
        if (e.op === '+') {
          return (row, ctx) => {
            const v = arg(row, ctx);
            if (v !== null && typeof v !== 'bigint' && typeof v !== 'number') {
              throw typeError(`unary + expects a number, not a ${typeName(v)}`, at);
            }
            return v;
          };
        }
        return (row, ctx) => {
          const v = arg(row, ctx);
          if (v === null) return null;
          if (typeof v === 'bigint') return checkedInt(-v, at);
          if (typeof v === 'number') return -v;
          throw typeError(`unary - expects a number, not a ${typeName(v)}`, at);
        };
      }
      case 'isNull': {
        const arg = this.expr(e.arg, scope);
        return e.negated ? (row, ctx) => arg(row, ctx) !== null : (row, ctx) => arg(row, ctx) === null;
      }
      case 'binary':
        return this.binary(e, scope);
      case 'compare': {
        const args = e.args.map((x) => this.expr(x, scope));
        const ops = e.ops;
        const one = (op: string, a: Value, b: Value): boolean | null => {
          if (op === '=') return equals(a, b);
          if (op === '<>') {
            const r = equals(a, b);
            return r === null ? null : !r;
          }
          const c = compare(a, b);
          if (c === null) return null;
          return op === '<' ? c < 0 : op === '>' ? c > 0 : op === '<=' ? c <= 0 : c >= 0;
        };
        if (ops.length === 1) {
          const [fa, fb] = args as [Fn, Fn];
          const op = ops[0]!;
          return (row, ctx) => one(op, fa(row, ctx), fb(row, ctx));
        }
        return (row, ctx) => {
          const values = args.map((f) => f(row, ctx));
          let result: boolean | null = true;
          for (let i = 0; i < ops.length; i++) {
            const r = one(ops[i]!, values[i]!, values[i + 1]!);
            if (r === false) return false;
            if (r === null) result = null;
          }
          return result;
        };
      }
      case 'call':
        return this.call(e, scope);
      case 'case': {
        const subject = e.subject ? this.expr(e.subject, scope) : null;
        const whens = e.whens.map(([w, t]) => [this.expr(w, scope), this.expr(t, scope)] as const);
        const otherwise = e.otherwise ? this.expr(e.otherwise, scope) : () => null;
        if (subject) {
          return (row, ctx) => {
            const s = subject(row, ctx);
            for (const [w, t] of whens) if (equals(s, w(row, ctx)) === true) return t(row, ctx);
            return otherwise(row, ctx);
          };
        }
        return (row, ctx) => {
          for (const [w, t] of whens) if (w(row, ctx) === true) return t(row, ctx);
          return otherwise(row, ctx);
        };
      }
      case 'listComprehension': {
        const list = this.expr(e.list, scope);
        const inner = scope.with(e.variable);
        const slot = inner.slot(e.variable)!;
        const where = e.where ? this.expr(e.where, inner) : null;
        const map = e.map ? this.expr(e.map, inner) : null;
        return (row, ctx) => {
          const l = list(row, ctx);
          if (l === null) return null;
          if (!Array.isArray(l))
            throw typeError(`a list comprehension needs a list, not a ${typeName(l)}`, at);
          const r = row.slice();
          const out: Value[] = [];
          for (const x of l) {
            r[slot] = x;
            if (where && where(r, ctx) !== true) continue;
            out.push(map ? map(r, ctx) : x);
          }
          return out;
        };
      }
      case 'quantifier': {
        const list = this.expr(e.list, scope);
        const inner = scope.with(e.variable);
        const slot = inner.slot(e.variable)!;
        const where = this.expr(e.where, inner);
        const q = e.quantifier;
        return (row, ctx) => {
          const l = list(row, ctx);
          if (l === null) return null;
          if (!Array.isArray(l)) throw typeError(`${q}() needs a list, not a ${typeName(l)}`, at);
          const r = row.slice();
          let trues = 0;
          let nulls = 0;
          for (const x of l) {
            r[slot] = x;
            const v = bool(where(r, ctx), at, q);
            if (v === true) trues++;
            else if (v === null) nulls++;
          }
          const falses = l.length - trues - nulls;
          switch (q) {
            case 'all':
              return falses > 0 ? false : nulls > 0 ? null : true;
            case 'any':
              return trues > 0 ? true : nulls > 0 ? null : false;
            case 'none':
              return trues > 0 ? false : nulls > 0 ? null : true;
            case 'single':
              return trues > 1 ? false : nulls > 0 ? null : trues === 1;
          }
        };
      }
      case 'reduce': {
        const init = this.expr(e.init, scope);
        const list = this.expr(e.list, scope);
        const inner = scope.with(e.acc).with(e.variable);
        const accSlot = inner.slot(e.acc)!;
        const slot = inner.slot(e.variable)!;
        const step = this.expr(e.expr, inner);
        return (row, ctx) => {
          const l = list(row, ctx);
          if (l === null) return null;
          if (!Array.isArray(l)) throw typeError(`reduce() needs a list, not a ${typeName(l)}`, at);
          const r = row.slice();
          r[accSlot] = init(row, ctx);
          for (const x of l) {
            r[slot] = x;
            r[accSlot] = step(r, ctx);
          }
          return r[accSlot] ?? null;
        };
      }
      case 'pattern': {
        for (const v of patternVariables(e.pattern)) {
          if (!v.startsWith(' ') && !scope.has(v)) {
            throw syntax(`a pattern predicate cannot introduce the new variable \`${v}\``, e.at);
          }
        }
        const matcher = this.matcher([e.pattern], scope, []);
        return (row, ctx) => {
          let found = false;
          matcher.run(row, ctx, () => ((found = true), true));
          return found;
        };
      }
      case 'patternComprehension': {
        const matcher = this.matcher([e.pattern], scope, conjuncts(e.where));
        const map = this.expr(e.map, matcher.scope);
        return (row, ctx) => {
          const out: Value[] = [];
          matcher.run(row, ctx, (r) => {
            out.push(map(r, ctx));
            return false;
          });
          return out;
        };
      }
      case 'subquery': {
        const inner = this.query(e.query, scope, true);
        const type = e.type;
        if (type === 'collect' && inner.columns.length !== 1) {
          throw syntax('a COLLECT subquery must return exactly one column', at);
        }
        return (row, ctx) => {
          const rows = inner.run([row], ctx);
          if (type === 'exists') return rows.length > 0;
          if (type === 'count') return BigInt(rows.length);
          return rows.map((r) => r[0] ?? null);
        };
      }
    }
  }

  private binary(e: Extract<Expr, { kind: 'binary' }>, scope: Scope): Fn {
    const left = this.expr(e.left, scope);
    const right = this.expr(e.right, scope);
    const at = e.at;
    switch (e.op) {
      case 'and':
        return (row, ctx) => {
          const a = bool(left(row, ctx), at, 'AND');
          if (a === false) return false;
          const b = bool(right(row, ctx), at, 'AND');
          if (b === false) return false;
          return a === null || b === null ? null : true;
        };
      case 'or':
        return (row, ctx) => {
          const a = bool(left(row, ctx), at, 'OR');
          if (a === true) return true;
          const b = bool(right(row, ctx), at, 'OR');
          if (b === true) return true;
          return a === null || b === null ? null : false;
        };
      case 'xor':
        return (row, ctx) => {
          const a = bool(left(row, ctx), at, 'XOR');
          const b = bool(right(row, ctx), at, 'XOR');
          return a === null || b === null ? null : a !== b;
        };
      case 'in':
        return (row, ctx) => inList(left(row, ctx), right(row, ctx), at);
      case 'startsWith':
      case 'endsWith':
      case 'contains': {
        const op = e.op;
        return (row, ctx) => stringOp(op, left(row, ctx), right(row, ctx));
      }
      case '=~':
        return (row, ctx) => regexMatch(left(row, ctx), right(row, ctx), at);
      default: {
        const op = e.op;
        return (row, ctx) => arithmetic(op, left(row, ctx), right(row, ctx), at);
      }
    }
  }

  private call(e: Extract<Expr, { kind: 'call' }>, scope: Scope): Fn {
    const name = e.name.toLowerCase();
    const at = e.at;
    if (AGGREGATES.has(name)) {
      const slot = this.aggregateSlots?.get(e);
      if (slot === undefined) throw syntax(`${e.name}() is an aggregation and cannot be used here`, at);
      return (row) => row[slot] ?? null;
    }
    if (e.distinct) throw syntax(`DISTINCT is only allowed in aggregations, not in ${e.name}()`, at);
    if (name === 'exists') {
      const arg = e.args[0];
      if (e.args.length !== 1 || !arg) throw syntax('exists() takes one argument', at);
      if (arg.kind === 'pattern') return this.expr(arg, scope);
      // Neo4j 5 refuses the property form, so a query tested here must not pass here alone.
      if (arg.kind === 'prop')
        throw syntax('exists(variable.property) is not Cypher 5: write variable.property IS NOT NULL', at);
      throw syntax('exists() takes a pattern', at);
    }
    const fn = FUNCTIONS.get(name);
    if (!fn) {
      throw new CypherFault(
        name.includes('.') ? 'CYPHER_UNSUPPORTED' : 'CYPHER_SYNTAX',
        `unknown function ${e.name}()`,
        at,
      );
    }
    const args = e.args.map((a) => this.expr(a, scope));
    if (name === 'coalesce') {
      return (row, ctx) => {
        for (const a of args) {
          const v = a(row, ctx);
          if (v !== null) return v;
        }
        return null;
      };
    }
    if (args.length === 1) {
      const a0 = args[0]!;
      return (row, ctx) => fn([a0(row, ctx)], at);
    }
    return (row, ctx) =>
      fn(
        args.map((a) => a(row, ctx)),
        at,
      );
  }

  // -------------------------------------------------------------------------------------------------
  // Queries and clauses

  query(q: Query, scope: Scope, subquery = false): CompiledQuery {
    const parts = q.parts.map((p) => this.singleQuery(p, scope, subquery));
    const first = parts[0]!;
    for (const p of parts.slice(1)) {
      if (p.columns.join('\u0000') !== first.columns.join('\u0000')) {
        throw syntax('all parts of a UNION must return the same column names', q.at);
      }
    }
    if (parts.length === 1) return first;
    const distinct = q.unionAll.some((all) => !all);
    return {
      columns: first.columns,
      run: (input, ctx) => {
        const rows = parts.flatMap((p) => p.run(input, ctx));
        return distinct ? dedupe(rows) : rows;
      },
    };
  }

  private singleQuery(q: SingleQuery, outer: Scope, isSubquery: boolean): CompiledQuery {
    let scope = outer;
    const stages: Stage[] = [];
    let columns: string[] | null = null;
    const last = q.clauses[q.clauses.length - 1]!;
    for (const clause of q.clauses) {
      const compiled = this.clause(clause, scope);
      stages.push(compiled.stage);
      scope = compiled.scope;
      if (clause.kind === 'return') columns = compiled.columns ?? null;
    }
    if (!columns) {
      if (last.kind === 'call' && !isSubquery) columns = scope.visible();
      else if (last.kind !== 'create' && !isSubquery) throw syntax('a query must end with RETURN', last.at);
    }
    return {
      columns: columns ?? [],
      run: (input, ctx) => {
        const out: Row[] = [];
        let flow: Flow = { push: (row) => void out.push(row.slice()), end: () => undefined };
        for (let i = stages.length - 1; i >= 0; i--) flow = stages[i]!(ctx, flow);
        for (const row of input) flow.push(row);
        flow.end();
        return out;
      },
    };
  }

  private clause(c: Clause, scope: Scope): { scope: Scope; columns?: string[]; stage: Stage } {
    switch (c.kind) {
      case 'match':
        return this.matchClause(c, scope);
      case 'unwind': {
        const list = this.expr(c.expr, scope);
        if (scope.has(c.variable)) throw syntax(`variable \`${c.variable}\` is already defined`, c.at);
        const out = scope.with(c.variable);
        const slot = out.slot(c.variable)!;
        return {
          scope: out,
          stage: (ctx, down) => ({
            push: (row) => {
              const l = list(row, ctx);
              const items = l === null ? [] : Array.isArray(l) ? l : [l];
              for (const x of items) {
                const r = row.slice();
                r[slot] = x;
                down.push(r);
              }
            },
            end: () => down.end(),
          }),
        };
      }
      case 'with':
      case 'return': {
        if (c.kind === 'with') {
          for (const item of c.projection.items) {
            if (!item.aliased && item.expr.kind !== 'var') {
              throw syntax(`the expression ${item.name} in WITH needs an alias (AS name)`, item.at);
            }
          }
        }
        const p = this.projection(c.projection, scope, c.kind === 'with' ? c.where : null);
        return c.kind === 'return' ? p : { scope: p.scope, stage: p.stage };
      }
      case 'call': {
        let inner = new Scope();
        if (c.imports === null) inner = scope;
        else
          for (const name of c.imports) {
            if (!scope.has(name)) throw syntax(`variable \`${name}\` is not defined`, c.at);
            inner = inner.with(name);
          }
        const importSlots = c.imports?.map((n) => scope.slot(n)!) ?? null;
        const sub = this.query(c.query, inner, true);
        let out = scope;
        for (const col of sub.columns) {
          if (scope.has(col)) throw syntax(`variable \`${col}\` is already defined`, c.at);
          out = out.with(col);
        }
        return {
          scope: out,
          stage: (ctx, down) => ({
            push: (row) => {
              const input = importSlots ? importSlots.map((s) => row[s] ?? null) : row.slice();
              for (const r of sub.run([input], ctx)) down.push([...row, ...r]);
            },
            end: () => down.end(),
          }),
        };
      }
      case 'create':
        return this.createClause(c, scope);
    }
  }

  /**
   * RETURN and WITH: project, group and aggregate, DISTINCT, ORDER BY, SKIP, LIMIT, then (WITH only)
   * WHERE. ORDER BY and WHERE see the new columns and, unless the projection aggregates or is DISTINCT,
   * the variables from before it; rows carry both until then.
   */
  private projection(
    p: Projection,
    scope: Scope,
    whereExpr: Expr | null,
  ): { scope: Scope; columns: string[]; stage: Stage } {
    const items = [...p.items];
    if (p.star) {
      const names = scope.visible().sort();
      if (names.length === 0 && items.length === 0) {
        throw syntax('RETURN * / WITH * with no variables in scope', p.at);
      }
      items.unshift(
        ...names.map((name) => ({
          at: p.at,
          expr: { kind: 'var' as const, at: p.at, name },
          name,
          aliased: false,
          text: name,
        })),
      );
    }
    const columns = items.map((i) => i.name);
    const seen = new Set<string>();
    for (const item of items) {
      if (seen.has(item.name)) throw syntax(`the column name ${item.name} is used twice`, item.at);
      seen.add(item.name);
    }
    let outScope = new Scope();
    for (const i of items) outScope = outScope.with(i.name, staticType(i.expr, scope));
    const k = columns.length;
    const skip = p.skip ? this.constantInt(p.skip, 'SKIP') : null;
    const limit = p.limit ? this.constantInt(p.limit, 'LIMIT') : null;
    const aggregating = items.some((i) => containsAggregate(i.expr));
    const sortKeys: { fn: Fn; descending: boolean }[] = [];

    // After DISTINCT or aggregation, ORDER BY and WHERE see the columns only: an expression the
    // projection computes is read from its column, and the old variables are out of reach.
    const columnsOnly = p.distinct || aggregating;
    const columnScope = new Scope(new Map(outScope.names), k, outScope.types);
    items.forEach((_, i) => columnScope.names.set(` col${i}`, i));
    const orderBy = p.orderBy.map((s) => ({ ...s, expr: columnsOnly ? projected(s.expr, items) : s.expr }));
    const whereOn = whereExpr && columnsOnly ? projected(whereExpr, items) : whereExpr;

    if (!aggregating) {
      const fns = items.map((i) => this.expr(i.expr, scope));
      // The new columns first; then the old variables they do not hide.
      const combined = p.distinct
        ? columnScope
        : new Scope(new Map(outScope.names), k + scope.size, new Map([...scope.types, ...outScope.types]));
      if (!p.distinct)
        for (const [name, slot] of scope.names) if (!combined.has(name)) combined.names.set(name, k + slot);
      for (const s of orderBy) {
        if (containsAggregate(s.expr))
          throw syntax('ORDER BY cannot aggregate when the projection does not', s.expr.at);
        sortKeys.push({ fn: this.orderKey(s, items, combined), descending: s.descending });
      }
      const where = whereOn ? this.expr(whereOn, combined) : null;
      const keep = !p.distinct && (sortKeys.length > 0 || where !== null);
      const buffered = p.distinct || sortKeys.length > 0;
      return {
        scope: outScope,
        columns,
        stage: (ctx, down) => {
          const emit = (r: Row) => {
            if (where && where(r, ctx) !== true) return;
            down.push(keep ? r.slice(0, k) : r);
          };
          const project = (row: Row) => {
            const projected = fns.map((f) => f(row, ctx));
            return keep ? projected.concat(row) : projected;
          };
          if (!buffered) {
            // Streaming: SKIP and LIMIT count rows as they pass.
            let skipped = 0;
            let passed = 0;
            const from = skip ? skip(ctx) : 0;
            const count = limit ? limit(ctx) : Infinity;
            return {
              push: (row) => {
                if (passed >= count) return;
                if (skipped < from) {
                  skipped++;
                  return;
                }
                passed++;
                emit(project(row));
              },
              end: () => down.end(),
            };
          }
          let out: Row[] = [];
          return {
            push: (row) => void out.push(project(row)),
            end: () => {
              if (p.distinct) out = dedupe(out);
              for (const r of sortAndPage(out, sortKeys, skip, limit, ctx)) emit(r);
              down.end();
            },
          };
        },
      };
    }

    // Aggregation: the grouping keys are the items without aggregates. Each aggregate call gets a slot
    // after the input row's slots, filled per group; the rest of an item may only use grouping keys.
    const aggCalls: Extract<Expr, { kind: 'call' }>[] = [];
    const collect = (e: Expr) =>
      walk(e, (x) => {
        if (x.kind === 'call' && AGGREGATES.has(x.name.toLowerCase())) {
          for (const a of x.args) {
            if (containsAggregate(a)) throw syntax('an aggregation cannot contain another aggregation', a.at);
          }
          aggCalls.push(x);
          return false;
        }
        return true;
      });
    items.forEach((i) => collect(i.expr));
    orderBy.forEach((s) => collect(s.expr));
    const keyItems = items.filter((i) => !containsAggregate(i.expr));
    const groupingKeys = new Set(keyItems.map((i) => exprKey(i.expr)));
    for (const i of items) if (containsAggregate(i.expr)) this.checkGrouped(i.expr, groupingKeys);

    const base = scope.size;
    const aggScope = scope.padded(aggCalls.length);
    const aggArgs = aggCalls.map((c) => ({
      name: c.name.toLowerCase(),
      at: c.at,
      distinct: c.distinct,
      star: c.star,
      arg: c.star ? null : c.args[0] ? this.expr(c.args[0], scope) : null,
      extra: c.args.slice(1).map((a) => this.constantValue(a, c.name)),
    }));
    for (const a of aggArgs) {
      if (!a.star && !a.arg) throw syntax(`${a.name}() needs an argument`, a.at);
    }
    const keyFns = keyItems.map((i) => this.expr(i.expr, scope));
    this.aggregateSlots = new Map(aggCalls.map((c, i) => [c, base + i]));
    const fns = items.map((i) => this.expr(i.expr, aggScope));
    // ORDER BY after aggregating sees the new columns (and the aggregates): [columns..., input..., aggregates...].
    const sortScope = new Scope(columnScope.names, k + aggScope.size, outScope.types);
    this.aggregateSlots = new Map(aggCalls.map((c, i) => [c, k + base + i]));
    for (const s of orderBy)
      sortKeys.push({ fn: this.orderKey(s, items, sortScope), descending: s.descending });
    this.aggregateSlots = null;
    const where = whereOn ? this.expr(whereOn, columnScope) : null;
    return {
      scope: outScope,
      columns,
      stage: (ctx, down) => {
        type Group = { row: Row; aggs: Aggregator[]; seen: (ValueMap<true> | null)[] };
        const newGroup = (row: Row): Group => ({
          row,
          aggs: aggArgs.map((a) =>
            makeAggregator(
              a.name,
              a.at,
              a.extra.map((f) => f(ctx)),
            ),
          ),
          seen: aggArgs.map((a) => (a.distinct ? new ValueMap<true>() : null)),
        });
        // The groups in the order they were first seen. With no grouping keys there is exactly one,
        // even for no input (count 0, collect []); it reads no input variable.
        const groups: Group[] = keyFns.length === 0 ? [newGroup(new Array<Value>(base).fill(null))] : [];
        // One level per grouping key: level i maps the value of key i to level i + 1, the last to a group.
        const root = new ValueMap<unknown>();
        const last = keyFns.length - 1;
        const groupOf = (row: Row): Group => {
          if (last < 0) return groups[0]!;
          let level = root;
          for (let i = 0; i < last; i++) {
            const v = keyFns[i]!(row, ctx);
            let next = level.get(v) as ValueMap<unknown> | undefined;
            if (!next) level.set(v, (next = new ValueMap()));
            level = next;
          }
          const v = keyFns[last]!(row, ctx);
          let g = level.get(v) as Group | undefined;
          if (!g) {
            level.set(v, (g = newGroup(row.slice())));
            groups.push(g);
          }
          return g;
        };
        const push = (row: Row) => {
          const g = groupOf(row);
          for (let i = 0; i < aggArgs.length; i++) {
            const a = aggArgs[i]!;
            const v = a.star ? true : a.arg!(row, ctx);
            const seen = g.seen[i];
            if (seen) {
              if (v === null || seen.get(v)) continue;
              seen.set(v, true);
            }
            g.aggs[i]!.add(v);
          }
        };
        const end = () => {
          let out: Row[] = [];
          for (const g of groups) {
            const full = g.row.slice(0, base);
            full.length = base;
            for (const a of g.aggs) full.push(a.result());
            const projected = fns.map((f) => f(full, ctx));
            out.push(sortKeys.length > 0 ? projected.concat(full) : projected);
          }
          if (p.distinct) out = dedupe(out, k);
          out = sortAndPage(out, sortKeys, skip, limit, ctx);
          for (const r of out) {
            const row = sortKeys.length > 0 ? r.slice(0, k) : r;
            if (!where || where(row, ctx) === true) down.push(row);
          }
          down.end();
        };
        return { push, end };
      },
    };
  }

  /**
   * Outside its aggregate calls, an expression that aggregates may only use grouping keys (whole);
   * anything else has no single value per group.
   */
  private checkGrouped(e: Expr, keys: Set<string>, local: ReadonlySet<string> = new Set()): void {
    walk(e, (x) => {
      if (x.kind === 'call' && AGGREGATES.has(x.name.toLowerCase())) return false;
      if (keys.has(exprKey(x))) return false;
      if (x.kind === 'var') {
        if (local.has(x.name)) return false;
        throw syntax(`\`${x.name}\` is used next to an aggregation but is not a grouping key`, x.at);
      }
      // Comprehension variables are the comprehension's own.
      if (x.kind === 'listComprehension' || x.kind === 'quantifier' || x.kind === 'reduce') {
        const inner = new Set([...local, x.variable, ...(x.kind === 'reduce' ? [x.acc] : [])]);
        this.checkGrouped(x.list, keys, local);
        if (x.kind === 'reduce') {
          this.checkGrouped(x.init, keys, local);
          this.checkGrouped(x.expr, keys, inner);
        } else {
          if (x.where) this.checkGrouped(x.where, keys, inner);
          if (x.kind === 'listComprehension' && x.map) this.checkGrouped(x.map, keys, inner);
        }
        return false;
      }
      if (x.kind === 'subquery' || x.kind === 'pattern' || x.kind === 'patternComprehension') {
        throw syntax('an expression next to an aggregation must use grouping keys only', x.at);
      }
      return true;
    });
  }

  /** A sort key: a projected column when the expression is one the projection writes the same way. */
  private orderKey(s: SortItem, items: Projection['items'], scope: Scope): Fn {
    const n = items.findIndex((i) => i.text === s.text);
    if (n >= 0) return (row) => row[n] ?? null;
    return this.expr(s.expr, scope);
  }

  /** An expression that reads no variables (parameters allowed), evaluated once per run. */
  private constantValue(e: Expr, what: string): (ctx: Context) => Value {
    for (const v of freeVariables(e)) {
      throw syntax(`${what} needs a constant expression, but it reads ${v.trim()}`, e.at);
    }
    const fn = this.expr(e, new Scope());
    return (ctx) => fn([], ctx);
  }

  /** SKIP and LIMIT: a non-negative integer; checked at compile time when the expression is a literal. */
  private constantInt(e: Expr, what: string): (ctx: Context) => number {
    const fn = this.constantValue(e, what);
    const check = (v: Value, code: 'CYPHER_SYNTAX' | 'CYPHER_RUNTIME'): number => {
      if (typeof v !== 'bigint')
        throw new CypherFault(code, `${what} must be an integer, not a ${typeName(v)}`, e.at);
      if (v < 0n) throw new CypherFault(code, `${what} must not be negative`, e.at);
      return Number(v);
    };
    if (e.kind === 'literal' || (e.kind === 'unary' && e.arg.kind === 'literal')) {
      const n = check(fn({ graph: null as unknown as PropertyGraph, params: new Map() }), 'CYPHER_SYNTAX');
      return () => n;
    }
    return (ctx) => check(fn(ctx), 'CYPHER_RUNTIME');
  }

  // -------------------------------------------------------------------------------------------------
  // Pattern matching

  private matchClause(c: Extract<Clause, { kind: 'match' }>, scope: Scope): { scope: Scope; stage: Stage } {
    const matcher = this.matcher(c.patterns, scope, conjuncts(c.where));
    const newSlots: number[] = [];
    for (let s = scope.size; s < matcher.scope.size; s++) newSlots.push(s);
    const width = matcher.scope.size;
    const optional = c.optional;
    return {
      scope: matcher.scope,
      stage: (ctx, down) => {
        let found = false;
        const emit = (r: Row) => {
          found = true;
          // The matcher's working row: stages that keep rows copy them (see Flow).
          down.push(r);
          return false;
        };
        return {
          push: (row) => {
            found = false;
            matcher.run(row, ctx, emit);
            if (optional && !found) {
              const r = row.slice();
              r.length = width;
              for (const s of newSlots) r[s] = null;
              down.push(r);
            }
          },
          end: () => down.end(),
        };
      },
    };
  }

  /**
   * Compiles patterns into a backtracking matcher. It binds one working row in place and calls `emit`
   * for each match (emit returns true to stop). WHERE parts run as soon as the variables they read are
   * bound; relationships are unique within the whole set of patterns.
   */
  matcher(
    patterns: PatternPart[],
    scope: Scope,
    where: Expr[],
  ): { scope: Scope; run: (row: Row, ctx: Context, emit: (row: Row) => boolean) => void } {
    const inputScope = scope;
    let out = scope;
    const kinds = new Map<string, 'node' | 'rel' | 'path' | 'rels'>();
    for (const part of patterns) {
      const declare = (name: string, kind: 'node' | 'rel' | 'path' | 'rels', at: number) => {
        const prior = kinds.get(name);
        if (prior && (prior !== kind || kind !== 'node')) {
          throw syntax(
            prior === kind
              ? `variable \`${name}\` is bound twice in the pattern`
              : `variable \`${name}\` is used as a ${prior} and a ${kind}`,
            at,
          );
        }
        kinds.set(name, kind);
        if (inputScope.has(name)) {
          const known = inputScope.type(name);
          if (kind === 'path') throw syntax(`variable \`${name}\` is already defined`, at);
          if (known !== 'unknown' && known !== kind && !(kind === 'rels' && known === 'value')) {
            throw syntax(`variable \`${name}\` holds a ${known}, it cannot be used as a ${kind}`, at);
          }
          return;
        }
        out = out.with(name, kind);
      };
      if (part.pathVariable) declare(part.pathVariable, 'path', part.at);
      for (const n of part.nodes) declare(n.variable!, 'node', n.at);
      for (const r of part.rels) declare(r.variable!, r.length ? 'rels' : 'rel', r.at);
    }
    const bound = new Set(inputScope.names.keys());
    const pending = where.map((e) => ({ e, vars: freeVariables(e), fn: this.expr(e, out) }));
    // Variables a WHERE part filters on its own: fewer of them get through.
    const filtered = new Set(pending.filter((p) => p.vars.size === 1).map((p) => [...p.vars][0]!));
    for (const p of pending) {
      for (const v of p.vars) {
        if (v !== ' subquery' && !out.has(v)) throw syntax(`variable \`${v}\` is not defined`, p.e.at);
      }
    }
    const steps: Step[] = [];
    const filtersFor = () => {
      const ready = pending.filter((p) => [...p.vars].every((v) => bound.has(v)));
      for (const p of ready) pending.splice(pending.indexOf(p), 1);
      return ready.map((p) => p.fn);
    };
    const addFilters = () => {
      const fns = filtersFor();
      if (fns.length === 0) return;
      steps.push((row, ctx, _used, next) => {
        for (const f of fns) {
          const v = f(row, ctx);
          if (v !== true) {
            if (v !== false && v !== null)
              throw typeError(`WHERE expects a boolean, not a ${typeName(v)}`, 0);
            return false;
          }
        }
        return next();
      });
    };
    addFilters();

    // Parts that touch bound variables first; shortest paths last (they need both ends bound).
    const remaining = [...patterns];
    while (remaining.length > 0) {
      const ordered = remaining
        .map((part, i) => ({
          part,
          i,
          score: part.shortest ? 2 : part.nodes.some((n) => bound.has(n.variable!)) ? 0 : 1,
        }))
        .sort((a, b) => a.score - b.score || a.i - b.i);
      const part = ordered[0]!.part;
      remaining.splice(remaining.indexOf(part), 1);
      this.planPart(part, out, bound, steps, addFilters, filtersFor, filtered);
    }
    if (pending.length > 0) {
      // Reads something that is never bound here (only subqueries can get here).
      const fns = pending.map((p) => p.fn);
      steps.push((row, ctx, _used, next) => (fns.every((f) => f(row, ctx) === true) ? next() : false));
    }
    const width = out.size;
    return {
      scope: out,
      run: (input, ctx, emit) => {
        const row = input.slice();
        row.length = width;
        const used: CRel[] = [];
        // Each step's continuation, made once per input row rather than once per binding.
        let next = (): boolean => emit(row);
        for (let i = steps.length - 1; i >= 0; i--) {
          const step = steps[i]!;
          const after = next;
          next = () => step(row, ctx, used, after);
        }
        next();
      },
    };
  }

  private nodeCheck(n: NodePattern, scope: Scope): (node: CNode, row: Row, ctx: Context) => boolean {
    const labels = n.labels;
    const props = n.properties ? this.propertyMap(n.properties, scope) : null;
    // The labels' bits, and the graph's own strings of those without one, resolved once per graph.
    let graph: PropertyGraph | null = null;
    let bits = 0;
    let byName: string[] = [];
    return (node, row, ctx) => {
      if (ctx.graph !== graph) {
        const g = (graph = ctx.graph);
        bits = labels.reduce((b, l) => b | g.labelBit(l), 0);
        byName = labels.filter((l) => g.labelBit(l) === 0).map((l) => g.canonicalLabel(l));
      }
      if ((node.labelBits & bits) !== bits) return false;
      for (let i = 0; i < byName.length; i++) if (!node.labels.includes(byName[i]!)) return false;
      return props ? props(node.fast, row, ctx) : true;
    };
  }

  /** A test of a relationship's type against the pattern's types, by type number. */
  private typeCheck(types: string[]): (r: CRel, ctx: Context) => boolean {
    if (types.length === 0) return () => true;
    const ids = this.typeIds(types);
    return (r, ctx) => {
      const wanted = ids(ctx);
      return wanted.length === 1 ? r.typeId === wanted[0] : wanted.includes(r.typeId);
    };
  }

  /** The type numbers of `types` in the graph a query runs on, resolved once per graph. */
  private typeIds(types: string[]): (ctx: Context) => number[] {
    let graph: PropertyGraph | null = null;
    let ids: number[] = [];
    return (ctx) => {
      if (ctx.graph !== graph) {
        graph = ctx.graph;
        // [:T|T] is [:T]: each type once, or its relationships would be visited twice.
        ids = [...new Set(types)].map((t) => ctx.graph.typeId(t));
      }
      return ids;
    };
  }

  /** A property map in a pattern as a test: every entry must equal (=) the element's property. */
  private propertyMap(e: Expr, scope: Scope): (props: FastProperties, row: Row, ctx: Context) => boolean {
    if (e.kind === 'map') {
      const entries = e.entries.map(([k, x]) => [k, this.expr(x, scope)] as const);
      return (props, row, ctx) => {
        for (const [k, f] of entries) {
          if (equals(props[k] ?? null, f(row, ctx)) !== true) return false;
        }
        return true;
      };
    }
    const f = this.expr(e, scope);
    return (props, row, ctx) => {
      const m = f(row, ctx);
      if (m === null) return false;
      if (!(m instanceof Map))
        throw typeError(`a pattern's properties must be a map, not a ${typeName(m)}`, e.at);
      for (const [k, v] of m) if (equals(props[k] ?? null, v) !== true) return false;
      return true;
    };
  }

  private planPart(
    part: PatternPart,
    scope: Scope,
    bound: Set<string>,
    steps: Step[],
    addFilters: () => void,
    readyFilters: () => Fn[],
    filtered: ReadonlySet<string>,
  ): void {
    const nodes = part.nodes;
    const slotOf = (name: string) => scope.slot(name)!;
    if (part.shortest) {
      this.planShortest(part, scope, bound, steps, readyFilters);
      return;
    }
    // Where to start: a bound node, else the node with the fewest candidates: its smallest label, cut
    // (roughly) by a property map or by WHERE parts that read only it.
    let start = nodes.findIndex((n) => bound.has(n.variable!));
    const estimate = (n: NodePattern): number => {
      const all = this.stats?.nodes.length ?? 1e6;
      let size = n.labels.reduce(
        (m, l) => Math.min(m, this.stats ? this.stats.withLabel(l).length : all / 10),
        all,
      );
      if (n.properties?.kind === 'map' && n.properties.entries.length > 0) size /= 100;
      if (filtered.has(n.variable!)) size /= 3;
      return size;
    };
    if (start < 0) {
      start = 0;
      nodes.forEach((n, i) => {
        if (estimate(n) < estimate(nodes[start]!)) start = i;
      });
    }
    const first = nodes[start]!;
    const firstSlot = slotOf(first.variable!);
    const firstCheck = this.nodeCheck(first, scope);
    if (bound.has(first.variable!)) {
      steps.push((row, ctx, _used, next) => {
        const v = row[firstSlot] ?? null;
        if (v === null) return false;
        if (!isNode(v)) throw typeError(`\`${first.variable}\` is a ${typeName(v)}, not a node`, first.at);
        return firstCheck(v, row, ctx) ? next() : false;
      });
    } else {
      const label = first.labels[0] ?? null;
      const lookup =
        first.properties?.kind === 'map' && first.properties.entries.length > 0
          ? { key: first.properties.entries[0]![0], fn: this.expr(first.properties.entries[0]![1], scope) }
          : null;
      steps.push((row, ctx, _used, next) => {
        let candidates: readonly CNode[];
        if (lookup) {
          const v = lookup.fn(row, ctx);
          if (v === null) return false;
          candidates = ctx.graph.lookup(label, lookup.key, v);
        } else candidates = label === null ? ctx.graph.nodes : ctx.graph.withLabel(label);
        for (const node of candidates) {
          if (!firstCheck(node, row, ctx)) continue;
          row[firstSlot] = node;
          if (next()) return true;
        }
        row[firstSlot] = undefined as unknown as Value;
        return false;
      });
      bound.add(first.variable!);
    }
    addFilters();
    // Rightwards from the start, then leftwards.
    for (let i = start; i < part.rels.length; i++) {
      this.planExpand(part.rels[i]!, nodes[i]!, nodes[i + 1]!, false, scope, bound, steps);
      addFilters();
    }
    for (let i = start - 1; i >= 0; i--) {
      this.planExpand(part.rels[i]!, nodes[i + 1]!, nodes[i]!, true, scope, bound, steps);
      addFilters();
    }
    if (part.pathVariable) {
      const pathSlot = slotOf(part.pathVariable);
      const nodeSlots = nodes.map((n) => slotOf(n.variable!));
      const rels = part.rels.map((r) => ({ slot: slotOf(r.variable!), varLength: r.length !== null }));
      steps.push((row, _ctx, _used, next) => {
        const pathNodes: CNode[] = [row[nodeSlots[0]!] as CNode];
        const pathRels: CRel[] = [];
        rels.forEach((r, i) => {
          if (r.varLength) {
            let at = pathNodes[pathNodes.length - 1]!;
            for (const rel of row[r.slot] as CRel[]) {
              pathRels.push(rel);
              at = rel.start === at ? rel.end : rel.start;
              pathNodes.push(at);
            }
          } else {
            pathRels.push(row[r.slot] as CRel);
            pathNodes.push(row[nodeSlots[i + 1]!] as CNode);
          }
        });
        row[pathSlot] = new CPath(pathNodes, pathRels);
        return next();
      });
      bound.add(part.pathVariable);
      addFilters();
    }
  }

  /** One relationship step from a bound node `from` to `to`; `reverse` walks the pattern right to left. */
  private planExpand(
    rel: RelPattern,
    from: NodePattern,
    to: NodePattern,
    reverse: boolean,
    scope: Scope,
    bound: Set<string>,
    steps: Step[],
  ): void {
    const fromSlot = scope.slot(from.variable!)!;
    const toSlot = scope.slot(to.variable!)!;
    const relSlot = scope.slot(rel.variable!)!;
    const toBound = bound.has(to.variable!);
    const relBound = bound.has(rel.variable!);
    const toCheck = this.nodeCheck(to, scope);
    const relProps = rel.properties ? this.propertyMap(rel.properties, scope) : null;
    const typeOk = this.typeCheck(rel.types);
    const typed = rel.types.length > 0 ? this.typeIds(rel.types) : null;
    // Direction as walked: out follows start->end.
    const dir = rel.direction === 'both' ? 'both' : (rel.direction === 'out') !== reverse ? 'out' : 'in';
    const relPropsOk = (r: CRel, row: Row, ctx: Context) => relProps === null || relProps(r.fast, row, ctx);
    const relOk = (r: CRel, row: Row, ctx: Context) => typeOk(r, ctx) && relPropsOk(r, row, ctx);
    const nodeOk = (n: CNode, row: Row, ctx: Context) =>
      (!toBound || row[toSlot] === n) && toCheck(n, row, ctx);

    if (rel.length) {
      const { min, max } = rel.length;
      if (relBound) {
        // A list of relationships bound before: it must be a walk from `from` that fits the pattern.
        steps.push((row, ctx, used, next) => {
          const list = row[relSlot] ?? null;
          if (list === null) return false;
          if (!Array.isArray(list) || !list.every(isRel))
            throw typeError(`\`${rel.variable}\` is not a list of relationships`, rel.at);
          if (list.length < min || (max !== null && list.length > max)) return false;
          const walkOrder = reverse ? [...list].reverse() : list;
          let at = row[fromSlot] as CNode;
          for (const r of walkOrder) {
            if (!relOk(r, row, ctx) || used.includes(r)) return false;
            const forward = r.start === at && dir !== 'in';
            const backward = r.end === at && dir !== 'out';
            if (!forward && !backward) return false;
            at = forward ? r.end : r.start;
          }
          if (!nodeOk(at, row, ctx)) return false;
          used.push(...list);
          if (!toBound) row[toSlot] = at;
          const stop = next();
          used.length -= list.length;
          return stop;
        });
        bound.add(to.variable!);
        return;
      }
      steps.push((row, ctx, used, next) => {
        const path: CRel[] = [];
        const start = row[fromSlot] as CNode;
        const visit = (node: CNode): boolean => {
          if (path.length >= min && nodeOk(node, row, ctx)) {
            row[relSlot] = reverse ? path.slice().reverse() : path.slice();
            if (!toBound) row[toSlot] = node;
            if (next()) return true;
          }
          if (max !== null && path.length >= max) return false;
          const tryRel = (r: CRel, other: CNode): boolean => {
            if (!relOk(r, row, ctx) || used.includes(r)) return false;
            used.push(r);
            path.push(r);
            const stop = visit(other);
            path.pop();
            used.pop();
            return stop;
          };
          if (dir !== 'in') for (const r of node.out) if (tryRel(r, r.end)) return true;
          if (dir !== 'out') {
            for (const r of node.in) {
              if (dir === 'both' && r.start === r.end) continue;
              if (tryRel(r, r.start)) return true;
            }
          }
          return false;
        };
        const stop = visit(start);
        if (!toBound) row[toSlot] = undefined as unknown as Value;
        return stop;
      });
      bound.add(rel.variable!);
      bound.add(to.variable!);
      return;
    }

    steps.push((row, ctx, used, next) => {
      const node = row[fromSlot] as CNode;
      const fixed = relBound ? (row[relSlot] ?? null) : undefined;
      if (fixed === null) return false;
      if (fixed !== undefined && !isRel(fixed))
        throw typeError(`\`${rel.variable}\` is not a relationship`, rel.at);
      // Lists picked by type need no type test.
      const ids = typed ? typed(ctx) : null;
      const ok = ids !== null && fixed === undefined ? relPropsOk : relOk;
      const attempt = (r: CRel, other: CNode): boolean => {
        if (!ok(r, row, ctx) || !nodeOk(other, row, ctx)) return false;
        if (used.length > 0 && used.includes(r)) return false;
        used.push(r);
        row[relSlot] = r;
        if (!toBound) row[toSlot] = other;
        const stop = next();
        used.pop();
        return stop;
      };
      if (fixed !== undefined) {
        const r = fixed as CRel;
        if (dir !== 'in' && r.start === node && attempt(r, r.end)) return true;
        if (dir !== 'out' && r.end === node && !(dir === 'both' && r.start === r.end) && attempt(r, r.start))
          return true;
        return false;
      }
      // With types given, only the relationships of those types are visited.
      const lists = (byType: CRel[][], all: CRel[]): CRel[][] =>
        ids === null ? [all] : ids.map((id) => byType[id] ?? []);
      if (dir !== 'in') {
        for (const list of lists(node.outByType, node.out))
          for (const r of list) if (attempt(r, r.end)) return true;
      }
      if (dir !== 'out') {
        for (const list of lists(node.inByType, node.in)) {
          for (const r of list) {
            if (dir === 'both' && r.start === r.end) continue;
            if (attempt(r, r.start)) return true;
          }
        }
      }
      if (!relBound) row[relSlot] = undefined as unknown as Value;
      if (!toBound) row[toSlot] = undefined as unknown as Value;
      return false;
    });
    bound.add(rel.variable!);
    bound.add(to.variable!);
  }

  /**
   * shortestPath / allShortestPaths between two bound nodes: paths of the least length (within the
   * pattern's bounds) that satisfy the WHERE parts reading the path, found by breadth-first distances
   * from the target that prune a depth-first enumeration length by length.
   */
  private planShortest(
    part: PatternPart,
    scope: Scope,
    bound: Set<string>,
    steps: Step[],
    readyFilters: () => Fn[],
  ): void {
    const [a, b] = part.nodes as [NodePattern, NodePattern];
    const rel = part.rels[0]!;
    if (!bound.has(a.variable!) || !bound.has(b.variable!)) {
      throw unsupported('shortestPath with an end that is not bound by an earlier pattern', part.at);
    }
    const aSlot = scope.slot(a.variable!)!;
    const bSlot = scope.slot(b.variable!)!;
    const relSlot = scope.slot(rel.variable!)!;
    const pathSlot = part.pathVariable ? scope.slot(part.pathVariable) : undefined;
    const aCheck = this.nodeCheck(a, scope);
    const bCheck = this.nodeCheck(b, scope);
    const types = rel.types.length > 0 ? rel.types : null;
    const relProps = rel.properties ? this.propertyMap(rel.properties, scope) : null;
    const min = rel.length?.min ?? 1;
    const max = rel.length ? rel.length.max : 1;
    if (min > 1) throw unsupported('shortestPath with a minimum length above 1', rel.at);
    const all = part.shortest === 'all';
    const dir = rel.direction;
    bound.add(rel.variable!);
    if (part.pathVariable) bound.add(part.pathVariable);
    // The WHERE parts that read the path are part of the search: the shortest paths that satisfy them.
    const filters = readyFilters();
    steps.push((row, ctx, used, next) => {
      const from = row[aSlot];
      const to = row[bSlot];
      if (!isNode(from) || !isNode(to)) return false;
      if (!aCheck(from, row, ctx) || !bCheck(to, row, ctx)) return false;
      const relOk = (r: CRel) =>
        (types === null || types.includes(r.type)) && (relProps === null || relProps(r.fast, row, ctx));
      const neighbours = (n: CNode, forward: boolean): [CRel, CNode][] => {
        const out: [CRel, CNode][] = [];
        const outward = dir === 'both' || (dir === 'out') === forward;
        const inward = dir === 'both' || (dir === 'in') === forward;
        if (outward) for (const r of n.out) if (relOk(r)) out.push([r, r.end]);
        if (inward) {
          for (const r of n.in)
            if (relOk(r) && !(dir === 'both' && r.start === r.end)) out.push([r, r.start]);
        }
        return out;
      };
      // Distances to the target, walking backwards: a lower bound that prunes the enumeration.
      const dist = new Map<CNode, number>([[to, 0]]);
      let frontier = [to];
      while (frontier.length > 0) {
        const nextFrontier: CNode[] = [];
        for (const n of frontier) {
          const d = dist.get(n)!;
          if (max !== null && d >= max) continue;
          for (const [, m] of neighbours(n, false)) {
            if (!dist.has(m)) {
              dist.set(m, d + 1);
              nextFrontier.push(m);
            }
          }
        }
        frontier = nextFrontier;
      }
      const startDist = dist.get(from);
      if (startDist === undefined) return false;
      const limit = max ?? Infinity;
      let stop = false;
      let found = false;
      const rels: CRel[] = [];
      const nodes: CNode[] = [from];
      // Returns true to end the enumeration.
      const walk = (n: CNode, length: number): boolean => {
        const left = length - rels.length;
        if (left === 0) {
          if (n !== to) return false;
          row[relSlot] = rels.slice();
          if (pathSlot !== undefined) row[pathSlot] = new CPath(nodes.slice(), rels.slice());
          for (const f of filters) if (f(row, ctx) !== true) return false;
          found = true;
          if (next()) return (stop = true);
          return !all;
        }
        for (const [r, m] of neighbours(n, true)) {
          const d = dist.get(m);
          if (d === undefined || d > left - 1 || rels.includes(r) || used.includes(r)) continue;
          rels.push(r);
          nodes.push(m);
          const end = walk(m, length);
          rels.pop();
          nodes.pop();
          if (end) return true;
        }
        return false;
      };
      // Longer paths are only tried when no shorter one satisfies the WHERE parts.
      for (let length = Math.max(startDist, min); length <= limit && length <= startDist + 16; length++) {
        walk(from, length);
        if (stop) return true;
        if (found) return false;
      }
      return false;
    });
  }

  // -------------------------------------------------------------------------------------------------
  // CREATE, on the setup-only path that builds test graphs

  private createClause(c: Extract<Clause, { kind: 'create' }>, scope: Scope): { scope: Scope; stage: Stage } {
    let out = scope;
    for (const part of c.patterns) {
      for (const n of part.nodes) out = out.with(n.variable!);
      for (const r of part.rels) out = out.with(r.variable!);
      if (part.pathVariable) out = out.with(part.pathVariable);
    }
    const created = c.patterns.map((part) => ({
      part,
      nodes: part.nodes.map((n) => ({
        n,
        slot: out.slot(n.variable!)!,
        props: n.properties ? this.expr(n.properties, out) : null,
      })),
      rels: part.rels.map((r) => {
        if (r.types.length !== 1 || r.length || r.direction === 'both') {
          throw syntax('CREATE needs relationships of exactly one type and one direction', r.at);
        }
        return { r, slot: out.slot(r.variable!)!, props: r.properties ? this.expr(r.properties, out) : null };
      }),
      pathSlot: part.pathVariable ? out.slot(part.pathVariable)! : null,
    }));
    const width = out.size;
    const propsOf = (f: Fn | null, row: Row, ctx: Context) => {
      const m = f ? f(row, ctx) : null;
      const props = new Map<string, Value>();
      if (m instanceof Map) for (const [k, v] of m) if (v !== null) props.set(k, v);
      return props;
    };
    return {
      scope: out,
      stage: (ctx, down) => ({
        end: () => down.end(),
        push: (input) => {
          const row = input.slice();
          row.length = width;
          for (const { nodes, rels, pathSlot } of created) {
            for (const { n, slot, props } of nodes) {
              const existing = row[slot];
              if (existing !== undefined && existing !== null) continue;
              row[slot] = ctx.graph.addNode(null, n.labels, propsOf(props, row, ctx));
            }
            rels.forEach(({ r, slot, props }, i) => {
              const left = row[nodes[i]!.slot] as CNode;
              const right = row[nodes[i + 1]!.slot] as CNode;
              const [s, e] = r.direction === 'out' ? [left, right] : [right, left];
              row[slot] = ctx.graph.addRel(null, r.types[0]!, s, e, propsOf(props, row, ctx));
            });
            if (pathSlot !== null) {
              row[pathSlot] = new CPath(
                nodes.map((n) => row[n.slot] as CNode),
                rels.map((r) => row[r.slot] as CRel),
              );
            }
          }
          down.push(row);
        },
      }),
    };
  }
}

/** An expression's structure without positions: equal for the same expression written twice. */
function exprKey(e: Expr): string {
  return JSON.stringify(e, (k, v: unknown) => (k === 'at' ? undefined : typeof v === 'bigint' ? `${v}n` : v));
}

/** `e` with every sub-expression that a projection item computes replaced by that item's column. */
function projected(e: Expr, items: Projection['items']): Expr {
  const keys = new Map(items.map((item, i) => [exprKey(item.expr), i]));
  const visit = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(visit);
    if (x === null || typeof x !== 'object') return x;
    const node = x as Record<string, unknown>;
    if (typeof node.kind === 'string' && typeof node.at === 'number' && node.kind !== 'subquery') {
      const i = keys.get(exprKey(node as unknown as Expr));
      if (i !== undefined && node.kind !== 'literal' && node.kind !== 'param') {
        return { kind: 'var', at: node.at, name: ` col${i}` };
      }
    }
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, visit(v)]));
  };
  return visit(e) as Expr;
}

function dedupe(rows: Row[], width?: number): Row[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const key = (width === undefined ? r : r.slice(0, width)).map(hashKey).join('\u0000');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function sortAndPage(
  rows: Row[],
  keys: { fn: Fn; descending: boolean }[],
  skip: ((ctx: Context) => number) | null,
  limit: ((ctx: Context) => number) | null,
  ctx: Context,
): Row[] {
  let out = rows;
  if (keys.length > 0) {
    const decorated = out.map((row, i) => ({ row, i, keys: keys.map((k) => k.fn(row, ctx)) }));
    decorated.sort((x, y) => {
      for (let k = 0; k < keys.length; k++) {
        const c = orderCompare(x.keys[k]!, y.keys[k]!);
        if (c !== 0) return keys[k]!.descending ? -c : c;
      }
      return x.i - y.i;
    });
    out = decorated.map((d) => d.row);
  }
  const from = skip ? skip(ctx) : 0;
  const count = limit ? limit(ctx) : Infinity;
  return from === 0 && count === Infinity ? out : out.slice(from, from + count);
}

/** Compiles a parsed query: columns, and a function from the graph and parameters to rows. */
export function compile(query: Query, stats: PropertyGraph | null = null): CompiledQuery {
  return new Compiler(stats).query(query, new Scope());
}
