/** @type {import('jest').Config} */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  // npm test starts the project's local Neo4j unless NEO4J_URI names one.
  globalSetup: '<rootDir>/tests/neo4j-global-setup.ts',
  globalTeardown: '<rootDir>/tests/neo4j-global-teardown.ts',
  // The Neo4j tests share one database; one worker runs the files one after another.
  maxWorkers: 1,
  // Integration tests start processes and servers; give them room on a 2-core machine.
  testTimeout: 120_000,
};
