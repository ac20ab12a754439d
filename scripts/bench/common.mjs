// What the bench's scripts share: paths, the built library, timing, the bench's Neo4j server.
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CACHE = join(ROOT, '.cache', 'bench');
const require = createRequire(import.meta.url);
export const dist = (module) => require(join(ROOT, 'dist', module));

export const NEO4J = {
  uri: process.env.BENCH_NEO4J_URI ?? 'bolt://127.0.0.1:37687',
  username: 'neo4j',
  password: process.env.NEO4J_PASSWORD ?? 'factgraph-test',
  database: 'neo4j',
};

/** `10k` → 10000. */
export const count = (size) => Number(size.toLowerCase().replace(/k$/, '000').replace(/m$/, '000000'));

/** The files under `dir` whose names end in `extension`, sorted. */
export function yamlFiles(dir, extension = '.yaml') {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(extension))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/**
 * Times `fn` alone, what came before it (loading what it needs) excluded: wall seconds, and the CPU
 * seconds of this process, its worker threads included (steadier than wall on a shared machine).
 */
export async function timed(fn) {
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const detail = await fn();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const { user, system } = process.cpuUsage(cpu);
  // Details are what a stage returns as an object (an export's path is none).
  return {
    seconds,
    cpuSeconds: (user + system) / 1e6,
    ...(detail && typeof detail === 'object' ? detail : {}),
  };
}

export async function clearNeo4j() {
  const neo4j = require('neo4j-driver');
  const driver = neo4j.driver(NEO4J.uri, neo4j.auth.basic(NEO4J.username, NEO4J.password));
  try {
    const session = driver.session({ database: NEO4J.database });
    // Relationships first: 5,000 nodes at once can hold more relationships than a 1 GiB server lets one
    // transaction delete.
    await session.run('MATCH ()-[r]->() CALL { WITH r DELETE r } IN TRANSACTIONS OF 20000 ROWS');
    await session.run('MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS');
    await session.close();
  } finally {
    await driver.close();
  }
}
