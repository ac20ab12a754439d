import type { FactGraph } from '../backends/memory/build-graph';
import { claimTies, KIND_COLORS, KINDS_IN_ORDER, sortedKeys, withoutReserved } from './attributes';
import { jsonChunks, streamed } from './json';
import { exportLayout } from './layout';
import type { Chunks } from './chunks';
import type { ExportFormatSpec } from './format-spec';

/**
 * Data names Cytoscape gives a meaning (id, source, target, parent), the one this export sets (label), and
 * the ones networkx's cytoscape_graph reads as a node's and an edge's key (value, key).
 */
const RESERVED = ['id', 'label', 'source', 'target', 'parent', 'value', 'key'] as const;

/** Attributes by name, so the same graph gives the same bytes whatever order its attributes were set in. */
function sortedData(attributes: object): Record<string, unknown> {
  return sortedKeys(withoutReserved(attributes, RESERVED)) as Record<string, unknown>;
}

/**
 * Cytoscape's JSON (`.cyjs`): what Cytoscape desktop imports (File > Import > Network from File), what
 * cytoscape.js takes (`cytoscape(json)`), and what networkx's cytoscape_graph reads whole. The graph's
 * data (its documents) at the top, `directed` and `multigraph` for networkx; a node per entity labelled
 * with its name, placed by the viewer's layout (up to PLACED_UP_TO statements); an edge per statement
 * labelled with its predicate; every attribute as data (reserved names as `attr_<name>`); a statement
 * another is about as a node with `tie` edges (labelled subject, object) to its ends; a node's id again
 * as `value` and an edge's statement id as `key`, which networkx takes as its keys (parallel edges would otherwise
 * share key 0 and overwrite each other); a style that colours nodes by kind and dashes negated
 * statements, and the `preset` layout that keeps the positions (`grid` for a graph without them).
 */
export function* toCytoscapeJson(graph: FactGraph): Chunks {
  const layout = exportLayout(graph);
  const nodes = streamed(graph.nodes().sort(), (id) => {
    const a = graph.getNodeAttributes(id);
    const data = { id, value: id, label: a.name, ...sortedData(a) };
    if (!layout) return { data };
    const [x, y] = layout.positions[id]!;
    // Cytoscape draws y downwards; the layout's y runs up, as in the viewer and Gephi.
    return { data, position: { x, y: -y } };
  });
  function* edgeElements() {
    for (const id of graph.edges().sort()) {
      const a = graph.getEdgeAttributes(id);
      const ends = { source: graph.source(id), target: graph.target(id) };
      // Cytoscape wants an id no node has: a statement that is also a node (another is about it) gets
      // `edge:` before it; `key` is the statement id in every case.
      const element = graph.hasNode(id) ? `edge:${id}` : id;
      yield { data: { id: element, key: id, ...ends, label: a.predicate, ...sortedData(a) } };
    }
    // A statement node's ties to its ends, marked `tie` (the role as label), after the statements.
    for (const { id, statement, role, end } of claimTies(graph)) {
      yield { data: { id, key: id, source: statement, target: end, label: role, tie: true } };
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
  const data = { name: 'factgraph', documents: sortedKeys(graph.getAttribute('documents')) };
  yield* jsonChunks({
    format_version: '1.0',
    generated_by: 'factgraph',
    target_cytoscapejs_version: '~3.0',
    data,
    directed: true,
    multigraph: true,
    elements: { nodes, edges },
    style,
    // cytoscape.js lays the nodes out on a grid unless told to keep their positions.
    layout: { name: layout ? 'preset' : 'grid' },
  });
  yield '\n';
}

export const CYTOSCAPE_FORMAT = {
  extension: 'cyjs',
  opensWith:
    'Cytoscape desktop (File > Import > Network from File), Cytoscape.js, networkx (cytoscape_graph)',
  serialize: toCytoscapeJson,
} as const satisfies ExportFormatSpec;
