import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import type { FactGraph } from '../backends/memory/build-graph';
import { attributeColumns, KIND_COLORS, withoutReserved, type Column, type ColumnType } from './attributes';
import type { ExportFormatSpec } from './index';

/** xmlbuilder2 drops the characters XML 1.0 cannot carry, even as references (most C0 controls, NUL). */
export const XML_OPTIONS = { version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '' } as const;

const reference = (c: string) => `&#${c.charCodeAt(0)};`;

/**
 * Text as xmlbuilder2 (4.x) needs it. It writes an `&` that starts something entity-like (`&amp;`,
 * `&nbsp;`, `&#0;`) as it is (oozcitak/xmlbuilder2#109): data holding `&nbsp;` would give an ill-formed
 * file, `&amp;` would read back as `&`. Handed over as `&amp;`, every `&` is kept as `&amp;` and reads
 * back as itself; the tests' round trips fail loudly should xmlbuilder2 start escaping it again. Line
 * ends a parser rewrites as line feeds go as references: CR, and NEL and LS, which XML 1.1 parsers (and
 * xmldom, graphology's, on any XML) treat as line ends too.
 */
export function xmlText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/[\r\x85\u2028]/g, reference);
}

/** An attribute value: as text, and tabs and line feeds as references, which a parser reads as spaces. */
export function xmlAttribute(value: string): string {
  return xmlText(value).replace(/[\t\n]/g, reference);
}

/** Columns of nodes or edges under the names withoutReserved gives them. */
export function columnsWithout(graph: FactGraph, of: 'node' | 'edge', reserved: readonly string[]): Column[] {
  return attributeColumns(graph, of).map(({ name, type }) => ({
    name: Object.keys(withoutReserved({ [name]: true }, reserved))[0]!,
    type,
  }));
}

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
function data(parent: XMLBuilder, key: string, value: unknown): void {
  if (value === undefined) return;
  parent.ele('data', { key }).txt(xmlText(typeof value === 'object' ? JSON.stringify(value) : String(value)));
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
export function toGraphml(graph: FactGraph): string {
  const nodeColumns = columnsWithout(graph, 'node', RESERVED);
  const edgeColumns = columnsWithout(graph, 'edge', RESERVED);
  const root = create(XML_OPTIONS).ele(GRAPHML_NS, 'graphml');

  const key = (
    id: string,
    of: string,
    name: string,
    type: ColumnType,
    desc = type === 'list' && 'JSON array',
  ) => {
    const k = root.ele('key', { id, for: of, 'attr.name': name, 'attr.type': GRAPHML_TYPES[type] });
    if (desc) k.ele('desc').txt(desc);
  };
  key('g_documents', 'graph', 'documents', 'string', 'JSON: the quoted documents by id');
  key('n_factgraph_id', 'node', 'factgraph_id', 'string', 'the entity id');
  key('n_label', 'node', 'label', 'string', 'the entity name');
  key('n_color', 'node', 'color', 'string', 'the colour of the entity kind');
  for (const c of nodeColumns) key(`n_${c.name}`, 'node', c.name, c.type);
  key('e_factgraph_id', 'edge', 'factgraph_id', 'string', 'the statement id');
  key('e_label', 'edge', 'label', 'string', 'the predicate');
  for (const c of edgeColumns) key(`e_${c.name}`, 'edge', c.name, c.type);

  const g = root.ele('graph', { id: 'G', edgedefault: 'directed' });
  data(g, 'g_documents', sortedJson(graph.getAttribute('documents')));

  const nodeIds = new Map(
    graph
      .nodes()
      .sort()
      .map((id, i) => [id, `n${i}`]),
  );
  for (const [id, generated] of nodeIds) {
    const attributes = graph.getNodeAttributes(id);
    const node = g.ele('node', { id: generated });
    data(node, 'n_factgraph_id', id);
    data(node, 'n_label', attributes.name);
    data(node, 'n_color', KIND_COLORS[attributes.kind]);
    const values = withoutReserved(attributes, RESERVED);
    for (const c of nodeColumns) data(node, `n_${c.name}`, values[c.name]);
  }
  graph
    .edges()
    .sort()
    .forEach((id, i) => {
      const attributes = graph.getEdgeAttributes(id);
      const edge = g.ele('edge', {
        id: `e${i}`,
        source: nodeIds.get(graph.source(id))!,
        target: nodeIds.get(graph.target(id))!,
      });
      data(edge, 'e_factgraph_id', id);
      data(edge, 'e_label', attributes.predicate);
      const values = withoutReserved(attributes, RESERVED);
      for (const c of edgeColumns) data(edge, `e_${c.name}`, values[c.name]);
    });
  return `${root.end({ prettyPrint: true })}\n`;
}

export const GRAPHML_FORMAT = {
  extension: 'graphml',
  opensWith: 'yEd, Cytoscape desktop, networkx, Gephi',
  serialize: toGraphml,
} as const satisfies ExportFormatSpec;
