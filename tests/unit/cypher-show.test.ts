import { SCHEMA_RULES } from '../../src/backends/neo4j/schema';
import { PropertyGraph, queryGraph } from '../../src/query/cypher';
import { AGGREGATES } from '../../src/query/cypher/aggregates';
import { FUNCTIONS } from '../../src/query/cypher/functions';
import { queryError } from '../helpers';

const g = new PropertyGraph();
const rows = (q: string) => queryGraph(g, q).rows;

describe('SHOW commands on the memory backend', () => {
  test('SHOW INDEXES: every index the Neo4j load creates, the constraints’ own, and the two lookups', () => {
    const names = rows('SHOW INDEXES YIELD name RETURN name').map((r) => r.name);
    expect(names).toEqual([...SCHEMA_RULES.map((r) => r.name), 'index_343aff4e', 'index_f7700477'].sort());
    expect(rows("SHOW INDEXES WHERE name = 'factgraph_entity_name'")).toEqual([
      expect.objectContaining({
        type: 'RANGE',
        labelsOrTypes: ['Entity'],
        properties: ['name'],
        owningConstraint: null,
      }),
    ]);
    expect(Object.keys(rows('SHOW INDEXES YIELD * LIMIT 1')[0]!)).toHaveLength(16);
    expect(Object.keys(rows('SHOW INDEXES')[0]!)).toHaveLength(12);
  });

  test('SHOW CONSTRAINTS: the uniqueness constraints, with filters, ORDER BY, SKIP, LIMIT, WHERE and RETURN', () => {
    const all = rows('SHOW CONSTRAINTS');
    expect(all).toHaveLength(SCHEMA_RULES.filter((r) => r.kind === 'CONSTRAINT').length);
    expect(rows('SHOW NODE UNIQUE CONSTRAINTS YIELD name ORDER BY name DESC LIMIT 2')).toEqual([
      { name: 'factgraph_statement_node' },
      { name: 'factgraph_entity_id' },
    ]);
    expect(rows('SHOW KEY CONSTRAINTS')).toEqual([]);
    expect(
      rows("SHOW CONSTRAINTS YIELD name, type AS t WHERE t = 'RELATIONSHIP_UNIQUENESS' RETURN count(*) AS n"),
    ).toEqual([{ n: all.length - 4 }]);
  });

  test('SHOW FUNCTIONS lists every function the engine has, SHOW PROCEDURES every procedure', () => {
    const listed = new Set(
      rows('SHOW FUNCTIONS YIELD name RETURN name').map((r) => String(r.name).toLowerCase()),
    );
    for (const f of [...FUNCTIONS.keys(), ...AGGREGATES]) expect([f, listed.has(f)]).toEqual([f, true]);
    expect(rows("SHOW FUNCTIONS WHERE name = 'toLower'")).toEqual([
      { name: 'toLower', category: 'String', description: 'Returns the given `STRING` in lowercase.' },
    ]);
    // Neo4j's rows: one a signature, with its descriptions.
    expect(rows("SHOW FUNCTIONS YIELD name, signature WHERE name = 'round' RETURN signature")).toHaveLength(
      3,
    );
    expect(rows("SHOW FUNCTIONS YIELD * WHERE name = 'count'")).toEqual([
      expect.objectContaining({
        signature: 'count(input :: ANY) :: INTEGER',
        aggregating: true,
        argumentDescription: [
          { name: 'input', description: 'A value to be aggregated.', isDeprecated: false, type: 'ANY' },
        ],
      }),
    ]);
    expect(rows("SHOW PROCEDURES YIELD name, mode WHERE name = 'db.labels'")).toEqual([
      { name: 'db.labels', mode: 'READ' },
    ]);
  });

  test('what Neo4j refuses is refused; other SHOW commands are Neo4j’s', () => {
    expect(queryError(g, 'SHOW INDEXES RETURN name').code).toBe('CYPHER_SYNTAX');
    expect(queryError(g, 'SHOW NOSUCH INDEXES').code).toBe('CYPHER_SYNTAX');
    expect(queryError(g, 'SHOW DATABASES').code).toBe('CYPHER_UNSUPPORTED');
    expect(queryError(g, 'SHOW INDEXES YIELD nope').code).toBe('CYPHER_SYNTAX');
  });
});
