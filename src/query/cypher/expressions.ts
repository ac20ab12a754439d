/** Expressions compiled into closures over a row: literals, variables, operators, comprehensions, calls. */
import type { Expr } from './ast';
import { conjuncts, containsAggregate, patternVariables } from './ast-walk';
import { CypherFault, notInMemoryEngine } from './errors';
import type { Compiler } from './evaluate';
import { AGGREGATES } from './aggregates';
import { checkedInt, typeError } from './function-args';
import { FUNCTIONS, NEO4J_ONLY_FUNCTIONS } from './functions';
import { NORMAL_FORMS } from './string-functions';
import { isOfType } from './types';
import { compileMatcher, labelMatches } from './patterns';
import { arithmetic, index, inList, property, regexMatch, slice, stringOp } from './operators';
import {
  bool,
  checkOperand,
  isValueType,
  staticType,
  syntax,
  type Fn,
  type Scope,
  type VarType,
} from './scope';
import { CDuration, compare, equals, isNode, isRel, typeName, type CNode, type Value } from './values';

export function compileExpr(compiler: Compiler, e: Expr, scope: Scope): Fn {
  const at = e.at;
  switch (e.kind) {
    case 'literal': {
      const v = e.value;
      return () => v;
    }
    case 'param': {
      const name = e.name;
      compiler.checkParam(name, at);
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
      checkOperand(e.target, scope, ['node', 'rel', 'MAP'], 'property access');
      const target = compiler.expr(e.target, scope);
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
      const target = compiler.expr(e.target, scope);
      const i = compiler.expr(e.index, scope);
      return (row, ctx) => index(target(row, ctx), i(row, ctx), at);
    }
    case 'slice': {
      const target = compiler.expr(e.target, scope);
      const from = e.from ? compiler.expr(e.from, scope) : () => 0n;
      const to = e.to ? compiler.expr(e.to, scope) : null;
      return (row, ctx) => {
        const t = target(row, ctx);
        const end = to ? to(row, ctx) : Array.isArray(t) ? BigInt(t.length) : null;
        return slice(t, from(row, ctx), end, at);
      };
    }
    case 'hasLabels': {
      const target = compiler.expr(e.target, scope);
      const labels = e.labels;
      const expr = e.expr;
      return (row, ctx) => {
        const t = target(row, ctx);
        if (t === null) return null;
        // Neo4j 5 tests a relationship's type the same way (`r:KNOWS|LIKES`).
        const has = isNode(t) ? t.labels : isRel(t) ? [t.type] : null;
        if (!has) throw typeError(`a label test needs a node, not a ${typeName(t)}`, at);
        return labels.every((l) => has.includes(l)) && (!expr || labelMatches(expr, has));
      };
    }
    case 'list': {
      const items = e.items.map((x) => compiler.expr(x, scope));
      return (row, ctx) => items.map((f) => f(row, ctx));
    }
    case 'map': {
      const entries = e.entries.map(([k, x]) => [k, compiler.expr(x, scope)] as const);
      return (row, ctx) => new Map(entries.map(([k, f]) => [k, f(row, ctx)]));
    }
    case 'mapProjection': {
      const target = compiler.expr(e.target, scope);
      const items = e.items.map((item) => {
        if (item.kind === 'entry') return { ...item, fn: compiler.expr(item.value, scope) };
        if (item.kind === 'variable')
          return { ...item, fn: compiler.expr({ kind: 'var', at, name: item.name }, scope) };
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
      checkOperand(
        e.arg,
        scope,
        e.op === 'not' ? ['BOOLEAN'] : ['INTEGER', 'FLOAT'],
        `unary ${e.op.toUpperCase()}`,
      );
      const arg = compiler.expr(e.arg, scope);
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
      const arg = compiler.expr(e.arg, scope);
      return e.negated ? (row, ctx) => arg(row, ctx) !== null : (row, ctx) => arg(row, ctx) === null;
    }
    case 'isType': {
      const arg = compiler.expr(e.arg, scope);
      const type = e.type;
      return e.negated
        ? (row, ctx) => !isOfType(arg(row, ctx), type)
        : (row, ctx) => isOfType(arg(row, ctx), type);
    }
    case 'binary':
      return compileBinary(compiler, e, scope);
    case 'compare': {
      const args = e.args.map((x) => compiler.expr(x, scope));
      const ops = e.ops;
      const one = (op: string, a: Value, b: Value): boolean | null => {
        if (op === '=') return equals(a, b);
        if (op === '<>') {
          const r = equals(a, b);
          return r === null ? null : !r;
        }
        // A NaN is neither less nor greater than a number (false, as in Neo4j); inside lists, null.
        if (isNaNAgainstNumber(a, b)) return false;
        const c = compare(a, b);
        if (c === null) return null;
        // Two durations are never less or greater, not even when equal (Neo4j).
        if (c === 0 && (op === '<' || op === '>') && a instanceof CDuration) return null;
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
      return compileCall(compiler, e, scope);
    case 'case': {
      const subject = e.subject ? compiler.expr(e.subject, scope) : null;
      const whens = e.whens.map(([w, t]) => [compiler.expr(w, scope), compiler.expr(t, scope)] as const);
      const otherwise = e.otherwise ? compiler.expr(e.otherwise, scope) : () => null;
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
      if ((e.where && containsAggregate(e.where)) || (e.map && containsAggregate(e.map)))
        throw syntax('an aggregation cannot be inside a list comprehension', at);
      const list = compiler.expr(e.list, scope);
      const inner = scope.with(e.variable, elementType(e.list, scope));
      const slot = inner.slot(e.variable)!;
      const where = e.where ? compiler.expr(e.where, inner) : null;
      const map = e.map ? compiler.expr(e.map, inner) : null;
      return (row, ctx) => {
        const l = list(row, ctx);
        if (l === null) return null;
        if (!Array.isArray(l)) throw typeError(`a list comprehension needs a list, not a ${typeName(l)}`, at);
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
      const list = compiler.expr(e.list, scope);
      const inner = scope.with(e.variable, elementType(e.list, scope));
      const slot = inner.slot(e.variable)!;
      const where = compiler.expr(e.where, inner);
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
      const init = compiler.expr(e.init, scope);
      const list = compiler.expr(e.list, scope);
      const inner = scope.with(e.acc).with(e.variable, elementType(e.list, scope));
      const accSlot = inner.slot(e.acc)!;
      const slot = inner.slot(e.variable)!;
      const step = compiler.expr(e.expr, inner);
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
      const matcher = compileMatcher(compiler, [e.pattern], scope, []);
      return (row, ctx) => {
        let found = false;
        matcher.run(row, ctx, () => ((found = true), true));
        return found;
      };
    }
    case 'patternComprehension': {
      const matcher = compileMatcher(compiler, [e.pattern], scope, conjuncts(e.where));
      const map = compiler.expr(e.map, matcher.scope);
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
      const inner = compiler.query(e.query, scope, true);
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

export function compileBinary(compiler: Compiler, e: Extract<Expr, { kind: 'binary' }>, scope: Scope): Fn {
  const left = compiler.expr(e.left, scope);
  const right = compiler.expr(e.right, scope);
  const at = e.at;
  const operands = (allowed: VarType[]) => {
    checkOperand(e.left, scope, allowed, e.op.toUpperCase());
    checkOperand(e.right, scope, allowed, e.op.toUpperCase());
  };
  if (e.op === 'and' || e.op === 'or' || e.op === 'xor') operands(['BOOLEAN']);
  else if (['-', '*', '/', '%', '^'].includes(e.op)) operands(['INTEGER', 'FLOAT']);
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
      checkOperand(e.right, scope, ['LIST', 'rels'], 'IN');
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

/** What the functions of graph elements take: a known argument of another type is refused before running. */
const ARGUMENT_TYPES = new Map<string, VarType[]>([
  ['labels', ['node']],
  ['type', ['rel']],
  ['properties', ['node', 'rel', 'MAP']],
  ['length', ['path', 'STRING', 'LIST']],
]);

export function compileCall(compiler: Compiler, e: Extract<Expr, { kind: 'call' }>, scope: Scope): Fn {
  const name = e.name.toLowerCase();
  const at = e.at;
  if (AGGREGATES.has(name)) {
    const slot = compiler.aggregateSlots?.get(e);
    if (slot === undefined) throw syntax(`${e.name}() is an aggregation and cannot be used here`, at);
    return (row) => row[slot] ?? null;
  }
  if (e.distinct) throw syntax(`DISTINCT is only allowed in aggregations, not in ${e.name}()`, at);
  if (name === 'exists') {
    const arg = e.args[0];
    if (e.args.length !== 1 || !arg) throw syntax('exists() takes one argument', at);
    if (arg.kind === 'pattern') return compiler.expr(arg, scope);
    // Neo4j 5 refuses the property form, so a query tested here must not pass here alone.
    if (arg.kind === 'prop')
      throw syntax('exists(variable.property) is not Cypher 5: write variable.property IS NOT NULL', at);
    throw syntax('exists() takes a pattern', at);
  }
  if (name === 'size' && e.args[0]?.kind === 'pattern')
    throw syntax('size() of a pattern is not Cypher 5: count the matches with COUNT { pattern }', at);
  const argTypes = ARGUMENT_TYPES.get(name);
  if (argTypes && e.args[0]) checkOperand(e.args[0], scope, argTypes, `${name}()`);
  if (name === 'size' && e.args[0] && staticType(e.args[0], scope) === 'path')
    throw syntax('size() takes a string or a list, not a path: length(path) counts its relationships', at);
  const fn = FUNCTIONS.get(name);
  if (!fn) {
    // Dotted names are namespaced functions (date.truncate, apoc.*, ...): Neo4j's or its plugins'.
    if (name.includes('.') || NEO4J_ONLY_FUNCTIONS.has(name)) {
      throw notInMemoryEngine(`the function ${e.name}()`, at);
    }
    throw syntax(`unknown function ${e.name}()`, at);
  }
  const form = e.args[1];
  if (
    name === 'normalize' &&
    form?.kind === 'var' &&
    !scope.has(form.name) &&
    NORMAL_FORMS.has(form.name.toUpperCase())
  ) {
    // The normal form is a bare word, not a variable.
    e = { ...e, args: [e.args[0]!, { kind: 'literal', at: form.at, value: form.name.toUpperCase() }] };
  }
  const args = e.args.map((a) => compiler.expr(a, scope));
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

/** The type every element of a list literal is known to have ('unknown' unless they agree). */
function elementType(list: Expr, scope: Scope): VarType {
  if (list.kind !== 'list' || list.items.length === 0) return 'unknown';
  const types = new Set(list.items.map((x) => staticType(x, scope)));
  const [only] = types;
  return types.size === 1 && only !== undefined && isValueType(only) ? only : 'unknown';
}

function isNaNAgainstNumber(a: Value, b: Value): boolean {
  const num = (v: Value) => typeof v === 'number' || typeof v === 'bigint';
  return num(a) && num(b) && (Number.isNaN(a) || Number.isNaN(b));
}
