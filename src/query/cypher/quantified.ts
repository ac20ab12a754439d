/**
 * Quantified path patterns `((a)-[r:T]->(b)<-[:U]-(c) WHERE ...){m,n}`: the group's sub-pattern matched
 * once per iteration, each iteration starting where the last one ended. During an iteration its named
 * elements are bound one by one (in hidden slots, which the group's WHERE and inner patterns read);
 * afterwards each is a group variable, the list of its iterations' elements, in the pattern's order.
 */
import type { NodePattern, QuantifiedGroup, RelPattern } from './ast';
import { freeVariables } from './ast-walk';
import type { Compiler } from './evaluate';
import { typeError } from './function-args';
import { nodeCheck, relCheck } from './patterns';
import { Scope, syntax, type Fn, type Step } from './scope';
import { typeName, type CNode, type CRel, type Value } from './values';

export interface GroupVariable {
  name: string;
  kind: 'node' | 'rel';
}

/** A limit on the relationships a pattern may use, for the path selectors' search by length. */
export interface LengthBudget {
  /** `used.length` when the pattern started. */
  base: number;
  limit: number;
  /** Set when a longer path was cut short: there may be paths beyond the limit. */
  cut: boolean;
  /** A lower bound on the relationships from a node to an end still wanted; absent: none can be reached. */
  toEnd: Map<CNode, number> | null;
}

/**
 * Whether `more` relationships reaching `node` fit in the budget, with the least still needed from
 * there (and notes when they do not: longer paths may follow).
 */
export function fits(budget: LengthBudget | null, used: CRel[], node: CNode, more = 1): boolean {
  if (budget === null) return true;
  const rest = budget.toEnd === null ? 0 : budget.toEnd.get(node);
  if (rest === undefined) return false;
  if (used.length + more + rest - budget.base <= budget.limit) return true;
  budget.cut = true;
  return false;
}

/** A WHERE part for the matcher to run once the variables it reads are bound. */
export type Deferred = (vars: Set<string>, fn: Fn, at: number) => void;

const named = (name: string | null) => name !== null && !name.startsWith(' ');

/** The named elements of a group, each once (a node may appear twice: `((a)-->(a))`). */
export function groupVariables(g: QuantifiedGroup): GroupVariable[] {
  const out = new Map<string, GroupVariable>();
  for (const n of g.nodes) if (named(n.variable)) out.set(n.variable!, { name: n.variable!, kind: 'node' });
  for (const r of g.rels) if (named(r.variable)) out.set(r.variable!, { name: r.variable!, kind: 'rel' });
  return [...out.values()];
}

/** The hidden variable that holds an iteration's element of a group variable. */
export function iterationVariable(name: string): string {
  return ` iteration ${name}`;
}

/** The scope an iteration's expressions see: each group variable is the element of this iteration. */
function iterationScope(scope: Scope, vars: GroupVariable[]): Scope {
  const names = new Map(scope.names);
  const types = new Map(scope.types);
  for (const v of vars) {
    names.set(v.name, scope.slot(iterationVariable(v.name))!);
    types.set(v.name, v.kind);
  }
  return new Scope(names, scope.size, types);
}

/** The group walked right to left: its elements reversed, each relationship's direction flipped. */
function reversed(g: QuantifiedGroup): { nodes: NodePattern[]; rels: RelPattern[] } {
  const flip = { out: 'in', in: 'out', both: 'both' } as const;
  return {
    nodes: [...g.nodes].reverse(),
    rels: [...g.rels].reverse().map((r) => ({ ...r, direction: flip[r.direction] })),
  };
}

/** The condition WHERE runs on: true passes, false and null do not, anything else is an error. */
function passes(v: Value, at: number): boolean {
  if (v === true) return true;
  if (v !== false && v !== null) throw typeError(`WHERE expects a boolean, not a ${typeName(v)}`, at);
  return false;
}

/**
 * The step that walks a quantified path pattern from the bound node `from` to `to` (right to left when
 * `reverse`), binding its group variables and `rel`'s variable (every relationship walked).
 */
export function planGroup(
  compiler: Compiler,
  rel: RelPattern,
  from: NodePattern,
  to: NodePattern,
  reverse: boolean,
  scope: Scope,
  bound: Set<string>,
  steps: Step[],
  budget: LengthBudget | null,
  defer: Deferred,
): void {
  const group = rel.group!;
  const { min, max } = rel.length!;
  const vars = groupVariables(group);
  const inner = iterationScope(scope, vars);
  const chain = reverse ? reversed(group) : group;
  const fromSlot = scope.slot(from.variable!)!;
  const toSlot = scope.slot(to.variable!)!;
  const relSlot = scope.slot(rel.variable!)!;
  const toBound = bound.has(to.variable!);
  const toCheck = nodeCheck(compiler, to, scope);
  const nodeChecks = chain.nodes.map((n) => nodeCheck(compiler, n, inner));
  const relChecks = chain.rels.map((r) => relCheck(compiler, r, inner));
  const iterSlot = (name: string | null) => (named(name) ? inner.slot(name!)! : null);
  const nodeSlots = chain.nodes.map((n) => iterSlot(n.variable));
  const relSlots = chain.rels.map((r) => iterSlot(r.variable));
  // A node named twice in the group is one node in each iteration: its first position.
  const sameAs = chain.nodes.map((n, j) =>
    chain.nodes.findIndex((m, i) => i < j && m.variable === n.variable),
  );
  const listSlots = vars.map((v) => scope.slot(v.name)!);
  const valueSlots = vars.map((v) => inner.slot(v.name)!);

  // The WHERE runs in each iteration when what it reads from outside the group is bound by then, else
  // once the whole match is, over every iteration.
  let where: Fn | null = null;
  if (group.where) {
    const whereAt = group.where.at;
    const fn = compiler.expr(group.where, inner);
    const outer = new Set([...freeVariables(group.where)].filter((v) => !vars.some((g) => g.name === v)));
    for (const v of outer) {
      if (v !== ' subquery' && !scope.has(v)) throw syntax(`variable \`${v}\` is not defined`, whereAt);
    }
    if ([...outer].every((v) => bound.has(v))) where = fn;
    else {
      defer(
        new Set([...outer, ...vars.map((v) => v.name)]),
        (row, ctx) => {
          const lists = listSlots.map((s) => row[s] as Value[]);
          for (let i = 0; i < (lists[0]?.length ?? 0); i++) {
            lists.forEach((l, j) => (row[valueSlots[j]!] = l[i]!));
            if (!passes(fn(row, ctx), whereAt)) return false;
          }
          return true;
        },
        whereAt,
      );
    }
  }

  const dir = chain.rels.map((r) => r.direction);
  steps.push((row, ctx, used, next) => {
    const walked: CRel[] = [];
    const lists: Value[][] = vars.map(() => []);
    let count = 0;
    const finish = (node: CNode): boolean => {
      if ((toBound && row[toSlot] !== node) || !toCheck(node, row, ctx)) return false;
      lists.forEach((l, j) => (row[listSlots[j]!] = reverse ? l.slice().reverse() : l.slice()));
      row[relSlot] = reverse ? walked.slice().reverse() : walked.slice();
      if (!toBound) row[toSlot] = node;
      return next();
    };
    const iterate = (node: CNode): boolean => {
      ctx.guard?.();
      if (count >= min && finish(node)) return true;
      if (max !== null && count >= max) return false;
      return element(0, node, [], []);
    };
    // Node j of the iteration is `node`; then relationship j, and so on to the iteration's end. The
    // iteration's elements so far are in `nodes` and `rels` (later iterations reuse the hidden slots).
    const element = (j: number, node: CNode, nodes: CNode[], rels: CRel[]): boolean => {
      const same = sameAs[j]!;
      if (same >= 0 && nodes[same] !== node) return false;
      nodes[j] = node;
      nodes.forEach((n, i) => nodeSlots[i] !== null && (row[nodeSlots[i]!] = n));
      rels.forEach((r, i) => relSlots[i] !== null && (row[relSlots[i]!] = r));
      if (!nodeChecks[j]!(node, row, ctx)) return false;
      if (j === chain.rels.length) {
        if (where && !passes(where(row, ctx), group.where!.at)) return false;
        lists.forEach((l, v) => l.push(row[valueSlots[v]!]!));
        count++;
        const stop = iterate(node);
        count--;
        for (const l of lists) l.pop();
        return stop;
      }
      const check = relChecks[j]!;
      const attempt = (r: CRel, other: CNode): boolean => {
        if (!check(r, row, ctx) || used.includes(r) || !fits(budget, used, other)) return false;
        used.push(r);
        walked.push(r);
        rels[j] = r;
        const stop = element(j + 1, other, nodes.slice(0, j + 1), rels.slice(0, j + 1));
        walked.pop();
        used.pop();
        return stop;
      };
      const d = dir[j]!;
      if (d !== 'in') for (const r of node.out) if (attempt(r, r.end)) return true;
      if (d !== 'out') {
        for (const r of node.in) {
          if (d === 'both' && r.start === r.end) continue;
          if (attempt(r, r.start)) return true;
        }
      }
      return false;
    };
    const stop = iterate(row[fromSlot] as CNode);
    if (!toBound) row[toSlot] = undefined as unknown as Value;
    return stop;
  });
  bound.add(rel.variable!);
  bound.add(to.variable!);
  for (const v of vars) bound.add(v.name);
}

/** Declares a group's variables: lists in the pattern's scope, and each one's hidden iteration slot. */
export function declareGroup(
  g: QuantifiedGroup,
  scope: Scope,
  declared: (name: string) => boolean,
  at: number,
): Scope {
  let out = scope;
  for (const v of groupVariables(g)) {
    if (declared(v.name)) {
      throw syntax(
        `the variable \`${v.name}\` occurs both inside and outside a quantified path pattern and needs to be renamed`,
        at,
      );
    }
    out = out.with(v.name, 'LIST').with(iterationVariable(v.name), v.kind);
  }
  return out;
}
