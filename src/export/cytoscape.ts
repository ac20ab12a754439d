import type { FactGraph } from '../backends/memory/build-graph';
import { claimTies, KIND_COLORS, KINDS_IN_ORDER, withoutReserved } from './attributes';
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
 * its predicate, every attribute as data (reserved names as `attr_<name>`), a statement another is
 * about as a node with `tie` edges (labelled subject, object) to its ends, and a style that colours
 * nodes by kind and dashes negated statements.
 */
export function* toCytoscapeJson(graph: FactGraph): Chunks {
  const nodes = streamed(graph.nodes().sort(), (id) => {
    const a = graph.getNodeAttributes(id);
    return { data: { id, label: a.name, ...sortedData(a) } };
  });
  function* edgeElements() {
    for (const id of graph.edges().sort()) {
      const a = graph.getEdgeAttributes(id);
      yield {
        data: {
          id,
          source: graph.source(id),
          target: graph.target(id),
          label: a.predicate,
          ...sortedData(a),
        },
      };
    }
    // A statement node's ties to its ends, marked `tie` (the role as label), after the statements.
    for (const { statement, role, end } of claimTies(graph)) {
      yield { data: { id: `${role}:${statement}`, source: statement, target: end, label: role, tie: true } };
    }
  }
  const edges = streamed(edgeElements());
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
    { selector: 'edge[polarity = "negated"]', style: { 'line-style': 'dashed' } },
    { selector: 'edge[?tie]', style: { 'line-style': 'dotted', 'target-arrow-shape': 'none' } },
    { selector: 'node[kind = "Statement"]', style: { shape: 'round-rectangle' } },
    {
      selector: 'node[kind = "Statement"][!asserted]',
      style: { 'border-style': 'dashed', 'border-width': 1 },
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
