/** Differential tests of expressions: a query without a graph, run on the memory engine and on Neo4j. */
import { MultiDirectedGraph } from 'graphology';
import { KgError, type FactGraph } from '../src';
import type { Neo4jConfig } from '../src/backends/neo4j/connection';
import { queryGraph } from '../src/query/cypher';
import { queryNeo4j } from '../src/query/query';

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
