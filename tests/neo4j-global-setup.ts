import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
/**
 * The test server: its own folder and port, so it never touches a developer's server on 7687.
 * FACTGRAPH_TEST_BOLT_PORT moves it, so that two checkouts can run their tests at once.
 */
export const TEST_SERVER = {
  home: join(ROOT, '.neo4j', 'test'),
  boltPort: process.env.FACTGRAPH_TEST_BOLT_PORT ?? '17687',
  password: 'factgraph-test',
};

/**
 * Before all tests: use the Neo4j that NEO4J_URI names, or start the project's local server. When it
 * cannot be started, the reason goes to FACTGRAPH_NEO4J_ERROR and every Neo4j test fails with it.
 */
export default function globalSetup(): void {
  if (process.env.NEO4J_URI) return;
  try {
    const out = execFileSync('bash', [join(ROOT, 'scripts', 'neo4j', 'neo4j.sh'), 'start'], {
      env: {
        ...process.env,
        NEO4J_HOME_DIR: TEST_SERVER.home,
        NEO4J_BOLT_PORT: TEST_SERVER.boltPort,
        NEO4J_PASSWORD: TEST_SERVER.password,
      },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    process.stderr.write(`\n${out}`);
    process.env.NEO4J_URI = `bolt://127.0.0.1:${TEST_SERVER.boltPort}`;
    process.env.NEO4J_USERNAME = 'neo4j';
    process.env.NEO4J_PASSWORD = TEST_SERVER.password;
    process.env.NEO4J_DATABASE = 'neo4j';
    // Stop it afterwards only if this run started it, not if another run's server was already up.
    if (!out.includes('already running')) process.env.FACTGRAPH_STARTED_NEO4J = '1';
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    process.env.FACTGRAPH_NEO4J_ERROR = `the local Neo4j could not be started (scripts/neo4j/neo4j.sh start): ${err.stderr?.trim() || err.message}`;
  }
}
