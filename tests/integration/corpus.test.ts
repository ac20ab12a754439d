import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { existsSync } from 'node:fs';
import { validate, buildGraph } from '../../src';
import { ROOT } from '../helpers';

// Worker threads run the compiled files (npm test builds them first): the worker tests use dist/.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dist = require('../../dist') as typeof import('../../src');
const CLI = join(ROOT, 'dist', 'cli', 'main.js');

const tmp = mkdtempSync(join(tmpdir(), 'factgraph-corpus-'));

interface Manifest {
  statements: number;
  documents: number;
  entities: number;
  files: number;
  errors: { file: string; line: number; code: string }[];
}

/** Runs `npm run corpus` (the script it names) into tmp/name; returns the folder and its manifest. */
function corpus(name: string, args: string[]): { dir: string; manifest: Manifest } {
  const dir = join(tmp, name);
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'corpus.mjs'), '--out', dir, ...args], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return { dir, manifest: JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest };
}

function contents(dir: string): Map<string, string> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  return new Map(
    files.map((e) => {
      const path = join(e.parentPath, e.name);
      return [relative(dir, path), readFileSync(path, 'utf8')];
    }),
  );
}

test('the same arguments give the same bytes; another seed gives other data', () => {
  const a = contents(corpus('a', ['--statements', '1500', '--seed', '3', '--invalid-rate', '0.01']).dir);
  const b = contents(corpus('b', ['--statements', '1500', '--seed', '3', '--invalid-rate', '0.01']).dir);
  const c = contents(corpus('c', ['--statements', '1500', '--seed', '4', '--invalid-rate', '0.01']).dir);
  expect(a.size).toBeGreaterThan(5);
  expect(b).toEqual(a);
  expect(c.get('statements/doc-00001.yaml')).not.toEqual(a.get('statements/doc-00001.yaml'));
});

test('a valid corpus validates: many files and documents sharing one registry, quotes found', async () => {
  const { dir, manifest } = corpus('valid', ['--statements', '3000']);
  const result = await validate([dir]);
  expect(result.errors).toEqual([]);
  expect(result.dataset.statements.size).toBe(3000);
  expect(result.dataset.files).toHaveLength(manifest.files);
  expect(result.dataset.documents.size).toBe(manifest.documents);
  expect(result.dataset.entities.size).toBe(manifest.entities);
  expect(manifest.documents).toBeGreaterThan(1);
  // Entities are shared: some entity is the subject of statements in at least two documents.
  const documentsOf = new Map<string, Set<string>>();
  for (const s of result.dataset.statements.values()) {
    documentsOf.set(s.record.subject, (documentsOf.get(s.record.subject) ?? new Set()).add(s.document));
  }
  expect(Math.max(...[...documentsOf.values()].map((d) => d.size))).toBeGreaterThan(1);
});

// Seed 3 injects unknown references, seed 28 YAML syntax errors (a file that cannot be parsed hides
// unknown references, so a corpus has one or the other).
test.each([['3'], ['28']])('seed %s: validation reports exactly the injected errors', async (seed) => {
  const { dir, manifest } = corpus(`invalid-${seed}`, [
    '--statements',
    '3000',
    '--seed',
    seed,
    '--invalid-rate',
    '0.01',
  ]);
  const codes = new Set(manifest.errors.map((e) => e.code));
  expect(codes.size).toBeGreaterThanOrEqual(6);
  expect(codes.has(seed === '3' ? 'UNKNOWN_REFERENCE' : 'YAML_SYNTAX')).toBe(true);
  const result = await validate([dir]);
  const reported = result.errors.map((e) => ({
    file: relative(dir, e.file!).split('\\').join('/'),
    line: e.line,
    code: e.code,
  }));
  expect(reported).toEqual(manifest.errors);
});

describe('worker threads and the cache change nothing but the time', () => {
  /** Everything a run gives: the problems and the graph (none when invalid). */
  async function outcome(lib: typeof dist, dir: string, options: Parameters<typeof validate>[1]) {
    const r = await lib.validate([dir], options);
    const graph = r.ok ? lib.buildGraph(r.dataset).export() : null;
    return JSON.stringify({ errors: r.errors, warnings: r.warnings, graph });
  }

  test.each([
    ['valid', ['--statements', '1500', '--seed', '5']],
    ['syntax errors', ['--statements', '1500', '--seed', '18', '--invalid-rate', '0.01']],
    ['unknown references', ['--statements', '1500', '--seed', '3', '--invalid-rate', '0.01']],
  ])('%s: same problems and graph in-process, on 2 workers, cold and warm cache', async (name, args) => {
    const { dir, manifest } = corpus(`workers-${name.replace(' ', '-')}`, args);
    const cacheDir = join(tmp, `cache-${name}`);
    const inProcess = await outcome(dist, dir, { workers: 0 });
    expect(await outcome(dist, dir, { workers: 2 })).toEqual(inProcess);
    expect(await outcome(dist, dir, { workers: 2, cacheDir })).toEqual(inProcess);
    // The stats section (the files' keys by stat) has an entry or none, as the files settled before a run.
    const entries = () =>
      readdirSync(cacheDir, { recursive: true })
        .filter((f) => String(f).endsWith('.json') && !String(f).startsWith('stats'))
        .map(String);
    // One entry a file, under quotes/ one a document that statements quote, under checks/ the checks
    // across files of the whole run.
    const quotes = entries().filter((f) => f.startsWith('quotes'));
    const checks = entries().filter((f) => f.startsWith('checks'));
    expect(entries().length - quotes.length - checks.length).toBe(manifest.files);
    expect(quotes.length).toBeGreaterThan(0);
    expect(quotes.length).toBeLessThanOrEqual(manifest.documents);
    expect(checks).toHaveLength(1);
    expect(await outcome(dist, dir, { workers: 2, cacheDir })).toEqual(inProcess);
    expect(await outcome(dist, dir, { workers: 0, cacheDir })).toEqual(inProcess);
    expect(entries()).toHaveLength(manifest.files + quotes.length + 1);
    // The library run from the sources, where there is no compiled worker, agrees too.
    expect(await outcome({ validate, buildGraph } as typeof dist, dir, { workers: 2 })).toEqual(inProcess);
  });

  test('a caller slower than the workers, over many files: the same answer', async () => {
    const dir = join(tmp, 'many-files');
    mkdirSync(dir, { recursive: true });
    for (let i = 0; i < 120; i++) {
      const kind = i % 17 === 0 ? 'Planet' : 'Person';
      writeFileSync(
        join(dir, `people-${String(i).padStart(3, '0')}.yaml`),
        `entities:\n  - id: person:p-${i}\n    kind: ${kind}\n    name: P ${i}\n`,
      );
    }
    const inProcess = await outcome(dist, dir, { workers: 0 });
    expect(inProcess).toContain('Planet');
    let files = 0;
    const slowly = (p: { phase: string }) => {
      if (p.phase !== 'files' || files++ % 10 !== 0) return;
      const until = Date.now() + 20;
      while (Date.now() < until); // the caller busy while the workers' results arrive
    };
    expect(await outcome(dist, dir, { workers: 2, onProgress: slowly })).toEqual(inProcess);
  });

  test('a warm run on 2 workers reads the cache on its own thread, a changed file or a damaged entry checked again: the same answer', async () => {
    const { dir } = corpus('partly-warm', ['--statements', '1500', '--seed', '6']);
    const cacheDir = join(tmp, 'cache-partly-warm');
    await outcome(dist, dir, { workers: 2, cacheDir });
    const entry = readdirSync(cacheDir, { recursive: true })
      .map(String)
      .find((f) => /^[0-9a-f]{2}[/\\][0-9a-f]{64}\.json$/.test(f))!;
    writeFileSync(join(cacheDir, entry), 'damaged');
    const file = join(dir, 'statements', readdirSync(join(dir, 'statements')).sort()[0]!);
    writeFileSync(file, `${readFileSync(file, 'utf8')}# changed\n`);
    expect(await outcome(dist, dir, { workers: 2, cacheDir })).toEqual(
      await outcome(dist, dir, { workers: 0 }),
    );
  });

  test('a changed source text or data file has the checks across files run again', async () => {
    const { dir } = corpus('checks-again', ['--statements', '1500', '--seed', '11']);
    const cacheDir = join(tmp, 'cache-checks-again');
    const same = async () =>
      expect(await outcome(dist, dir, { cacheDir })).toEqual(await outcome(dist, dir, {}));
    await same();
    // A source text loses its words: its quotes are no longer found.
    const source = join(dir, 'sources', readdirSync(join(dir, 'sources')).sort()[0]!);
    writeFileSync(source, 'Nothing of what was quoted.\n');
    await same();
    expect((await dist.validate([dir], { cacheDir })).errors.map((e) => e.code)).toContain('QUOTE_NOT_FOUND');
    // A data file refers to an entity no file defines.
    const file = join(dir, 'statements', readdirSync(join(dir, 'statements')).sort()[1]!);
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(/subject: (\S+)/, 'subject: person:nobody-at-all'),
    );
    await same();
    expect((await dist.validate([dir], { cacheDir })).errors.map((e) => e.code)).toContain(
      'UNKNOWN_REFERENCE',
    );
  });

  test('kg validate --cache-dir fills the cache, --no-cache leaves none; piped output has no progress bar', () => {
    const { dir } = corpus('cli', ['--statements', '1000']);
    const cacheDir = join(tmp, 'cli-cache');
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [CLI, ...args], {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      });
    const cold = run('validate', dir, '--cache-dir', cacheDir, '--workers', '2');
    expect(cold.status).toBe(0);
    expect(existsSync(cacheDir)).toBe(true);
    const warm = run('validate', dir, '--cache-dir', cacheDir);
    expect(warm.stdout).toBe(cold.stdout);
    const uncached = join(tmp, 'never');
    expect(run('validate', dir, '--no-cache', '--cache-dir', uncached).stdout).toBe(cold.stdout);
    expect(existsSync(uncached)).toBe(false);
    for (const r of [
      cold,
      warm,
      run('export', dir, '--format', 'gexf', '--out-dir', join(tmp, 'cli-out')),
      run('--json', 'validate', dir),
    ]) {
      expect(r.stderr).toBe('');
    }
  });
});
