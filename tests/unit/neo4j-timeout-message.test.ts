import { neo4jError, timerMs, type Neo4jConfig } from '../../src/backends/neo4j/connection';

const config: Neo4jConfig = { uri: 'bolt://db:7687', username: 'neo4j', password: 'pw', database: 'neo4j' };
const connectTimeout = new Error('Failed to establish connection in 15000ms');
const serverTimeout = Object.assign(new Error('The transaction has been terminated.'), {
  code: 'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
});

test('a timeout says how long was waited: the --timeout given, else the default or the server’s own', () => {
  const message = (e: Error, timeoutSeconds?: number) =>
    neo4jError(e, { ...config, ...(timeoutSeconds === undefined ? {} : { timeoutSeconds }) }, 'loading')
      .message;
  expect(message(connectTimeout, 1)).toBe(
    'Neo4j at bolt://db:7687 (database neo4j) did not answer within 1 second while loading (--timeout, NEO4J_TIMEOUT)',
  );
  expect(message(connectTimeout)).toContain('did not answer within 15 seconds (the default) while loading');
  expect(message(serverTimeout)).toContain("did not answer within the server's transaction timeout while");
  expect(message(serverTimeout, 31536000)).toContain('within 31536000 seconds');
});

test('a timeout of any size is a timer Node can hold (at most 2^31 - 1 ms)', () => {
  expect(timerMs(1.5)).toBe(1500);
  expect(timerMs(31536000)).toBe(2 ** 31 - 1);
  expect(timerMs(Number.MAX_VALUE)).toBe(2 ** 31 - 1);
});
