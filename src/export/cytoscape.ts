import type { FactGraph } from '../backends/memory/build-graph';
import { KIND_COLORS, KINDS_IN_ORDER, withoutReserved } from './attributes';
import type { ExportFormatSpec } from './index';

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

const byId = (a: { data: { id: string } }, b: { data: { id: string } }) =>
  a.data.id < b.data.id ? -1 : a.data.id > b.data.id ? 1 : 0;

/**
 * Cytoscape.js elements JSON (`cytoscape({ elements, style })`, or Cytoscape desktop: File > Import >
 * Network from File): a node per entity labelled with its name, an edge per statement labelled with
 * its predicate, every attribute as data (reserved names as `attr_<name>`), and a style that colours
 * nodes by kind.
 */
export function toCytoscapeJson(graph: FactGraph): string {
  const nodes = graph.mapNodes((id, a) => ({ data: { id, label: a.name, ...sortedData(a) } })).sort(byId);
  const edges = graph
    .mapEdges((id, a, source, target) => ({
      data: { id, source, target, label: a.predicate, ...sortedData(a) },
    }))
    .sort(byId);
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
  return `${JSON.stringify({ elements: { nodes, edges }, style }, null, 2)}\n`;
}

export const CYTOSCAPE_FORMAT = {
  extension: 'cyjs',
  opensWith: 'Cytoscape.js, Cytoscape desktop (File > Import > Network from File)',
  serialize: toCytoscapeJson,
} as const satisfies ExportFormatSpec;
