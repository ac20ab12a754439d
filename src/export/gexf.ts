import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import type { FactGraph } from '../backends/memory/build-graph';
import { kindRgb, withoutReserved, type Column, type ColumnType } from './attributes';
import { columnsWithout, XML_OPTIONS, xmlAttribute, xmlText } from './graphml';
import type { ExportFormatSpec } from './index';

const GEXF_NS = 'http://gexf.net/1.3';
const VIZ_NS = 'http://gexf.net/1.3/viz';

/**
 * Gephi's own columns (id, label; an edge's kind and weight) and what graphology-gexf reads from the
 * element and its `viz:` children: data under these names goes to `attr_<name>`. An entity's `kind`
 * stays, since a node has no GEXF kind.
 */
const NODE_RESERVED = ['id', 'label', 'color', 'size', 'x', 'y', 'z', 'shape'];
const EDGE_RESERVED = [
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
function attvalues(parent: XMLBuilder, values: Record<string, unknown>, columns: Column[]): void {
  const list = parent.ele('attvalues');
  for (const c of columns) {
    const value = values[c.name];
    if (value !== undefined) list.ele('attvalue', { for: c.name, value: xmlAttribute(gexfValue(value)) });
  }
}

/**
 * GEXF 1.3 for Gephi: static and directed, node label = name, edge label and kind (Gephi's edge type) =
 * predicate, node colour by kind, every attribute declared with its type, parallel edges kept under their
 * own ids. Ids are the graph's own: GEXF allows any string. Dates, the statement's included, are string
 * attributes (ISO 8601, so they sort as text): GEXF has no date attribute type, and Gephi reads an edge's
 * `start` as a time interval even in a static graph, showing the claim from that day on for ever, which
 * is not what a dated statement means.
 */
export function toGexf(graph: FactGraph): string {
  const nodeColumns = columnsWithout(graph, 'node', NODE_RESERVED);
  const edgeColumns = columnsWithout(graph, 'edge', EDGE_RESERVED);
  const root = create(XML_OPTIONS).ele(GEXF_NS, 'gexf', { 'xmlns:viz': VIZ_NS, version: '1.3' });

  const documents = Object.entries(graph.getAttribute('documents')).sort(([a], [b]) => (a < b ? -1 : 1));
  const meta = root.ele('meta');
  meta.ele('creator').txt('factgraph');
  meta
    .ele('description')
    .txt(xmlText(documents.map(([id, d]) => `${d.title} (${d.date}, ${id})`).join('; ')));

  const body = root.ele('graph', { mode: 'static', defaultedgetype: 'directed' });
  for (const [of, columns] of [
    ['node', nodeColumns],
    ['edge', edgeColumns],
  ] as const) {
    const declarations = body.ele('attributes', { class: of });
    for (const c of columns)
      declarations.ele('attribute', { id: c.name, title: c.name, type: GEXF_TYPES[c.type] });
  }

  const nodes = body.ele('nodes', { count: String(graph.order) });
  for (const id of graph.nodes().sort()) {
    const attributes = graph.getNodeAttributes(id);
    const node = nodes.ele('node', { id: xmlAttribute(id), label: xmlAttribute(attributes.name) });
    attvalues(node, withoutReserved(attributes, NODE_RESERVED), nodeColumns);
    const [r, g, b] = kindRgb(attributes.kind);
    node.ele(VIZ_NS, 'viz:color', { r: String(r), g: String(g), b: String(b) });
  }
  const edges = body.ele('edges', { count: String(graph.size) });
  for (const id of graph.edges().sort()) {
    const attributes = graph.getEdgeAttributes(id);
    const edge = edges.ele('edge', {
      id: xmlAttribute(id),
      source: xmlAttribute(graph.source(id)),
      target: xmlAttribute(graph.target(id)),
      label: xmlAttribute(attributes.predicate),
      kind: xmlAttribute(attributes.predicate),
    });
    attvalues(edge, withoutReserved(attributes, EDGE_RESERVED), edgeColumns);
  }
  return `${root.end({ prettyPrint: true })}\n`;
}

export const GEXF_FORMAT = {
  extension: 'gexf',
  opensWith: 'Gephi',
  serialize: toGexf,
} as const satisfies ExportFormatSpec;
