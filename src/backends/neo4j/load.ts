import { type Driver, type ManagedTransaction, type Session } from 'neo4j-driver';
import { KgError } from '../../errors';
import { ENTITY_KINDS } from '../../model/generated';
import type { FactGraph } from '../memory/build-graph';
import type { Dataset } from '../../model/dataset';
import { connect, neo4jError, transactionConfig, type Neo4jConfig } from './connection';
import { toNeo4jProperty } from './values';
import {
  graphRecords,
  mentionKey,
  MENTIONED_IN,
  NEO4J_SHAPE,
  OBJECT,
  SUBJECT,
  type RelationshipRecord,
} from '../../load/canonical';
import { createStatement, OBSOLETE_SCHEMA, QUOTE_INDEX, SCHEMA_RULES } from './schema';
import { label, relationshipBatches, relType, type Batch } from './batches';
import type { FileKeys } from '../../load/file-keys';

/** Rows a transaction, and transactions at once, unless the caller says otherwise. */
export const DEFAULT_BATCH_SIZE = 10_000;
export const DEFAULT_CONCURRENCY = 2;

export interface Neo4jLoadOptions {
  /** Names what this load owns, so `prune` touches nothing another data set loaded. */
  dataset: string;
  /** Rows a transaction (default 10,000). */
  batchSize?: number;
  /** Remove what this data set loaded before and no longer has. */
  prune?: boolean;
  /**
   * Transactions run at once (default 2: while the server runs one, the next is sent). Concurrent
   * batches may deadlock on the nodes they share; a deadlock is transient, and the batch is retried.
   */
  concurrency?: number;
  /** Called after each committed batch. */
  onProgress?: (done: number, total: number) => void;
  /** The data files' keys, recorded on the `:Dataset` node for a later incremental load. */
  files?: FileKeys;
  /**
   * Write only the statements of files whose key differs from the one recorded (needs `files`); the
   * statements of files that are gone, and anything else this data set no longer has, are removed.
   */
  incremental?: boolean;
  /**
   * The data folder's absolute path, recorded on the `:Dataset` node as `source`. A prune (or an
   * incremental load) of a data set last loaded from another folder is refused with
   * DATASET_SOURCE_CONFLICT unless `named` says the caller chose the data set's name: two folders of one
   * name (a data set is named after its folder by default) would otherwise prune each other's statements.
   */
  source?: { folder: string; named?: boolean };
}

export interface Neo4jLoadResult {
  dataset: string;
  documents: number;
  entities: number;
  statements: number;
  mentions: number;
  /** Relationships written (all, unless incremental). */
  writtenRelationships: number;
  /** Relationships deleted because their statement changed type or ends, or (with prune) is gone. */
  removedRelationships: number;
  /** Entities and documents deleted by prune. */
  removedNodes: number;
  transactions: number;
  /** With `incremental`: data files skipped as unchanged, written as new or changed, and gone. */
  files?: { unchanged: number; changed: number; removed: number };
}

const ALL_KIND_LABELS = Object.keys(ENTITY_KINDS).map(label).join(':');

/**
 * A schema object the load wants (`create`, the statement that makes it), or one an earlier version made
 * that goes (no `create`).
 */
interface SchemaObject {
  kind: 'CONSTRAINT' | 'INDEX';
  name: string;
  create?: string;
}

const SCHEMA: SchemaObject[] = [
  ...SCHEMA_RULES.filter((rule) => rule !== QUOTE_INDEX).map((rule) => ({
    kind: rule.kind === 'CONSTRAINT' ? ('CONSTRAINT' as const) : ('INDEX' as const),
    name: rule.name,
    create: createStatement(rule, true),
  })),
  ...OBSOLETE_SCHEMA,
];

/**
 * @internal Constraints and indexes, created once and idempotently. What the database has is read
 * first and only what differs is changed: each schema statement is a transaction of its own, and the ~90
 * no-ops of a database that has them all took seconds of every load.
 */
export async function ensureSchema(driver: Driver, database: string): Promise<void> {
  const run = (query: string) => driver.executeQuery(query, {}, { database });
  const constraints = new Set(
    (await run('SHOW CONSTRAINTS YIELD name RETURN name')).records.map((r) => r.get('name') as string),
  );
  const indexes = new Map(
    (await run('SHOW INDEXES YIELD name, labelsOrTypes RETURN name, labelsOrTypes')).records.map((r) => [
      r.get('name') as string,
      r.get('labelsOrTypes') as string[] | null,
    ]),
  );
  for (const { kind, name, create } of SCHEMA) {
    const exists = kind === 'CONSTRAINT' ? constraints.has(name) : indexes.has(name);
    // IF [NOT] EXISTS still: another load may make or drop it meanwhile.
    if (create && !exists) await run(create);
    if (!create && exists) await run(`DROP ${kind} ${name} IF EXISTS`);
  }
  // The full-text index of quotes covers every predicate's type. One made by an earlier version with
  // fewer predicates, whose searches would miss the new ones' quotes, is dropped and made again.
  const quote = indexes.get(QUOTE_INDEX.name);
  if (quote && [...quote].sort().join('|') === QUOTE_INDEX.labelsOrTypes.join('|')) return;
  if (quote) await run(`DROP INDEX ${QUOTE_INDEX.name} IF EXISTS`);
  await run(createStatement(QUOTE_INDEX, true));
}

/**
 * Loads the graph (a FactGraph, or a validated dataset, whose FactGraph is then never built) into
 * Neo4j: every entity an `:Entity` node with its kind as a second label, every
 * asserted statement a relationship of its predicate's type with its fields as properties, a statement
 * that another is about (or that nobody asserts) also a `:Statement` node tied to its ends by `SUBJECT`
 * and `OBJECT`, each document a `:Document` node that the entities it mentions point to (`MENTIONED_IN`),
 * and a `:Dataset` node.
 *
 * Idempotent and safe to interrupt: every write is a MERGE on an id that replaces all properties (or a
 * CREATE of a relationship the data set does not have yet, retried as MERGE), in batches of managed
 * transactions (retried on transient errors). Loading the same data again, or again after a failure,
 * converges to the graph a clean load gives.
 */
export async function loadIntoNeo4j(
  graph: FactGraph | Dataset,
  config: Neo4jConfig,
  options: Neo4jLoadOptions,
): Promise<Neo4jLoadResult> {
  const driver = await connect(config);
  let phase = 'reading the data set';
  const prune = options.prune === true || options.incremental === true;
  try {
    if (prune && options.source && !options.source.named)
      await checkSource(driver, config, options.dataset, options.source.folder);
    phase = 'creating constraints';
    await ensureSchema(driver, config.database);
    // One session a concurrent transaction: a session runs one at a time.
    const sessions = Array.from({ length: Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY) }, () =>
      driver.session({ database: config.database }),
    );
    const session = sessions[0]!;
    const txConfig = transactionConfig(config);
    const { dataset, files } = options;
    if (options.incremental && !files)
      throw new KgError('USAGE', 'an incremental load needs the files and their keys');
    const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
    const result: Neo4jLoadResult = {
      dataset,
      documents: 0,
      entities: 0,
      statements: 0,
      mentions: 0,
      removedRelationships: 0,
      removedNodes: 0,
      transactions: 0,
      writtenRelationships: 0,
    };
    try {
      const records = graphRecords(graph, dataset, toNeo4jProperty);
      const documents = records.documents;
      const statementNodes = records.statements.map((s) => s.id);
      const entityIds = records.entities.map((e) => e.id);
      // The ties of the statement nodes are written with them, below.
      const ties = records.relationships.filter((r) => r.type === SUBJECT || r.type === OBJECT);
      const relationships = records.relationships.filter((r) => r.type !== SUBJECT && r.type !== OBJECT);
      result.documents = documents.length;
      result.entities = entityIds.length;
      result.mentions = relationships.filter((r) => r.type === MENTIONED_IN).length;
      // Every statement: a relationship, or (asserted: false) a `:Statement` node only.
      result.statements =
        relationships.length -
        result.mentions +
        records.statements.filter((s) => s.props.asserted === false).length;

      phase = 'reading what the data set has';
      const existing = await session.executeRead(
        async (tx) =>
          (
            await tx.run(
              `MATCH (a:Entity)-[r]->(b) WHERE r.dataset = $dataset
             RETURN r.id AS id, type(r) AS type, a.id AS subject, b.id AS object`,
              { dataset },
            )
          ).records.map((rec) => {
            const e = rec.toObject() as { id: string | null; type: string; subject: string; object: string };
            // A mention has no id (one loaded before shape 3 has this one): its ends are its key.
            return { ...e, id: e.id ?? mentionKey(e.subject, e.object) };
          }),
        txConfig,
      );
      // Only the ids the database has are looked up: a map of every relationship (3 million at 1M
      // statements, most of them mention keys made for it) took seconds of a new data set's load.
      const present = new Set(existing.map((e) => e.id));
      const wanted = new Map<string, RelationshipRecord<unknown>>();
      if (present.size) for (const r of relationships) if (present.has(r.id)) wanted.set(r.id, r);
      // An id the data set has twice (mentions have no uniqueness constraint: two loads of one data set
      // at once may both create one) is removed, every copy, and written again.
      const seen = new Set<string>();
      const twice = new Set<string>();
      for (const e of existing) (seen.has(e.id) ? twice : seen).add(e.id);
      const deleting = new Set<string>();
      const stale = existing.filter((e) => {
        const w = wanted.get(e.id);
        const gone =
          twice.has(e.id) ||
          (w ? w.type !== e.type || w.subject !== e.subject || w.object !== e.object : prune);
        // One row deletes every copy from the same subject, of the same type.
        const key = `${e.type} ${e.subject} ${e.id}`;
        if (!gone || deleting.has(key)) return false;
        deleting.add(key);
        return true;
      });
      // What is in the database, in shape, after the stale relationships are removed.
      for (const e of stale) present.delete(e.id);
      let toWrite = relationships;
      if (options.incremental && files) {
        const changed = await changedFiles(session, dataset, files, txConfig);
        result.files = {
          unchanged: files.keys.size - changed.changed.size,
          changed: changed.changed.size,
          removed: changed.removed,
        };
        // A changed file's statements, the mentions of the documents they quote, and whatever is
        // missing or out of shape in the database (say, after an interrupted run) are written.
        const inChangedFile = (id: string) => changed.changed.has(files.statementFile.get(id) ?? '');
        const touched = new Set(
          relationships.filter((r) => inChangedFile(r.id)).map((r) => r.props.document),
        );
        toWrite = relationships.filter(
          (r) =>
            !present.has(r.id) || (r.type === MENTIONED_IN ? touched.has(r.object) : inChangedFile(r.id)),
        );
      }
      result.writtenRelationships = toWrite.length;
      const total =
        documents.length +
        entityIds.length +
        statementNodes.length +
        ties.length +
        stale.length +
        toWrite.length;
      let done = 0;
      /**
       * Writes the batches of every part, each its own managed transaction, `concurrency` at a time
       * across the parts (a part is often one batch: a kind, a relationship type); `size` is the
       * relationships or nodes a batch writes. `retry` is the query a retried batch runs instead: the
       * attempt that failed may have committed all the same (a connection lost after the commit), so a
       * CREATE batch is retried as MERGE.
       */
      const write = async (parts: { query: string; batches: Iterable<Batch>; retry?: string }[]) => {
        // Each batch is made when a transaction takes it: at a million statements, making them all first
        // doubled what the process held, and its garbage collector, not the server, set the pace.
        const jobs = (function* () {
          for (const { query, batches, retry = query } of parts)
            for (const batch of batches) yield { query, retry, batch };
        })();
        let failure: { error: unknown } | undefined;
        await Promise.all(
          sessions.map(async (s) => {
            for (let job = jobs.next(); !job.done && !failure; job = jobs.next()) {
              const { query, retry, batch } = job.value;
              let attempts = 0;
              try {
                await s.executeWrite(
                  (tx: ManagedTransaction) =>
                    tx.run(attempts++ === 0 ? query : retry, { ...batch.params, dataset }),
                  txConfig,
                );
              } catch (error) {
                failure ??= { error };
                return;
              }
              result.transactions++;
              done += batch.size;
              options.onProgress?.(done, total);
            }
          }),
        );
        if (failure) throw failure.error;
      };
      function* inBatches(rows: unknown[]): Generator<Batch> {
        for (let i = 0; i < rows.length; i += batchSize) {
          const slice = rows.slice(i, i + batchSize);
          yield { params: { rows: slice }, size: slice.length };
        }
      }

      phase = 'loading documents';
      await write([
        {
          query: `UNWIND $rows AS row
         MERGE (d:Document {id: row.id})
         WITH d, row, coalesce(d.datasets, []) AS owners
         SET d = row.props, d.datasets = CASE WHEN $dataset IN owners THEN owners ELSE owners + $dataset END`,
          batches: inBatches(documents),
        },
      ]);

      phase = 'loading entities';
      const byKind = new Map<string, { id: string; props: Record<string, unknown> }[]>();
      for (const { id, kind, props } of records.entities) {
        const rows = byKind.get(kind) ?? [];
        rows.push({ id, props });
        byKind.set(kind, rows);
      }
      await write(
        [...byKind].map(([kind, rows]) => ({
          query: `UNWIND $rows AS row
           MERGE (n:Entity {id: row.id})
           WITH n, row, coalesce(n.datasets, []) AS owners
           SET n = row.props, n.datasets = CASE WHEN $dataset IN owners THEN owners ELSE owners + $dataset END
           REMOVE n:${ALL_KIND_LABELS}
           SET n:${label(kind)}`,
          batches: inBatches(rows),
        })),
      );

      phase = 'loading statement nodes';
      await write([
        {
          query: `UNWIND $rows AS row
         MERGE (n:Statement {dataset: $dataset, id: row.id})
         SET n = row.props
         WITH n
         OPTIONAL MATCH (n)-[t:${relType(SUBJECT)}|${relType(OBJECT)}]->()
         DELETE t`,
          batches: inBatches(records.statements),
        },
      ]);
      await write(
        (['Entity', 'Statement'] as const).flatMap((to) => {
          const endNode =
            to === 'Entity'
              ? `(o:Entity {id: row.object})`
              : `(o:Statement {dataset: $dataset, id: row.object})`;
          return [SUBJECT, OBJECT].map((type) => ({
            query: `UNWIND $rows AS row
             MATCH (n:Statement {dataset: $dataset, id: row.subject}), ${endNode}
             CREATE (n)-[:${relType(type)} {dataset: $dataset, id: row.id}]->(o)`,
            batches: inBatches(
              ties
                .filter((t) => t.type === type && t.to === to)
                .map(({ id, subject, object }) => ({ id, subject, object })),
            ),
          }));
        }),
      );

      phase = 'removing changed statements';
      await write([
        {
          query: `UNWIND $rows AS row
         MATCH (:Entity {id: row.subject})-[r]->(o)
         WHERE type(r) = row.type AND r.dataset = $dataset AND (r.id = row.id OR r.id IS NULL AND o.id = row.object)
         DELETE r`,
          batches: inBatches(stale),
        },
      ]);
      result.removedRelationships = stale.length;

      phase = 'loading statements';
      // A relationship not present is created, not merged: MERGE would first look for it. A statement's
      // (dataset, id) uniqueness constraint still refuses a duplicate should another load of the same
      // data set have created it meanwhile.
      const groups = new Map<string, { type: string; known: boolean; rows: typeof relationships }>();
      for (const r of toWrite) {
        const known = present.size > 0 && present.has(r.id);
        const key = `${r.type} ${known} ${r.to}`;
        const group = groups.get(key) ?? { type: r.type, known, rows: [] };
        group.rows.push(r);
        groups.set(key, group);
      }
      await write(
        [...groups.values()].map(({ type, known, rows }) => {
          const { batches, create, merge } = relationshipBatches(type, rows, dataset, batchSize);
          return known ? { query: merge, batches } : { query: create, batches, retry: merge };
        }),
      );

      if (prune) {
        phase = 'pruning';
        await session.executeWrite(
          (tx) =>
            tx.run('MATCH (n:Statement {dataset: $dataset}) WHERE NOT n.id IN $ids DETACH DELETE n', {
              dataset,
              ids: statementNodes,
            }),
          txConfig,
        );
        for (const [nodeLabel, ids] of [
          ['Entity', entityIds],
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
           SET x.documents = $documents, x.entities = $entities, x.statements = $statements, x.loadedAt = datetime(),
               x.shape = $shape, x.files = $files, x.fileKeys = $keys, x.source = $source`,
            {
              dataset,
              source: options.source?.folder ?? null,
              documents: documents.map((d) => d.id),
              entities: result.entities,
              statements: result.statements,
              shape: NEO4J_SHAPE,
              // What the next incremental load compares its files with.
              files: files ? [...files.keys.keys()] : null,
              keys: files ? [...files.keys.values()] : null,
            },
          ),
        txConfig,
      );
      return result;
    } finally {
      await Promise.all(sessions.map((s) => s.close()));
    }
  } catch (e) {
    throw neo4jError(e, config, phase);
  } finally {
    await driver.close();
  }
}

/** Refuses to prune a data set that was last loaded from another folder than `folder`. */
async function checkSource(driver: Driver, config: Neo4jConfig, dataset: string, folder: string) {
  const { records } = await driver.executeQuery(
    'MATCH (x:Dataset {name: $dataset}) RETURN x.source AS source',
    { dataset },
    { database: config.database },
  );
  const source = records[0]?.get('source') as string | null | undefined;
  if (source && source !== folder)
    throw new KgError(
      'DATASET_SOURCE_CONFLICT',
      `data set ${JSON.stringify(dataset)} was last loaded from ${source}, not from ${folder}: pruning would ` +
        `remove that folder's statements. Give --dataset NAME to load this folder as a data set of its own, ` +
        `or --dataset ${JSON.stringify(dataset)} to make this folder the data set's source`,
    );
}

/** The files whose key differs from the one the data set recorded (all, after a shape change). */
async function changedFiles(
  session: Session,
  dataset: string,
  files: FileKeys,
  txConfig: { timeout?: number },
): Promise<{ changed: Set<string>; removed: number }> {
  const { records } = await session.executeRead(
    (tx) =>
      tx.run(
        'MATCH (x:Dataset {name: $dataset}) RETURN x.shape AS shape, x.files AS files, x.fileKeys AS keys',
        {
          dataset,
        },
      ),
    txConfig,
  );
  const before = new Map<string, string>();
  const record = records[0];
  if (record && String(record.get('shape')) === String(NEO4J_SHAPE)) {
    const names = (record.get('files') ?? []) as string[];
    const keys = (record.get('keys') ?? []) as string[];
    names.forEach((name, i) => before.set(name, keys[i] ?? ''));
  }
  const changed = new Set(
    [...files.keys].filter(([file, key]) => before.get(file) !== key).map(([file]) => file),
  );
  return { changed, removed: [...before.keys()].filter((file) => !files.keys.has(file)).length };
}
