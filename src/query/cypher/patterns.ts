/**
 * MATCH: patterns compiled into a backtracking matcher, and the tests of a node or relationship against
 * a pattern's labels, types and properties.
 */
import type { Clause, Expr, LabelExpr, NodePattern, PatternPart, RelPattern } from './ast';
import { conjuncts, freeVariables } from './ast-walk';
import type { Compiler } from './evaluate';
import { typeError } from './function-args';
import type { PropertyGraph } from './graph';
import { planPart } from './pattern-plan';
import { declareGroup, groupVariables } from './quantified';
import { checkOperand, syntax, type Context, type Row, type Scope, type Stage, type Step } from './scope';
import { equals, typeName, type CNode, type CRel, type FastProperties } from './values';

export function compileMatch(
  compiler: Compiler,
  c: Extract<Clause, { kind: 'match' }>,
  scope: Scope,
): { scope: Scope; stage: Stage } {
  const matcher = compileMatcher(compiler, c.patterns, scope, conjuncts(c.where));
  // `WHERE (n)` is a node, not a predicate (Neo4j refuses it before running).
  if (c.where) checkOperand(c.where, matcher.scope, ['BOOLEAN'], 'WHERE');
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
export function compileMatcher(
  compiler: Compiler,
  patterns: PatternPart[],
  scope: Scope,
  where: Expr[],
): { scope: Scope; run: (row: Row, ctx: Context, emit: (row: Row) => boolean) => void } {
  const inputScope = scope;
  let out = scope;
  const kinds = new Map<string, 'node' | 'rel' | 'path' | 'rels' | 'LIST'>();
  // The names outside quantified path patterns, which no group variable may reuse.
  const outside = new Set(
    patterns.flatMap((p) => [
      p.pathVariable,
      ...p.nodes.map((n) => n.variable),
      ...p.rels.map((r) => r.variable),
    ]),
  );
  for (const part of patterns) {
    const declare = (name: string, kind: 'node' | 'rel' | 'path' | 'rels' | 'LIST', at: number) => {
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
        if (kind === 'path' || kind === 'LIST') throw syntax(`variable \`${name}\` is already defined`, at);
        if (
          known !== 'unknown' &&
          known !== kind &&
          !(kind === 'rels' && (known === 'value' || known === 'LIST'))
        ) {
          throw syntax(`variable \`${name}\` holds a ${known}, it cannot be used as a ${kind}`, at);
        }
        return;
      }
      out = out.with(name, kind);
    };
    if (part.pathVariable) declare(part.pathVariable, 'path', part.at);
    for (const n of part.nodes) declare(n.variable!, 'node', n.at);
    for (const r of part.rels) {
      declare(r.variable!, r.length ? 'rels' : 'rel', r.at);
      if (!r.group) continue;
      const declared = (name: string) => outside.has(name) || kinds.has(name) || inputScope.has(name);
      out = declareGroup(r.group, out, declared, r.at);
      for (const v of groupVariables(r.group)) kinds.set(v.name, 'LIST');
    }
  }
  const bound = new Set(inputScope.names.keys());
  const pending = where.map((e) => ({ at: e.at, vars: freeVariables(e), fn: compiler.expr(e, out) }));
  // Variables a WHERE part filters on its own: fewer of them get through.
  const filtered = new Set(pending.filter((p) => p.vars.size === 1).map((p) => [...p.vars][0]!));
  for (const p of pending) {
    for (const v of p.vars) {
      if (v !== ' subquery' && !out.has(v)) throw syntax(`variable \`${v}\` is not defined`, p.at);
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
          if (v !== false && v !== null) throw typeError(`WHERE expects a boolean, not a ${typeName(v)}`, 0);
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
    planPart(compiler, part, out, bound, steps, addFilters, filtersFor, filtered, (vars, fn, at) =>
      pending.push({ at, vars, fn }),
    );
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

export function nodeCheck(
  compiler: Compiler,
  n: NodePattern,
  scope: Scope,
): (node: CNode, row: Row, ctx: Context) => boolean {
  const labels = n.labels;
  const expr = n.labelExpr;
  const props = n.properties ? propertyMap(compiler, n.properties, scope) : null;
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
    if (expr && !labelMatches(expr, node.labels)) return false;
    return props ? props(node.fast, row, ctx) : true;
  };
}

/** A test of a relationship against a pattern's types, type expression and properties. */
export function relCheck(
  compiler: Compiler,
  rel: RelPattern,
  scope: Scope,
): (r: CRel, row: Row, ctx: Context) => boolean {
  const typeOk = typeCheck(rel.types);
  const typeExpr = rel.typeExpr;
  const props = rel.properties ? propertyMap(compiler, rel.properties, scope) : null;
  return (r, row, ctx) =>
    typeOk(r, ctx) &&
    (!typeExpr || labelMatches(typeExpr, [r.type])) &&
    (props === null || props(r.fast, row, ctx));
}

/** A test of a relationship's type against the pattern's types, by type number. */
export function typeCheck(types: string[]): (r: CRel, ctx: Context) => boolean {
  if (types.length === 0) return () => true;
  const ids = typeIds(types);
  return (r, ctx) => {
    const wanted = ids(ctx);
    return wanted.length === 1 ? r.typeId === wanted[0] : wanted.includes(r.typeId);
  };
}

/** The type numbers of `types` in the graph a query runs on, resolved once per graph. */
export function typeIds(types: string[]): (ctx: Context) => number[] {
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
export function propertyMap(
  compiler: Compiler,
  e: Expr,
  scope: Scope,
): (props: FastProperties, row: Row, ctx: Context) => boolean {
  if (e.kind === 'map') {
    const entries = e.entries.map(([k, x]) => [k, compiler.expr(x, scope)] as const);
    return (props, row, ctx) => {
      for (const [k, f] of entries) {
        if (equals(props[k] ?? null, f(row, ctx)) !== true) return false;
      }
      return true;
    };
  }
  const f = compiler.expr(e, scope);
  return (props, row, ctx) => {
    const m = f(row, ctx);
    if (m === null) return false;
    if (!(m instanceof Map))
      throw typeError(`a pattern's properties must be a map, not a ${typeName(m)}`, e.at);
    for (const [k, v] of m) if (equals(props[k] ?? null, v) !== true) return false;
    return true;
  };
}

/** Whether labels (or a relationship's one type) satisfy a label expression. */
export function labelMatches(e: LabelExpr, labels: readonly string[]): boolean {
  switch (e.kind) {
    case 'name':
      return labels.includes(e.name);
    case 'any':
      return labels.length > 0;
    case 'not':
      return !labelMatches(e.arg, labels);
    case 'and':
      return e.args.every((a) => labelMatches(a, labels));
    case 'or':
      return e.args.some((a) => labelMatches(a, labels));
  }
}
