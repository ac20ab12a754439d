/**
 * The memory engine's SHOW FUNCTIONS / SHOW PROCEDURES answer from Neo4j's own rows, captured once
 * into src/query/cypher/show-catalog.json: the committed file must still be what the real server
 * gives (`scripts/show-catalog.mjs --check` against the test server; needs `npm run build`).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../helpers';
import { testNeo4j } from '../neo4j-helpers';

test("the committed SHOW catalog is the server's SHOW FUNCTIONS / SHOW PROCEDURES YIELD *", async () => {
  const config = testNeo4j();
  const { stdout } = await promisify(execFile)(
    'node',
    [join(ROOT, 'scripts', 'show-catalog.mjs'), '--check'],
    {
      env: {
        ...process.env,
        NEO4J_URI: config.uri,
        NEO4J_USERNAME: config.username,
        NEO4J_PASSWORD: config.password,
        NEO4J_DATABASE: config.database,
      },
    },
  );
  expect(stdout.trim()).toBe('same');
});
