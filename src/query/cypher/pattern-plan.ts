/** The matcher's plan for one pattern part: where it starts, then one step per relationship. */
import type { NodePattern, PatternPart, RelPattern } from './ast';
import type { Compiler } from './evaluate';
import { typeError } from './function-args';
import { labelMatches, nodeCheck, propertyMap, typeCheck, typeIds } from './patterns';
import type { Context, Fn, Row, Scope, Step } from './scope';
import { conjuncts } from './ast-walk';
import { planSelector } from './path-selector';
import { fits, planGroup, type Deferred, type LengthBudget } from './quantified';
import { planShortest } from './shortest-path';
import { CPath, isNode, isRel, typeName, type CNode, type CRel, type Value } from './values';

export function planPart(
  compiler: Compiler,
  part: PatternPart,
  scope: Scope,
  bound: Set<string>,
  steps: Step[],
  addFilters: () => void,
  readyFilters: () => Fn[],
  filtered: ReadonlySet<string>,
  defer: Deferred,
  budget: LengthBudget | null = null,
): void {
  const nodes = part.nodes;
  const slotOf = (name: string) => scope.slot(name)!;
  if (part.shortest) {
    const rel = part.rels[0]!;
    if (part.rels.length > 1 || rel.group || (!part.legacy && (rel.length?.min ?? 1) > 1)) {
      planSelector(compiler, part, scope, bound, steps);
      return;
    }
    // Ends given inline (`shortestPath((a:X {id: 1})-[*]-(b:Y {id: 2}))`) are found first.
    for (const end of [nodes[0]!, nodes[nodes.length - 1]!]) {
      if (bound.has(end.variable!)) continue;
      planNode(compiler, end, scope, bound, steps);
      addFilters();
    }
    // shortestPath() filters on the WHERE parts that read the path; a selector selects, then they filter.
    const filters = part.legacy
      ? readyFilters
      : () => conjuncts(part.where ?? null).map((e) => compiler.expr(e, scope));
    planShortest(compiler, part, scope, bound, steps, filters);
    return;
  }
  // Where to start: a bound node, else the node with the fewest candidates: its smallest label, cut
  // (roughly) by a property map or by WHERE parts that read only it.
  let start = nodes.findIndex((n) => bound.has(n.variable!));
  const estimate = (n: NodePattern): number => {
    const all = compiler.stats?.nodes.length ?? 1e6;
    let size = n.labels.reduce(
      (m, l) => Math.min(m, compiler.stats ? compiler.stats.withLabel(l).length : all / 10),
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
  planNode(compiler, nodes[start]!, scope, bound, steps);
  addFilters();
  // Rightwards from the start, then leftwards.
  for (let i = start; i < part.rels.length; i++) {
    const [rel, from, to] = [part.rels[i]!, nodes[i]!, nodes[i + 1]!];
    if (rel.group) planGroup(compiler, rel, from, to, false, scope, bound, steps, budget, defer);
    else planExpand(compiler, rel, from, to, false, scope, bound, steps, budget);
    addFilters();
  }
  for (let i = start - 1; i >= 0; i--) {
    const [rel, from, to] = [part.rels[i]!, nodes[i + 1]!, nodes[i]!];
    if (rel.group) planGroup(compiler, rel, from, to, true, scope, bound, steps, budget, defer);
    else planExpand(compiler, rel, from, to, true, scope, bound, steps, budget);
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

/** The step that binds a pattern's first node: every candidate (by label or property index), or a check of a bound one. */
export function planNode(
  compiler: Compiler,
  first: NodePattern,
  scope: Scope,
  bound: Set<string>,
  steps: Step[],
): void {
  const firstSlot = scope.slot(first.variable!)!;
  const firstCheck = nodeCheck(compiler, first, scope);
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
        ? { key: first.properties.entries[0]![0], fn: compiler.expr(first.properties.entries[0]![1], scope) }
        : null;
    steps.push((row, ctx, _used, next) => {
      let candidates: readonly CNode[];
      if (lookup) {
        const v = lookup.fn(row, ctx);
        if (v === null) return false;
        candidates = ctx.graph.lookup(label, lookup.key, v);
      } else candidates = label === null ? ctx.graph.nodes : ctx.graph.withLabel(label);
      for (const node of candidates) {
        ctx.guard?.();
        if (!firstCheck(node, row, ctx)) continue;
        row[firstSlot] = node;
        if (next()) return true;
      }
      row[firstSlot] = undefined as unknown as Value;
      return false;
    });
    bound.add(first.variable!);
  }
}

/** One relationship step from a bound node `from` to `to`; `reverse` walks the pattern right to left. */
export function planExpand(
  compiler: Compiler,
  rel: RelPattern,
  from: NodePattern,
  to: NodePattern,
  reverse: boolean,
  scope: Scope,
  bound: Set<string>,
  steps: Step[],
  budget: LengthBudget | null,
): void {
  const fromSlot = scope.slot(from.variable!)!;
  const toSlot = scope.slot(to.variable!)!;
  const relSlot = scope.slot(rel.variable!)!;
  const toBound = bound.has(to.variable!);
  const relBound = bound.has(rel.variable!);
  const toCheck = nodeCheck(compiler, to, scope);
  const relProps = rel.properties ? propertyMap(compiler, rel.properties, scope) : null;
  const typeOk = typeCheck(rel.types);
  const typed = rel.types.length > 0 ? typeIds(rel.types) : null;
  // Direction as walked: out follows start->end.
  const dir = rel.direction === 'both' ? 'both' : (rel.direction === 'out') !== reverse ? 'out' : 'in';
  const relPropsOk = (r: CRel, row: Row, ctx: Context) => relProps === null || relProps(r.fast, row, ctx);
  const typeExpr = rel.typeExpr;
  const relOk = (r: CRel, row: Row, ctx: Context) =>
    typeOk(r, ctx) && (!typeExpr || labelMatches(typeExpr, [r.type])) && relPropsOk(r, row, ctx);
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
        if (!nodeOk(at, row, ctx) || !fits(budget, used, at, list.length)) return false;
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
        ctx.guard?.();
        if (path.length >= min && nodeOk(node, row, ctx)) {
          row[relSlot] = reverse ? path.slice().reverse() : path.slice();
          if (!toBound) row[toSlot] = node;
          if (next()) return true;
        }
        if (max !== null && path.length >= max) return false;
        const tryRel = (r: CRel, other: CNode): boolean => {
          if (!relOk(r, row, ctx) || used.includes(r) || !fits(budget, used, other)) return false;
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
    const ok = ids !== null && fixed === undefined && !typeExpr ? relPropsOk : relOk;
    const attempt = (r: CRel, other: CNode): boolean => {
      ctx.guard?.();
      if (!ok(r, row, ctx) || !nodeOk(other, row, ctx)) return false;
      if (used.length > 0 && used.includes(r)) return false;
      if (!fits(budget, used, other)) return false;
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
