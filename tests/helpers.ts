import { spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { KgError, queryGraph, validate, type FactGraph } from '../src';
import type { PropertyGraph } from '../src/query/cypher';

export const ROOT = join(__dirname, '..');
export const FIXTURES = join(__dirname, 'fixtures');
export const BASE = join(FIXTURES, 'base');

/** Writes a generated corpus (scripts/corpus.mjs, with its arguments) to `dir`; returns `dir`. */
export function generateCorpus(dir: string, args: readonly string[]): string {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'corpus.mjs'), '--out', dir, ...args], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return dir;
}

/** Problems as the CLI prints them, paths relative to tests/fixtures. */
export function formatted(errors: readonly KgError[]): string[] {
  return errors.map((e) => e.format((f) => relative(FIXTURES, f)));
}

/** Validates one fixture file together with the shared base data set. */
export async function validateWithBase(file: string) {
  return validate([BASE, file], { root: FIXTURES });
}

/**
 * What XML 1.0 carries of a text (or of each text in a list, or object): the control characters it cannot
 * hold, even escaped, are dropped.
 */
export function xmlCarried<T>(value: T): T {
  // eslint-disable-next-line no-control-regex -- dropping control characters is the point
  const clean = (s: unknown) => (typeof s === 'string' ? s.replace(/[\0-\x08\x0B\x0C\x0E-\x1F]/g, '') : s);
  if (Array.isArray(value)) return value.map(clean) as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, xmlCarried(v)])) as T;
  return clean(value) as T;
}

/** A seeded generator of numbers in [0, 1) (mulberry32), so generated test cases are the same every run. */
export function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The KgError a memory-engine query fails with (a query that answers fails the test). */
export function queryError(g: PropertyGraph | FactGraph, q: string): KgError {
  try {
    queryGraph(g, q);
  } catch (e) {
    if (e instanceof KgError) return e;
    throw e;
  }
  throw new Error(`no error from ${q}`);
}
