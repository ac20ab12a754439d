/**
 * Path selectors (`ANY`, `SHORTEST k`, `ALL SHORTEST`, `SHORTEST k GROUPS`) over any path pattern:
 * patterns of several relationships, quantified path patterns with WHEREs. The pattern is matched by
 * the ordinary matcher's steps from its first node, length by length (a budget of relationships that
 * grows by one a round), so each pair of ends gets its shortest paths first; the selector keeps, for
 * each pair, the first k paths or the paths of the first k lengths. The pattern's own WHEREs (inside
 * its elements) filter before the selection, the clause's WHERE after it, as in Neo4j.
 */
import type { PatternPart } from './ast';
import { conjuncts, freeVariables } from './ast-walk';
import type { Compiler } from './evaluate';
import { planNode, planPart } from './pattern-plan';
import type { Deferred, LengthBudget } from './quantified';
import type { Fn, Scope, Step } from './scope';
import { labelMatches, nodeCheck } from './patterns';
import type { CNode, CRel, Value } from './values';

/**
 * The pattern loosened to any number of its relationship types in its directions: the nodes it could
 * reach from a node (a superset of its paths' ends), and the least lengths to some ends (lower bounds).
 */
function loosened(part: PatternPart) {
  const rels = part.rels.flatMap((r) => r.group?.rels ?? [r]);
  const dirs = new Set(rels.map((r) => r.direction));
  const ok = (r: CRel) =>
    rels.some(
      (p) =>
        (p.types.length === 0 || p.types.includes(r.type)) &&
        (!p.typeExpr || labelMatches(p.typeExpr, [r.type])),
    );
  const neighbours = (n: CNode, forward: boolean, visit: (m: CNode) => void) => {
    const outward = dirs.has('both') || dirs.has(forward ? 'out' : 'in');
    const inward = dirs.has('both') || dirs.has(forward ? 'in' : 'out');
    if (outward) for (const r of n.out) if (ok(r)) visit(r.end);
    if (inward) for (const r of n.in) if (ok(r)) visit(r.start);
  };
  /** Breadth-first distances from `from`, walking the pattern's way (forward) or against it. */
  const distances = (from: CNode[], forward: boolean): Map<CNode, number> => {
    const dist = new Map(from.map((n) => [n, 0]));
    const queue = [...from];
    for (let i = 0; i < queue.length; i++) {
      const n = queue[i]!;
      const d = dist.get(n)! + 1;
      neighbours(n, forward, (m) => {
        if (dist.has(m)) return;
        dist.set(m, d);
        queue.push(m);
      });
    }
    return dist;
  };
  return distances;
}

/** How far past the shortest path found the search goes before it gives up on more. */
const BEYOND_SHORTEST = 16;

export function planSelector(
  compiler: Compiler,
  part: PatternPart,
  scope: Scope,
  bound: Set<string>,
  steps: Step[],
): void {
  const first = part.nodes[0]!;
  const last = part.nodes[part.nodes.length - 1]!;
  const lastBound = bound.has(last.variable!);
  if (!bound.has(first.variable!)) planNode(compiler, first, scope, bound, steps);

  // The pattern's own WHEREs, and group WHEREs that read later elements, run inside the search.
  const pending = conjuncts(part.where ?? null).map((e) => ({
    vars: freeVariables(e),
    fn: compiler.expr(e, scope),
  }));
  const inner: Step[] = [];
  const innerBound = new Set(bound);
  const addFilters = () => {
    const ready = pending.filter((p) => [...p.vars].every((v) => innerBound.has(v) || v === ' subquery'));
    if (ready.length === 0) return;
    for (const p of ready) pending.splice(pending.indexOf(p), 1);
    const fns = ready.map((p) => p.fn);
    inner.push((row, ctx, _used, next) => (fns.every((f) => f(row, ctx) === true) ? next() : false));
  };
  const deferInner: Deferred = (vars, fn) => pending.push({ vars, fn });
  const budget: LengthBudget = { base: 0, limit: 0, cut: false, toEnd: null };
  addFilters();
  planPart(
    compiler,
    { ...part, shortest: null },
    scope,
    innerBound,
    inner,
    addFilters,
    (): Fn[] => [],
    new Set(),
    deferInner,
    budget,
  );
  addFilters();
  for (const v of innerBound) bound.add(v);

  const lastSlot = scope.slot(last.variable!)!;
  const all = part.shortest === 'all';
  const k = part.k ?? 1;
  const maxLength = part.rels.reduce<number | null>((sum, r) => {
    const max = r.length ? r.length.max : 1;
    const each = r.group ? r.group.rels.length : 1;
    return sum === null || max === null ? null : sum + max * each;
  }, 0);
  const lastCheck = nodeCheck(compiler, last, scope);
  const distances = loosened(part);
  steps.push((row, ctx, used, next) => {
    // The ends the pattern could reach at all: once each has its paths, longer ones are not needed.
    const ends = [...distances([row[scope.slot(first.variable!)!] as CNode], true).keys()].filter(
      (n) => (!lastBound || row[lastSlot] === n) && lastCheck(n, row, ctx),
    );
    if (ends.length === 0) return false;
    // Per end node: how many paths were kept, and of which lengths.
    const kept = new Map<Value, { paths: number; lengths: number[] }>();
    const done = (n: CNode) => {
      const got = kept.get(n);
      return got !== undefined && (all ? got.lengths.length >= k : got.paths >= k);
    };
    let stopped = false;
    let shortest: number | null = null;
    for (let length = 0; ; length++) {
      budget.base = used.length;
      budget.limit = length;
      budget.cut = false;
      budget.toEnd = distances(
        ends.filter((n) => !done(n)),
        false,
      );
      let saturated = false;
      const select = (): boolean => {
        if (used.length - budget.base !== length) return false;
        const end = row[lastSlot]!;
        let got = kept.get(end);
        if (!got) kept.set(end, (got = { paths: 0, lengths: [] }));
        if (all) {
          if (!got.lengths.includes(length)) {
            if (got.lengths.length >= k) return false;
            got.lengths.push(length);
          }
        } else if (got.paths >= k) return lastBound;
        got.paths++;
        shortest ??= length;
        if (next()) return (stopped = true);
        // With one pair of ends, k paths end the search.
        return (saturated = lastBound && !all && got.paths >= k);
      };
      let go = select;
      for (let i = inner.length - 1; i >= 0; i--) {
        const step = inner[i]!;
        const after = go;
        go = () => step(row, ctx, used, after);
      }
      go();
      if (stopped) return true;
      if (saturated || !budget.cut || ends.every(done)) return false;
      if (maxLength !== null && length >= maxLength) return false;
      if (shortest !== null && length >= shortest + BEYOND_SHORTEST) return false;
    }
  });
}
