import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers';

const CLI = join(ROOT, 'dist', 'cli', 'main.js');

/**
 * Runs a shell script in a private mount namespace (unshare), where it may mount a tiny or read-only
 * tmpfs on $DIR: a real full disk and a real read-only file system, without touching the machine's.
 */
function inNamespace(script: string) {
  const dir = mkdtempSync(join(tmpdir(), 'factgraph-fs-'));
  const r = spawnSync('unshare', ['-rm', 'sh', '-ec', script], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, DIR: dir, KG: `${process.execPath} ${CLI}`, NO_COLOR: '1' },
  });
  if (r.error || /unshare: /.test(r.stderr))
    throw new Error(`cannot make a mount namespace here: ${r.error?.message ?? r.stderr}`);
  return r;
}

test('disk full: exit 2 with OUTPUT_FAILED, the earlier file intact, no temporary file left', () => {
  const r = inNamespace(`
    mount -t tmpfs -o size=64k tmpfs "$DIR"
    echo before > "$DIR/graph.html"
    set +e; $KG export --format html --out "$DIR/graph.html"; echo "exit=$?"; set -e
    echo "files=$(ls -A "$DIR" | tr '\\n' ' ')"; echo "content=$(cat "$DIR/graph.html")"`);
  expect(r.stdout).toContain('exit=2');
  expect(r.stderr).toMatch(/error OUTPUT_FAILED cannot write .*graph\.html: .*ENOSPC/);
  expect(r.stdout).toContain('files=graph.html \n');
  expect(r.stdout).toContain('content=before');
});

test('disk full during a folder export (neo4j-csv): the earlier folder intact, no staging folder left', () => {
  // The earlier export: a folder whose manifest lists its file.
  const r = inNamespace(`
    mount -t tmpfs -o size=24k tmpfs "$DIR"
    mkdir "$DIR/csv" && echo before > "$DIR/csv/old.csv"
    echo '{"factgraph":"0.1.0","formats":["neo4j-csv"],"files":{"old.csv":""}}' > "$DIR/csv/.factgraph-export.json"
    set +e; $KG export --format neo4j-csv --out "$DIR/csv"; echo "exit=$?"; set -e
    echo "files=$(ls -A "$DIR" | tr '\\n' ' ')"; echo "inside=$(ls -A "$DIR/csv" | tr '\\n' ' ')"`);
  expect(r.stdout).toContain('exit=2');
  expect(r.stderr).toContain('error OUTPUT_FAILED');
  expect(r.stdout).toContain('files=csv \n');
  expect(r.stdout).toContain('inside=.factgraph-export.json old.csv \n');
});

test('a read-only file system: exit 2 with OUTPUT_FAILED and nothing written', () => {
  const r = inNamespace(`
    mount -t tmpfs -o ro,size=1m tmpfs "$DIR"
    set +e; $KG --json export --format gexf --out "$DIR/graph.gexf"; echo "exit=$?"; set -e
    echo "files=$(ls -A "$DIR" | tr '\\n' ' ')"`);
  expect(r.stdout).toContain('exit=2');
  expect(r.stdout).toMatch(/"code": "OUTPUT_FAILED"[\s\S]*EROFS/);
  // The message names the output, not the temporary file it was written to first.
  expect(r.stdout).not.toContain('factgraph-tmp');
  expect(r.stdout).toContain('files=\n');
});
