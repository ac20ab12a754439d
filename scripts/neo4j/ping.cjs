// Readiness probe used by neo4j.sh: one `RETURN 1` over Bolt with the real driver.
// Credentials come from the environment (never argv, so `ps` cannot show them).
// Exit 0 = answered (prints the server agent, e.g. "Neo4j/5.26.31"),
//      2 = server answered but rejected the credentials, 1 = not answering yet.
'use strict';
const neo4j = require('neo4j-driver');

const driver = neo4j.driver(
  process.env.NEO4J_URI || 'bolt://127.0.0.1:7687',
  neo4j.auth.basic(process.env.NEO4J_USERNAME || 'neo4j', process.env.NEO4J_PASSWORD || 'factgraph-dev'),
  { connectionTimeout: 3000, connectionAcquisitionTimeout: 5000, maxConnectionPoolSize: 1 },
);

(async () => {
  let code = 1;
  const session = driver.session({ database: 'neo4j' });
  try {
    const res = await session.run('RETURN 1 AS one');
    if (res.records[0].get('one').toNumber() === 1) {
      console.log(res.summary.server.agent);
      code = 0;
    }
  } catch (e) {
    code = /Security\.(Unauthorized|AuthenticationRateLimit)/.test(e.code || '') ? 2 : 1;
    if (process.env.PING_VERBOSE || code === 2)
      console.error(`${e.code || 'error'}: ${e.message.split('\n')[0]}`);
  } finally {
    await session.close().catch(() => {});
    await driver.close().catch(() => {});
  }
  process.exit(code);
})();
