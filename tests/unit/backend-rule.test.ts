import { chooseBackend, describeNeo4j } from '../../src/cli/neo4j-options';
import { DEFAULT_NEO4J } from '../../src/backends/neo4j/connection';

test('one rule for kg load and kg query: --backend, else neo4j when a URI is set, else memory', () => {
  expect(chooseBackend({}, {})).toEqual({ backend: 'memory', explicit: false });
  expect(chooseBackend({}, { NEO4J_URI: '' })).toEqual({ backend: 'memory', explicit: false });
  expect(chooseBackend({}, { NEO4J_URI: 'bolt://db:7687' })).toEqual({ backend: 'neo4j', explicit: false });
  expect(chooseBackend({ uri: 'bolt://db:7687' }, {})).toEqual({ backend: 'neo4j', explicit: false });
  expect(chooseBackend({ backend: 'memory' }, { NEO4J_URI: 'bolt://db:7687' })).toEqual({
    backend: 'memory',
    explicit: true,
  });
  expect(chooseBackend({ backend: 'neo4j' }, {})).toEqual({ backend: 'neo4j', explicit: true });
});

test('the backend that answered is named with its credentials masked', () => {
  expect(describeNeo4j(DEFAULT_NEO4J)).toBe('neo4j bolt://127.0.0.1:7687');
  expect(describeNeo4j({ ...DEFAULT_NEO4J, uri: 'neo4j+s://neo4j:hunter2@db.example.org' })).toBe(
    'neo4j neo4j+s://***@db.example.org',
  );
  expect(describeNeo4j({ ...DEFAULT_NEO4J, database: 'facts' })).toBe(
    'neo4j bolt://127.0.0.1:7687 (database facts)',
  );
});
