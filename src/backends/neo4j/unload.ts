import neo4j from 'neo4j-driver';
import { KgError } from '../../errors';
import { connect, neo4jError, redactUri, transactionConfig, type Neo4jConfig } from './connection';
import { DEFAULT_BATCH_SIZE } from './load';

export interface Neo4jUnloadResult {
  dataset: string;
  /** Its statements and mentions. */
  removedRelationships: number;
  /** Entities and documents no other data set has; those another has stay, without this one's name. */
  removedNodes: number;
}

/**
 * Removes a data set from Neo4j: its relationships, its name from the nodes it shares with other data
 * sets, the nodes only it had, and its `:Dataset` node, last. Each step commits in batches of
 * `batchSize` rows, so a large data set needs no large transaction; stopped half-way, the same call
 * again finishes the work. A name nothing in the database carries is DATASET_NOT_FOUND.
 */
export async function unloadFromNeo4j(
  config: Neo4jConfig,
  dataset: string,
  options: { batchSize?: number } = {},
): Promise<Neo4jUnloadResult> {
  const driver = await connect(config);
  // CALL { } IN TRANSACTIONS needs an auto-commit transaction: session.run, not a managed one.
  const session = driver.session({ database: config.database });
  const txConfig = transactionConfig(config);
  const params = { dataset, batch: neo4j.int(Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE)) };
  const count = async (query: string) =>
    Number((await session.run(query, params, txConfig)).records[0]?.get('n') ?? 0);
  let phase = 'looking for the data set';
  try {
    const known = await count(
      // A load stopped before its last step has written nodes but no `:Dataset` node yet.
      `RETURN EXISTS { MATCH (:Dataset {name: $dataset}) }
              OR EXISTS { MATCH (n:Entity|Document) WHERE $dataset IN n.datasets } AS n`,
    );
    if (!known) {
      const names = (
        await session.run('MATCH (x:Dataset) RETURN x.name AS name ORDER BY name', {}, txConfig)
      ).records.map((r) => String(r.get('name')));
      throw new KgError(
        'DATASET_NOT_FOUND',
        `Neo4j at ${redactUri(config.uri)} (database ${config.database}) has no data set '${dataset}'; ` +
          (names.length ? `it has: ${names.join(', ')}` : 'it has none'),
      );
    }
    phase = 'removing relationships';
    const removedRelationships = await count(
      `MATCH (:Entity)-[r]->() WHERE r.dataset = $dataset
       CALL (r) { DELETE r } IN TRANSACTIONS OF $batch ROWS
       RETURN count(*) AS n`,
    );
    // A statement node of the data set goes with its ties to its ends (what was about it went above).
    phase = 'removing statement nodes';
    const statementNodes = await count('MATCH (n:Statement {dataset: $dataset}) RETURN count(n) AS n');
    const ties = await count(
      `MATCH (n:Statement {dataset: $dataset})
       CALL (n) {
         WITH n, COUNT { (n)--() } AS ties
         DETACH DELETE n
         RETURN ties
       } IN TRANSACTIONS OF $batch ROWS
       RETURN sum(ties) AS n`,
    );
    phase = 'removing nodes';
    const removedNodes = await count(
      `MATCH (n:Entity|Document) WHERE $dataset IN n.datasets
       CALL (n) {
         SET n.datasets = [x IN n.datasets WHERE x <> $dataset]
         WITH n WHERE size(n.datasets) = 0
         DETACH DELETE n
         RETURN count(*) AS removed
       } IN TRANSACTIONS OF $batch ROWS
       RETURN sum(removed) AS n`,
    );
    phase = 'removing the data set';
    await session.run('MATCH (x:Dataset {name: $dataset}) DELETE x', params, txConfig);
    return {
      dataset,
      removedRelationships: removedRelationships + ties,
      removedNodes: removedNodes + statementNodes,
    };
  } catch (e) {
    throw neo4jError(e, config, phase);
  } finally {
    await session.close();
    await driver.close();
  }
}
