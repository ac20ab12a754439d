/**
 * kg network's GEXF and GraphML opened as people open them: Gephi (the toolkit, default import settings),
 * networkx and python-igraph (scripts/readers/setup.sh fetches them); each with the library's nodes,
 * ties and weights, and the time windows on Gephi's timeline.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  discourseNetworks,
  networkEdges,
  serializeNetworks,
  validate,
  type Dataset,
  type DiscourseNetworks,
  type NetworkOptions,
} from '../../src';
import { dayNumber } from '../../src/network/period';
import {
  gephi,
  igraph,
  networkx,
  setUpReaders,
  type GephiWorkspace,
  type PyAttributes,
} from '../desktop-readers';
import { FIXTURES } from '../helpers';

const tmp = mkdtempSync(join(tmpdir(), 'factgraph-network-readers-'));

const CASES: Record<string, NetworkOptions> = {
  congruence: { type: 'congruence', normalize: 'jaccard' },
  subtract: { type: 'subtract' },
  affiliation: { type: 'affiliation' },
  'conflict-windows': { type: 'conflict', window: 7 },
  'affiliation-windows': { type: 'affiliation', window: 14, step: 7, to: '2025-03-14' },
};
const STATIC = ['congruence', 'subtract', 'affiliation'];
const results: Record<string, DiscourseNetworks> = {};
const file = (name: string, format: 'gexf' | 'graphml') => join(tmp, `${name}.${format}`);

beforeAll(setUpReaders, 600_000);

let opened: Record<string, GephiWorkspace>;
beforeAll(async () => {
  const dataset: Dataset = (await validate([join(FIXTURES, 'network')])).dataset;
  const files: string[] = [];
  for (const [name, options] of Object.entries(CASES)) {
    results[name] = discourseNetworks(dataset, options);
    for (const format of STATIC.includes(name) ? (['gexf', 'graphml'] as const) : (['gexf'] as const)) {
      writeFileSync(file(name, format), [...(serializeNetworks(results[name], format) as string[])].join(''));
      files.push(file(name, format));
    }
  }
  // One JVM for every file: a start costs seconds.
  opened = Object.fromEntries(gephi(files).map((w) => [w.file, w]));
}, 600_000);

/** The library's ties of a network without windows as `source target weight`. */
function libraryTies(name: string): string[] {
  const result = results[name]!;
  return networkEdges(result, result.networks[0]!).map((e) => `${e.source} ${e.target} ${e.weight}`);
}

function libraryNodes(name: string): string[] {
  const result = results[name]!;
  const ids = new Set(
    result.networks.flatMap((n) =>
      [...n.rows, ...(result.type === 'affiliation' ? n.columns : [])].map((x) => x.id),
    ),
  );
  return [...ids].sort();
}

/** The same tie either way round: a pair's ends sorted. */
const undirected = (s: string, t: string, w: number) => `${[s, t].sort().join(' ')} ${w}`;
const sortedTies = (ties: string[]) =>
  ties
    .map((t) => {
      const [s, u, w] = t.split(' ');
      return undirected(s!, u!, Number(w));
    })
    .sort();

describe('Gephi opens the networks with the default import settings', () => {
  const problems = (w: GephiWorkspace) => w.issues.filter((i) => i.level !== 'INFO').map((i) => i.message);

  test.each(STATIC)('%s: GEXF and GraphML, every node and tie with its weight, undirected', (name) => {
    const gexf = opened[file(name, 'gexf')]!;
    const graphml = opened[file(name, 'graphml')]!;
    expect([gexf.importer, graphml.importer]).toEqual(['ImporterGEXF', 'ImporterGraphML']);
    const negative = libraryTies(name).filter((t) => t.endsWith(' -1') || t.endsWith(' -2')).length;
    // A negative weight (subtract) is imported as it is, with a warning in the import report.
    for (const w of [gexf, graphml]) {
      expect(problems(w)).toHaveLength(negative);
      for (const p of problems(w)) expect(p).toMatch(/has a negative weight$/);
      expect(w.edges.every((e) => !e.directed)).toBe(true);
    }
    expect(gexf.nodes.map((n) => n.id).sort()).toEqual(libraryNodes(name));
    const graphmlId = new Map(graphml.nodes.map((n) => [n.id, n.attributes.factgraph_id as string]));
    expect([...graphmlId.values()].sort()).toEqual(libraryNodes(name));
    // Gephi's importers read a static weight as a float (single precision).
    const float = sortedTies(
      libraryTies(name).map((t) => t.replace(/\S+$/, (w) => String(Math.fround(Number(w))))),
    );
    expect(gexf.edges.map((e) => undirected(e.source, e.target, e.weight)).sort()).toEqual(float);
    expect(
      graphml.edges
        .map((e) => undirected(graphmlId.get(e.source)!, graphmlId.get(e.target)!, e.weight))
        .sort(),
    ).toEqual(float);
    expect(gexf.nodes.find((n) => n.id === 'person:carol')).toMatchObject({
      label: 'Carol',
      attributes: { kind: 'Person', mode: 'actor' },
    });
  });

  test.each(['conflict-windows', 'affiliation-windows'])(
    '%s: the timeline plays the windows, each tie with its weight in each window',
    (name) => {
      const w = opened[file(name, 'gexf')]!;
      const result = results[name]!;
      expect(problems(w)).toEqual([]);
      expect(w.nodes.map((n) => n.id).sort()).toEqual(libraryNodes(name));
      const ms = (day: string) => dayNumber(day) * 86_400_000;
      // Each window is shown from its first day until the next window starts (Gephi: ms at 00:00 UTC).
      const expected = new Map<string, string[]>();
      for (const n of result.networks)
        for (const e of networkEdges(result, n)) {
          const k = [e.source, e.target].sort().join(' ');
          const last = ms(n.start!) + (result.step! - 1) * 86_400_000;
          expected.set(k, [...(expected.get(k) ?? []), `[${ms(n.start!)}.0, ${last}.0, ${e.weight}.0]`]);
        }
      expect(
        Object.fromEntries(w.edges.map((e) => [[e.source, e.target].sort().join(' '), e.weights])),
      ).toEqual(Object.fromEntries([...expected].map(([k, v]) => [k, `<${v.join('; ')}>`])));
    },
  );

  test('a tie that changes: Alice on nuclear power disagrees in the first window, agrees in the next', () => {
    const w = opened[file('affiliation-windows', 'gexf')]!;
    const tie = w.edges.find((e) => e.source === 'person:alice' && e.target === 'concept:nuclear-power');
    expect(tie?.weights).toBe(
      '<[1740787200000.0, 1741305600000.0, 3.0]; [1741392000000.0, 1741910400000.0, 1.0]>',
    );
  });
});

describe('networkx and python-igraph read the weights', () => {
  /** A Python reader's ties as `source target weight`, its node keys mapped to entity ids. */
  const read = (
    edges: { source: string | number; target: string | number; attributes: PyAttributes }[],
    id: (node: string | number) => string,
  ) => edges.map((e) => undirected(id(e.source), id(e.target), e.attributes.weight!.value as number)).sort();

  test.each(STATIC)('%s: networkx GEXF and GraphML, igraph GraphML', (name) => {
    const expected = sortedTies(libraryTies(name));
    const gx = networkx('gexf', file(name, 'gexf'));
    expect(gx.directed).toBe(false);
    expect(read(gx.edges, String)).toEqual(expected);
    const gm = networkx('graphml', file(name, 'graphml'));
    expect(read(gm.edges, (n) => gm.nodes[n]!.factgraph_id!.value as string)).toEqual(expected);
    const ig = igraph(file(name, 'graphml'));
    expect(ig.directed).toBe(false);
    expect(read(ig.edges, (i) => ig.vertices[i as number]!.factgraph_id!.value as string)).toEqual(expected);
  });
});
