import fc from 'fast-check';
import { redactUri } from '../../src/backends/neo4j/connection';

test('user info and query values are masked, the rest kept', () => {
  expect(redactUri('bolt://neo4j:Secret2@x@127.0.0.1:7687')).toBe('bolt://***@127.0.0.1:7687');
  expect(redactUri('neo4j://h:7687?password=hunter2&policy=eu')).toBe(
    'neo4j://h:7687?password=***&policy=***',
  );
  expect(redactUri('neo4j+s://u:p/a?ss@h.io:7687/db?x=1#frag')).toBe('neo4j+s://***@h.io:7687/db?x=***#***');
  expect(redactUri('bolt://127.0.0.1:7687')).toBe('bolt://127.0.0.1:7687');
});

test('whatever a password or a query value holds, none of it is printed', () => {
  const secret = fc.string({ minLength: 6, maxLength: 20, unit: 'binary' });
  fc.assert(
    fc.property(secret, secret, (password, value) => {
      const shown = redactUri(`bolt://neo4j:${password}@db.example:7687?password=${value}`);
      expect(shown).not.toContain(password);
      expect(shown).not.toContain(value);
    }),
    { numRuns: 2000 },
  );
});
