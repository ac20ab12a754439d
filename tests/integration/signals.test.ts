import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadGraph } from '../../src';
import { readCanonicalFromNeo4j } from '../../src/backends/neo4j/read-graph';
import { canonicalFromGraph } from '../../src/load/canonical';
import { writeBigDataset } from '../big-dataset';
import { ROOT } from '../helpers';
import { cypher, resetNeo4j, testNeo4j } from '../neo4j-helpers';

const KG = join(ROOT, 'dist', 'cli', 'main.js');
const data = mkdtempSync(join(tmpdir(), 'factgraph-signals-'));
writeBigDataset(data, 1000, 10000);
jest.setTimeout(300_000);

// Start from an empty database, so a run before this one cannot be mistaken for progress.
beforeAll(() => resetNeo4j(testNeo4j()));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs kg and sends it `signal` once `ready` (polled every 50 ms) says the work is under way. */
function interrupt(args: string[], signal: NodeJS.Signals, ready: () => Promise<boolean>) {
  return new Promise<Run>((resolve, reject) => {
    const child = spawn(process.execPath, [KG, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let busy = false;
    const poll = setInterval(() => {
      if (busy) return;
      busy = true;
      void ready().then((go) => {
        busy = false;
        if (go && child.exitCode === null) {
          clearInterval(poll);
          child.kill(signal);
        }
      });
    }, 50);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Every file under dir, relative, with its bytes. */
function tree(dir: string, prefix = ''): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) for (const [k, v] of tree(path, `${prefix}${name}/`)) files.set(k, v);
    else files.set(`${prefix}${name}`, readFileSync(path));
  }
  return files;
}

test('SIGTERM during export --all: exit 143 with a message; the earlier set is whole, nothing temporary is left', async () => {
  const parent = mkdtempSync(join(tmpdir(), 'factgraph-signals-out-'));
  const out = join(parent, 'out');
  // The earlier set: the article's graph.
  const first = await interrupt(
    ['export', join(ROOT, 'graph-data'), '--all', '--out-dir', out],
    'SIGTERM',
    () => Promise.resolve(false),
  );
  expect(first.code).toBe(0);
  const before = tree(out);
  // Sent once the new set's staging folder holds a format, while the others are being written.
  const staged = () =>
    readdirSync(parent).some(
      (f) => f.includes('factgraph-staging') && readdirSync(join(parent, f)).length > 0,
    );
  const run = await interrupt(['export', data, '--all', '--out-dir', out], 'SIGTERM', () =>
    Promise.resolve(staged()),
  );
  expect(run.code).toBe(143);
  expect(run.stderr).toMatch(/^error INTERRUPTED stopped by SIGTERM before the work was done/m);
  expect(readdirSync(parent)).toEqual(['out']);
  const after = tree(out);
  expect([...after.keys()]).toEqual([...before.keys()]);
  for (const [file, bytes] of after) expect(bytes.equals(before.get(file)!)).toBe(true);
});

test('SIGINT during a Neo4j load: exit 130 with a message; a re-run converges to a clean load', async () => {
  const config = testNeo4j();
  const dataset = 'signals';
  const loaded = async () =>
    (
      await cypher(config, 'MATCH ()-[r:SUPPORTS]->() WHERE r.dataset = $dataset RETURN count(r) AS n', {
        dataset,
      })
    )[0]?.n as number;
  const args = ['load', data, '--backend', 'neo4j', '--dataset', dataset, '--batch-size', '200', '--prune'];
  const run = await interrupt(args, 'SIGINT', async () => (await loaded().catch(() => 0)) > 0);
  expect(run.code).toBe(130);
  expect(run.stderr).toMatch(/^error INTERRUPTED stopped by SIGINT before the work was done/m);

  const again = await interrupt(args, 'SIGINT', () => Promise.resolve(false));
  expect(again.code).toBe(0);
  const { graph } = await loadGraph([data]);
  expect(await readCanonicalFromNeo4j(config, dataset)).toEqual(canonicalFromGraph(graph));
});
