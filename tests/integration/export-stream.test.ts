import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Graph from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import {
  EXPORT_FORMATS,
  exportGraph,
  loadGraph,
  writeExport,
  type ExportFormat,
  type FactGraph,
} from '../../src';
import { writeBigDataset } from '../big-dataset';

/** 10,000 statements: their files are several write batches long each. */
const STATEMENTS = 10_000;
const tmp = mkdtempSync(join(tmpdir(), 'factgraph-stream-'));
let graph: FactGraph;

beforeAll(async () => {
  writeBigDataset(join(tmp, 'data'), 1000, STATEMENTS);
  graph = (await loadGraph([join(tmp, 'data')])).graph;
});

const written = async (format: ExportFormat) => {
  const path = join(tmp, `graph.${EXPORT_FORMATS[format].extension}`);
  await writeExport(graph, format, path);
  return readFileSync(path, 'utf8');
};

test('written a batch at a time, GEXF reads back with every node and edge', async () => {
  const back = parseGexf(Graph, await written('gexf'));
  expect([back.order, back.size]).toEqual([1000, STATEMENTS]);
  expect(back.getEdgeAttribute('s:9999', 'quote')).toBe(graph.getEdgeAttribute('s:9999', 'quote'));
});

test('written a batch at a time, GraphML reads back with every node and edge', async () => {
  const back = parseGraphml(Graph, await written('graphml'));
  expect([back.order, back.size]).toEqual([1000, STATEMENTS]);
});

test('the JSON formats parse, whole, with every node and edge', async () => {
  const graphology = JSON.parse(await written('graphology')) as { nodes: unknown[]; edges: unknown[] };
  expect([graphology.nodes.length, graphology.edges.length]).toEqual([1000, STATEMENTS]);
  const cytoscape = JSON.parse(await written('cytoscape')) as {
    elements: { nodes: unknown[]; edges: unknown[] };
  };
  expect([cytoscape.elements.nodes.length, cytoscape.elements.edges.length]).toEqual([1000, STATEMENTS]);
});

test.each(['gexf', 'graphml', 'graphology', 'cytoscape', 'dot', 'mermaid', 'turtle', 'jsonld'] as const)(
  '%s: the file written is exportGraph’s text, byte for byte',
  async (format) => {
    expect(await written(format)).toBe(exportGraph(graph, format));
  },
);

test('neo4j-csv: each file written is exportGraph’s text, byte for byte', async () => {
  const folder = join(tmp, 'neo4j-csv');
  await writeExport(graph, 'neo4j-csv', folder);
  const files = exportGraph(graph, 'neo4j-csv');
  expect(readdirSync(folder).sort()).toEqual([...Object.keys(files), '.factgraph-export.json'].sort());
  for (const [name, text] of Object.entries(files))
    expect(readFileSync(join(folder, name), 'utf8')).toBe(text);
  expect(files['statements.csv']!.trimEnd().split('\n')).toHaveLength(STATEMENTS + 1);
});
