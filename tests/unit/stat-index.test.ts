import {
  cpSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validate } from '../../src';
import { cacheKey } from '../../src/validate/cache';
import { collectFiles } from '../../src/validate/collect-files';
import { StatIndex } from '../../src/validate/stat-index';
import { ROOT } from '../helpers';

// The index of files by their stat must never let a warm run see other bytes than the disk has: after
// each kind of change a warm run gives exactly what a run without any cache gives.

const MTIME = 1_700_000_000;
const settle = () => new Promise((resolve) => setTimeout(resolve, 2_100));

/** What a run says: every problem with its place, and every record's id. */
async function outcome(dir: string, cacheDir?: string) {
  const r = await validate([dir], cacheDir === undefined ? {} : { cacheDir });
  return {
    errors: r.errors.map((e) => `${e.code} ${e.file}:${e.line}:${e.col} ${e.message}`),
    statements: [...r.dataset.statements.keys()].sort(),
    entities: [...r.dataset.entities.keys()].sort(),
  };
}

/** The keys the index vouches for, by file: those a warm run neither reads nor hashes. */
async function vouched(dir: string, cacheDir: string) {
  const { files } = await collectFiles([dir], dir);
  const index = await StatIndex.open(cacheDir, files);
  return new Map(await Promise.all(files.map(async (f) => [f, await index.lookup(f)] as const)));
}

describe('the stat index of the cache', () => {
  let dir: string;
  let cacheDir: string;
  let statements: string;

  beforeAll(async () => {
    const base = mkdtempSync(join(tmpdir(), 'factgraph-stat-index-'));
    dir = join(base, 'data');
    cacheDir = join(base, 'cache');
    cpSync(join(ROOT, 'graph-data'), dir, { recursive: true });
    statements = join(dir, 'statements', '2025-08-21-security-guarantees.yaml');
    // A whole second, which utimes sets exactly: an edit below puts the very same mtime back.
    utimesSync(statements, MTIME, MTIME);
    await settle();
    await outcome(dir, cacheDir);
  }, 20_000);

  test('vouches for every settled file with the key of its bytes, after one run', async () => {
    const keys = await vouched(dir, cacheDir);
    expect(keys.size).toBeGreaterThan(5);
    for (const [file, key] of keys) expect(key).toBe(await cacheKey([readFileSync(file)]));
  });

  test('an edit of the same size, its mtime put back: the warm run sees the new bytes', async () => {
    const before = statSync(statements, { bigint: true });
    const text = readFileSync(statements, 'utf8');
    const edited = text.replace('forsøker å utarbeide', 'forsøker å utarbeidE');
    expect(BigInt(Buffer.byteLength(edited))).toBe(before.size);
    writeFileSync(statements, edited);
    utimesSync(statements, MTIME, MTIME);
    expect(statSync(statements, { bigint: true }).mtimeNs).toBe(before.mtimeNs);
    expect((await vouched(dir, cacheDir)).get(statements)).toBeUndefined();
    const warm = await outcome(dir, cacheDir);
    expect(warm.errors.some((e) => e.startsWith('QUOTE_NOT_FOUND'))).toBe(true);
    expect(warm).toEqual(await outcome(dir));
    // Changed less than 2 s ago, so not vouched for yet: the next write may keep its stat.
    expect((await vouched(dir, cacheDir)).get(statements)).toBeUndefined();
    writeFileSync(statements, text);
    expect(await outcome(dir, cacheDir)).toEqual(await outcome(dir));
  });

  test('a file touched, renamed or deleted: the warm run is the run without a cache', async () => {
    const entities = join(dir, 'entities', 'people.yaml');
    utimesSync(entities, new Date(), new Date());
    expect(await outcome(dir, cacheDir)).toEqual(await outcome(dir));
    renameSync(entities, join(dir, 'entities', 'persons.yaml'));
    expect(await outcome(dir, cacheDir)).toEqual(await outcome(dir));
    rmSync(join(dir, 'entities', 'persons.yaml'));
    const gone = await outcome(dir, cacheDir);
    expect(gone.errors.length).toBeGreaterThan(0);
    expect(gone).toEqual(await outcome(dir));
  });

  test('a file settled since its change is vouched for after the next run', async () => {
    await settle();
    await outcome(dir, cacheDir);
    const keys = await vouched(dir, cacheDir);
    expect(keys.get(statements)).toBe(await cacheKey([readFileSync(statements)]));
    expect([...keys.values()].every((k) => k !== undefined)).toBe(true);
  });
});
