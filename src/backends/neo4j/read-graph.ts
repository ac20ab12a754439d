import { ENTITY_KINDS, PREDICATES } from '../../model/generated';
import { sortKeys, type CanonicalGraph } from '../../load/canonical';
import { STATEMENT_NODE } from '../../model/claims';
import { connect, neo4jError, type Neo4jConfig } from './connection';
import { toJson, type Json } from './values';

/** What the loader adds for its own bookkeeping, not part of the data. */
const BOOKKEEPING = new Set(['id', 'dataset', 'datasets']);

function properties(props: Record<string, unknown>): Record<string, Json> {
  return Object.fromEntries(
    Object.entries(props)
      .filter(([k]) => !BOOKKEEPING.has(k))
      .map(([k, v]) => [k, toJson(v)]),
  );
}

/** Reads a data set back from Neo4j in the canonical form (MENTIONED_IN, SUBJECT and OBJECT, derived, are left out). */
export async function readCanonicalFromNeo4j(config: Neo4jConfig, dataset: string): Promise<CanonicalGraph> {
  const driver = await connect(config);
  try {
    const run = async (query: string) =>
      (
        await driver.executeQuery(
          query,
          { dataset, predicates: Object.keys(PREDICATES) },
          { database: config.database, routing: 'READ' },
        )
      ).records.map((r) => r.toObject());
    const out: CanonicalGraph = { documents: {}, nodes: {}, edges: {} };
    for (const r of await run(
      'MATCH (d:Document) WHERE $dataset IN d.datasets RETURN d.id AS id, properties(d) AS props',
    )) {
      out.documents[r.id as string] = properties(r.props as Record<string, unknown>);
    }
    for (const r of await run(
      'MATCH (n:Entity) WHERE $dataset IN n.datasets RETURN n.id AS id, labels(n) AS labels, properties(n) AS props',
    )) {
      const kinds = (r.labels as string[]).filter((l) => Object.hasOwn(ENTITY_KINDS, l));
      out.nodes[r.id as string] = {
        kind: kinds.join(':'),
        properties: properties(r.props as Record<string, unknown>),
      };
    }
    for (const r of await run(
      'MATCH (n:Statement) WHERE n.dataset = $dataset RETURN n.id AS id, properties(n) AS props',
    )) {
      out.nodes[r.id as string] = {
        kind: STATEMENT_NODE,
        properties: properties(r.props as Record<string, unknown>),
      };
    }
    for (const r of await run(
      `MATCH (a:Entity)-[r]->(b) WHERE r.dataset = $dataset AND type(r) IN $predicates AND (b:Entity OR b:Statement)
       RETURN r.id AS id, type(r) AS type, a.id AS source, b.id AS target, properties(r) AS props`,
    )) {
      out.edges[r.id as string] = {
        type: r.type as string,
        source: r.source as string,
        target: r.target as string,
        properties: properties(r.props as Record<string, unknown>),
      };
    }
    return sortKeys(out);
  } catch (e) {
    throw neo4jError(e, config, 'reading the graph back');
  } finally {
    await driver.close();
  }
}
