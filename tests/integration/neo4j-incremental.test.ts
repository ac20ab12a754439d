import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileKeys, loadGraph, loadIntoNeo4j } from '../../src';
import { readCanonicalFromNeo4j } from '../../src/backends/neo4j/read-graph';
import { canonicalFromGraph } from '../../src/load/canonical';
import { writeBigDataset } from '../big-dataset';
import { ROOT } from '../helpers';
import { resetNeo4j, testNeo4j } from '../neo4j-helpers';

jest.setTimeout(300_000);

// Start from an empty database, so the counts are this file's own.
beforeAll(() => resetNeo4j(testNeo4j()));

interface LoadJson {
  ok: boolean;
  neo4j: {
    statements: number;
    writtenRelationships: number;
    removedRelationships: number;
    removedNodes: number;
    files?: { changed: number; unchanged: number; removed: number };
  };
}

const data = mkdtempSync(join(tmpdir(), 'factgraph-incremental-'));
writeBigDataset(data, 60, 2500); // documents.yaml and statements-000..002.yaml

function load(dataset: string, ...flags: string[]): LoadJson['neo4j'] {
  const r = spawnSync(
    process.execPath,
    [
      join(ROOT, 'dist', 'cli', 'main.js'),
      'load',
      data,
      '--backend',
      'neo4j',
      '--dataset',
      dataset,
      '--json',
      ...flags,
    ],
    { encoding: 'utf8' },
  );
  expect(r.stderr).toBe('');
  const json = JSON.parse(r.stdout) as LoadJson;
  if (!json.ok) throw new Error(r.stdout);
  return json.neo4j;
}

const edit = (file: string, change: (text: string) => string) =>
  writeFileSync(join(data, file), change(readFileSync(join(data, file), 'utf8')));

test('kg load --incremental skips unchanged files, replaces changed ones, removes deleted ones: the result equals a clean load', async () => {
  const config = testNeo4j();
  const first = load('incremental', '--incremental');
  expect(first.files).toEqual({ changed: 4, unchanged: 0, removed: 0 });

  const again = load('incremental', '--incremental');
  expect(again.files).toEqual({ changed: 0, unchanged: 4, removed: 0 });
  expect(again.writtenRelationships).toBe(0);
  expect(again.removedRelationships).toBe(0);

  // One file changed (a statement gets another object, another is dropped), one deleted, one added,
  // and an entity renamed in the registry.
  edit('statements-000.yaml', (t) =>
    t
      .replace('    object: person:p1\n', '    object: person:p59\n')
      .replace(/ {2}- id: s:1\n(?: {4}.*\n)+/, ''),
  );
  rmSync(join(data, 'statements-002.yaml'));
  writeFileSync(
    join(data, 'statements-new.yaml'),
    'document: doc:big\nstatements:\n' +
      '  - id: s:new-1\n    subject: person:p3\n    predicate: DOUBTS\n    object: person:p4\n' +
      `    quote: "${readFileSync(join(data, 'sources', 'big.txt'), 'utf8').split('\n')[2100]}"\n`,
  );
  edit('documents.yaml', (t) => t.replace('name: Person 7\n', 'name: Person Seven\n'));

  const third = load('incremental', '--incremental');
  expect(third.files).toEqual({ changed: 3, unchanged: 1, removed: 1 });
  expect(third.statements).toBe(2500 - 1 - 500 + 1);
  // statements-000.yaml's 999 statements, the new one, and the mentions of the one document they quote
  expect(third.writtenRelationships).toBeLessThan(1000 + 1 + 60 + 1);
  expect(third.removedRelationships).toBe(1 + 1 + 500); // the changed one, the dropped one, the deleted file's

  const { graph } = await loadGraph([data]);
  const expected = canonicalFromGraph(graph);
  expect(await readCanonicalFromNeo4j(config, 'incremental')).toEqual(expected);
  // A clean load of the same files as another data set: the same graph, and the two share no relationship.
  expect(load('incremental-clean').writtenRelationships).toBe(third.statements + 60);
  expect(await readCanonicalFromNeo4j(config, 'incremental-clean')).toEqual(expected);
  expect(await readCanonicalFromNeo4j(config, 'incremental')).toEqual(expected);

  // The library does the same as the CLI: nothing changed since, nothing is written.
  const { graph: current, dataset } = await loadGraph([data]);
  const viaLibrary = await loadIntoNeo4j(current, config, {
    dataset: 'incremental',
    files: await fileKeys(dataset),
    incremental: true,
  });
  expect(viaLibrary.files).toEqual({ changed: 0, unchanged: 4, removed: 0 });
  expect(viaLibrary.writtenRelationships).toBe(0);
});

test('--incremental needs the Neo4j backend', () => {
  const r = spawnSync(
    process.execPath,
    [join(ROOT, 'dist', 'cli', 'main.js'), 'load', data, '--incremental'],
    { encoding: 'utf8', env: { ...process.env, NEO4J_URI: '' } },
  );
  expect(r.status).toBe(2);
  expect(r.stderr).toContain('error USAGE --incremental needs --backend neo4j');
});
