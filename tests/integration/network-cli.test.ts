/**
 * kg network: the same numbers as the library, in every format; outputs written as exports are (atomic,
 * a manifest in a folder, never over what kg did not write); usage errors before the data is read.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import Graph from 'graphology';
import {
  csvMatrix,
  discourseNetworks,
  loadGraph,
  propertyGraph,
  queryGraph,
  networkEdges,
  validate,
  type Dataset,
  type NetworkOptions,
} from '../../src';
import { MANIFEST } from '../../src/export/output-target';
import { FIXTURES, ROOT } from '../helpers';

const CLI = join(ROOT, 'dist', 'cli', 'main.js');
const DEBATE = join(FIXTURES, 'network');
const tmp = mkdtempSync(join(tmpdir(), 'factgraph-network-'));

function kg(args: string[]) {
  if (!existsSync(CLI)) throw new Error('dist/ is missing: run npm run build (npm test does)');
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', NEO4J_URI: '' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dataset: Dataset;
beforeAll(async () => {
  dataset = (await validate([DEBATE])).dataset;
});

test.each<[string[], NetworkOptions]>([
  [['--type', 'congruence'], { type: 'congruence' }],
  [['--type', 'conflict', '--normalize', 'jaccard'], { type: 'conflict', normalize: 'jaccard' }],
  [
    ['--type', 'subtract', '--actors', 'organization', '--isolates'],
    { type: 'subtract', actors: 'organization', isolates: true },
  ],
  [
    ['--type', 'affiliation', '--qualifier', 'subtract', '--from', '2025-03-01', '--to', '2025-03-09'],
    { type: 'affiliation', qualifier: 'subtract', from: '2025-03-01', to: '2025-03-09' },
  ],
  [
    ['--type', 'congruence', '--window', '7', '--step', '3', '--normalize', 'cosine'],
    { type: 'congruence', window: 7, step: 3, normalize: 'cosine' },
  ],
])('kg network %j: the JSON is the library result, with each network’s ties', (args, options) => {
  const out = join(tmp, `${args.join('_')}.json`);
  const r = kg(['network', DEBATE, ...args, '--format', 'json', '--out', out]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const library = discourseNetworks(dataset, options);
  expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual({
    ...library,
    networks: library.networks.map((n) => ({ ...n, edges: networkEdges(library, n) })),
  });
});

test('CSV matrix on standard output: actors as rows, the first column their names, the numbers of the library', () => {
  const r = kg(['network', DEBATE, '--type', 'conflict', '--out', '-']);
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(csvMatrix(discourseNetworks(dataset, { type: 'conflict' }).networks[0]!));
  expect(parse(r.stdout)).toEqual([
    ['', 'Alice', 'Bob', 'Carol', 'Dave', 'Greens'],
    ['Alice', '0', '1', '2', '1', '0'],
    ['Bob', '1', '0', '2', '1', '0'],
    ['Carol', '2', '2', '0', '1', '1'],
    ['Dave', '1', '1', '1', '0', '0'],
    ['Greens', '0', '0', '1', '0', '0'],
  ]);
});

test('the text report: what was counted, what not and why, each network, the output', () => {
  const out = join(tmp, 'affiliation.csv');
  const r = kg(['network', DEBATE, '--type', 'affiliation', '--actors', 'organization', '--out', out]);
  expect(r.code).toBe(0);
  expect(r.stdout.split('\n')).toEqual([
    'valid: 3 files: 2 documents, 9 entities, 13 statements',
    'affiliation network (organization × concept, sign): 4 stances',
    'not counted: 1 asserted by nobody, 1 about a claim, not a concept, 7 without an organization (onBehalfOf)',
    '4 stances, 2 actors, 2 concepts, 3 ties',
    `wrote ${out}`,
    '',
  ]);
});

test('time windows as CSV: a folder with a matrix a window and a manifest; a new run replaces it', () => {
  const out = join(tmp, 'windows');
  for (let run = 0; run < 2; run++) {
    const r = kg(['--json', 'network', DEBATE, '--type', 'conflict', '--window', '7', '--out', out]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      ok: true,
      output: out,
      stances: 11,
      networks: [
        { start: '2025-03-01', end: '2025-03-07', stances: 7, actors: 4, ties: 4 },
        { start: '2025-03-08', end: '2025-03-14', stances: 3, actors: 2, ties: 1 },
        { start: '2025-03-15', end: '2025-03-21', stances: 0, actors: 0, ties: 0 },
        { start: '2025-03-22', end: '2025-03-28', stances: 0, actors: 0, ties: 0 },
        { start: '2025-03-29', end: '2025-04-04', stances: 0, actors: 0, ties: 0 },
      ],
    });
  }
  expect(readdirSync(out).sort()).toEqual([
    MANIFEST,
    '001_2025-03-01_2025-03-07.csv',
    '002_2025-03-08_2025-03-14.csv',
    '003_2025-03-15_2025-03-21.csv',
    '004_2025-03-22_2025-03-28.csv',
    '005_2025-03-29_2025-04-04.csv',
  ]);
  expect(parse(readFileSync(join(out, '002_2025-03-08_2025-03-14.csv')))).toEqual([
    ['', 'Carol', 'Greens'],
    ['Carol', '0', '1'],
    ['Greens', '1', '0'],
  ]);
  expect(JSON.parse(readFileSync(join(out, MANIFEST), 'utf8'))).toMatchObject({ formats: ['network-csv'] });
});

test('a folder kg did not write is refused (OUTPUT_FAILED), and left as it was', () => {
  const out = join(tmp, 'theirs');
  mkdirSync(out);
  writeFileSync(join(out, 'notes.txt'), 'mine');
  const r = kg(['network', DEBATE, '--type', 'conflict', '--window', '7', '--out', out]);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(
    /error OUTPUT_FAILED refusing to write .*theirs: it is a folder that is not an earlier export/,
  );
  expect(readdirSync(out)).toEqual(['notes.txt']);
});

test('the edge list: one row a tie, with each window’s days', () => {
  const r = kg([
    'network',
    DEBATE,
    '--type',
    'conflict',
    '--window',
    '7',
    '--format',
    'edgelist',
    '--out',
    '-',
  ]);
  expect(r.code).toBe(0);
  const rows = parse(r.stdout, { columns: true }) as Record<string, string>[];
  expect(rows.filter((row) => row.start === '2025-03-08')).toEqual([
    {
      source: 'person:carol',
      target: 'organization:greens',
      weight: '1',
      sourceName: 'Carol',
      targetName: 'Greens',
      start: '2025-03-08',
      end: '2025-03-14',
    },
  ]);
  expect(rows).toHaveLength(5);
});

test('GEXF and GraphML read back (graphology) with the library’s ties and weights', () => {
  const library = discourseNetworks(dataset, { type: 'subtract' });
  const expected = networkEdges(library, library.networks[0]!)
    .map((e) => `${e.source} ${e.target} ${e.weight}`)
    .sort();
  const gexf = parseGexf(
    Graph,
    kg(['network', DEBATE, '--type', 'subtract', '-f', 'gexf', '--out', '-']).stdout,
  );
  const graphml = parseGraphml(
    Graph,
    kg(['network', DEBATE, '--type', 'subtract', '-f', 'graphml', '--out', '-']).stdout,
  );
  expect(gexf.mapEdges((_, a, s, t) => `${s} ${t} ${a.weight}`).sort()).toEqual(expected);
  const id = (n: string) => graphml.getNodeAttribute(n, 'factgraph_id') as string;
  expect(graphml.mapEdges((_, a, s, t) => `${id(s)} ${id(t)} ${a.weight}`).sort()).toEqual(expected);
  expect(gexf.getNodeAttributes('person:carol')).toMatchObject({
    label: 'Carol',
    kind: 'Person',
    mode: 'actor',
  });
});

test.each([
  [['--type', 'congruence', '--window', '7', '--format', 'graphml'], /GraphML holds one network/],
  [['--type', 'affiliation', '--normalize', 'average'], /one-mode networks/],
  [['--type', 'congruence', '--window', '7', '--out', '-'], /a folder of files: give --out a folder/],
  [['--type', 'congruence', '--from', 'yesterday'], /--from: "yesterday" is not an EDTF level 1 date/],
  [['--type', 'cliques'], /argument 'cliques' is invalid/],
  [[], /required option '--type <type>' not specified/],
])('usage errors: %j, exit 2, before the data is read', (args, message) => {
  // A data path that does not exist: an error on reading it would be PATH_NOT_FOUND, not USAGE.
  const r = kg(['network', join(tmp, 'no-such-data'), ...args]);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/^error USAGE /);
  expect(r.stderr).toMatch(message);
});

test('the queries/ stance networks give the library’s numbers on the debate (memory Cypher)', async () => {
  const { graph } = await loadGraph([DEBATE]);
  const memory = propertyGraph(graph, 'debate');
  for (const [type, file, other] of [
    ['congruence', 'stance-congruence-network.cypher', 'standsWith'],
    ['conflict', 'stance-conflict-network.cypher', 'standsAgainst'],
  ] as const) {
    const { rows } = queryGraph(memory, readFileSync(join(ROOT, 'queries', file), 'utf8'));
    const library = discourseNetworks(dataset, { type });
    const names = new Map(library.networks[0]!.rows.map((r) => [r.id, r.name]));
    const pair = (a: string, b: string, w: unknown) => `${[a, b].sort().join(' & ')}: ${String(w)}`;
    expect(rows.map((r) => pair(r.actor as string, r[other] as string, r.weight)).sort()).toEqual(
      networkEdges(library, library.networks[0]!)
        .map((e) => pair(names.get(e.source)!, names.get(e.target)!, e.weight))
        .sort(),
    );
  }
});
