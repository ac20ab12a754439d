import { TEST_SERVER } from './neo4j-global-setup';
import neo4j from 'neo4j-driver';
import { neo4jConfig, type Neo4jConfig } from '../src/backends/neo4j/connection';

/** The test server's settings; throws why there is none, so a Neo4j test fails rather than skips. */
export function testNeo4j(): Neo4jConfig {
  const error = process.env.FACTGRAPH_NEO4J_ERROR;
  if (error) throw new Error(error);
  return neo4jConfig();
}

/** Empties the test database (nodes, relationships; constraints stay). */
export async function resetNeo4j(config: Neo4jConfig): Promise<void> {
  const driver = neo4j.driver(config.uri, neo4j.auth.basic(config.username, config.password));
  const session = driver.session({ database: config.database });
  try {
    // IN TRANSACTIONS needs an auto-commit transaction: session.run, not a managed one.
    await session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS');
  } finally {
    await session.close();
    await driver.close();
  }
}

/** Runs a read query on the test database and returns plain rows. */
export async function cypher(
  config: Neo4jConfig,
  query: string,
  params: Record<string, unknown> = {},
): Promise<Record<string, unknown>[]> {
  const driver = neo4j.driver(config.uri, neo4j.auth.basic(config.username, config.password), {
    disableLosslessIntegers: true,
  });
  try {
    const { records } = await driver.executeQuery(query, params, { database: config.database });
    return records.map((r) => r.toObject());
  } finally {
    await driver.close();
  }
}

/**
 * The port of a throwaway server a test starts beside the shared one (the neo4j-csv import, the fault
 * test's victim): offset from FACTGRAPH_TEST_BOLT_PORT, so that checkouts testing at once do not meet.
 */
export function sideServerPort(offset: 100 | 200): string {
  return String(Number(TEST_SERVER.boltPort) + offset);
}
