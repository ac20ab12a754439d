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
import type { Value } from './values';

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
  const budget: LengthBudget = { base: 0, limit: 0, cut: false };
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
  steps.push((row, ctx, used, next) => {
    // Per end node: how many paths were kept, and of which lengths.
    const kept = new Map<Value, { paths: number; lengths: number[] }>();
    let stopped = false;
    let shortest: number | null = null;
    for (let length = 0; ; length++) {
      budget.base = used.length;
      budget.limit = length;
      budget.cut = false;
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
      if (saturated || !budget.cut) return false;
      if (lastBound && all && [...kept.values()].some((g) => g.lengths.length >= k)) return false;
      if (maxLength !== null && length >= maxLength) return false;
      if (shortest !== null && length >= shortest + BEYOND_SHORTEST) return false;
    }
  });
}
