import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Graph from 'graphology';
import { EXPORT_FORMATS } from '../../src';
import { FIXTURES, ROOT } from '../helpers';

const CLI = join(ROOT, 'dist', 'cli', 'main.js');

/** Runs the built CLI (npm test builds it first) as a user would, without a Neo4j URI: memory. */
function kg(args: string[], cwd = ROOT) {
  if (!existsSync(CLI)) throw new Error('dist/ is missing: run npm run build (npm test does)');
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', NEO4J_URI: '' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tmp = mkdtempSync(join(tmpdir(), 'factgraph-cli-'));

test('npx kg --help works from the checkout', () => {
  const r = spawnSync('npx', ['--no-install', 'kg', '--help'], { cwd: ROOT, encoding: 'utf8' });
  expect(r.status).toBe(0);
  expect(r.stdout).toContain('Usage: kg');
});

test('validate: exit 0 and a summary for the article data', () => {
  const r = kg(['validate']);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^valid: \d+ files: 1 document, \d+ entities, \d+ statements$/m);
});

test('validate: exit 1 and every problem as path:line:col: error CODE message', () => {
  const r = kg([
    'validate',
    'tests/fixtures/base',
    'tests/fixtures/invalid/unknown-field-typo.yaml',
    '--root',
    'tests/fixtures',
  ]);
  expect(r.code).toBe(1);
  expect(r.stdout.split('\n').slice(0, 2)).toEqual([
    "tests/fixtures/invalid/unknown-field-typo.yaml:3:5: error MISSING_FIELD missing required field 'quote'",
    "tests/fixtures/invalid/unknown-field-typo.yaml:7:5: error UNKNOWN_FIELD unknown field 'qoute' (did you mean 'quote'?)",
  ]);
  expect(r.stderr).toBe('');
});

test('validate --format json: the same problems as a JSON array', () => {
  const r = kg([
    'validate',
    'tests/fixtures/base',
    'tests/fixtures/invalid/kind-not-allowed.yaml',
    '--root',
    'tests/fixtures',
    '--format',
    'json',
  ]);
  expect(r.code).toBe(1);
  const problems = JSON.parse(r.stdout) as { code: string; file: string; line: number; col: number }[];
  expect(problems.map((p) => [p.code, p.file, p.line, p.col])).toEqual([
    ['KIND_NOT_ALLOWED', 'tests/fixtures/invalid/kind-not-allowed.yaml', 4, 14],
    ['KIND_NOT_ALLOWED', 'tests/fixtures/invalid/kind-not-allowed.yaml', 6, 13],
  ]);
});

test('exit 2 for a missing path, an unknown option and an unknown command; no stack trace', () => {
  for (const args of [
    ['validate', 'no/such/folder'],
    ['validate', '--bogus'],
    ['frobnicate'],
    ['export', '--format', 'pdf'],
  ]) {
    const r = kg(args);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }
  expect(kg(['validate', 'no/such/folder']).stderr).toContain(
    'error PATH_NOT_FOUND no such file or folder: no/such/folder',
  );
});

test('load prints counts by kind and predicate', () => {
  const r = kg(['load', 'tests/fixtures/base']);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('loaded 7 nodes and 1 edge into memory');
  expect(r.stdout).toMatch(/Person\s+2/);
  expect(r.stdout).toMatch(/REPRESENTS\s+1/);
});

test('load and export refuse invalid data with exit 1 and write nothing', () => {
  const out = join(tmp, 'never.json');
  const r = kg([
    'export',
    'tests/fixtures/base',
    'tests/fixtures/invalid/self-loop.yaml',
    '--root',
    'tests/fixtures',
    '--format',
    'graphology',
    '--out',
    out,
  ]);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('error SELF_LOOP');
  expect(existsSync(out)).toBe(false);
});

test('export writes a graphology file that Graph.from reads back', () => {
  const out = join(tmp, 'nested', 'graph.json');
  const r = kg(['export', '--format', 'graphology', '--out', out]);
  expect(r.code).toBe(0);
  const graph = Graph.from(JSON.parse(readFileSync(out, 'utf8')) as Parameters<typeof Graph.from>[0]);
  expect(graph.order).toBeGreaterThan(30);
  expect(graph.getNodeAttribute('person:giorgia-meloni', 'kind')).toBe('Person');
});

test('stats --coverage lists every sentence and the statements quoting it', () => {
  const r = kg(['stats', '--coverage']);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^doc:2025-08-21-security-guarantees: (\d+) of \1 sentences quoted$/m);
  expect(r.stdout).toMatch(/heading\s+Ulike syn på fredsforhandlingene/);
  expect(r.stdout).not.toContain('UNCOVERED');
});

test('the fixture folder itself is found relative to the working directory', () => {
  const r = kg(['validate', 'base', '--root', '.'], FIXTURES);
  expect(r.code).toBe(0);
});

describe('--json: one JSON object on stdout, for scripts', () => {
  test.each([
    [['validate'], 0, { ok: true, files: 11, documents: 1, errors: 0 }],
    // 47 entities and 7 statement nodes: the 6 statements nobody asserts, and one that Zelensky answers.
    [['load'], 0, { ok: true, backend: 'memory', nodes: 54 }],
    [['stats', '--coverage'], 0, { ok: true, edges: 68 }],
    [
      ['export', '--format', 'graphology', '--out', join(tmp, 'j.json')],
      0,
      { ok: true, outputs: [{ format: 'graphology' }] },
    ],
    [['validate', 'no/such/path'], 2, { ok: false, error: { code: 'PATH_NOT_FOUND', exitCode: 2 } }],
    [['validate', '--no-such-flag'], 2, { ok: false, error: { code: 'USAGE', exitCode: 2 } }],
    [['export'], 2, { ok: false, error: { code: 'USAGE' } }],
  ])('kg --json %j', (args, code, shape) => {
    const r = kg(['--json', ...(args as string[])]);
    expect(r.code).toBe(code);
    expect(JSON.parse(r.stdout)).toMatchObject(shape as object);
    expect(r.stderr).toBe('');
  });

  test('invalid data: ok false, INVALID_DATA, and every problem with its position', () => {
    const r = kg([
      '--json',
      'load',
      'tests/fixtures/base',
      'tests/fixtures/invalid/unknown-field-typo.yaml',
      '--root',
      'tests/fixtures',
    ]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as {
      ok: boolean;
      error: { code: string };
      problems: { code: string; line: number }[];
    };
    expect(out).toMatchObject({ ok: false, error: { code: 'INVALID_DATA' } });
    expect(out.problems.map((p) => [p.code, p.line])).toEqual([
      ['MISSING_FIELD', 3],
      ['UNKNOWN_FIELD', 7],
    ]);
    expect(r.stderr).toBe('');
  });
});

test('--quiet prints nothing on success, and still the problems on failure', () => {
  expect(kg(['--quiet', 'load'])).toMatchObject({ code: 0, stdout: '', stderr: '' });
  const bad = kg([
    '--quiet',
    'load',
    'tests/fixtures/base',
    'tests/fixtures/invalid/self-loop.yaml',
    '--root',
    'tests/fixtures',
  ]);
  expect(bad.code).toBe(1);
  expect(bad.stdout).toBe('');
  expect(bad.stderr).toContain('error SELF_LOOP');
});

describe('kg query says which backend answered, by the rule kg load follows too', () => {
  test('a footer on stderr names the memory backend and its data, and how to ask Neo4j', () => {
    const r = kg(['query', 'MATCH (p:Person) RETURN p.name AS name ORDER BY name LIMIT 2', '-f', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveLength(2);
    expect(r.stderr).toBe('2 rows · memory (graph-data/) · --backend neo4j asks Neo4j\n');
    const explicit = kg(['query', 'RETURN 1 AS one', '--backend', 'memory', '--data', 'tests/fixtures/base']);
    expect(explicit.stderr).toBe('1 row · memory (tests/fixtures/base/)\n');
  });

  test('no footer with --json or --quiet', () => {
    expect(kg(['--json', 'query', 'RETURN 1 AS one']).stderr).toBe('');
    expect(kg(['--quiet', 'query', 'RETURN 1 AS one'])).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  test('a query the memory engine cannot run says that --backend neo4j can', () => {
    const r = kg(['query', 'RETURN point({x: 1, y: 2}) AS p']);
    expect(r.code).toBe(8);
    expect(r.stderr).toBe(
      '<query>:1:8: error CYPHER_UNSUPPORTED the function point() is not in the memory engine; run the query with --backend neo4j\n',
    );
  });

  test('no query at all says that the query is missing', () => {
    const r = kg(['query']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'error USAGE no query: give it as an argument (in single quotes) or with --file FILE\n',
    );
  });
});

describe('the options people expect', () => {
  const DATA_COMMANDS = [
    ['validate'],
    ['load'],
    ['export', '-f', 'dot', '-o', join(tmp, 'options.dot')],
    ['stats'],
    ['query', 'RETURN 1 AS one', '--data', 'graph-data'],
  ];

  test.each(DATA_COMMANDS)(
    'kg %s takes --root, --no-cache, --cache-dir and --workers, with one help text',
    (...args) => {
      const flags = ['--root', '.', '--no-cache', '--cache-dir', join(tmp, 'never-cache'), '--workers', '0'];
      const r = kg([...args, ...flags]);
      expect(r.stderr).not.toContain('error');
      expect(r.code).toBe(0);
      expect(existsSync(join(tmp, 'never-cache'))).toBe(false);
      const help = kg([args[0]!, '--help']).stdout.replace(/\s+/g, ' ');
      expect(help).toContain(
        '--no-cache parse and check every file, and keep no results --cache-dir <dir> keep checked files here by content',
      );
    },
  );

  test.each(['', 'validate', 'load', 'unload', 'export', 'stats', 'query'])(
    'kg %s --help shows each default once, and no empty one',
    (command) => {
      const help = kg([...(command ? [command] : []), '--help']).stdout;
      expect(help).not.toContain('(default: [])');
      // Each option's entry: its first line and the indented lines that continue it.
      const entries = help.split(/\n(?= {2}-)/);
      for (const entry of entries) expect(entry.match(/default:/g)?.length ?? 0).toBeLessThanOrEqual(1);
      expect(entries.length).toBeGreaterThan(command ? 3 : 2);
    },
  );

  test("commander's own errors come out as error USAGE, with its did-you-mean, or as the JSON error", () => {
    const r = kg(['validate', '--formt', 'json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toBe("error USAGE unknown option '--formt' (did you mean --format?)");
    const command = kg(['valdate']);
    expect(command.stderr.split('\n')[0]).toBe(
      "error USAGE unknown command 'valdate' (did you mean validate?)",
    );
    const json = kg(['--json', 'validate', '--formt', 'json']);
    expect(json.stderr).toBe('');
    expect(JSON.parse(json.stdout)).toEqual({
      ok: false,
      error: {
        code: 'USAGE',
        severity: 'error',
        message: "unknown option '--formt' (did you mean --format?)",
        exitCode: 2,
      },
    });
  });

  test('kg validate names every missing path', () => {
    const r = kg(['validate', 'no/such/a', 'graph-data', 'no/such/b']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error PATH_NOT_FOUND no such files or folders: no/such/a, no/such/b\n');
  });

  test('short flags -f, -o and -p', () => {
    const out = join(tmp, 'short', 'graph.json');
    expect(kg(['export', '-f', 'graphology', '-o', out]).code).toBe(0);
    expect(existsSync(out)).toBe(true);
    const q = kg([
      'query',
      'MATCH (p:Person {id: $id}) RETURN p.name AS name',
      '-p',
      'id=person:vladimir-putin',
      '-f',
      'csv',
    ]);
    expect(q.stdout).toBe('name\nVladimir Putin\n');
  });

  test('-f json prints the part of the --json object that the text shows, for every command', () => {
    const both = (args: string[]) => ({
      format: JSON.parse(kg([...args, '-f', 'json']).stdout) as unknown,
      json: JSON.parse(kg(['--json', ...args]).stdout) as Record<string, unknown>,
    });
    const withoutOk = ({ ok, ...rest }: Record<string, unknown>) => (expect(ok).toBe(true), rest);
    for (const args of [['stats'], ['stats', '--coverage'], ['load']]) {
      const { format, json } = both(args);
      expect(format).toEqual(withoutOk(json));
      expect(format).toMatchObject({ nodes: 54, edges: 68 });
    }
    const invalid = [
      'validate',
      'tests/fixtures/base',
      'tests/fixtures/invalid/kind-not-allowed.yaml',
      '--root',
      'tests/fixtures',
    ];
    const validate = both(invalid);
    expect(validate.format).toEqual(validate.json.problems);
    expect(validate.format).toHaveLength(2);
    const query = both(['query', 'MATCH (s:State) RETURN s.name AS name ORDER BY name']);
    expect(query.format).toEqual(query.json.rows);
  });
});

test('messages count in the singular and the plural', () => {
  expect(kg(['load', 'tests/fixtures/base']).stdout).toContain('loaded 7 nodes and 1 edge into memory');
  expect(kg(['validate']).stdout).toMatch(/^valid: 11 files: 1 document, 47 entities, 74 statements$/m);
});

test('kg export (npm start) says first that the data is valid, then what it wrote', () => {
  const r = kg(['export', '--all', '--out-dir', join(tmp, 'start')]);
  expect(r.code).toBe(0);
  const lines = r.stdout.trim().split('\n');
  expect(lines[0]).toBe('valid: 11 files: 1 document, 47 entities, 74 statements');
  expect(lines.slice(1).every((l) => l.startsWith('wrote '))).toBe(true);
  expect(lines).toHaveLength(1 + Object.keys(EXPORT_FORMATS).length);
});

test('at a terminal, a query table fits its width: long cells cut with …, nodes by labels and name', () => {
  // script(1) gives the command a terminal of 60 columns.
  const query = 'MATCH (p:Person)-[r:PROPOSES]->(x) RETURN p, r.quote AS quote';
  const command = `stty cols 60; ${process.execPath} ${CLI} query '${query}' 2>/dev/null`;
  const r = spawnSync('script', ['-qec', command, '/dev/null'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', NEO4J_URI: '' },
  });
  expect(r.status).toBe(0);
  const lines = r.stdout.trimEnd().split(/\r?\n/);
  expect(lines).toHaveLength(5);
  for (const line of lines) expect(line.length).toBeLessThanOrEqual(60);
  expect(lines[3]).toBe("│ (:Person {name: 'Giorgia … │ Giorgia Meloni har foresl… │");
});
