import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Graph from 'graphology';
import { FIXTURES, ROOT } from '../helpers';

const CLI = join(ROOT, 'dist', 'cli', 'main.js');

/** Runs the built CLI (npm test builds it first) as a user would. */
function kg(args: string[], cwd = ROOT) {
  if (!existsSync(CLI)) throw new Error('dist/ is missing: run npm run build (npm test does)');
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
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
  expect(r.stdout).toContain('loaded 7 nodes and 1 edges into memory');
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
