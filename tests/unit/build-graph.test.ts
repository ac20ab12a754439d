import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { MultiDirectedGraph } from 'graphology';
import { buildGraph, validate, type FactGraph } from '../../src';
import { datasetParts } from '../../src/backends/memory/build-graph';
import { generateCorpus, ROOT } from '../helpers';

const tmp = mkdtempSync(join(tmpdir(), 'factgraph-build-graph-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// V8's own word on whether an object is a hash table (dictionary mode) or has hidden classes.
setFlagsFromString('--allow-natives-syntax');
const hasFastProperties = new Function('o', 'return %HasFastProperties(o)') as (o: object) => boolean;

type Adjacency = { in: object; out: object };
const nodeData = (graph: FactGraph, id: string) =>
  (graph as unknown as { _nodes: Map<string, Adjacency> })._nodes.get(id)!;

/** The same parts added to graphology as anyone would: no change to its node data. */
function plainGraph(graph: FactGraph, parts: ReturnType<typeof datasetParts>): FactGraph {
  const plain: FactGraph = new MultiDirectedGraph({ allowSelfLoops: false });
  plain.replaceAttributes({ documents: graph.getAttribute('documents') });
  parts.forEachNode((id, attributes) => plain.addNode(id, attributes));
  parts.forEachEdge((id, attributes, s, o) => plain.addDirectedEdgeWithKey(id, s, o, attributes));
  return plain;
}

describe('buildGraph keeps graphology neighbours in hash tables', () => {
  test.each([
    ['the article data', () => join(ROOT, 'graph-data')],
    [
      'a generated corpus',
      () => generateCorpus(join(tmp, 'corpus'), ['--statements', '3000', '--seed', '11']),
    ],
  ])('%s: the graph graphology builds unchanged, and every query on it the same', async (_, data) => {
    const result = await validate([data()]);
    expect(result.errors).toEqual([]);
    const graph = buildGraph(result.dataset);
    const plain = plainGraph(graph, datasetParts(result.dataset));
    expect(graph.export()).toEqual(plain.export());
    for (const id of plain.nodes()) {
      // The tweak holds: if graphology's node data changed shape, this says so (the graph is still right).
      expect(hasFastProperties(nodeData(graph, id).out)).toBe(false);
      expect(Object.getPrototypeOf(nodeData(graph, id).in)).toBe(Object.prototype);
      expect(graph.outNeighbors(id)).toEqual(plain.outNeighbors(id));
      expect(graph.inNeighbors(id)).toEqual(plain.inNeighbors(id));
      expect(graph.edges(id)).toEqual(plain.edges(id));
      for (const other of plain.outNeighbors(id)) {
        expect(graph.hasDirectedEdge(id, other)).toBe(true);
        expect(graph.directedEdges(id, other)).toEqual(plain.directedEdges(id, other));
      }
    }
    // Checks that ask Object.prototype's methods of a node's neighbours still work.
    const [first] = plain.nodes();
    expect(graph.hasDirectedEdge(first!, 'toString')).toBe(false);
    expect(graph.areNeighbors(first!, 'constructor')).toBe(plain.areNeighbors(first!, 'constructor'));
  });
});
