import type { FactGraph } from '../backends/memory/build-graph';
import { columnsWithout, KIND_COLORS, withoutReserved, type ColumnType } from './attributes';
import { XmlWriter } from './xml';
import type { Chunks } from './chunks';
import type { ExportFormatSpec } from './format-spec';
import { flatAttributes } from '../load/flatten';

const GRAPHML_NS = 'http://graphml.graphdrawing.org/xmlns';

/**
 * Our own keys, and the names Gephi's GraphML importer and graphology-graphml read as a node's or edge's
 * label, colour, position, size or weight: data under these names goes to `attr_<name>`.
 */
const RESERVED = ['factgraph_id', 'label', 'color', 'id', 'x', 'y', 'z', 'size', 'r', 'g', 'b', 'weight'];

/** Types of attributeColumns as `attr.type`; GraphML has no list, so a list is a string holding JSON. */
const GRAPHML_TYPES: Record<ColumnType, string> = {
  string: 'string',
  boolean: 'boolean',
  int: 'int',
  double: 'double',
  list: 'string',
};

/** A `<data>` element, unless the value is missing. */
function data(xml: XmlWriter, key: string, value: unknown): void {
  if (value === undefined) return;
  xml.leaf('data', { key }, typeof value === 'object' ? JSON.stringify(value) : String(value));
}

/** JSON with object keys sorted, so the bytes do not depend on the order attributes were set in. */
function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * GraphML 1.1: a typed `<key>` per attribute, directed edges, parallel edges kept. Ids are NMTOKENs, so
 * nodes and edges get generated ids (`n0`, `e0`, in id order) and keep the graph's id in `factgraph_id`.
 * `label` (name or predicate) and `color` (the kind's, `#RRGGBB`) are the keys yEd's properties mapper,
 * Cytoscape's passthrough styles and Gephi's importer pick up.
 */
export function* toGraphml(graph: FactGraph): Chunks {
  const nodeColumns = columnsWithout(graph, 'node', RESERVED);
  const edgeColumns = columnsWithout(graph, 'edge', RESERVED);
  const xml = new XmlWriter().element('graphml', { xmlns: GRAPHML_NS });

  const key = (
    id: string,
    of: string,
    name: string,
    type: ColumnType,
    desc = type === 'list' && 'JSON array',
  ) => {
    const attributes = { id, for: of, 'attr.name': name, 'attr.type': GRAPHML_TYPES[type] };
    if (desc) xml.element('key', attributes).leaf('desc', {}, desc).close();
    else xml.leaf('key', attributes);
  };
  key('g_documents', 'graph', 'documents', 'string', 'JSON: the quoted documents by id');
  key('n_factgraph_id', 'node', 'factgraph_id', 'string', 'the entity id');
  key('n_label', 'node', 'label', 'string', 'the entity name');
  key('n_color', 'node', 'color', 'string', 'the colour of the entity kind');
  for (const c of nodeColumns) key(`n_${c.name}`, 'node', c.name, c.type);
  key('e_factgraph_id', 'edge', 'factgraph_id', 'string', 'the statement id');
  key('e_label', 'edge', 'label', 'string', 'the predicate');
  for (const c of edgeColumns) key(`e_${c.name}`, 'edge', c.name, c.type);

  xml.element('graph', { id: 'G', edgedefault: 'directed' });
  data(xml, 'g_documents', sortedJson(graph.getAttribute('documents')));

  const nodeIds = new Map(
    graph
      .nodes()
      .sort()
      .map((id, i) => [id, `n${i}`]),
  );
  for (const [id, generated] of nodeIds) {
    const attributes = graph.getNodeAttributes(id);
    xml.element('node', { id: generated });
    data(xml, 'n_factgraph_id', id);
    data(xml, 'n_label', attributes.name);
    data(xml, 'n_color', KIND_COLORS[attributes.kind]);
    const values = withoutReserved(flatAttributes(attributes), RESERVED);
    for (const c of nodeColumns) data(xml, `n_${c.name}`, values[c.name]);
    xml.close();
    yield xml.take();
  }
  const edges = graph.edges().sort();
  for (const [i, id] of edges.entries()) {
    const attributes = graph.getEdgeAttributes(id);
    xml.element('edge', {
      id: `e${i}`,
      source: nodeIds.get(graph.source(id))!,
      target: nodeIds.get(graph.target(id))!,
    });
    data(xml, 'e_factgraph_id', id);
    data(xml, 'e_label', attributes.predicate);
    const values = withoutReserved(flatAttributes(attributes), RESERVED);
    for (const c of edgeColumns) data(xml, `e_${c.name}`, values[c.name]);
    xml.close();
    yield xml.take();
  }
  yield xml.end();
}

export const GRAPHML_FORMAT = {
  extension: 'graphml',
  opensWith: 'yEd, Cytoscape desktop, networkx, Gephi',
  serialize: toGraphml,
} as const satisfies ExportFormatSpec;
