import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { ROOT } from '../helpers';
import { cypher, resetNeo4j, testNeo4j } from '../neo4j-helpers';
import type { Neo4jConfig } from '../../src/backends/neo4j/connection';

let config: Neo4jConfig;

/** The built CLI with the test server's settings, overridable per call. */
function kg(args: string[], env: Record<string, string> = {}, input?: string) {
  const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli', 'main.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    ...(input === undefined ? {} : { input }),
    env: {
      ...process.env,
      NO_COLOR: '1',
      NEO4J_URI: config.uri,
      NEO4J_USERNAME: config.username,
      NEO4J_PASSWORD: config.password,
      ...env,
    },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, all: r.stdout + r.stderr };
}

beforeAll(async () => {
  config = testNeo4j();
  await resetNeo4j(config);
});

test('kg load --backend neo4j, then kg query answers from it', () => {
  const load = kg(['load', '--backend', 'neo4j']);
  expect(load.code).toBe(0);
  expect(load.stdout).toMatch(
    /^loaded data set 'graph-data' into bolt:\/\/127\.0\.0\.1:\d+ \(database neo4j\): 47 entities, 74 statements/m,
  );
  const q = kg([
    'query',
    'MATCH (p:Person)-[r:PROPOSES]->(x) RETURN p.name AS who, x.name AS what, r.date AS date',
    '--format',
    'json',
  ]);
  expect(q.code).toBe(0);
  expect(JSON.parse(q.stdout)).toEqual([
    { who: 'Giorgia Meloni', what: "Meloni's 24-hour plan", date: '2025-08-21' },
  ]);
});

test('query formats: table with a row count, CSV with a header; --param takes JSON values', () => {
  const args = [
    'query',
    'MATCH (n:Entity) WHERE n.id IN $ids RETURN n.id AS id, n.aliases AS aliases ORDER BY id',
    '--param',
    'ids=["state:russia","region:donbas"]',
  ];
  const table = kg([...args, '--format', 'table']);
  expect(table.stdout).toMatch(/│ region:donbas.*\n[\s\S]*┘\n$/);
  expect(table.stderr).toBe(`2 rows · neo4j ${config.uri}\n`);
  const rows = parse(kg([...args, '--format', 'csv']).stdout) as string[][];
  expect(rows[0]).toEqual(['id', 'aliases']);
  expect(rows.map((r) => r[0])).toEqual(['id', 'region:donbas', 'state:russia']);
  expect(JSON.parse(rows[2]![1]!)).toContain('Moskva');
  const limit = kg([
    'query',
    'MATCH (n:Entity) RETURN n.id AS id ORDER BY id LIMIT $n',
    '--param',
    'n=2',
    '--format',
    'json',
  ]);
  expect(JSON.parse(limit.stdout)).toHaveLength(2);
});

test('queries are read-only unless --write: the server refuses the write', async () => {
  const write = kg(['query', "CREATE (n:Intruder {name: 'x'}) RETURN n"]);
  expect(write.code).toBe(8);
  expect(write.stderr).toContain('error WRITE_NOT_ALLOWED');
  expect(await cypher(config, 'MATCH (n:Intruder) RETURN count(n) AS n')).toEqual([{ n: 0 }]);
  const allowed = kg(['query', "CREATE (n:Intruder {name: 'x'}) RETURN n.name AS name", '--write']);
  expect(allowed.code).toBe(0);
  expect(await cypher(config, 'MATCH (n:Intruder) DELETE n RETURN count(n) AS n')).toEqual([{ n: 1 }]);
});

test.each([
  ['an unreachable server', { NEO4J_URI: 'bolt://127.0.0.1:1' }, 3, 'NEO4J_UNAVAILABLE'],
  ['a wrong password', { NEO4J_PASSWORD: 'not-the-Secret-123' }, 4, 'NEO4J_AUTH_FAILED'],
  ['an unknown database', { NEO4J_DATABASE: 'nosuchdb' }, 5, 'NEO4J_DATABASE_NOT_FOUND'],
  ['a password in the URI', { NEO4J_URI: 'bolt://neo4j:hunter2-Secret@127.0.0.1:1' }, 3, 'NEO4J_UNAVAILABLE'],
  [
    'a password with @ and a ?password= in the URI',
    { NEO4J_URI: 'neo4j://neo4j:Secret2@x@127.0.0.1:1?password=hunter3-Secret' },
    3,
    'NEO4J_UNAVAILABLE',
  ],
  [
    'a password with / and ? in the URI',
    { NEO4J_URI: 'bolt://neo4j:pa/ss?wd-Secret4@127.0.0.1:1' },
    2,
    'USAGE',
  ],
])('%s: one clear line, its own exit code, no stack trace, no password', (_, env, code, error) => {
  for (const args of [
    ['load', '--backend', 'neo4j'],
    ['query', 'RETURN 1'],
  ]) {
    const r = kg(args, env);
    expect(r.code).toBe(code);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`error ${error} `);
    expect(r.all).not.toMatch(/\n\s+at /);
    for (const secret of [
      config.password,
      'not-the-Secret-123',
      'hunter2-Secret',
      'Secret2',
      'hunter3',
      'wd-Secret4',
    ])
      expect(r.all).not.toContain(secret);
  }
});

test('a Cypher syntax error is QUERY_INVALID (exit 8)', () => {
  const r = kg(['query', 'MATCH (n) RETURN n LIMT 1']);
  expect(r.code).toBe(8);
  expect(r.stderr).toMatch(/^error QUERY_INVALID Neo4j rejected the query: Invalid input 'LIMT'/);
});

test('Neo4j values come out in the documented JSON shapes', () => {
  const r = kg([
    'query',
    `MATCH p = (a:Person {id: 'person:giorgia-meloni'})-[r:PROPOSES]->(b)
     RETURN p, r, r.quoteStart AS start, 2^62 AS float, toInteger(2^62) AS huge, date('2025-08-21') AS d,
            datetime('2025-08-21T10:00:00Z') AS dt, duration('P1D') AS dur, duration('PT0S') AS zero, duration('P14M2DT90.5S') AS mixed, point({x: 1, y: 2}) AS pt`,
    '--format',
    'json',
  ]);
  expect(r.code).toBe(0);
  const [row] = JSON.parse(r.stdout) as Record<string, unknown>[];
  expect(row).toMatchObject({
    start: expect.any(Number),
    huge: '4611686018427387904',
    d: '2025-08-21',
    dt: '2025-08-21T10:00:00Z',
    dur: 'P1D',
    zero: 'PT0S',
    mixed: 'P1Y2M2DT1M30.5S',
    pt: { srid: 7203, x: 1, y: 2 },
    r: {
      type: 'PROPOSES',
      properties: expect.objectContaining({ id: 's:meloni-proposes-24h-plan', date: '2025-08-21' }),
    },
    p: {
      nodes: [
        {
          labels: ['Entity', 'Person'],
          properties: expect.objectContaining({ id: 'person:giorgia-meloni' }),
        },
        {
          labels: ['Entity', 'Proposal'],
          properties: expect.objectContaining({ id: 'proposal:meloni-24-hour-plan' }),
        },
      ],
      relationships: [
        { type: 'PROPOSES', properties: expect.objectContaining({ quoteStart: expect.any(Number) }) },
      ],
    },
  });
  const p = row!.p as {
    nodes: { elementId: string }[];
    relationships: { startNodeElementId: string; endNodeElementId: string }[];
  };
  expect([p.relationships[0]!.startNodeElementId, p.relationships[0]!.endNodeElementId]).toEqual(
    p.nodes.map((n) => n.elementId),
  );
});

test('a neo4j:// (routing) URI works as well as bolt://', () => {
  const r = kg(['query', 'MATCH (n:Entity) RETURN count(n) AS n', '--format', 'json'], {
    NEO4J_URI: config.uri.replace('bolt://', 'neo4j://'),
  });
  expect(r.code).toBe(0);
  expect(JSON.parse(r.stdout)).toEqual([{ n: 47 }]);
});

test('--verbose adds the stack trace behind a Neo4j error, still without the password', () => {
  const r = kg(['--verbose', 'query', 'RETURN 1'], { NEO4J_PASSWORD: 'not-the-Secret-123' });
  expect(r.code).toBe(4);
  expect(r.stderr).toMatch(/\n\s+at /);
  expect(r.all).not.toContain('not-the-Secret-123');
});

describe('timeouts', () => {
  test('a query slower than --timeout fails with NEO4J_TIMEOUT (exit 9)', () => {
    const r = kg(['query', 'CALL apoc.util.sleep(20000) RETURN 1 AS one', '--timeout', '1']);
    expect(r.code).toBe(9);
    expect(r.stderr).toMatch(
      /^error NEO4J_TIMEOUT Neo4j at .* did not answer within 1 second while running the query/,
    );
  });

  test('a server that accepts connections but never answers fails with NEO4J_TIMEOUT after NEO4J_TIMEOUT seconds', async () => {
    const silent = createServer(() => undefined); // accepts, then says nothing
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const r = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [join(ROOT, 'dist', 'cli', 'main.js'), 'query', 'RETURN 1'], {
          cwd: ROOT,
          env: { ...process.env, NEO4J_URI: `bolt://127.0.0.1:${port}`, NEO4J_TIMEOUT: '2', NO_COLOR: '1' },
        });
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d));
        child.on('close', (code: number | null) => resolve({ code, stderr }));
      });
      expect(r.code).toBe(9);
      expect(r.stderr).toContain('error NEO4J_TIMEOUT');
    } finally {
      silent.close();
    }
  });
});

describe('one backend rule for kg load and kg query', () => {
  test('with NEO4J_URI set, kg load loads Neo4j and kg query --file answers from it, and says so', () => {
    const load = kg(['load']);
    expect(load.code).toBe(0);
    expect(load.stdout).toMatch(
      /^loaded data set 'graph-data' into bolt:\/\/127\.0\.0\.1:\d+ \(database neo4j\): 47 entities, 74 statements, 1 document, \d+ mentions\n {2}in (\d+) transactions: batches of one kind or predicate, at most 10,000 rows each \(--batch-size\), 2 at a time \(--concurrency\)/,
    );
    const q = kg([
      'query',
      '--file',
      'queries/search-quotes.cypher',
      '-p',
      'text=sikkerhetsgarantier',
      '-f',
      'csv',
    ]);
    expect(q.code).toBe(0);
    expect(q.stderr).toBe(`16 rows · neo4j ${config.uri}\n`);
  });
});

describe('kg unload removes a data set, and nothing of the others', () => {
  const count = async (dataset: string) =>
    cypher(config, 'MATCH ()-[r]->() WHERE r.dataset = $dataset RETURN count(r) AS n', { dataset });

  test('a copy loaded under another name goes again; graph-data stays whole', async () => {
    expect(kg(['load', '--dataset', 'trial']).code).toBe(0);
    expect(kg(['load']).code).toBe(0);
    const before = await count('graph-data');
    const r = kg(['unload', '--dataset', 'trial']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^removed data set 'trial' from bolt:\/\/.* \(database neo4j\): 129 relationships and 7 nodes;/,
    );
    expect(await count('trial')).toEqual([{ n: 0 }]);
    expect(await count('graph-data')).toEqual(before);
    expect(await cypher(config, "MATCH (x:Dataset {name: 'trial'}) RETURN count(x) AS n")).toEqual([
      { n: 0 },
    ]);
    expect(await cypher(config, "MATCH (n:Entity) WHERE 'trial' IN n.datasets RETURN count(n) AS n")).toEqual(
      [{ n: 0 }],
    );
  });

  test('unloading the last data set leaves nothing; an unknown name is DATASET_NOT_FOUND with those there are', async () => {
    expect(kg(['load']).code).toBe(0);
    const wrong = kg(['unload', '--dataset', 'graph-dat']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(
      /^error DATASET_NOT_FOUND Neo4j at .* has no data set 'graph-dat'; it has: graph-data\n$/,
    );
    const json = JSON.parse(kg(['--json', 'unload', '--dataset', 'graph-data']).stdout) as Record<
      string,
      unknown
    >;
    expect(json).toMatchObject({
      ok: true,
      neo4j: { dataset: 'graph-data', removedRelationships: 129, removedNodes: 55 },
    });
    expect(await cypher(config, 'MATCH (n) RETURN count(n) AS n')).toEqual([{ n: 0 }]);
  });

  test('kg load --prune of an empty data set removes what the data set had', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'factgraph-empty-'));
    writeFileSync(join(empty, 'nothing.yaml'), 'entities: []\n');
    expect(kg(['load', '--dataset', 'emptied']).code).toBe(0);
    const r = kg(['load', empty, '--dataset', 'emptied', '--prune']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('0 entities, 0 statements, 0 documents, 0 mentions');
    expect(r.stdout).toContain('removed 115 relationships and 48 nodes');
    expect(await count('emptied')).toEqual([{ n: 0 }]);
    expect(kg(['unload', '--dataset', 'emptied']).code).toBe(0);
  });
});

describe('the password from standard input or a prompt, never a flag', () => {
  test('--password-stdin reads the first line', () => {
    const ok = kg(
      ['query', 'RETURN 1 AS one', '-f', 'json', '--password-stdin'],
      { NEO4J_PASSWORD: '' },
      `${config.password}\n`,
    );
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual([{ one: 1 }]);
    const wrong = kg(
      ['query', 'RETURN 1', '--password-stdin'],
      { NEO4J_PASSWORD: '' },
      'not-the-Secret-123\n',
    );
    expect(wrong.code).toBe(4);
    expect(wrong.all).not.toContain('not-the-Secret-123');
    expect(kg(['query', 'RETURN 1', '--password-stdin'], { NEO4J_PASSWORD: '' }, '').stderr).toBe(
      'error USAGE --password-stdin: standard input holds no password\n',
    );
  });

  test('at a terminal, a refused default password is asked for without echo', async () => {
    // script(1) gives the command a terminal; the password is typed once the prompt shows.
    const command = `${process.execPath} ${join(ROOT, 'dist', 'cli', 'main.js')} query 'RETURN 1 AS one' -f csv`;
    const child = spawn('script', ['-qec', command, '/dev/null'], {
      cwd: ROOT,
      env: {
        ...process.env,
        NO_COLOR: '1',
        NEO4J_URI: config.uri,
        NEO4J_USERNAME: config.username,
        NEO4J_PASSWORD: '',
      },
    });
    let output = '';
    let typed = false;
    child.stdout.on('data', (d: Buffer) => {
      output += String(d);
      if (!typed && output.includes(`Neo4j password for ${config.username} at ${config.uri}: `)) {
        typed = true;
        child.stdin.write(`${config.password}\r`);
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(typed).toBe(true);
    expect(code).toBe(0);
    expect(output).toMatch(/one\r?\n1\r?\n/);
    expect(output).not.toContain(config.password);
  });
});

describe('--prune refuses a data set last loaded from another folder of the same name', () => {
  /** A folder called graph-data elsewhere: a copy of the article's, or one without statements. */
  const folder = (prefix: string, empty = false) => {
    const path = join(mkdtempSync(join(tmpdir(), `factgraph-${prefix}-`)), 'graph-data');
    if (empty) {
      mkdirSync(path);
      writeFileSync(join(path, 'nothing.yaml'), 'entities: []\n');
    } else cpSync(join(ROOT, 'graph-data'), path, { recursive: true });
    return path;
  };
  const relationships = async () => (await cypher(config, 'MATCH ()-[r]->() RETURN count(r) AS n'))[0]!.n;
  const source = async () =>
    (await cypher(config, "MATCH (x:Dataset {name: 'graph-data'}) RETURN x.source AS s"))[0]!.s;

  test('named by default, a prune or incremental load from the other folder is DATASET_SOURCE_CONFLICT; --dataset lets it', async () => {
    await resetNeo4j(config);
    const [a, b] = [folder('a'), folder('b', true)];
    expect(kg(['load', a]).code).toBe(0);
    expect(await source()).toBe(a);
    const before = await relationships();
    expect(before).toBe(129);
    for (const flag of ['--prune', '--incremental']) {
      const r = kg(['--json', 'load', b, flag]);
      expect(r.code).toBe(2);
      const { error } = JSON.parse(r.stdout) as { error: { code: string; message: string } };
      expect(error).toMatchObject({
        code: 'DATASET_SOURCE_CONFLICT',
        message:
          `data set "graph-data" was last loaded from ${a}, not from ${b}: pruning would remove that ` +
          "folder's statements. Give --dataset NAME to load this folder as a data set of its own, " +
          'or --dataset "graph-data" to make this folder the data set\'s source',
      });
      // Refused before anything was written.
      expect(await relationships()).toBe(before);
      expect(await source()).toBe(a);
    }
    // The same folder again prunes as before.
    expect(kg(['load', a, '--prune']).code).toBe(0);
    // A name of its own: a data set beside the first, which keeps every statement.
    expect(kg(['load', b, '--prune', '--dataset', 'b']).code).toBe(0);
    expect(await relationships()).toBe(before);
    // The same name, given: b becomes the data set's source, and its prune empties the data set.
    const r = kg(['--json', 'load', b, '--prune', '--dataset', 'graph-data']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ neo4j: { removedRelationships: 115 } });
    expect(await relationships()).toBe(0);
    expect(await source()).toBe(b);
    expect(kg(['load', a, '--prune']).stderr).toMatch(
      /^error DATASET_SOURCE_CONFLICT data set "graph-data" was last loaded from /,
    );
  });
});
