import {
  cpSync,
  mkdtempSync,
  openSync,
  closeSync,
  ftruncateSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { validate } from '../../src';
import { BASE } from '../helpers';

const tmp = () => mkdtempSync(join(tmpdir(), 'factgraph-hard-'));

test('a document path that leads out through a symbolic link is refused', async () => {
  const dir = tmp();
  cpSync(BASE, join(dir, 'data'), { recursive: true });
  symlinkSync('/etc/hostname', join(dir, 'data', 'sources', 'escape.txt'));
  writeFileSync(
    join(dir, 'data', 'escape.yaml'),
    'documents:\n  - id: doc:escape\n    title: Ut\n    date: 2025-08-21\n    language: nb\n    path: sources/escape.txt\n',
  );
  const result = await validate([join(dir, 'data')]);
  expect(result.errors.map((e) => [e.code, e.line, e.col])).toEqual([['PATH_OUTSIDE_ROOT', 6, 11]]);
  expect(result.errors[0]!.message).toContain('symbolic link');
});

test('a 50 MB file is refused with a clear error, without being read', async () => {
  const dir = tmp();
  const big = join(dir, 'big.yaml');
  const fd = openSync(big, 'w');
  ftruncateSync(fd, 50 * 1024 * 1024);
  closeSync(fd);
  const result = await validate([big]);
  expect(result.errors.map((e) => [e.code, e.message])).toEqual([
    ['FILE_TOO_LARGE', 'file is 50.0 MiB, over the limit of 32.0 MiB'],
  ]);
});

/** The base data set's files, as text, for mutation. */
const seeds = ['base.yaml', 'other-document.yaml'].map((f) => readFileSync(join(BASE, f), 'utf8'));

test('fuzz: on random and mutated YAML the validator never throws, and every position lies inside its file', async () => {
  const dir = tmp();
  cpSync(join(BASE, 'sources'), join(dir, 'sources'), { recursive: true });
  const mutated = fc
    .tuple(
      fc.constantFrom(...seeds),
      fc.array(fc.tuple(fc.nat(), fc.nat(8), fc.string({ maxLength: 6 })), { maxLength: 6 }),
    )
    .map(([text, edits]) =>
      edits.reduce(
        (t, [at, cut, insert]) =>
          t.slice(0, at % (t.length + 1)) + insert + t.slice((at % (t.length + 1)) + cut),
        text,
      ),
    );
  const random = fc.string({ maxLength: 300, unit: 'binary' });
  await fc.assert(
    fc.asyncProperty(fc.oneof(mutated, mutated, random), async (text) => {
      const file = join(dir, 'case.yaml');
      writeFileSync(file, text);
      const result = await validate([dir]);
      const lines = text.replace(/^\ufeff/, '').split(/\r?\n/);
      for (const e of [...result.errors, ...result.warnings]) {
        if (e.file !== file || e.line === undefined) continue;
        expect(e.line).toBeGreaterThanOrEqual(1);
        expect(e.line).toBeLessThanOrEqual(lines.length);
        expect(e.col! - 1).toBeLessThanOrEqual(lines[e.line - 1]!.length);
      }
    }),
    { numRuns: 300 },
  );
});
