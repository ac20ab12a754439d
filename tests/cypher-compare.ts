/** Comparing Cypher results of the memory engine and Neo4j, and seeded query generation, for the differential tests. */
import { join } from 'node:path';
import { MultiDirectedGraph } from 'graphology';
import neo4j from 'neo4j-driver';
import { KgError, loadGraph, type FactGraph } from '../src';
import type { Neo4jConfig } from '../src/backends/neo4j/connection';
import { loadIntoNeo4j } from '../src/backends/neo4j/load';
import type { Json } from '../src/backends/neo4j/values';
import { PropertyGraph, propertyGraph, queryGraph, runSetup } from '../src/query/cypher';
import { queryNeo4j, runInTransaction, type QueryResult } from '../src/query/query';
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

/** The generated graph of `seed` created in an emptied test Neo4j, and in memory. */
export async function generatedGraphOnBoth(config: Neo4jConfig, seed: number): Promise<PropertyGraph> {
  await resetNeo4j(config);
  const create = generatedGraph(seed);
  const driver = neo4j.driver(config.uri, neo4j.auth.basic(config.username, config.password));
  try {
    await driver.executeQuery(create, {}, { database: config.database });
  } finally {
    await driver.close();
  }
  const memory = new PropertyGraph();
  runSetup(memory, create);
  return memory;
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

export interface Case {
  query: string;
  /** Compare lists as sets (collect() and labels have no order). */
  lists?: boolean;
}

/**
 * Runs every query on both backends, Neo4j's in one session, and gives what differs (nothing, when
 * they agree: the same rows, in order when the query ends with ORDER BY, or refused by both) and how
 * many queries found rows.
 */
export async function differences(
  config: Neo4jConfig,
  memory: PropertyGraph,
  cases: Case[],
): Promise<{ diffs: string[]; found: number }> {
  const driver = neo4j.driver(config.uri, neo4j.auth.basic(config.username, config.password));
  const session = driver.session({ database: config.database, defaultAccessMode: neo4j.session.READ });
  const diffs: string[] = [];
  let found = 0;
  const outcome = (run: () => QueryResult | Promise<QueryResult>) =>
    Promise.resolve()
      .then(run)
      .then(
        (r): QueryResult | string => r,
        (e: unknown) => {
          if (e instanceof KgError || (e instanceof Error && 'code' in e)) return `refused: ${e.message}`;
          throw e;
        },
      );
  try {
    for (const { query, lists = false } of cases) {
      const server = await outcome(() => session.executeRead((tx) => runInTransaction(tx, query)));
      const local = await outcome(() => queryGraph(memory, query));
      if (typeof server === 'string' || typeof local === 'string') {
        if (typeof server !== 'string' || typeof local !== 'string')
          diffs.push(
            `${query}\n  neo4j: ${String(typeof server === 'string' ? server : 'rows')}\n  memory: ${typeof local === 'string' ? local : 'rows'}`,
          );
        continue;
      }
      if (server.rows.length > 0) found++;
      // In order when the query's own ORDER BY comes last (not one inside a subquery).
      const ordered = /\bORDER\s+BY\b[^}]*$/i.test(query);
      const a = JSON.stringify(comparable(server, ordered, lists));
      const b = JSON.stringify(comparable(local, ordered, lists));
      if (a !== b) diffs.push(`${query}\n  neo4j:  ${a.slice(0, 600)}\n  memory: ${b.slice(0, 600)}`);
    }
  } finally {
    await session.close();
    await driver.close();
  }
  return { diffs, found };
}
