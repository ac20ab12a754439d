/** CREATE and DELETE, on the setup-only path that builds test graphs (queries never write). */
import type { Clause } from './ast';
import type { Compiler } from './evaluate';
import { syntax, type Context, type Fn, type Row, type Scope, type Stage } from './scope';
import { CPath, isNode, isRel, type CNode, type CRel, type Value } from './values';

export function compileCreate(
  compiler: Compiler,
  c: Extract<Clause, { kind: 'create' }>,
  scope: Scope,
): { scope: Scope; stage: Stage } {
  let out = scope;
  for (const part of c.patterns) {
    for (const n of part.nodes) out = out.with(n.variable!);
    for (const r of part.rels) out = out.with(r.variable!);
    if (part.pathVariable) out = out.with(part.pathVariable);
  }
  const created = c.patterns.map((part) => ({
    part,
    nodes: part.nodes.map((n) => ({
      n,
      slot: out.slot(n.variable!)!,
      props: n.properties ? compiler.expr(n.properties, out) : null,
    })),
    rels: part.rels.map((r) => {
      if (r.types.length !== 1 || r.length || r.direction === 'both') {
        throw syntax('CREATE needs relationships of exactly one type and one direction', r.at);
      }
      return {
        r,
        slot: out.slot(r.variable!)!,
        props: r.properties ? compiler.expr(r.properties, out) : null,
      };
    }),
    pathSlot: part.pathVariable ? out.slot(part.pathVariable)! : null,
  }));
  const width = out.size;
  const propsOf = (f: Fn | null, row: Row, ctx: Context) => {
    const m = f ? f(row, ctx) : null;
    const props = new Map<string, Value>();
    if (m instanceof Map) for (const [k, v] of m) if (v !== null) props.set(k, v);
    return props;
  };
  return {
    scope: out,
    stage: (ctx, down) => ({
      end: () => down.end(),
      push: (input) => {
        const row = input.slice();
        row.length = width;
        for (const { nodes, rels, pathSlot } of created) {
          for (const { n, slot, props } of nodes) {
            const existing = row[slot];
            if (existing !== undefined && existing !== null) continue;
            row[slot] = ctx.graph.addNode(null, n.labels, propsOf(props, row, ctx));
          }
          rels.forEach(({ r, slot, props }, i) => {
            const left = row[nodes[i]!.slot] as CNode;
            const right = row[nodes[i + 1]!.slot] as CNode;
            const [s, e] = r.direction === 'out' ? [left, right] : [right, left];
            row[slot] = ctx.graph.addRel(null, r.types[0]!, s, e, propsOf(props, row, ctx));
          });
          if (pathSlot !== null) {
            row[pathSlot] = new CPath(
              nodes.map((n) => row[n.slot] as CNode),
              rels.map((r) => row[r.slot] as CRel),
            );
          }
        }
        down.push(row);
      },
    }),
  };
}

/**
 * DELETE and DETACH DELETE: every row is read first (the MATCH before it must not see the graph
 * change under it), then the nodes and relationships go, then the rows go on.
 */
export function compileDelete(
  compiler: Compiler,
  c: Extract<Clause, { kind: 'delete' }>,
  scope: Scope,
): { scope: Scope; stage: Stage } {
  const targets = c.exprs.map((e) => compiler.expr(e, scope));
  return {
    scope,
    stage: (ctx, down) => {
      const rows: Row[] = [];
      return {
        // Stages may reuse a row array for the next row: keep a copy.
        push: (row) => void rows.push(row.slice()),
        end: () => {
          const nodes = new Set<CNode>();
          const rels = new Set<CRel>();
          for (const row of rows) {
            for (const f of targets) {
              const v = f(row, ctx);
              if (isRel(v)) rels.add(v);
              else if (isNode(v)) nodes.add(v);
              else if (v !== null) throw syntax('DELETE takes nodes and relationships', c.at);
            }
          }
          for (const r of rels) ctx.graph.removeRel(r);
          for (const n of nodes) {
            if (!c.detach && n.out.length + n.in.length > 0)
              throw syntax('a node with relationships is deleted with DETACH DELETE', c.at);
            ctx.graph.removeNode(n);
          }
          for (const row of rows) down.push(row);
          down.end();
        },
      };
    },
  };
}
