import type { FactGraph } from '../backends/memory/build-graph';
import {
  claimTies,
  columnsWithout,
  edgeColumnsWithTies,
  kindRgb,
  withoutReserved,
  type Column,
  type ColumnType,
  isNegated,
} from './attributes';
import { exportLayout } from './layout';
import { XmlWriter } from './xml';
import type { Chunks } from './chunks';
import type { ExportFormatSpec } from './format-spec';
import { flatAttributes } from '../load/flatten';

const GEXF_NS = 'http://gexf.net/1.3';
const VIZ_NS = 'http://gexf.net/1.3/viz';

/**
 * Gephi's own columns (id, label; an edge's kind and weight) and what graphology-gexf reads from the
 * element and its `viz:` children: data under these names goes to `attr_<name>`. An entity's `kind`
 * stays, since a node has no GEXF kind.
 */
export const GEXF_NODE_RESERVED = ['id', 'label', 'color', 'size', 'x', 'y', 'z', 'shape'];
export const GEXF_EDGE_RESERVED = [
  'id',
  'label',
  'kind',
  'weight',
  'color',
  'thickness',
  'shape',
  'source',
  'target',
  'type',
];

const GEXF_TYPES: Record<ColumnType, string> = {
  string: 'string',
  boolean: 'boolean',
  int: 'integer',
  double: 'double',
  list: 'liststring',
};

/**
 * A value as an `attvalue`. A list is GEXF 1.3's `[...]`, each item single-quoted with `\` and `'`
 * escaped: what Gephi's array parser and graphology-gexf both read back, whatever the items hold.
 */
function gexfValue(value: unknown): string {
  if (!Array.isArray(value)) return String(value);
  return `[${value.map((v) => `'${String(v).replace(/['\\]/g, '\\$&')}'`).join(', ')}]`;
}

/** A node's or edge's `attvalues`, in column order. */
function attvalues(xml: XmlWriter, values: Record<string, unknown>, columns: Column[]): void {
  xml.element('attvalues');
  for (const c of columns) {
    const value = values[c.name];
    if (value !== undefined) xml.leaf('attvalue', { for: c.name, value: gexfValue(value) });
  }
  xml.close();
}

/**
 * GEXF 1.3 for Gephi: directed, node label = name, colour by kind, position and size from the viewer's
 * layout (up to PLACED_UP_TO statements); edge label = predicate; every attribute declared with its type, lists as `liststring`. Ids are
 * the graph's own: GEXF allows any string. An edge's kind (Gephi's edge type) is its statement id: Gephi's
 * default import merges parallel edges of one type into one, so two statements between the same entities
 * with the same predicate would become one edge, one quote lost. A dated statement is on Gephi's timeline
 * as a spell from its first to its last day (an EDTF range or month: its bounds) (the graph is `dynamic`, times are dates); dates stay string attributes too
 * (ISO 8601, so they sort as text), since Gephi has no date attribute type. A statement another is
 * about, or that nobody asserts, is a node (kind `Statement`) with two dotted edges to its ends, ids
 * `subject:<statement>` and `object:<statement>`, labelled with the role and marked `tie` (as in
 * Cytoscape JSON and Neo4j); its edge, if asserted, keeps the statement id (GEXF's node and edge ids
 * are apart).
 */
export function* toGexf(graph: FactGraph): Chunks {
  const nodeColumns = columnsWithout(graph, 'node', GEXF_NODE_RESERVED);
  const edgeColumns = edgeColumnsWithTies(graph, GEXF_EDGE_RESERVED);
  const ties = claimTies(graph);
  const layout = exportLayout(graph);
  const xml = new XmlWriter().element('gexf', { xmlns: GEXF_NS, 'xmlns:viz': VIZ_NS, version: '1.3' });

  const documents = Object.entries(graph.getAttribute('documents')).sort(([a], [b]) => (a < b ? -1 : 1));
  xml
    .element('meta')
    .leaf('creator', {}, 'factgraph')
    .leaf('description', {}, documents.map(([id, d]) => `${d.title} (${d.date}, ${id})`).join('; '))
    .close();

  xml.element('graph', { mode: 'dynamic', defaultedgetype: 'directed', timeformat: 'date' });
  for (const [of, columns] of [
    ['node', nodeColumns],
    ['edge', edgeColumns],
  ] as const) {
    xml.element('attributes', { class: of });
    for (const c of columns) xml.leaf('attribute', { id: c.name, title: c.name, type: GEXF_TYPES[c.type] });
    xml.close();
  }

  xml.element('nodes', { count: String(graph.order) });
  for (const id of graph.nodes().sort()) {
    const attributes = graph.getNodeAttributes(id);
    xml.element('node', { id, label: attributes.name });
    attvalues(xml, withoutReserved(flatAttributes(attributes), GEXF_NODE_RESERVED), nodeColumns);
    const [r, g, b] = kindRgb(attributes.kind);
    xml.leaf('viz:color', { r: String(r), g: String(g), b: String(b) });
    if (layout) {
      const [x, y] = layout.positions[id]!;
      xml.leaf('viz:position', { x: String(x), y: String(y) });
      xml.leaf('viz:size', { value: String(layout.sizes[id]) });
    }
    xml.close();
    yield xml.take();
  }
  xml.close().element('edges', { count: String(graph.size + ties.length) });
  for (const id of graph.edges().sort()) {
    const attributes = graph.getEdgeAttributes(id);
    const { predicate } = attributes;
    xml.element('edge', {
      id,
      source: graph.source(id),
      target: graph.target(id),
      label: predicate,
      kind: id,
    });
    attvalues(xml, withoutReserved(flatAttributes(attributes), GEXF_EDGE_RESERVED), edgeColumns);
    // The days the claim holds: its EDTF bounds.
    const { dateFrom: start, dateTo: end } = attributes;
    if (start && end) xml.element('spells').leaf('spell', { start, end }).close();
    if (isNegated(attributes)) xml.leaf('viz:shape', { value: 'dashed' });
    xml.close();
    yield xml.take();
  }
  for (const { id, statement, role, end } of ties) {
    xml.element('edge', { id, source: statement, target: end, label: role, kind: id });
    attvalues(xml, { tie: true }, edgeColumns);
    xml.leaf('viz:shape', { value: 'dotted' }).close();
    yield xml.take();
  }
  yield xml.end();
}

export const GEXF_FORMAT = {
  extension: 'gexf',
  opensWith: 'Gephi, networkx',
  serialize: toGexf,
} as const satisfies ExportFormatSpec;
