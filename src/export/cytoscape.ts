import type { FactGraph } from '../backends/memory/build-graph';
import { KIND_COLORS, KINDS_IN_ORDER, withoutReserved } from './attributes';
import { jsonChunks, streamed } from './json';
import type { Chunks } from './chunks';
import type { ExportFormatSpec } from './format-spec';

/** Data names Cytoscape gives a meaning (id, source, target, parent) and the one this export sets (label). */
const RESERVED = ['id', 'label', 'source', 'target', 'parent'] as const;

/** Attributes by name, so the same graph gives the same bytes whatever order its attributes were set in. */
function sortedData(attributes: object): Record<string, unknown> {
  const data = withoutReserved(attributes, RESERVED);
  return Object.fromEntries(
    Object.keys(data)
      .sort()
      .map((k) => [k, data[k]]),
  );
}

/**
 * Cytoscape.js elements JSON (`cytoscape({ elements, style })`, or Cytoscape desktop: File > Import >
 * Network from File): a node per entity labelled with its name, an edge per statement labelled with
 * its predicate, every attribute as data (reserved names as `attr_<name>`), and a style that colours
 * nodes by kind.
 */
export function* toCytoscapeJson(graph: FactGraph): Chunks {
  const nodes = streamed(graph.nodes().sort(), (id) => {
    const a = graph.getNodeAttributes(id);
    return { data: { id, label: a.name, ...sortedData(a) } };
  });
  const edges = streamed(graph.edges().sort(), (id) => {
    const a = graph.getEdgeAttributes(id);
    return {
      data: { id, source: graph.source(id), target: graph.target(id), label: a.predicate, ...sortedData(a) },
    };
  });
  const style = [
    { selector: 'node', style: { label: 'data(label)', 'background-color': '#999999' } },
    ...KINDS_IN_ORDER.map((kind) => ({
      selector: `node[kind = "${kind}"]`,
      style: { 'background-color': KIND_COLORS[kind] },
    })),
    {
      selector: 'edge',
      style: { label: 'data(label)', 'curve-style': 'bezier', 'target-arrow-shape': 'triangle' },
    },
  ];
  yield* jsonChunks({ elements: { nodes, edges }, style });
  yield '\n';
}

export const CYTOSCAPE_FORMAT = {
  extension: 'cyjs',
  opensWith: 'Cytoscape.js, Cytoscape desktop (File > Import > Network from File)',
  serialize: toCytoscapeJson,
} as const satisfies ExportFormatSpec;
