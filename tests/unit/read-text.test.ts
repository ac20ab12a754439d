import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readText } from '../../src/validate/read-text';

const dir = mkdtempSync(join(tmpdir(), 'factgraph-read-'));
const file = (name: string, bytes: Buffer | string) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};

test('a leading byte-order mark is dropped', async () => {
  expect(await readText(file('bom.yaml', '\ufeffa: 1\n'))).toEqual({ ok: true, text: 'a: 1\n' });
});

test('invalid UTF-8 is reported at the bad byte, after valid multi-byte letters', async () => {
  const r = await readText(
    file(
      'latin1.yaml',
      Buffer.concat([Buffer.from('a: æøå\nb: Ren'), Buffer.from([0xe9]), Buffer.from('\n')]),
    ),
  );
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect([r.error.code, r.error.line, r.error.col]).toEqual(['NOT_UTF8', 2, 7]);
});

test('a genuine U+FFFD in the text is valid UTF-8', async () => {
  expect((await readText(file('fffd.yaml', 'a: \ufffd\n'))).ok).toBe(true);
});

test('files over the size limit are refused before they are read', async () => {
  const r = await readText(file('big.yaml', 'x'.repeat(2048)), 1024);
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.error.code).toBe('FILE_TOO_LARGE');
});

test('a missing file is an I/O error (exit 2), thrown', async () => {
  await expect(readText(join(dir, 'nope.yaml'))).rejects.toMatchObject({
    code: 'FILE_UNREADABLE',
    exitCode: 2,
  });
});

test('the limit bounds the reading itself, not the size stat gives: a /proc file whose size says 0', async () => {
  const r = await readText('/proc/self/maps', 100);
  expect(r.ok).toBe(false);
  if (!r.ok)
    expect([r.error.code, r.error.message]).toEqual([
      'FILE_TOO_LARGE',
      'file is over the limit of 0.0 MiB as read (its size said 0.0 MiB)',
    ]);
});

test('a FIFO is refused on its open descriptor, never read and never waited on', async () => {
  const fifo = join(dir, 'pipe.yaml');
  execFileSync('mkfifo', [fifo]);
  const r = await readText(fifo);
  expect(r.ok).toBe(false);
  if (!r.ok)
    expect([r.error.code, r.error.message]).toEqual([
      'NOT_REGULAR_FILE',
      'a FIFO (named pipe), not a regular file: never read',
    ]);
});
