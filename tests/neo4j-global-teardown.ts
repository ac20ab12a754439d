import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { TEST_SERVER } from './neo4j-global-setup';

/** Stops the local server if the setup started it. */
export default function globalTeardown(): void {
  if (process.env.FACTGRAPH_STARTED_NEO4J !== '1') return;
  execFileSync('bash', [join(__dirname, '..', 'scripts', 'neo4j', 'neo4j.sh'), 'stop'], {
    env: { ...process.env, NEO4J_HOME_DIR: TEST_SERVER.home, NEO4J_BOLT_PORT: TEST_SERVER.boltPort },
    stdio: 'inherit',
  });
}
