import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MultiDirectedGraph } from 'graphology';
import type { FactGraph } from '../../src';
import { loadIntoNeo4j } from '../../src/backends/neo4j/load';
import { readCanonicalFromNeo4j } from '../../src/backends/neo4j/read-graph';
import { canonicalFromGraph } from '../../src/load/canonical';
import { neo4jConfig } from '../../src/backends/neo4j/connection';
import { ROOT } from '../helpers';
import { sideServerPort, testNeo4j } from '../neo4j-helpers';

// A server of its own, to kill without harming the other tests' server.
const PORT = sideServerPort(200);
const home = mkdtempSync(join(tmpdir(), 'factgraph-neo4j-fault-'));
const env = {
  ...process.env,
  NEO4J_HOME_DIR: home,
  NEO4J_BOLT_PORT: PORT,
  NEO4J_PASSWORD: 'fault-test-pw',
};
const server = (command: 'start' | 'stop') =>
  execFileSync('bash', [join(ROOT, 'scripts', 'neo4j', 'neo4j.sh'), command], {
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
const config = neo4jConfig({
  uri: `bolt://127.0.0.1:${PORT}`,
  username: 'neo4j',
  password: 'fault-test-pw',
  database: 'neo4j',
  retrySeconds: 2,
});

/** A generated graph big enough to be killed in the middle of: 2,000 entities, 12,000 statements. */
function bigGraph(): FactGraph {
  const g: FactGraph = new MultiDirectedGraph({ allowSelfLoops: false });
  g.replaceAttributes({
    documents: { 'doc:big': { title: 'Big', date: '2025-08-21', language: 'en', path: 'big.txt' } },
  });
  for (let i = 0; i < 2000; i++)
    g.addNode(`person:p${i}`, { kind: 'Person', name: `Person ${i}`, aliases: [`P${i}`] });
  for (let i = 0; i < 12000; i++) {
    g.addDirectedEdgeWithKey(`s:${i}`, `person:p${i % 2000}`, `person:p${(i * 7 + 1) % 2000}`, {
      predicate: i % 2 ? 'SUPPORTS' : 'DOUBTS',
      quote: `quote ${i}`,
      quoteStart: i,
      quoteEnd: i + 5,
      document: 'doc:big',
      date: '2025-08-21',
      qualifiers: [`q${i % 3}`],
    });
  }
  return g;
}

beforeAll(() => {
  testNeo4j(); // fails this file, with the reason, when Neo4j cannot run here
  server('start');
});

afterAll(() => {
  server('stop');
  rmSync(home, { recursive: true, force: true });
});

test('the server dying mid-load gives NEO4J_CONNECTION_LOST (exit 6); a re-run converges to a clean load', async () => {
  const graph = bigGraph();
  const pid = Number(readFileSync(join(home, 'run', 'neo4j.pid'), 'utf8'));
  let killedAt = 0;
  const load = loadIntoNeo4j(graph, config, {
    dataset: 'big',
    batchSize: 500,
    onProgress: (done, total) => {
      if (!killedAt && done > total * 0.3) {
        killedAt = done;
        process.kill(pid, 'SIGKILL');
      }
    },
  });
  await expect(load).rejects.toMatchObject({ code: 'NEO4J_CONNECTION_LOST', exitCode: 6 });
  expect(killedAt).toBeGreaterThan(0);

  server('start');
  await loadIntoNeo4j(graph, config, { dataset: 'big', batchSize: 500 });
  expect(await readCanonicalFromNeo4j(config, 'big')).toEqual(canonicalFromGraph(graph));
  // Two loads and a server start with recovery: near the default limit on 2 busy cores.
}, 300_000);

test('an unreachable server gives NEO4J_UNAVAILABLE (exit 3)', async () => {
  await expect(
    loadIntoNeo4j(bigGraph(), { ...config, uri: 'bolt://127.0.0.1:1' }, { dataset: 'x' }),
  ).rejects.toMatchObject({
    code: 'NEO4J_UNAVAILABLE',
    exitCode: 3,
  });
});
