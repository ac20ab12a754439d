import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import { KgError } from '../errors';
import { connect, neo4jError, transactionConfig, type Neo4jConfig } from '../backends/neo4j/connection';
import { toJson, type Json } from '../backends/neo4j/values';

export interface QueryOptions {
  params?: Record<string, unknown>;
  /** Allow the query to write. Without it the query runs in a read transaction, so the server refuses writes. */
  write?: boolean;
}

export interface QueryResult {
  columns: string[];
  rows: Record<string, Json>[];
}

/** Parameters as Neo4j wants them: whole JS numbers as integers (the driver would send floats). */
function toNeo4jParam(value: unknown): unknown {
  if (typeof value === 'number' && Number.isInteger(value)) return neo4j.int(value);
  if (Array.isArray(value)) return value.map(toNeo4jParam);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toNeo4jParam(v)]));
  }
  return value;
}

/**
 * Runs Cypher in a transaction of an open session: its columns and its records as JSON values.
 * @internal (its driver type would make the package's .d.ts need the DOM and esnext libraries)
 */
export async function runInTransaction(
  tx: ManagedTransaction,
  cypher: string,
  params: Record<string, unknown> = {},
): Promise<QueryResult> {
  const result = tx.run(cypher, toNeo4jParam(params) as Record<string, unknown>);
  // The column names, even when no row comes back.
  const columns = (await result.keys()).map(String);
  const { records } = await result;
  return {
    columns,
    // Each row's keys in RETURN order, as the memory backend gives them (toJson sorts a map's keys).
    rows: records.map((r) => Object.fromEntries(columns.map((c) => [c, toJson(r.get(c))]))),
  };
}

/** Runs Cypher on Neo4j, read-only unless `write`, and returns the records as JSON values. */
export async function queryNeo4j(
  cypher: string,
  config: Neo4jConfig,
  options: QueryOptions = {},
): Promise<QueryResult> {
  const driver = await connect(config);
  const session = driver.session({
    database: config.database,
    defaultAccessMode: options.write ? neo4j.session.WRITE : neo4j.session.READ,
  });
  try {
    const work = (tx: ManagedTransaction) => runInTransaction(tx, cypher, options.params);
    return options.write
      ? await session.executeWrite(work, transactionConfig(config))
      : await session.executeRead(work, transactionConfig(config));
  } catch (e) {
    throw neo4jError(e, config, 'running the query');
  } finally {
    await session.close();
    await driver.close();
  }
}

/** `name=value` pairs as parameters: the value is JSON if it parses as JSON, else a string. */
export function parseParams(pairs: readonly string[]): Record<string, unknown> {
  const params: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new KgError('USAGE', `--param ${JSON.stringify(pair)} must be name=value`);
    const raw = pair.slice(eq + 1);
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      value = raw;
    }
    params[pair.slice(0, eq)] = value;
  }
  return { ...params };
}
