import type { FactGraph } from '../backends/memory/build-graph';
import { jsonChunks, streamed } from './json';
import type { Chunks } from './chunks';

/** As graphology serializes a node or an edge: `attributes` only when it has any. */
const withAttributes = <T extends object>(item: T, attributes: object) =>
  Object.keys(attributes).length > 0 ? { ...item, attributes } : item;

/**
 * graphology's own serialization, `graph.export()`, made a node and an edge at a time (export() copies
 * them all at once; a FactGraph is directed, so no edge has export's `undirected` flag):
 * `Graph.from(JSON.parse(text))` gives the same graph back. Stable key order and a final newline make it
 * byte-identical for the same input.
 */
export function* toGraphologyJson(graph: FactGraph): Chunks {
  yield* jsonChunks({
    options: { type: graph.type, multi: graph.multi, allowSelfLoops: graph.allowSelfLoops },
    attributes: graph.getAttributes(),
    nodes: streamed(graph.nodeEntries(), ({ node, attributes }) => withAttributes({ key: node }, attributes)),
    edges: streamed(graph.edgeEntries(), ({ edge, source, target, attributes }) =>
      withAttributes({ key: edge, source, target }, attributes),
    ),
  });
  yield '\n';
}
