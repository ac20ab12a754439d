import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers';

/** Every path under a folder (itself included) with its permission bits. */
function modes(folder: string): Record<string, number> {
  const all: Record<string, number> = { '.': statSync(folder).mode & 0o777 };
  for (const entry of readdirSync(folder, { recursive: true, encoding: 'utf8' })) {
    all[entry] = statSync(join(folder, entry)).mode & 0o777;
  }
  return all;
}

describe('kg export --all: every output file and folder has the mode the umask gives', () => {
  test.each([
    ['022', 0o644, 0o755],
    ['027', 0o640, 0o750],
  ])('umask %s', (umask, file, folder) => {
    const out = join(mkdtempSync(join(tmpdir(), 'factgraph-modes-')), 'out');
    const cli = join(ROOT, 'dist', 'cli', 'main.js');
    const r = spawnSync(
      'sh',
      ['-c', `umask ${umask} && exec node "$0" export --all --out-dir "$1"`, cli, out],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    expect([r.status, r.stderr]).toEqual([0, '']);
    const found = modes(out);
    const expected = Object.fromEntries(
      Object.keys(found).map((p) => [p, statSync(join(out, p)).isDirectory() ? folder : file]),
    );
    expect(found).toEqual(expected);
    // neo4j-csv is the one output folder: the neo4j user of Neo4j's image reads it when mounted as /import.
    expect(found['neo4j-csv']).toBe(folder);
  });
});
