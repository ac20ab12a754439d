import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { loadGraph, queryGraph, KgError, type FactGraph } from '../../src';
import { PropertyGraph, runSetup } from '../../src/query/cypher';
import { queryError, ROOT } from '../helpers';

/** A small graph built through the setup-only CREATE path. */
function graph(create: string): PropertyGraph {
  const g = new PropertyGraph();
  runSetup(g, create);
  return g;
}

const people = graph(`
  CREATE (a:Person {name: 'Ann', age: 30}), (b:Person {name: 'Bob', age: 40}), (c:Person {name: 'Cy'}),
         (x:City {name: 'Oslo'})
  CREATE (a)-[:KNOWS {since: 2001}]->(b), (b)-[:KNOWS {since: 2010}]->(c), (a)-[:LIVES_IN]->(x),
         (b)-[:LIVES_IN]->(x)
`);

function rows(g: PropertyGraph | FactGraph, q: string, params: Record<string, unknown> = {}) {
  return queryGraph(g, q, { params }).rows;
}

function error(q: string, g: PropertyGraph = people): KgError {
  return queryError(g, q);
}

describe('Cypher semantics on the memory backend', () => {
  test('null propagates through operators, and three-valued logic decides WHERE', () => {
    expect(
      rows(
        people,
        'RETURN null = null AS eq, 1 + null AS sum, null IN [1] AS inList, 2 IN [1, null] AS maybe, ' +
          'null OR true AS orTrue, null AND true AS andTrue, NOT null AS notNull',
      ),
    ).toEqual([
      { eq: null, sum: null, inList: null, maybe: null, orTrue: true, andTrue: null, notNull: null },
    ]);
    // Cy has no age: age > 35 is null for him, so neither WHERE nor its negation keeps him.
    expect(rows(people, 'MATCH (p:Person) WHERE p.age > 35 RETURN p.name AS n')).toEqual([{ n: 'Bob' }]);
    expect(rows(people, 'MATCH (p:Person) WHERE NOT p.age > 35 RETURN p.name AS n')).toEqual([{ n: 'Ann' }]);
  });

  test('a relationship is used once within a pattern', () => {
    // Undirected, a-b-a would reuse the one KNOWS between Ann and Bob.
    expect(
      rows(people, "MATCH (a:Person {name: 'Ann'})-[:KNOWS]-(b)-[:KNOWS]-(c) RETURN c.name AS c"),
    ).toEqual([{ c: 'Cy' }]);
    expect(rows(people, 'MATCH (a)-[r1]->(b), (c)-[r2]->(d) WHERE r1 = r2 RETURN count(*) AS n')).toEqual([
      { n: 0 },
    ]);
  });

  test('aggregation groups by the other items; count(DISTINCT), collect, sum, avg, min, max', () => {
    expect(
      rows(
        people,
        'MATCH (p:Person)-[:LIVES_IN]->(c) RETURN c.name AS city, count(*) AS n, collect(p.name) AS names, ' +
          'sum(p.age) AS total, avg(p.age) AS mean, min(p.name) AS first, max(p.age) AS oldest',
      ),
    ).toEqual([{ city: 'Oslo', n: 2, names: ['Ann', 'Bob'], total: 70, mean: 35, first: 'Ann', oldest: 40 }]);
    expect(rows(people, 'UNWIND [1, 1, 2, null] AS x RETURN count(DISTINCT x) AS d, count(x) AS c')).toEqual([
      { d: 2, c: 3 },
    ]);
    // No rows and no grouping key: one row all the same.
    expect(rows(people, 'MATCH (n:Nobody) RETURN count(n) AS c, collect(n) AS l, sum(n.x) AS s')).toEqual([
      { c: 0, l: [], s: 0 },
    ]);
  });

  test('grouping keys and DISTINCT: null is a value, 1 and 1.0 are one, NaN is NaN, lists by value', () => {
    expect(
      rows(
        people,
        "UNWIND [1, 1.0, null, '1', null, 2.5, 0.0 / 0.0, 0.0 / 0.0, [1], [1.0], [null], [null], true] AS k " +
          'RETURN k, count(*) AS n',
      ),
    ).toEqual([
      { k: 1, n: 2 },
      { k: null, n: 2 },
      { k: '1', n: 1 },
      { k: 2.5, n: 1 },
      { k: NaN, n: 2 },
      { k: [1], n: 2 },
      { k: [null], n: 2 },
      { k: true, n: 1 },
    ]);
    expect(
      rows(
        people,
        "UNWIND [[1, 'a'], [1.0, 'a'], [1, 'b'], [null, 'a'], [null, 'a'], ['a', 1]] AS p " +
          'RETURN p[0] AS x, p[1] AS y, count(*) AS n',
      ),
    ).toEqual([
      { x: 1, y: 'a', n: 2 },
      { x: 1, y: 'b', n: 1 },
      { x: null, y: 'a', n: 2 },
      { x: 'a', y: 1, n: 1 },
    ]);
    expect(
      rows(
        people,
        "UNWIND [1, 1.0, 0.0 / 0.0, 0.0 / 0.0, [1], [1.0], null, '1'] AS x RETURN count(DISTINCT x) AS d",
      ),
    ).toEqual([{ d: 4 }]);
    // Nodes group by identity; with grouping keys, no input gives no rows.
    expect(
      rows(
        people,
        'MATCH (p:Person)-[:KNOWS]-(q) WITH q, count(*) AS n RETURN q.name AS name, n ORDER BY name',
      ),
    ).toEqual([
      { name: 'Ann', n: 1 },
      { name: 'Bob', n: 2 },
      { name: 'Cy', n: 1 },
    ]);
    expect(rows(people, 'MATCH (n:Nobody) RETURN n.x AS x, count(*) AS c')).toEqual([]);
  });

  test('label tests past the 30 labels that have bits', () => {
    const labels = Array.from({ length: 35 }, (_, i) => `L${i}`);
    const g = graph(`CREATE ${labels.map((l) => `(:${l})`).join(', ')}, (:L1:L33)`);
    const count = (pattern: string) => rows(g, `MATCH ${pattern} RETURN count(*) AS n`)[0]!.n;
    expect(count('(n:L33)')).toBe(2);
    expect(count('(n:L1:L33)')).toBe(1);
    expect(count('(n:L33:L1)')).toBe(1);
    expect(count('(n:L33:L34)')).toBe(0);
    expect(count('(n:L0:L1)')).toBe(0);
    expect(count('(n)-[]->(:L40)')).toBe(0);
  });

  test('ORDER BY orders mixed types in Cypher order, nulls last', () => {
    expect(
      rows(people, "UNWIND [2, 'b', null, true, [1], {a: 1}, 1.5, 'a'] AS x RETURN x ORDER BY x").map(
        (r) => r.x,
      ),
    ).toEqual([{ a: 1 }, [1], 'a', 'b', true, 1.5, 2, null]);
  });

  test('integers stay integers, floats floats; integer overflow is an error', () => {
    expect(rows(people, 'RETURN 7 / 2 AS i, 7 / 2.0 AS f, toString(1.0) AS s, 2 ^ 2 AS p')).toEqual([
      { i: 3, f: 3.5, s: '1.0', p: 4 },
    ]);
    expect(error('RETURN 9223372036854775807 + 1 AS x').code).toBe('CYPHER_RUNTIME');
  });

  test('variable-length paths, named paths and the path functions', () => {
    expect(
      rows(
        people,
        "MATCH p = (a {name: 'Ann'})-[:KNOWS*1..2]->(b) RETURN length(p) AS len, [n IN nodes(p) | n.name] AS names " +
          'ORDER BY len',
      ),
    ).toEqual([
      { len: 1, names: ['Ann', 'Bob'] },
      { len: 2, names: ['Ann', 'Bob', 'Cy'] },
    ]);
  });

  test('shortestPath and allShortestPaths', () => {
    expect(
      rows(
        people,
        "MATCH (a {name: 'Ann'}), (c {name: 'Cy'}) MATCH p = shortestPath((a)-[*]-(c)) RETURN length(p) AS len",
      ),
    ).toEqual([{ len: 2 }]);
    expect(
      rows(
        people,
        "MATCH (a {name: 'Ann'}), (b {name: 'Bob'}) MATCH p = allShortestPaths((a)-[*]-(b)) RETURN length(p) AS len",
      ),
    ).toEqual([{ len: 1 }]);
  });

  test('WITH ... WHERE, UNWIND, OPTIONAL MATCH, CASE, list comprehension, parameters', () => {
    expect(
      rows(
        people,
        'MATCH (p:Person) OPTIONAL MATCH (p)-[:KNOWS]->(f) WITH p, f WHERE p.name <> $skip ' +
          "RETURN p.name AS p, f.name AS f, CASE WHEN f IS NULL THEN 'none' ELSE 'some' END AS has, " +
          '[x IN range(1, 3) WHERE x > 1 | x * 10] AS xs ORDER BY p',
        { skip: 'Ann' },
      ),
    ).toEqual([
      { p: 'Bob', f: 'Cy', has: 'some', xs: [20, 30] },
      { p: 'Cy', f: null, has: 'none', xs: [20, 30] },
    ]);
  });

  test('nodes and relationships come out in the Neo4j backend JSON shapes', () => {
    const [row] = rows(people, "MATCH (a {name: 'Ann'})-[r:KNOWS]->(b) RETURN a, r");
    expect(row).toEqual({
      a: { elementId: expect.any(String), labels: ['Person'], properties: { age: 30, name: 'Ann' } },
      r: {
        elementId: expect.any(String),
        type: 'KNOWS',
        startNodeElementId: (row!.a as { elementId: string }).elementId,
        endNodeElementId: expect.any(String),
        properties: { since: 2001 },
      },
    });
  });
});

describe("Neo4j 5's newer syntax", () => {
  test('WHERE inside node and relationship patterns filters as the WHERE of the clause', () => {
    expect(rows(people, 'MATCH (p:Person WHERE p.age > 35) RETURN p.name AS n')).toEqual([{ n: 'Bob' }]);
    expect(rows(people, 'MATCH (a)-[r:KNOWS WHERE r.since > 2005]->(b) RETURN b.name AS n')).toEqual([
      { n: 'Cy' },
    ]);
    expect(rows(people, "MATCH (p:Person WHERE p.name <> 'Cy') WHERE p.age < 35 RETURN p.name AS n")).toEqual(
      [{ n: 'Ann' }],
    );
    expect(
      rows(people, "MATCH (p:Person {name: 'Ann'}) RETURN [(p)-->(x WHERE x:City) | x.name] AS c"),
    ).toEqual([{ c: ['Oslo'] }]);
  });

  test('OPTIONAL CALL { } keeps a row the subquery gives nothing for, with nulls', () => {
    expect(
      rows(
        people,
        'MATCH (p:Person) OPTIONAL CALL (p) { MATCH (p)-[:KNOWS]->(q) RETURN q.name AS q } RETURN p.name AS p, q ORDER BY p',
      ),
    ).toEqual([
      { p: 'Ann', q: 'Bob' },
      { p: 'Bob', q: 'Cy' },
      { p: 'Cy', q: null },
    ]);
  });

  test('path selectors: ANY SHORTEST, SHORTEST 1 and ANY give one path, ALL SHORTEST and SHORTEST 1 GROUPS all', () => {
    const g = graph(
      'CREATE (a:N {n: 1})-[:R]->(b:N {n: 2})-[:R]->(d:N {n: 4}), (a)-[:R]->(c:N {n: 3})-[:R]->(d)',
    );
    for (const selector of ['ANY SHORTEST', 'SHORTEST 1', 'ANY', 'ANY SHORTEST PATH']) {
      expect(rows(g, `MATCH p = ${selector} (:N {n: 1})-[:R]->+(:N {n: 4}) RETURN length(p) AS len`)).toEqual(
        [{ len: 2 }],
      );
    }
    for (const selector of ['ALL SHORTEST', 'SHORTEST 1 GROUPS', 'ALL SHORTEST PATHS']) {
      expect(rows(g, `MATCH p = ${selector} (:N {n: 1})-[:R]->+(:N {n: 4}) RETURN count(p) AS n`)).toEqual([
        { n: 2 },
      ]);
    }
    // k paths, or the paths of k lengths: the longer way round (1-2-4-3 and 1-3-4-2 to 3 and 2) too.
    expect(
      rows(g, 'MATCH p = SHORTEST 2 (:N {n: 1})-[:R]-+(x:N {n: 3}) RETURN length(p) AS len ORDER BY len'),
    ).toEqual([{ len: 1 }, { len: 3 }]);
    expect(
      rows(
        g,
        'MATCH p = SHORTEST 2 GROUPS (:N {n: 2})-[:R]-+(:N {n: 3}) RETURN length(p) AS len ORDER BY len',
      ),
    ).toEqual([{ len: 2 }, { len: 2 }]);
    expect(error('MATCH p = SHORTEST 0 (a)-->+(b) RETURN p', g).code).toBe('CYPHER_SYNTAX');
  });

  test('what Neo4j 5 refuses before running is CYPHER_SYNTAX here too', () => {
    for (const q of [
      'RETURN 1 AS x UNION RETURN 2 AS x UNION ALL RETURN 3 AS x',
      'MATCH (a)-[:!KNOWS*]->(b) RETURN b',
      'MATCH (n) RETURN length(n) AS l',
      'MATCH ()-[r]->() RETURN labels(r) AS l',
      'MATCH (n) RETURN type(n) AS t',
      "RETURN properties('x') AS p",
      'MATCH (n) RETURN [x IN [1, 2] | count(*)] AS c',
      'MATCH (n) WHERE (n) RETURN n',
      'MATCH (n) WHERE exists(n.name) RETURN n',
      'MATCH (n) RETURN size((n)-->()) AS s',
    ]) {
      expect([q, error(q).code]).toEqual([q, 'CYPHER_SYNTAX']);
    }
  });
});

describe('errors name the problem and where it is', () => {
  test('writes are refused with CYPHER_WRITE at the clause', () => {
    const e = error("MATCH (n)\n  SET n.name = 'x'");
    expect(e.code).toBe('CYPHER_WRITE');
    expect([e.line, e.col]).toEqual([2, 3]);
    for (const q of ['CREATE (n)', 'MERGE (n:A)', 'MATCH (n) DELETE n', 'MATCH (n) DETACH DELETE n']) {
      expect(error(q).code).toBe('CYPHER_WRITE');
    }
  });

  test('an unsupported feature is named, with its position', () => {
    const e = error("MATCH (n)\nCALL db.stats.retrieve('GRAPH COUNTS') YIELD data RETURN data");
    expect(e.code).toBe('CYPHER_UNSUPPORTED');
    expect(e.message).toContain('procedure');
    expect(e.message).toContain('--backend neo4j');
    expect([e.line, e.col]).toEqual([2, 1]);
    // Neo4j's functions the engine lacks, with or without a dot; a function that exists nowhere is a syntax error.
    for (const q of [
      'RETURN point({x: 1, y: 2}) AS p',
      'RETURN point.distance(point({x: 0, y: 0}), point({x: 1, y: 1})) AS d',
      'RETURN apoc.text.join([], "") AS j',
    ]) {
      expect(error(q).code).toBe('CYPHER_UNSUPPORTED');
      expect(error(q).message).toContain('--backend neo4j');
    }
    expect(error('RETURN noSuchFunction(1) AS x').code).toBe('CYPHER_SYNTAX');
    expect(error('CALL no.such.proc()').code).toBe('CYPHER_SYNTAX');
  });

  test('whatever Neo4j has and the engine lacks gives one message, that names it and says where it runs', () => {
    for (const [q, what] of [
      ['RETURN point({x: 1, y: 2}) AS p', 'the function point()'],
      ['RETURN apoc.coll.sum([1]) AS s', 'the function apoc.coll.sum()'],
      ['CALL dbms.listConfig()', 'the procedure dbms.listConfig'],
      ['CALL { RETURN 1 AS x } IN TRANSACTIONS RETURN x', 'CALL { } IN TRANSACTIONS'],
      ["LOAD CSV FROM 'file:///x.csv' AS line RETURN line", 'the LOAD clause'],
      [
        "CALL db.index.fulltext.queryRelationships('factgraph_quote', 'quote:[a TO c]') YIELD relationship RETURN relationship",
        'a range query in a full-text search',
      ],
    ] as const) {
      const e = error(q);
      expect(e.code).toBe('CYPHER_UNSUPPORTED');
      expect(e.message.startsWith(`${what} is not in the memory engine`)).toBe(true);
      expect(e.message.endsWith('; run the query with --backend neo4j')).toBe(true);
    }
  });

  test('CYPHER_UNSUPPORTED is made in one place, so the CLI need not add the hint', () => {
    const dir = join(__dirname, '..', '..', 'src');
    const makers = readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && readFileSync(join(dir, f), 'utf8').includes("'CYPHER_UNSUPPORTED'"))
      .map((f) => f.split(sep).join('/'));
    expect(makers).toEqual(['query/cypher/errors.ts']);
  });

  test('syntax errors and unknown variables are CYPHER_SYNTAX at line:col', () => {
    const e = error('MATCH (n) RETURN n LIMT 1');
    expect(e.format()).toBe('<query>:1:20: error CYPHER_SYNTAX expected the end of the query, found "LIMT"');
    expect(error('MATCH (n) RETURN m').col).toBe(18);
    expect(error('RETURN nosuch(1)').message).toContain('unknown function nosuch()');
  });
});

describe('the article graph, as Neo4j holds it', () => {
  let article: FactGraph;
  beforeAll(async () => {
    article = (await loadGraph([join(ROOT, 'graph-data')])).graph;
  });

  test('the same labels, relationship types and property names the Neo4j loader writes', () => {
    const [putin] = rows(article, "MATCH (n:Entity {id: 'person:vladimir-putin'}) RETURN n");
    expect(putin!.n).toMatchObject({
      labels: ['Entity', 'Person'],
      properties: { id: 'person:vladimir-putin', datasets: ['graph-data'] },
    });
    const [mention] = rows(
      article,
      'MATCH (:Entity)-[m:MENTIONED_IN]->(d:Document) RETURN m, labels(d) AS l LIMIT 1',
    );
    expect(mention!.l).toEqual(['Document']);
    // A statement's date is EDTF text; its bounds are Cypher dates (comparable, with parts), printed as ISO strings.
    const [dated] = rows(
      article,
      'MATCH ()-[r]->() WHERE r.date IS NOT NULL RETURN r.date AS d, r.dateFrom AS from, r.dateTo.year AS y, r.dateFrom < date("2100-01-01") AS ok LIMIT 1',
    );
    expect(dated).toEqual({
      d: expect.any(String),
      from: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      y: expect.any(Number),
      ok: true,
    });
  });
});

describe('kg query --backend memory', () => {
  const CLI = join(ROOT, 'dist', 'cli', 'main.js');
  function kg(args: string[], env: Record<string, string> = {}) {
    if (!existsSync(CLI)) throw new Error('dist/ is missing: run npm run build (npm test does)');
    const r = spawnSync(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', NEO4J_URI: '', ...env },
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  test('is the default without NEO4J_URI or --uri, and reads the data files', () => {
    const r = kg([
      'query',
      'MATCH (p:Person {id: $id}) RETURN p.name AS name',
      '--param',
      'id=person:vladimir-putin',
      '--format',
      'csv',
    ]);
    expect(r.stderr).toBe('1 row · memory (graph-data/) · --backend neo4j asks Neo4j\n');
    expect(r.stdout).toBe('name\nVladimir Putin\n');
    expect(r.code).toBe(0);
  });

  test('--json gives the same shape as the Neo4j backend', () => {
    const r = kg([
      '--json',
      'query',
      'MATCH (n:State) RETURN n.name AS name ORDER BY name LIMIT 1',
      '--backend',
      'memory',
    ]);
    expect(JSON.parse(r.stdout)).toEqual({ ok: true, columns: ['name'], rows: [{ name: 'China' }] });
  });

  test('a write or a syntax error exits 8 with the position in the query file', () => {
    const r = kg(['query', 'MATCH (n)\nDELETE n']);
    expect(r.code).toBe(8);
    expect(r.stderr).toContain('<query>:2:1: error CYPHER_WRITE');
  });
});

describe('a query that runs too long stops', () => {
  /** A complete graph of 12 nodes: its paths of any length are far too many to count. */
  const dense = graph(`
    UNWIND range(1, 12) AS i CREATE (:N {i: i})
    WITH count(*) AS made
    MATCH (a:N), (b:N) WHERE a.i < b.i CREATE (a)-[:R]->(b)
  `);
  const allPaths = 'MATCH p=(a)-[*]-(b) RETURN count(p)';

  test('past its deadline: QUERY_TIMEOUT', () => {
    expect(() => queryGraph(dense, allPaths, { timeoutSeconds: 0.2 })).toThrow(
      expect.objectContaining({ code: 'QUERY_TIMEOUT', exitCode: 9 }) as Error,
    );
  });

  test('once cancelled: INTERRUPTED, asked as it runs', () => {
    let asked = 0;
    const isCancelled = () => ++asked > 3;
    expect(() => queryGraph(dense, allPaths, { isCancelled })).toThrow(
      expect.objectContaining({ code: 'INTERRUPTED' }) as Error,
    );
    expect(asked).toBe(4);
  });

  test('a deadline far away changes nothing', () => {
    expect(rows(people, 'MATCH (p:Person) RETURN count(p) AS n')).toEqual(
      queryGraph(people, 'MATCH (p:Person) RETURN count(p) AS n', { timeoutSeconds: 31536000 }).rows,
    );
  });
});
