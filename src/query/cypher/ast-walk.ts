/** Reading the syntax tree: the variables an expression uses, whether it aggregates, its parts. */
import type { Expr, PatternPart, Projection } from './ast';
import { AGGREGATES } from './aggregates';

/** Free variables of an expression: the names it reads from its scope. */
export function freeVariables(expr: Expr, out = new Set<string>(), bound = new Set<string>()): Set<string> {
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
    case 'isType':
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

export function patternVariables(part: PatternPart): string[] {
  const vars = [...part.nodes.map((n) => n.variable!), ...part.rels.map((r) => r.variable!)];
  if (part.pathVariable) vars.push(part.pathVariable);
  return vars;
}

export function containsAggregate(e: Expr): boolean {
  let found = false;
  walk(e, (x) => {
    if (x.kind === 'call' && AGGREGATES.has(x.name.toLowerCase())) found = true;
    return !found;
  });
  return found;
}

/** Visits an expression and its sub-expressions (not into subqueries); `visit` returns false to stop descending. */
export function walk(e: Expr, visit: (e: Expr) => boolean): void {
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
    case 'isType':
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
export function conjuncts(e: Expr | null): Expr[] {
  if (!e) return [];
  if (e.kind === 'binary' && e.op === 'and') return [...conjuncts(e.left), ...conjuncts(e.right)];
  return [e];
}

// ---------------------------------------------------------------------------------------------------
// Expressions

/** An expression's structure without positions: equal for the same expression written twice. */
export function exprKey(e: Expr): string {
  return JSON.stringify(e, (k, v: unknown) => (k === 'at' ? undefined : typeof v === 'bigint' ? `${v}n` : v));
}

/** `e` with every sub-expression that a projection item computes replaced by that item's column. */
export function projected(e: Expr, items: Projection['items']): Expr {
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
