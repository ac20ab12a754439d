/**
 * RETURN and WITH: projecting, grouping and aggregating, DISTINCT, ORDER BY, SKIP and LIMIT.
 */
import type { Expr, Projection, SortItem } from './ast';
import { containsAggregate, freeVariables, projected, walk } from './ast-walk';
import { CypherFault } from './errors';
import type { Compiler } from './evaluate';
import { AGGREGATES, makeAggregator, type Aggregator } from './aggregates';
import type { PropertyGraph } from './graph';
import { Scope, staticType, syntax, type Context, type Fn, type Row, type Stage } from './scope';
import { hashKey, orderCompare, typeName, ValueMap, type Value } from './values';

/**
 * RETURN and WITH: project, group and aggregate, DISTINCT, ORDER BY, SKIP, LIMIT, then (WITH only)
 * WHERE. ORDER BY and WHERE see the new columns and, unless the projection aggregates or is DISTINCT,
 * the variables from before it; rows carry both until then.
 */
export function compileProjection(
  compiler: Compiler,
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
  for (const item of items) {
    // Neo4j 5 takes a pattern as a boolean test only (WHERE, exists()), not as a value to project.
    if (item.expr.kind === 'pattern')
      throw syntax('a pattern cannot be projected: test it in WHERE, or count it with COUNT { }', item.at);
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
  const skip = p.skip ? constantInt(compiler, p.skip, 'SKIP') : null;
  const limit = p.limit ? constantInt(compiler, p.limit, 'LIMIT') : null;
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
    const fns = items.map((i) => compiler.expr(i.expr, scope));
    // The new columns first; then the old variables they do not hide.
    const combined = p.distinct
      ? columnScope
      : new Scope(new Map(outScope.names), k + scope.size, new Map([...scope.types, ...outScope.types]));
    if (!p.distinct)
      for (const [name, slot] of scope.names) if (!combined.has(name)) combined.names.set(name, k + slot);
    for (const s of orderBy) {
      if (containsAggregate(s.expr))
        throw syntax('ORDER BY cannot aggregate when the projection does not', s.expr.at);
      sortKeys.push({ fn: orderKey(compiler, s, items, combined), descending: s.descending });
    }
    const where = whereOn ? compiler.expr(whereOn, combined) : null;
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
        const random = x.args[0] && findRandom(x.args[0]);
        if (random) throw syntax(`${x.name}() cannot aggregate a random value (${random}())`, x.args[0]!.at);
        aggCalls.push(x);
        return false;
      }
      return true;
    });
  items.forEach((i) => collect(i.expr));
  // ORDER BY may only use an aggregation the projection computes (read from its column), as in Neo4j.
  for (const s of orderBy) {
    if (containsAggregate(s.expr))
      throw syntax('ORDER BY can only use an aggregation that is also projected on its own', s.expr.at);
  }
  const keyItems = items.filter((i) => !containsAggregate(i.expr));
  const keys = groupingKeys(keyItems, new Set(scope.visible()));
  for (const i of items) if (containsAggregate(i.expr)) checkGrouped(i.expr, keys);

  const base = scope.size;
  const aggScope = scope.padded(aggCalls.length);
  const aggArgs = aggCalls.map((c) => ({
    name: c.name.toLowerCase(),
    at: c.at,
    distinct: c.distinct,
    star: c.star,
    arg: c.star ? null : c.args[0] ? compiler.expr(c.args[0], scope) : null,
    percentile: c.args[1] ? percentileArg(compiler, c.args[1], c.name.toLowerCase(), scope) : null,
  }));
  for (const a of aggArgs) {
    if (!a.star && !a.arg) throw syntax(`${a.name}() needs an argument`, a.at);
  }
  const keyFns = keyItems.map((i) => compiler.expr(i.expr, scope));
  compiler.aggregateSlots = new Map(aggCalls.map((c, i) => [c, base + i]));
  const fns = items.map((i) => compiler.expr(i.expr, aggScope));
  // ORDER BY after aggregating sees the new columns (and the aggregates): [columns..., input..., aggregates...].
  const sortScope = new Scope(columnScope.names, k + aggScope.size, outScope.types);
  compiler.aggregateSlots = new Map(aggCalls.map((c, i) => [c, k + base + i]));
  for (const s of orderBy)
    sortKeys.push({ fn: orderKey(compiler, s, items, sortScope), descending: s.descending });
  compiler.aggregateSlots = null;
  const where = whereOn ? compiler.expr(whereOn, columnScope) : null;
  return {
    scope: outScope,
    columns,
    stage: (ctx, down) => {
      type Group = { row: Row; aggs: Aggregator[]; seen: (ValueMap<true> | null)[] };
      const newGroup = (row: Row): Group => ({
        row,
        aggs: aggArgs.map((a) => makeAggregator(a.name, a.at)),
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
          const p = a.percentile;
          g.aggs[i]!.add(v, p ? () => p(row, ctx) : undefined);
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

/** What an expression next to an aggregation may read: the variables and `v.key` properties projected. */
interface GroupingKeys {
  variables: Set<string>;
  properties: Set<string>;
  /** The variables in scope before the projection (a subquery or pattern may read them). */
  outer: Set<string>;
}

function groupingKeys(keyItems: Projection['items'], outer: Set<string>): GroupingKeys {
  const variables = new Set<string>();
  const properties = new Set<string>();
  for (const { expr } of keyItems) {
    if (expr.kind === 'var') variables.add(expr.name);
    const p = staticProperty(expr);
    if (p) properties.add(p);
  }
  return { variables, properties, outer };
}

/** `v.key` or `v['key']` on a variable, as one text; else null. */
function staticProperty(e: Expr): string | null {
  if (e.kind === 'prop' && e.target.kind === 'var') return `${e.target.name}\u0000${e.key}`;
  if (e.kind === 'index' && e.target.kind === 'var' && e.index.kind === 'literal') {
    if (typeof e.index.value === 'string') return `${e.target.name}\u0000${e.index.value}`;
  }
  return null;
}

/**
 * Neo4j's rule for an expression next to an aggregation: outside its aggregate calls it may read only
 * variables that are projected on their own and `v.key` properties that are projected on their own
 * (or whose variable is); anything else, even inside a projected larger expression, is ambiguous.
 */
export function checkGrouped(e: Expr, keys: GroupingKeys, local: ReadonlySet<string> = new Set()): void {
  const grouped = (name: string) => local.has(name) || keys.variables.has(name);
  const refuse = (what: string, at: number): never => {
    throw syntax(
      `${what} is used next to an aggregation but is not a grouping key: project it on its own, or compute the expression in a WITH before`,
      at,
    );
  };
  walk(e, (x) => {
    if (x.kind === 'call' && AGGREGATES.has(x.name.toLowerCase())) return false;
    if (x.kind === 'var') {
      if (!grouped(x.name)) refuse(`\`${x.name}\``, x.at);
      return false;
    }
    const p = staticProperty(x);
    if (p !== null && (x.kind === 'prop' || x.kind === 'index') && x.target.kind === 'var') {
      if (!keys.properties.has(p) && !grouped(x.target.name)) refuse(`\`${p.replace('\u0000', '.')}\``, x.at);
      return false;
    }
    if (x.kind === 'mapProjection') {
      for (const item of x.items)
        if (item.kind === 'variable' && !grouped(item.name)) refuse(`\`${item.name}\``, x.at);
    }
    // Comprehension variables are the comprehension's own.
    if (x.kind === 'listComprehension' || x.kind === 'quantifier' || x.kind === 'reduce') {
      const inner = new Set([...local, x.variable, ...(x.kind === 'reduce' ? [x.acc] : [])]);
      checkGrouped(x.list, keys, local);
      if (x.kind === 'reduce') {
        checkGrouped(x.init, keys, local);
        checkGrouped(x.expr, keys, inner);
      } else {
        if (x.where) checkGrouped(x.where, keys, inner);
        if (x.kind === 'listComprehension' && x.map) checkGrouped(x.map, keys, inner);
      }
      return false;
    }
    // A subquery or pattern may read the variables from before the projection: grouping ones only.
    if (x.kind === 'subquery' || x.kind === 'pattern' || x.kind === 'patternComprehension') {
      for (const name of mentionedNames(x)) {
        if (keys.outer.has(name) && !grouped(name)) refuse(`\`${name}\``, x.at);
      }
      return false;
    }
    return true;
  });
}

/** Every variable name a piece of syntax mentions, at any depth (subqueries and patterns included). */
function mentionedNames(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((x) => mentionedNames(x, out));
  else if (node !== null && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.kind === 'var' && typeof o.name === 'string') out.add(o.name);
    if (typeof o.variable === 'string') out.add(o.variable);
    for (const v of Object.values(o)) if (typeof v === 'object') mentionedNames(v, out);
  }
  return out;
}

/** The random function an aggregation's argument calls (Neo4j refuses it there), if any. */
function findRandom(e: Expr): string | null {
  let found: string | null = null;
  walk(e, (x) => {
    if (x.kind === 'call' && ['rand', 'randomuuid'].includes(x.name.toLowerCase())) found = x.name;
    return found === null;
  });
  return found;
}

/** A sort key: a projected column when the expression is one the projection writes the same way. */
export function orderKey(compiler: Compiler, s: SortItem, items: Projection['items'], scope: Scope): Fn {
  const n = items.findIndex((i) => i.text === s.text);
  if (n >= 0) return (row) => row[n] ?? null;
  return compiler.expr(s.expr, scope);
}

/**
 * The percentile of percentileCont() / percentileDisc(): a literal is checked now; anything else is
 * read from the group's first row with a value, as Neo4j does.
 */
function percentileArg(compiler: Compiler, e: Expr, name: string, scope: Scope): Fn {
  const literal = e.kind === 'unary' && e.op === '-' && e.arg.kind === 'literal' ? e.arg : e;
  if (literal.kind === 'literal') {
    const v = literal.value;
    const q = typeof v === 'number' || typeof v === 'bigint' ? Number(v) * (literal === e ? 1 : -1) : NaN;
    if (!(q >= 0 && q <= 1)) throw syntax(`${name}() needs a percentile between 0 and 1`, e.at);
  }
  return compiler.expr(e, scope);
}

/** An expression that reads no variables (parameters allowed), evaluated once per run. */
export function constantValue(compiler: Compiler, e: Expr, what: string): (ctx: Context) => Value {
  for (const v of freeVariables(e)) {
    throw syntax(`${what} needs a constant expression, but it reads ${v.trim()}`, e.at);
  }
  const fn = compiler.expr(e, new Scope());
  return (ctx) => fn([], ctx);
}

/** SKIP and LIMIT: a non-negative integer; checked at compile time when the expression is a literal. */
export function constantInt(compiler: Compiler, e: Expr, what: string): (ctx: Context) => number {
  const fn = constantValue(compiler, e, what);
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

export function dedupe(rows: Row[], width?: number): Row[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const key = (width === undefined ? r : r.slice(0, width)).map(hashKey).join('\u0000');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function sortAndPage(
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
