import type { NodePattern, PatternPart } from './ast';
import type { Compiler } from './evaluate';
import { labelMatches, nodeCheck, propertyMap } from './patterns';
import { CypherFault, notInMemoryEngine } from './errors';
import { type Fn, type Scope, type Step } from './scope';
import { CPath, isNode, type CNode, type CRel } from './values';

/**
 * shortestPath / allShortestPaths and the path selectors between two bound nodes: the k shortest paths,
 * or all paths of the k least lengths (within the pattern's bounds, and at most 16 beyond the shortest) that satisfy the WHERE parts reading the path, found by breadth-first distances
 * from the target that prune a depth-first enumeration length by length.
 */
export function planShortest(
  compiler: Compiler,
  part: PatternPart,
  scope: Scope,
  bound: Set<string>,
  steps: Step[],
  readyFilters: () => Fn[],
): void {
  const [a, b] = part.nodes as [NodePattern, NodePattern];
  const rel = part.rels[0]!;
  if (!bound.has(a.variable!) || !bound.has(b.variable!)) {
    throw notInMemoryEngine('shortestPath with an end that is not bound by an earlier pattern', part.at);
  }
  const aSlot = scope.slot(a.variable!)!;
  const bSlot = scope.slot(b.variable!)!;
  const relSlot = scope.slot(rel.variable!)!;
  const pathSlot = part.pathVariable ? scope.slot(part.pathVariable) : undefined;
  const aCheck = nodeCheck(compiler, a, scope);
  const bCheck = nodeCheck(compiler, b, scope);
  const types = rel.types.length > 0 ? rel.types : null;
  const relProps = rel.properties ? propertyMap(compiler, rel.properties, scope) : null;
  const min = rel.length?.min ?? 1;
  const max = rel.length ? rel.length.max : 1;
  // Only the legacy functions come here with a minimum above 1 (selectors take path-selector.ts): Neo4j 5
  // refuses them so.
  if (min > 1) {
    const fn = part.shortest === 'all' ? 'allShortestPaths' : 'shortestPath';
    throw new CypherFault(
      'CYPHER_SYNTAX',
      `${fn}(...) does not support a minimal length different from 0 or 1`,
      rel.at,
    );
  }
  const all = part.shortest === 'all';
  const k = part.k ?? 1;
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
      (types === null || types.includes(r.type)) &&
      (!rel.typeExpr || labelMatches(rel.typeExpr, [r.type])) &&
      (relProps === null || relProps(r.fast, row, ctx));
    const neighbours = (n: CNode, forward: boolean): [CRel, CNode][] => {
      const out: [CRel, CNode][] = [];
      const outward = dir === 'both' || (dir === 'out') === forward;
      const inward = dir === 'both' || (dir === 'in') === forward;
      if (outward) for (const r of n.out) if (relOk(r)) out.push([r, r.end]);
      if (inward) {
        for (const r of n.in) if (relOk(r) && !(dir === 'both' && r.start === r.end)) out.push([r, r.start]);
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
    let emitted = 0;
    let groups = 0;
    const rels: CRel[] = [];
    const nodes: CNode[] = [from];
    // Returns true to end the enumeration.
    const walk = (n: CNode, length: number): boolean => {
      ctx.guard?.();
      const left = length - rels.length;
      if (left === 0) {
        if (n !== to) return false;
        row[relSlot] = rels.slice();
        if (pathSlot !== undefined) row[pathSlot] = new CPath(nodes.slice(), rels.slice());
        for (const f of filters) if (f(row, ctx) !== true) return false;
        emitted++;
        if (next()) return (stop = true);
        return !all && emitted >= k;
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
    // Longer paths are only tried while fewer than k paths (or lengths, for groups) satisfy the WHERE parts.
    for (let length = Math.max(startDist, min); length <= limit && length <= startDist + 16; length++) {
      const before = emitted;
      walk(from, length);
      if (stop) return true;
      if (emitted > before && (all ? ++groups >= k : emitted >= k)) return false;
    }
    return false;
  });
}
