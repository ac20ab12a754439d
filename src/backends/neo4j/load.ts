import type { Driver, ManagedTransaction } from 'neo4j-driver';
import { KgError } from '../../errors';
import { ENTITY_KINDS, PREDICATES } from '../../model/generated';
import type { FactGraph } from '../memory/build-graph';
import { connect, neo4jError, transactionConfig, type Neo4jConfig } from './connection';
import { toNeo4jProperty } from './values';
import { graphRecords, MENTIONED_IN } from '../../load/canonical';

export { MENTIONED_IN };

export interface Neo4jLoadOptions {
  /** Names what this load owns, so `prune` touches nothing another data set loaded. */
  dataset: string;
  /** Rows a transaction (default 1000). */
  batchSize?: number;
  /** Remove what this data set loaded before and no longer has. */
  prune?: boolean;
  /** Called after each committed batch. */
  onProgress?: (done: number, total: number) => void;
}

export interface Neo4jLoadResult {
  dataset: string;
  documents: number;
  entities: number;
  statements: number;
  mentions: number;
  /** Relationships deleted because their statement changed type or ends, or (with prune) is gone. */
  removedRelationships: number;
  /** Entities and documents deleted by prune. */
  removedNodes: number;
  transactions: number;
}

/**
 * Only names from the schema's own tables are ever put into query text; everything else is a
 * parameter. Anything else here is a bug, not bad data (validation rejects unknown kinds first).
 */
function label(kind: string): string {
  if (!Object.hasOwn(ENTITY_KINDS, kind))
    throw new KgError('NEO4J_ERROR', `refusing unknown label ${JSON.stringify(kind)}`);
  return `\`${kind}\``;
}

function relType(type: string): string {
  if (!Object.hasOwn(PREDICATES, type) && type !== MENTIONED_IN) {
    throw new KgError('NEO4J_ERROR', `refusing unknown relationship type ${JSON.stringify(type)}`);
  }
  return `\`${type}\``;
}

const ALL_KIND_LABELS = Object.keys(ENTITY_KINDS).map(label).join(':');

/** Constraints and indexes, created once and idempotently. */
export async function ensureSchema(driver: Driver, database: string): Promise<void> {
  const statements = [
    'CREATE CONSTRAINT factgraph_entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE',
    'CREATE CONSTRAINT factgraph_document_id IF NOT EXISTS FOR (n:Document) REQUIRE n.id IS UNIQUE',
    'CREATE CONSTRAINT factgraph_dataset_name IF NOT EXISTS FOR (n:Dataset) REQUIRE n.name IS UNIQUE',
    'CREATE INDEX factgraph_entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name)',
    ...[...Object.keys(PREDICATES), MENTIONED_IN].flatMap((type) => [
      `CREATE CONSTRAINT factgraph_statement_id_${type} IF NOT EXISTS FOR ()-[r:${relType(type)}]-() REQUIRE r.id IS UNIQUE`,
      `CREATE INDEX factgraph_dataset_${type} IF NOT EXISTS FOR ()-[r:${relType(type)}]-() ON (r.dataset)`,
    ]),
    `CREATE FULLTEXT INDEX factgraph_quote IF NOT EXISTS FOR ()-[r:${Object.keys(PREDICATES).map(relType).join('|')}]-() ON EACH [r.quote]`,
  ];
  for (const statement of statements) await driver.executeQuery(statement, {}, { database });
}

/**
 * Loads the graph into Neo4j: every entity an `:Entity` node with its kind as a second label, every
 * statement a relationship of its predicate's type with its provenance as properties, each document a
 * `:Document` node that the entities it mentions point to (`MENTIONED_IN`), and a `:Dataset` node.
 *
 * Idempotent and safe to interrupt: every write is a MERGE on an id that replaces all properties, in
 * batches of managed transactions (retried on transient errors). Loading the same data again, or again
 * after a failure, converges to the graph a clean load gives.
 */
export async function loadIntoNeo4j(
  graph: FactGraph,
  config: Neo4jConfig,
  options: Neo4jLoadOptions,
): Promise<Neo4jLoadResult> {
  const driver = await connect(config);
  let phase = 'creating constraints';
  try {
    await ensureSchema(driver, config.database);
    const session = driver.session({ database: config.database });
    const txConfig = transactionConfig(config);
    const { dataset } = options;
    const batchSize = Math.max(1, options.batchSize ?? 1000);
    const result: Neo4jLoadResult = {
      dataset,
      documents: 0,
      entities: graph.order,
      statements: graph.size,
      mentions: 0,
      removedRelationships: 0,
      removedNodes: 0,
      transactions: 0,
    };
    try {
      const records = graphRecords(graph, dataset, toNeo4jProperty);
      const documents = records.documents;
      result.documents = documents.length;
      const relationships = records.relationships;
      result.mentions = relationships.filter((r) => r.type === MENTIONED_IN).length;
      const total = documents.length + graph.order + relationships.length;
      let done = 0;
      const write = async (query: string, rows: unknown[], params: Record<string, unknown> = {}) => {
        for (let i = 0; i < rows.length; i += batchSize) {
          const batch = rows.slice(i, i + batchSize);
          await session.executeWrite(
            (tx: ManagedTransaction) => tx.run(query, { ...params, rows: batch, dataset }),
            txConfig,
          );
          result.transactions++;
          done += batch.length;
          options.onProgress?.(done, total);
        }
      };

      phase = 'loading documents';
      await write(
        `UNWIND $rows AS row
         MERGE (d:Document {id: row.id})
         WITH d, row, coalesce(d.datasets, []) AS owners
         SET d = row.props, d.datasets = CASE WHEN $dataset IN owners THEN owners ELSE owners + $dataset END`,
        documents,
      );

      phase = 'loading entities';
      const byKind = new Map<string, { id: string; props: Record<string, unknown> }[]>();
      for (const { id, kind, props } of records.entities) {
        const rows = byKind.get(kind) ?? [];
        rows.push({ id, props });
        byKind.set(kind, rows);
      }
      for (const [kind, rows] of byKind) {
        await write(
          `UNWIND $rows AS row
           MERGE (n:Entity {id: row.id})
           WITH n, row, coalesce(n.datasets, []) AS owners
           SET n = row.props, n.datasets = CASE WHEN $dataset IN owners THEN owners ELSE owners + $dataset END
           REMOVE n:${ALL_KIND_LABELS}
           SET n:${label(kind)}`,
          rows,
        );
      }

      phase = 'removing changed statements';
      const wanted = new Map(relationships.map((r) => [r.id, r]));
      const existing = await session.executeRead(
        async (tx) =>
          (
            await tx.run(
              `MATCH (a:Entity)-[r]->(b) WHERE r.dataset = $dataset
             RETURN r.id AS id, type(r) AS type, a.id AS subject, b.id AS object`,
              { dataset },
            )
          ).records.map(
            (rec) => rec.toObject() as { id: string; type: string; subject: string; object: string },
          ),
        txConfig,
      );
      const stale = existing.filter((e) => {
        const w = wanted.get(e.id);
        return w
          ? w.type !== e.type || w.subject !== e.subject || w.object !== e.object
          : options.prune === true;
      });
      await write(
        `UNWIND $rows AS row
         MATCH (:Entity {id: row.subject})-[r {id: row.id}]->()
         WHERE type(r) = row.type AND r.dataset = $dataset
         DELETE r`,
        stale,
      );
      result.removedRelationships = stale.length;

      phase = 'loading statements';
      const byType = new Map<string, typeof relationships>();
      for (const r of relationships) {
        const rows = byType.get(r.type) ?? [];
        rows.push(r);
        byType.set(r.type, rows);
      }
      for (const [type, rows] of byType) {
        const target = type === MENTIONED_IN ? 'Document' : 'Entity';
        await write(
          `UNWIND $rows AS row
           MATCH (s:Entity {id: row.subject})
           MATCH (o:${target} {id: row.object})
           MERGE (s)-[r:${relType(type)} {id: row.id}]->(o)
           SET r = row.props`,
          rows,
        );
      }

      if (options.prune) {
        phase = 'pruning';
        for (const [nodeLabel, ids] of [
          ['Entity', graph.nodes()],
          ['Document', documents.map((d) => d.id)],
        ] as const) {
          const records = await session.executeWrite(
            async (tx) =>
              (
                await tx.run(
                  `MATCH (n:${nodeLabel}) WHERE $dataset IN n.datasets AND NOT n.id IN $ids
                 SET n.datasets = [x IN n.datasets WHERE x <> $dataset]
                 WITH n WHERE size(n.datasets) = 0
                 DETACH DELETE n
                 RETURN count(*) AS removed`,
                  { dataset, ids },
                )
              ).records,
            txConfig,
          );
          result.removedNodes += Number(records[0]?.get('removed') ?? 0);
        }
      }

      phase = 'recording the data set';
      await session.executeWrite(
        (tx) =>
          tx.run(
            `MERGE (x:Dataset {name: $dataset})
           SET x.documents = $documents, x.entities = $entities, x.statements = $statements, x.loadedAt = datetime()`,
            { dataset, documents: documents.map((d) => d.id), entities: graph.order, statements: graph.size },
          ),
        txConfig,
      );
      return result;
    } finally {
      await session.close();
    }
  } catch (e) {
    throw neo4jError(e, config, phase);
  } finally {
    await driver.close();
  }
}
