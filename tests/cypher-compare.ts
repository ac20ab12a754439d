/** Comparing Cypher results of the memory engine and Neo4j, and seeded query generation, for the differential tests. */
import { join } from 'node:path';
import { MultiDirectedGraph } from 'graphology';
import { KgError, loadGraph, type FactGraph } from '../src';
import type { Neo4jConfig } from '../src/backends/neo4j/connection';
import { loadIntoNeo4j } from '../src/backends/neo4j/load';
import type { Json } from '../src/backends/neo4j/values';
import { propertyGraph, queryGraph, type PropertyGraph } from '../src/query/cypher';
import { queryNeo4j, type QueryResult } from '../src/query/query';
import { ROOT, seededRandom } from './helpers';
import { resetNeo4j } from './neo4j-helpers';

/** A seeded generator, so every run generates the same queries. */
export function random(seed: number) {
  const next = seededRandom(seed);
  return {
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
  };
}

/** A value with element ids blanked and labels sorted; `lists` also sorts every list. */
function normalize(v: Json, lists: boolean): Json {
  if (Array.isArray(v)) {
    const items = v.map((x) => normalize(x, lists));
    return lists ? items.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)) : items;
  }
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => {
        if (k === 'elementId' || k === 'startNodeElementId' || k === 'endNodeElementId') return [k, '*'];
        if (k === 'labels' && Array.isArray(x)) return [k, [...x].sort()];
        return [k, normalize(x, lists)];
      }),
    );
  }
  return v;
}

/** Columns and rows as text that compares equal when the results do (rows sorted unless `ordered`). */
export function comparable(result: QueryResult, ordered: boolean, lists: boolean) {
  const rows = result.rows.map((r) =>
    JSON.stringify(result.columns.map((c) => normalize(r[c] ?? null, lists))),
  );
  return { columns: result.columns, rows: ordered ? rows : [...rows].sort() };
}

/**
 * A CREATE of a random graph (seeded): 60 nodes labelled from A, B, C and D with uid, name, score,
 * tags and flag, and 180 relationships X, Y, Z with w and note.
 */
export function generatedGraph(seed: number): string {
  const r = random(seed);
  const nodes = Array.from({ length: 60 }, (_, i) => {
    const labels = [r.pick(['A', 'B', 'C']), ...(r.int(4) === 0 ? ['D'] : [])].map((l) => `:${l}`).join('');
    const props = [
      `uid: ${i}`,
      `name: '${r.pick(['ann', 'bob', 'cy', 'dee', 'eve', 'fay'])}${r.int(5)}'`,
      ...(r.int(3) > 0 ? [`score: ${r.pick([r.int(100), r.int(100) + 0.25, -r.int(10)])}`] : []),
      ...(r.int(2) === 0
        ? [`tags: [${Array.from({ length: r.int(3) }, () => `'t${r.int(4)}'`).join(', ')}]`]
        : []),
      ...(r.int(5) === 0 ? ['flag: true'] : []),
    ];
    return `(n${i}${labels} {${props.join(', ')}})`;
  });
  const rels = Array.from({ length: 180 }, () => {
    const type = r.pick(['X', 'Y', 'Z']);
    const a = r.int(60);
    const b = (a + 1 + r.int(59)) % 60;
    return `(n${a})-[:${type} {w: ${r.int(10)}${r.int(3) === 0 ? `, note: 'n${r.int(3)}'` : ''}}]->(n${b})`;
  });
  return `CREATE ${nodes.join(',\n')}\nCREATE ${rels.join(',\n')}`;
}

/** The article graph (graph-data/) loaded into an emptied test Neo4j, and as the memory engine sees it. */
export async function articleGraphOnBoth(config: Neo4jConfig): Promise<PropertyGraph> {
  await resetNeo4j(config);
  const { graph } = await loadGraph([join(ROOT, 'graph-data')]);
  await loadIntoNeo4j(graph, config, { dataset: 'graph-data' });
  return propertyGraph(graph, 'graph-data');
}

/** Differential tests of expressions: a query without a graph. */
const empty: FactGraph = new MultiDirectedGraph();
empty.setAttribute('documents', {});

/** Expects the same rows from both backends, or that both refuse the query. */
export async function sameOnBoth(config: Neo4jConfig, query: string): Promise<void> {
  const memory = (() => {
    try {
      return queryGraph(empty, query).rows;
    } catch (e) {
      if (e instanceof KgError) return 'refused';
      throw e;
    }
  })();
  const server = await queryNeo4j(query, config).then(
    (r) => r.rows,
    (e: unknown) => {
      if (e instanceof KgError) return 'refused';
      throw e;
    },
  );
  expect({ query, memory }).toEqual({ query, memory: server });
}
