import { KgError } from '../errors';
import { isStatementId, type Dataset, type StatementEntry } from '../model/dataset';

/** The statements a statement is about or depends on: its object and its conditionOn, where they are statements. */
function embedded(dataset: Dataset, s: StatementEntry): ('object' | 'conditionOn')[] {
  return (['object', 'conditionOn'] as const).filter((field) => isStatementId(dataset, s.record[field]));
}

/**
 * An `asserted: false` statement must be embedded in another (as its object or conditionOn), and claims
 * about claims must not lead back to themselves.
 */
export function checkClaimsAboutClaims(dataset: Dataset, errors: KgError[]): void {
  const next = new Map<string, { field: 'object' | 'conditionOn'; id: string }[]>();
  const embeddedIds = new Set<string>();
  for (const [id, s] of dataset.statements) {
    const targets = embedded(dataset, s).map((field) => ({ field, id: s.record[field]! }));
    for (const t of targets) embeddedIds.add(t.id);
    if (targets.length > 0) next.set(id, targets);
  }
  for (const [id, s] of dataset.statements) {
    if (s.record.asserted === false && !embeddedIds.has(id)) {
      errors.push(
        new KgError(
          'UNASSERTED_NOT_EMBEDDED',
          `${id} has 'asserted: false' but no statement has it as its object or conditionOn; give it the statement that doubts, denies or depends on it, or drop 'asserted: false'`,
          s.fields.asserted ?? s.where,
        ),
      );
    }
  }
  for (const cycle of claimCycles(next)) {
    const first = dataset.statements.get(cycle[0]!)!;
    const field = next.get(cycle[0]!)!.find((t) => t.id === cycle[1 % cycle.length])!.field;
    errors.push(
      new KgError(
        'CLAIM_CYCLE',
        `claims about claims form a cycle: ${[...cycle, cycle[0]].join(' → ')}`,
        first.fields[field] ?? first.where,
      ),
    );
  }
}

/**
 * One cycle for each strongly connected part of the graph of claims about claims (Tarjan, iterative),
 * starting at its statement that comes first in the data, in the order its references run.
 */
function claimCycles(next: ReadonlyMap<string, readonly { id: string }[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const parts: string[][] = [];
  for (const root of next.keys()) {
    if (index.has(root)) continue;
    const work: [string, number][] = [[root, 0]];
    while (work.length > 0) {
      const top = work[work.length - 1]!;
      const [v, i] = top;
      if (i === 0) {
        index.set(v, index.size);
        low.set(v, index.get(v)!);
        stack.push(v);
        onStack.add(v);
      }
      const out = next.get(v) ?? [];
      if (i < out.length) {
        top[1]++;
        const w = out[i]!.id;
        if (!index.has(w)) work.push([w, 0]);
        else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1]?.[0];
      if (parent !== undefined) low.set(parent, Math.min(low.get(parent)!, low.get(v)!));
      if (low.get(v) === index.get(v)) {
        const part: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          part.push(w);
        } while (w !== v);
        const selfLoop = (next.get(v) ?? []).some((t) => t.id === v);
        if (part.length > 1 || selfLoop) parts.push(part);
      }
    }
  }
  const order = [...next.keys()];
  return parts.map((part) => {
    const members = new Set(part);
    const start = order.find((id) => members.has(id))!;
    return shortestCycle(start, members, next);
  });
}

/** The shortest way from `start` back to itself inside `members` (breadth first). */
function shortestCycle(
  start: string,
  members: ReadonlySet<string>,
  next: ReadonlyMap<string, readonly { id: string }[]>,
): string[] {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let q = 0; q < queue.length; q++) {
    const v = queue[q]!;
    for (const { id: w } of next.get(v) ?? []) {
      if (!members.has(w)) continue;
      if (w === start) {
        const path = [v];
        while (path[0] !== start) path.unshift(cameFrom.get(path[0]!)!);
        return path;
      }
      if (!cameFrom.has(w)) {
        cameFrom.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start];
}
