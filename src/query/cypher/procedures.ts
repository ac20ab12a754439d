/**
 * Procedure calls (`CALL db.labels() YIELD label WHERE ...`): Neo4j's read-only schema procedures, the
 * full-text search over the index names the Neo4j load creates, and any a graph registers (the TCK's
 * test procedures). Standalone calls return every output; calls inside a query YIELD theirs.
 */
import type { ProcedureCall } from './ast';
import { conjuncts, containsAggregate } from './ast-walk';
import { CypherFault, notInMemoryEngine } from './errors';
import type { Compiler } from './evaluate';
import { FULLTEXT_INDEXES, search } from './fulltext';
import type { PropertyGraph } from './graph';
import { SHOW_COMMANDS } from './show';
import { staticType, syntax, type Context, type Fn, type Row, type Scope, type Stage } from './scope';
import { makeNode, makeRel, typeName, type CNode, type Value } from './values';

/** A parameter or output type as procedure signatures write it (`INTEGER?`: nullable). */
export type ProcedureType = 'STRING' | 'INTEGER' | 'FLOAT' | 'NUMBER' | 'BOOLEAN' | 'LIST' | 'MAP' | 'ANY';

export interface Procedure {
  name: string;
  inputs: { name: string; type: ProcedureType }[];
  outputs: { name: string; type: ProcedureType }[];
  /** The output rows (one value per output, in order) for arguments already checked against `inputs`. */
  run(graph: PropertyGraph, args: Value[], at: number): Value[][];
}

const distinctInOrder = <T>(xs: Iterable<T>): T[] => [...new Set(xs)];

/** db.schema.visualization's virtual nodes and relationships: one node per label, negative ids. */
function schemaVisualization(graph: PropertyGraph): Value[][] {
  const labels = distinctInOrder(graph.nodes.flatMap((n) => n.labels));
  const nodes = new Map<string, CNode>();
  labels.forEach((label, i) =>
    nodes.set(label, makeNode(-1 - i, `schema:${label}`, [label], 0, new Map([['name', label]]))),
  );
  const seen = new Set<string>();
  const rels: Value[] = [];
  for (const r of graph.rels) {
    for (const a of r.start.labels) {
      for (const b of r.end.labels) {
        const key = `${a}\u0000${r.type}\u0000${b}`;
        if (seen.has(key)) continue;
        seen.add(key);
        rels.push(
          makeRel(-1 - rels.length, `schema:${key}`, r.type, -1, nodes.get(a)!, nodes.get(b)!, new Map()),
        );
      }
    }
  }
  return [[[...nodes.values()], rels]];
}

/** A property value's type as Neo4j's schema procedures name it (Java's: Long, Double, StringArray...). */
function javaType(v: Value): string {
  if (Array.isArray(v)) {
    const first = v.find((x) => x !== null);
    return `${first === undefined ? 'String' : javaType(first)}Array`;
  }
  switch (typeName(v)) {
    case 'INTEGER':
      return 'Long';
    case 'FLOAT':
      return 'Double';
    case 'BOOLEAN':
      return 'Boolean';
    case 'DATE':
      return 'Date';
    default:
      return 'String';
  }
}

/**
 * db.schema.nodeTypeProperties / relTypeProperties: per label set (or type), each property with the
 * types seen and whether every element has it; an element type without properties gets one row with
 * null for them.
 */
function typeProperties(
  elements: { type: string; labels: string[] | null; properties: Map<string, Value> }[],
): Value[][] {
  const groups = new Map<
    string,
    { labels: string[] | null; count: number; props: Map<string, { types: Set<string>; count: number }> }
  >();
  for (const e of elements) {
    let g = groups.get(e.type);
    if (!g) groups.set(e.type, (g = { labels: e.labels, count: 0, props: new Map() }));
    g.count++;
    for (const [k, v] of e.properties) {
      let p = g.props.get(k);
      if (!p) g.props.set(k, (p = { types: new Set(), count: 0 }));
      p.types.add(javaType(v));
      p.count++;
    }
  }
  const rows: Value[][] = [];
  for (const [type, g] of groups) {
    const head: Value[] = g.labels ? [type, g.labels] : [type];
    if (g.props.size === 0) rows.push([...head, null, null, false]);
    for (const [k, p] of g.props) rows.push([...head, k, [...p.types].sort(), p.count === g.count]);
  }
  return rows;
}

const quoted = (names: readonly string[]) => names.map((n) => `:\`${n}\``).join('');

const FULLTEXT_INPUTS: Procedure['inputs'] = [
  { name: 'indexName', type: 'STRING' },
  { name: 'queryString', type: 'STRING' },
];

export const BUILT_INS: Procedure[] = [
  {
    name: 'db.labels',
    inputs: [],
    outputs: [{ name: 'label', type: 'STRING' }],
    run: (graph) => distinctInOrder(graph.nodes.flatMap((n) => n.labels)).map((l) => [l]),
  },
  {
    name: 'db.relationshipTypes',
    inputs: [],
    outputs: [{ name: 'relationshipType', type: 'STRING' }],
    run: (graph) => distinctInOrder(graph.rels.map((r) => r.type)).map((t) => [t]),
  },
  {
    name: 'db.propertyKeys',
    inputs: [],
    outputs: [{ name: 'propertyKey', type: 'STRING' }],
    run: (graph) =>
      distinctInOrder([...graph.nodes, ...graph.rels].flatMap((x) => [...x.properties.keys()])).map((k) => [
        k,
      ]),
  },
  {
    name: 'db.schema.visualization',
    inputs: [],
    outputs: [
      { name: 'nodes', type: 'LIST' },
      { name: 'relationships', type: 'LIST' },
    ],
    run: schemaVisualization,
  },
  {
    name: 'db.schema.nodeTypeProperties',
    inputs: [],
    outputs: [
      { name: 'nodeType', type: 'STRING' },
      { name: 'nodeLabels', type: 'LIST' },
      { name: 'propertyName', type: 'STRING' },
      { name: 'propertyTypes', type: 'LIST' },
      { name: 'mandatory', type: 'BOOLEAN' },
    ],
    run: (graph) =>
      typeProperties(
        graph.nodes.map((n) => {
          const labels = [...n.labels].sort();
          return { type: quoted(labels), labels, properties: n.properties };
        }),
      ),
  },
  {
    name: 'db.schema.relTypeProperties',
    inputs: [],
    outputs: [
      { name: 'relType', type: 'STRING' },
      { name: 'propertyName', type: 'STRING' },
      { name: 'propertyTypes', type: 'LIST' },
      { name: 'mandatory', type: 'BOOLEAN' },
    ],
    run: (graph) =>
      typeProperties(
        graph.rels.map((r) => ({ type: quoted([r.type]), labels: null, properties: r.properties })),
      ),
  },
  {
    name: 'dbms.components',
    inputs: [],
    outputs: [
      { name: 'name', type: 'STRING' },
      { name: 'versions', type: 'LIST' },
      { name: 'edition', type: 'STRING' },
    ],
    // Not Neo4j, and saying so: a query that branches on the edition sees the memory engine.
    run: () => [['factgraph memory engine', ['5'], 'memory']],
  },
  {
    name: 'db.index.fulltext.queryRelationships',
    inputs: FULLTEXT_INPUTS,
    outputs: [
      { name: 'relationship', type: 'ANY' },
      { name: 'score', type: 'FLOAT' },
    ],
    run: (graph, [index, query], at) =>
      search(graph, fulltextIndex(index as string, 'relationships', at), query as string, at),
  },
  {
    name: 'db.index.fulltext.queryNodes',
    inputs: FULLTEXT_INPUTS,
    outputs: [
      { name: 'node', type: 'ANY' },
      { name: 'score', type: 'FLOAT' },
    ],
    run: (graph, [index, query], at) =>
      search(graph, fulltextIndex(index as string, 'nodes', at), query as string, at),
  },
];

/** The full-text index of that name, as the Neo4j load creates it; refused when it is another kind. */
function fulltextIndex(name: string, kind: 'nodes' | 'relationships', at: number) {
  const index = FULLTEXT_INDEXES.find((i) => i.name === name);
  if (!index) {
    throw new CypherFault(
      'CYPHER_RUNTIME',
      `there is no full-text index called '${name}' (the load creates ${FULLTEXT_INDEXES.map((i) => `'${i.name}'`).join(', ')})`,
      at,
    );
  }
  if (index.entity !== kind) {
    throw new CypherFault(
      'CYPHER_RUNTIME',
      `the full-text index '${name}' indexes ${index.entity}, not ${kind}`,
      at,
    );
  }
  return index;
}

const BY_NAME = new Map(BUILT_INS.map((p) => [p.name.toLowerCase(), p]));

/** Procedure names are case-insensitive in lookups, as Neo4j's are for the built-in namespaces. */
function findProcedure(graph: PropertyGraph | null, name: string): Procedure | undefined {
  if (name.startsWith('SHOW ')) return SHOW_COMMANDS.get(name.slice(5))?.procedure;
  return graph?.procedures.get(name) ?? BY_NAME.get(name.toLowerCase());
}

/** The namespaces of Neo4j's own procedures and its common plugins': a name there that the memory engine lacks is Neo4j's. */
const NEO4J_NAMESPACES = /^(db|dbms|tx|apoc|gds|genai)\./i;

function accepts(type: ProcedureType, v: Value): boolean {
  if (v === null || type === 'ANY') return true;
  switch (type) {
    case 'STRING':
      return typeof v === 'string';
    case 'INTEGER':
      return typeof v === 'bigint';
    case 'FLOAT':
    case 'NUMBER':
      return typeof v === 'bigint' || typeof v === 'number';
    case 'BOOLEAN':
      return typeof v === 'boolean';
    case 'LIST':
      return Array.isArray(v);
    case 'MAP':
      return v instanceof Map;
  }
}

export function compileProcedureCall(
  compiler: Compiler,
  c: ProcedureCall,
  scope: Scope,
  standalone: boolean,
): { scope: Scope; stage: Stage } {
  // A procedure the graph registers is only known when the query runs on it: look it up now when the
  // graph is known (always, through the query functions), else among the built-ins.
  const proc = findProcedure(compiler.stats, c.name);
  if (!proc && !NEO4J_NAMESPACES.test(c.name)) throw syntax(`there is no procedure called ${c.name}`, c.at);
  if (!proc) {
    throw notInMemoryEngine(
      `the procedure ${c.name}`,
      c.at,
      `it has ${BUILT_INS.map((p) => p.name).join(', ')}`,
    );
  }
  let argFns: Fn[];
  if (c.args === null) {
    if (!standalone && proc.inputs.length > 0) {
      throw syntax(`${c.name} takes arguments: inside a query they must be given in parentheses`, c.at);
    }
    // Standalone, without parentheses: the arguments are the parameters of the inputs' names.
    for (const i of proc.inputs) compiler.checkParam(i.name, c.at);
    argFns = proc.inputs.map((i) => (_row: Row, ctx: Context) => {
      const v = ctx.params.get(i.name);
      if (v === undefined) throw syntax(`missing parameter $${i.name} for ${c.name}`, c.at);
      return v;
    });
  } else {
    if (c.args.length !== proc.inputs.length) {
      throw syntax(`${c.name} takes ${proc.inputs.length} argument(s), not ${c.args.length}`, c.at);
    }
    c.args.forEach((a, i) => {
      const t = staticType(a, scope);
      const want = proc.inputs[i]!.type;
      const fits: Record<string, ProcedureType[]> = {
        BOOLEAN: ['BOOLEAN'],
        INTEGER: ['INTEGER', 'FLOAT', 'NUMBER'],
        FLOAT: ['FLOAT', 'NUMBER'],
        STRING: ['STRING'],
        LIST: ['LIST'],
        MAP: ['MAP'],
      };
      const known = fits[t];
      if (known && want !== 'ANY' && !known.includes(want))
        throw syntax(`${c.name} expects a ${want} for ${proc.inputs[i]!.name}, not a ${t}`, a.at);
    });
    argFns = c.args.map((a) => compiler.expr(a, scope));
  }
  if (c.args?.some((a) => containsAggregate(a))) {
    throw syntax(`the arguments of ${c.name} cannot aggregate`, c.at);
  }

  const yields =
    c.yields ?? (standalone ? proc.outputs.map((o) => ({ name: o.name, alias: o.name, at: c.at })) : []);
  if (c.yields === null && !standalone && proc.outputs.length > 0) {
    // Neo4j lets a call without YIELD stand inside a query only for procedures with no outputs.
    throw syntax(`${c.name} inside a query needs YIELD`, c.at);
  }
  let out = scope;
  const picks: { from: number; slot: number }[] = [];
  for (const y of yields) {
    const from = proc.outputs.findIndex((o) => o.name === y.name);
    if (from < 0) throw syntax(`${c.name} has no output \`${y.name}\``, y.at);
    if (out.has(y.alias)) throw syntax(`variable \`${y.alias}\` is already defined`, y.at);
    out = out.with(y.alias, proc.outputs[from]!.type === 'STRING' ? 'STRING' : 'unknown');
    picks.push({ from, slot: out.slot(y.alias)! });
  }
  const where = conjuncts(c.where).map((w) => compiler.expr(w, out));
  const width = out.size;
  const at = c.at;
  const optional = c.optional;
  return {
    scope: out,
    stage: (ctx, down) => ({
      push: (row) => {
        const procedure = findProcedure(ctx.graph, c.name) ?? proc;
        const args = argFns.map((f, i) => {
          const v = f(row, ctx);
          const input = procedure.inputs[i]!;
          if (!accepts(input.type, v)) {
            throw new CypherFault(
              'CYPHER_RUNTIME',
              `${c.name} expects a ${input.type} for ${input.name}, not a ${typeName(v)}`,
              at,
            );
          }
          return input.type === 'FLOAT' && typeof v === 'bigint' ? Number(v) : v;
        });
        const results = procedure.run(ctx.graph, args, at);
        // A procedure without outputs (a VOID one) lets each row through once.
        if (procedure.outputs.length === 0) {
          if (!standalone) down.push(row);
          return;
        }
        let found = false;
        for (const values of results) {
          ctx.guard?.();
          const r = row.slice();
          r.length = width;
          for (const p of picks) r[p.slot] = values[p.from] ?? null;
          if (where.some((w) => w(r, ctx) !== true)) continue;
          found = true;
          down.push(r);
        }
        if (optional && !found) {
          const r = row.slice();
          r.length = width;
          for (const p of picks) r[p.slot] = null;
          down.push(r);
        }
      },
      end: () => down.end(),
    }),
  };
}
