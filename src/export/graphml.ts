import type { FactGraph } from '../backends/memory/build-graph';
import {
  claimTies,
  columnsWithout,
  edgeColumnsWithTies,
  isNegated,
  KIND_COLORS,
  sortedKeys,
  withoutReserved,
  type ColumnType,
} from './attributes';
import { exportLayout } from './layout';
import { XmlWriter } from './xml';
import type { Chunks } from './chunks';
import type { ExportFormatSpec } from './format-spec';
import { flatAttributes } from '../load/flatten';

const GRAPHML_NS = 'http://graphml.graphdrawing.org/xmlns';
const YFILES_NS = 'http://www.yworks.com/xml/graphml';

/**
 * yEd's drawing is the viewer's layout magnified (ForceAtlas2 units are small beside yEd's labels), with
 * y downwards, as yEd's axis runs; a node is a square of its viewer size times this.
 */
export const YED_SCALE = 10;

/**
 * Our own keys, and the names Gephi's GraphML importer and graphology-graphml read as a node's or edge's
 * label, colour, position, size or weight: data under these names goes to `attr_<name>`.
 */
export const GRAPHML_RESERVED = [
  'factgraph_id',
  'label',
  'color',
  'id',
  'x',
  'y',
  'z',
  'size',
  'r',
  'g',
  'b',
  'weight',
];

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

/**
 * A node as yEd draws it: a rounded box filled with its kind's colour, its name, where the layout puts it
 * (x, y, size), if the export carries the layout.
 */
function shapeNode(xml: XmlWriter, name: string, color: string, place?: [number, number, number]): void {
  xml.element('y:ShapeNode');
  if (place) {
    const [x, y, size] = place;
    const side = Math.round(size * YED_SCALE * 100) / 100;
    const corner = (v: number) => String(Math.round((v * YED_SCALE - side / 2) * 100) / 100);
    xml.leaf('y:Geometry', { x: corner(x), y: corner(-y), width: String(side), height: String(side) });
  }
  xml.leaf('y:Fill', { color, transparent: 'false' });
  xml.leaf('y:NodeLabel', {}, name).leaf('y:Shape', { type: 'roundrectangle' }).close();
}

/**
 * GraphML 1.1: a typed `<key>` per attribute, directed edges, parallel edges kept. Ids are NMTOKENs, so
 * nodes and edges get generated ids (`n0`, `e0`, in id order) and keep the graph's id in `factgraph_id`.
 * `label` (name or predicate) and `color` (the kind's, `#RRGGBB`) are the keys Cytoscape's passthrough
 * styles and Gephi's importer pick up. yEd reads only its own graphics (`y:ShapeNode`, `y:PolyLineEdge`
 * under keys with a `yfiles.type`), which other readers skip; their key ids are the names Gephi reads a
 * label from, so Gephi takes the graphics' text as the label, not as a column without a type. An edge's
 * `label` attribute, the statement id, is what Gephi's importer takes as the edge's type: its default
 * import merges parallel edges of one type, which would lose all but one statement between two entities.
 * `yfiles.type` and an edge's `label` are extensions of GraphML's schema, as yEd's own files use.
 * A statement another is about, or that nobody asserts, is a node (kind `Statement`) with two edges to
 * its ends after the statements' (`factgraph_id` `subject:<statement>`, `object:<statement>`, labelled
 * with the role, `tie` true, dotted without an arrow in yEd), as in Cytoscape JSON and Neo4j.
 */
export function* toGraphml(graph: FactGraph): Chunks {
  const nodeColumns = columnsWithout(graph, 'node', GRAPHML_RESERVED);
  const edgeColumns = edgeColumnsWithTies(graph, GRAPHML_RESERVED);
  const layout = exportLayout(graph);
  const xml = new XmlWriter().element('graphml', { xmlns: GRAPHML_NS, 'xmlns:y': YFILES_NS });

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
  key(
    'e_factgraph_id',
    'edge',
    'factgraph_id',
    'string',
    'the statement id (a tie: subject:<statement>, object:<statement>)',
  );
  key('e_label', 'edge', 'label', 'string', 'the predicate (a tie: subject, object)');
  for (const c of edgeColumns) key(`e_${c.name}`, 'edge', c.name, c.type);
  xml.leaf('key', { id: 'nodelabel', for: 'node', 'yfiles.type': 'nodegraphics' });
  xml.leaf('key', { id: 'edgelabel', for: 'edge', 'yfiles.type': 'edgegraphics' });

  xml.element('graph', { id: 'G', edgedefault: 'directed' });
  data(xml, 'g_documents', JSON.stringify(sortedKeys(graph.getAttribute('documents'))));

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
    const values = withoutReserved(flatAttributes(attributes), GRAPHML_RESERVED);
    for (const c of nodeColumns) data(xml, `n_${c.name}`, values[c.name]);
    xml.element('data', { key: 'nodelabel' });
    const place = layout && ([...layout.positions[id]!, layout.sizes[id]!] as [number, number, number]);
    shapeNode(xml, attributes.name, KIND_COLORS[attributes.kind], place);
    xml.close().close();
    yield xml.take();
  }
  /** An edge with its data and yEd's line: a statement's, or a statement node's tie to one of its ends. */
  const edge = (
    i: number,
    id: string,
    [source, target]: [string, string],
    label: string,
    values: Record<string, unknown>,
    line: { dashed?: boolean; tie?: boolean },
  ) => {
    xml.element('edge', {
      id: `e${i}`,
      source: nodeIds.get(source)!,
      target: nodeIds.get(target)!,
      label: id,
    });
    data(xml, 'e_factgraph_id', id);
    data(xml, 'e_label', label);
    for (const c of edgeColumns) data(xml, `e_${c.name}`, values[c.name]);
    xml.element('data', { key: 'edgelabel' }).element('y:PolyLineEdge');
    // A statement the document says does not hold is drawn dashed, a tie dotted, as in the other formats.
    const type = line.tie ? 'dotted' : line.dashed ? 'dashed' : undefined;
    if (type) xml.leaf('y:LineStyle', { color: '#000000', type, width: '1.0' });
    xml
      .leaf('y:Arrows', { source: 'none', target: line.tie ? 'none' : 'standard' })
      .leaf('y:EdgeLabel', {}, label);
    xml.close().close().close();
  };
  const edges = graph.edges().sort();
  for (const [i, id] of edges.entries()) {
    const attributes = graph.getEdgeAttributes(id);
    const values = withoutReserved(flatAttributes(attributes), GRAPHML_RESERVED);
    const ends: [string, string] = [graph.source(id), graph.target(id)];
    edge(i, id, ends, attributes.predicate, values, { dashed: isNegated(attributes) });
    yield xml.take();
  }
  for (const [i, { id, statement, role, end }] of claimTies(graph).entries()) {
    edge(edges.length + i, id, [statement, end], role, { tie: true }, { tie: true });
    yield xml.take();
  }
  yield xml.end();
}

export const GRAPHML_FORMAT = {
  extension: 'graphml',
  opensWith: 'yEd, Cytoscape desktop, Gephi, networkx, igraph',
  serialize: toGraphml,
} as const satisfies ExportFormatSpec;
