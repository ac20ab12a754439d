/**
 * Every export opened by the readers of the desktop tools people use, as a new user would, with default
 * settings: the Gephi toolkit (Gephi desktop's importers), networkx, python-igraph, pydot, rdflib and
 * pyoxigraph, and a yEd-like reading of the GraphML's yFiles graphics. The readers are fetched by
 * scripts/readers/setup.sh; when one cannot be, its tests fail with the reason.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MultiDirectedGraph } from 'graphology';
import { EXPORT_FORMATS, exportGraph, loadGraph, type FactGraph } from '../../src';
import { claimTies, KIND_COLORS, withoutReserved } from '../../src/export/attributes';
import { flatAttributes } from '../../src/load/flatten';
import { isStatementNode } from '../../src/model/claims';
import { GEXF_EDGE_RESERVED as GEXF_EDGE, GEXF_NODE_RESERVED as GEXF_NODE } from '../../src/export/gexf';
import { GRAPHML_RESERVED as GRAPHML, YED_SCALE } from '../../src/export/graphml';
import { graphLayout, PLACED_UP_TO, type GraphLayout } from '../../src/export/layout';
import {
  gephi,
  igraph,
  networkx,
  rdf,
  setUpReaders,
  yed,
  type GephiWorkspace,
  type PyAttributes,
} from '../desktop-readers';
import { ROOT, xmlCarried } from '../helpers';
import { hostileGraph } from '../hostile-graph';

const tmp = mkdtempSync(join(tmpdir(), 'factgraph-readers-'));
const GRAPHS = ['article', 'hostile'] as const;
type Name = (typeof GRAPHS)[number];
const graphs = {} as Record<Name, FactGraph>;

/** The export of a graph in a format, written to a file the readers open. */
function file(name: Name, format: 'gexf' | 'graphml' | 'dot' | 'cytoscape' | 'turtle' | 'jsonld'): string {
  return join(tmp, `${name}.${EXPORT_FORMATS[format].extension}`);
}

// The first run on a machine downloads the readers.
beforeAll(setUpReaders, 600_000);

beforeAll(async () => {
  graphs.article = (await loadGraph([join(ROOT, 'graph-data')])).graph;
  graphs.hostile = hostileGraph();
  for (const name of GRAPHS) {
    for (const format of ['gexf', 'graphml', 'dot', 'cytoscape', 'turtle', 'jsonld'] as const) {
      writeFileSync(file(name, format), exportGraph(graphs[name], format));
    }
  }
});

/** Every data column a set of attribute records needs, with the Java type a Gephi importer gives it. */
function javaColumns(
  records: Record<string, unknown>[],
  types: Record<string, string>,
): Record<string, string> {
  const columns: Record<string, string> = {};
  for (const attributes of records) {
    for (const [name, value] of Object.entries(attributes)) {
      const t = Array.isArray(value)
        ? 'list'
        : typeof value === 'number'
          ? Number.isInteger(value)
            ? 'int'
            : 'double'
          : typeof value;
      columns[name] = types[t]!;
    }
  }
  return columns;
}

/**
 * The data of each statement node's tie to its ends, as GEXF and GraphML carry it beside the statements'
 * (`tie` true; GraphML's edge label, the role, is a data key too).
 */
const tieRecords = (graph: FactGraph) => claimTies(graph).map(() => ({ tie: true }));

/**
 * Where Gephi puts a node of the layout: its import scales the drawing so that node sizes span 4 to 100
 * and centres it (DefaultScaler, "auto-scale", on by default): the same picture, magnified.
 */
function gephiScaled({ positions, sizes }: GraphLayout): (id: string) => [number, number, number] {
  const all = Object.values(sizes);
  const [min, max] = [Math.min(...all), Math.max(...all)];
  const ratio = min === max ? 4 / min : 96 / (max - min);
  const mean = (i: 0 | 1) => Object.values(positions).reduce((sum, p) => sum + p[i], 0) / all.length;
  const [cx, cy] = [mean(0), mean(1)];
  return (id) => [
    (positions[id]![0] - cx) * ratio,
    (positions[id]![1] - cy) * ratio,
    (sizes[id]! - min) * ratio + 4,
  ];
}

describe('the Gephi toolkit 0.10.1 opens the exports with the default import settings', () => {
  let opened: Record<string, GephiWorkspace>;
  /** Every file in one JVM (a start costs seconds), opened once for all tests. */
  function workspace(name: Name, format: 'gexf' | 'graphml' | 'dot' | 'cytoscape'): GephiWorkspace {
    if (!opened) {
      const files = GRAPHS.flatMap((n) =>
        (['gexf', 'graphml', 'dot', 'cytoscape'] as const).map((f) => file(n, f)),
      );
      opened = Object.fromEntries(gephi(files).map((w) => [w.file, w]));
    }
    return opened[file(name, format)]!;
  }

  /** What the import report shows but its plain log lines: warnings, errors, and the parallel-edges hint. */
  const problems = (w: GephiWorkspace) =>
    w.issues.filter((i) => i.level !== 'INFO' || /parallel/i.test(i.message)).map((i) => i.message);
  const byId = <T extends { id: string }>(items: T[]) => new Map(items.map((i) => [i.id, i]));
  const dataColumns = (w: GephiWorkspace, of: 'nodeColumns' | 'edgeColumns') =>
    Object.fromEntries(w[of].filter((c) => !c.property).map((c) => [c.title, c.type]));

  test.each(GRAPHS)('GEXF (%s): every node and statement, every column typed, labels, the layout', (name) => {
    const graph = graphs[name];
    const w = workspace(name, 'gexf');
    expect([w.importer, problems(w)]).toEqual(['ImporterGEXF', []]);
    const ties = claimTies(graph);
    expect([w.nodeCount, w.edgeCount]).toEqual([graph.order, graph.size + ties.length]);
    // The documents, which Gephi has no graph attributes for, are the workspace's description.
    for (const [id, d] of Object.entries(graph.getAttribute('documents'))) {
      expect(w.description).toContain(`${xmlCarried(d.title)} (${d.date}, ${id})`);
    }
    const types = {
      string: 'String',
      boolean: 'Boolean',
      int: 'Integer',
      double: 'Double',
      list: 'String[]',
    };
    const nodes = byId(w.nodes);
    const edges = byId(w.edges);
    const scaled = gephiScaled(graphLayout(graph));
    graph.forEachNode((id, a) => {
      const node = nodes.get(id)!;
      expect(node).toMatchObject({ label: xmlCarried(a.name), color: KIND_COLORS[a.kind].toUpperCase() });
      expect(node.attributes).toEqual(xmlCarried(withoutReserved(flatAttributes(a), GEXF_NODE)));
      const [x, y, size] = scaled(id);
      expect(node.x).toBeCloseTo(x, 1);
      expect(node.y).toBeCloseTo(y, 1);
      expect(node.size).toBeCloseTo(size, 1);
    });
    graph.forEachEdge((id, a, source, target) => {
      const edge = edges.get(id)!;
      expect(edge).toMatchObject({ source, target, label: a.predicate, directed: true });
      const { timeset, ...attributes } = edge.attributes;
      expect(attributes).toEqual(xmlCarried(withoutReserved(flatAttributes(a), GEXF_EDGE)));
      // The statement's date on Gephi's timeline: its bounds, in milliseconds since 1970 (UTC).
      const ms = (day: string | undefined) => `${Date.parse(day!)}.0`;
      expect(timeset).toBe(a.dateFrom && a.dateTo ? `<[${ms(a.dateFrom)}, ${ms(a.dateTo)}]>` : undefined);
    });
    for (const { id, statement, role, end } of ties) {
      expect(edges.get(id)).toMatchObject({ source: statement, target: end, label: role, directed: true });
      expect(edges.get(id)!.attributes).toEqual({ tie: true });
    }
    expect(dataColumns(w, 'nodeColumns')).toEqual(
      javaColumns(
        graph.mapNodes((_, a) => withoutReserved(flatAttributes(a), GEXF_NODE)),
        types,
      ),
    );
    expect(dataColumns(w, 'edgeColumns')).toEqual(
      javaColumns(
        [...graph.mapEdges((_, a) => withoutReserved(flatAttributes(a), GEXF_EDGE)), ...tieRecords(graph)],
        types,
      ),
    );
  });

  test.each(GRAPHS)(
    'GEXF (%s): statements with the same ends and predicate stay apart, each its quote',
    (name) => {
      const graph = graphs[name];
      const parallel = new Map<string, string[]>();
      graph.forEachEdge((id, a, source, target) => {
        const key = JSON.stringify([source, target, a.predicate]);
        parallel.set(key, [...(parallel.get(key) ?? []), id]);
      });
      const groups = [...parallel.values()].filter((ids) => ids.length > 1);
      const edges = new Map(workspace(name, 'gexf').edges.map((e) => [e.id, e]));
      for (const ids of groups) {
        expect(ids.map((id) => [edges.get(id)?.weight, edges.get(id)?.attributes.quote])).toEqual(
          ids.map((id) => [1, xmlCarried(graph.getEdgeAttribute(id, 'quote'))]),
        );
      }
      // The hostile graph has two such statements (s:formula, s:parallel).
      if (name === 'hostile') expect(groups).toEqual([['s:formula', 's:parallel']]);
    },
  );

  test.each(GRAPHS)('GraphML (%s): every node and statement, every column typed, labels', (name) => {
    const graph = graphs[name];
    const w = workspace(name, 'graphml');
    expect(w.importer).toBe('ImporterGraphML');
    // Gephi keeps no graph attributes: the document list is the one thing it leaves out, and says so.
    expect(problems(w)).toEqual(["Graph attributes 'documents' ignored as not supported by Gephi"]);
    const ties = claimTies(graph);
    expect([w.nodeCount, w.edgeCount]).toEqual([graph.order, graph.size + ties.length]);
    const types = { string: 'String', boolean: 'Boolean', int: 'Integer', double: 'Double', list: 'String' };
    const json = (a: object) =>
      Object.fromEntries(Object.entries(a).map(([k, v]) => [k, Array.isArray(v) ? JSON.stringify(v) : v]));
    const nodes = new Map(w.nodes.map((n) => [n.attributes.factgraph_id as string, n]));
    const edges = new Map(w.edges.map((e) => [e.attributes.factgraph_id as string, e]));
    graph.forEachNode((id, a) => {
      const node = nodes.get(id)!;
      expect(node).toMatchObject({ label: xmlCarried(a.name), color: KIND_COLORS[a.kind].toUpperCase() });
      expect(node.attributes).toEqual(
        xmlCarried({ factgraph_id: id, ...json(withoutReserved(flatAttributes(a), GRAPHML)) }),
      );
    });
    graph.forEachEdge((id, a, source, target) => {
      const edge = edges.get(id)!;
      expect([nodes.get(source)!.id, nodes.get(target)!.id]).toEqual([edge.source, edge.target]);
      expect(edge.label).toBe(a.predicate);
      expect(edge.attributes).toEqual(
        xmlCarried({ factgraph_id: id, ...json(withoutReserved(flatAttributes(a), GRAPHML)) }),
      );
    });
    for (const { id, statement, role, end } of ties) {
      const edge = edges.get(id)!;
      expect([edge.source, edge.target, edge.label]).toEqual([
        nodes.get(statement)!.id,
        nodes.get(end)!.id,
        role,
      ]);
      expect(edge.attributes).toEqual({ factgraph_id: id, tie: true });
    }
    const columns = (records: Record<string, unknown>[]) => ({
      factgraph_id: 'String',
      ...javaColumns(records, types),
    });
    expect(dataColumns(w, 'nodeColumns')).toEqual(
      columns(graph.mapNodes((_, a) => withoutReserved(flatAttributes(a), GRAPHML))),
    );
    expect(dataColumns(w, 'edgeColumns')).toEqual(
      columns([
        ...graph.mapEdges((_, a) => withoutReserved(flatAttributes(a), GRAPHML)),
        ...tieRecords(graph),
      ]),
    );
  });

  test('DOT: Gephi does not read it whole, so no output offers it for Gephi', () => {
    const w = workspace('article', 'dot');
    expect([w.nodeCount, w.edgeCount]).not.toEqual([graphs.article.order, graphs.article.size]);
    expect(EXPORT_FORMATS.dot.opensWith).not.toMatch(/gephi/i);
  });

  test('Cytoscape JSON: Gephi has no importer for it, and it is not offered for Gephi', () => {
    expect(workspace('article', 'cytoscape').importer).toBeNull();
    expect(EXPORT_FORMATS.cytoscape.opensWith).not.toMatch(/gephi/i);
  });
});

/** A value as a Python reader gives it back: its type's name, and the value. */
function py(value: unknown, list: (items: unknown[]) => PyAttributes[string]): PyAttributes[string] {
  if (Array.isArray(value)) return list(value);
  if (typeof value === 'number') return { type: Number.isInteger(value) ? 'int' : 'float', value };
  return { type: typeof value === 'boolean' ? 'bool' : 'str', value };
}
const pyAll = (a: object, list: (items: unknown[]) => PyAttributes[string]) =>
  Object.fromEntries(Object.entries(a).map(([k, v]) => [k, py(v, list)]));
const asJson = (items: unknown[]) => ({ type: 'str', value: JSON.stringify(items) });
const asList = (items: unknown[]) => ({ type: 'list', value: items });

describe('networkx reads every export with every node, edge and attribute', () => {
  test.each(GRAPHS)('GraphML (%s): typed attributes, lists as JSON text; the yFiles graphics too', (name) => {
    const graph = graphs[name];
    const g = networkx('graphml', file(name, 'graphml'));
    expect([g.directed, g.multigraph]).toEqual([true, true]);
    expect(JSON.parse(g.graph.documents!.value as string)).toEqual(
      xmlCarried(graph.getAttribute('documents')),
    );
    const nodes = new Map(Object.values(g.nodes).map((a) => [a.factgraph_id!.value as string, a]));
    expect(nodes.size).toBe(graph.order);
    graph.forEachNode((id, a) => {
      const { x, y, shape_type, ...rest } = nodes.get(id)!;
      expect([x?.type, y?.type, shape_type?.value]).toEqual(['str', 'str', 'roundrectangle']);
      const color = KIND_COLORS[a.kind];
      const expected = {
        factgraph_id: id,
        label: a.name,
        color,
        ...xmlCarried(withoutReserved(flatAttributes(a), GRAPHML)),
      };
      expect(rest).toEqual(pyAll(expected, (items) => asJson(items)));
    });
    const ties = claimTies(graph);
    expect(g.edges).toHaveLength(graph.size + ties.length);
    // networkx's node keys are the GraphML ids (n0, ...).
    const key = new Map(Object.entries(g.nodes).map(([k, a]) => [a.factgraph_id!.value as string, k]));
    const edges = new Map(g.edges.map((e) => [e.attributes.factgraph_id!.value as string, e]));
    graph.forEachEdge((id, a) => {
      const expected = {
        factgraph_id: id,
        label: a.predicate,
        ...xmlCarried(withoutReserved(flatAttributes(a), GRAPHML)),
      };
      expect(edges.get(id)!.attributes).toEqual(pyAll(expected, (items) => asJson(items)));
    });
    for (const { id, statement, role, end } of ties) {
      const edge = edges.get(id)!;
      expect([edge.source, edge.target]).toEqual([key.get(statement), key.get(end)]);
      expect(edge.attributes).toEqual(pyAll({ factgraph_id: id, label: role, tie: true }, asJson));
    }
  });

  test.each(GRAPHS)('GEXF (%s): typed attributes, the layout; lists as GEXF text', (name) => {
    const graph = graphs[name];
    const g = networkx('gexf', file(name, 'gexf'));
    expect([g.directed, g.multigraph]).toEqual([true, true]);
    expect(Object.keys(g.nodes)).toHaveLength(graph.order);
    // networkx keeps a liststring as the text GEXF spells it.
    const gexfList = (items: unknown[]) => ({
      type: 'str',
      value: `[${items.map((i) => `'${String(i).replace(/['\\]/g, '\\$&')}'`).join(', ')}]`,
    });
    graph.forEachNode((id, a) => {
      const { viz, label, ...rest } = g.nodes[id]!;
      expect(label!.value).toBe(xmlCarried(a.name));
      expect(Object.keys(viz!.value as object).sort()).toEqual(['color', 'position', 'size']);
      expect(rest).toEqual(
        pyAll(xmlCarried(withoutReserved(flatAttributes(a), GEXF_NODE)), (items) =>
          gexfList(xmlCarried(items)),
        ),
      );
    });
    const ties = claimTies(graph);
    expect(g.edges).toHaveLength(graph.size + ties.length);
    const edges = new Map(g.edges.map((e) => [e.attributes.id!.value as string, e]));
    for (const { id, statement, role, end } of ties) {
      const edge = edges.get(id)!;
      expect([edge.source, edge.target]).toEqual([statement, end]);
      expect(edge.attributes).toEqual(pyAll({ id, label: role, tie: true }, asList));
    }
    graph.forEachEdge((id, a, source, target) => {
      const edge = edges.get(id)!;
      expect([edge.source, edge.target]).toEqual([source, target]);
      const { id: _id, label, spells, ...rest } = edge.attributes;
      expect(label!.value).toBe(a.predicate);
      expect(spells?.value).toEqual(a.dateFrom && a.dateTo ? [[a.dateFrom, a.dateTo]] : undefined);
      expect(rest).toEqual(
        pyAll(xmlCarried(withoutReserved(flatAttributes(a), GEXF_EDGE)), (items) =>
          gexfList(xmlCarried(items)),
        ),
      );
    });
  });

  test.each(GRAPHS)('Cytoscape JSON (%s): networkx.cytoscape_graph, whole', (name) => {
    const graph = graphs[name];
    const g = networkx('cytoscape', file(name, 'cytoscape'));
    expect([g.directed, g.multigraph]).toEqual([true, true]);
    expect(g.graph.documents!.value).toEqual(graph.getAttribute('documents'));
    expect(Object.keys(g.nodes)).toHaveLength(graph.order);
    const reserved = ['id', 'label', 'source', 'target', 'parent', 'value', 'key'];
    graph.forEachNode((id, a) => {
      const { id: i, value, label, name: n, ...rest } = g.nodes[id]!;
      expect([i!.value, value!.value, label!.value, n!.value]).toEqual([id, id, a.name, a.name]);
      const { name: _name, ...others } = withoutReserved(a, reserved);
      expect(rest).toEqual(pyAll(others, asList));
    });
    // A statement node's ties to its ends are edges too (tie: true).
    const ties = g.edges.filter((e) => e.attributes.tie?.value === true);
    expect(ties.map((e) => [e.attributes.key!.value, e.source, e.target])).toEqual(
      claimTies(graph).map((t) => [`${t.role}:${t.statement}`, t.statement, t.end]),
    );
    expect(g.edges).toHaveLength(graph.size + ties.length);
    // Keyed by statement id (a statement that is also a node has the element id edge:<id>).
    const edges = new Map(g.edges.map((e) => [e.attributes.key!.value as string, e]));
    graph.forEachEdge((id, a, source, target) => {
      const edge = edges.get(id)!;
      expect([edge.source, edge.target]).toEqual([source, target]);
      const { id: _id, key, source: s, target: t, label, ...rest } = edge.attributes;
      expect([key!.value, s!.value, t!.value, label!.value]).toEqual([id, source, target, a.predicate]);
      expect(rest).toEqual(pyAll(withoutReserved(a, reserved), asList));
    });
  });

  test('DOT (pydot): every node and statement, with its label and quote', () => {
    const graph = graphs.article;
    const g = networkx('dot', file('article', 'dot'));
    expect([g.directed, g.multigraph]).toEqual([true, true]);
    // pydot keeps DOT's quotes around every value.
    const quoted = (text: string) => ({ type: 'str', value: `"${text.replace(/"/g, '\\"')}"` });
    expect(Object.keys(g.nodes).sort()).toEqual(graph.nodes().sort());
    graph.forEachNode((id, a) => expect(g.nodes[id]!.label).toEqual(quoted(a.name)));
    // A statement node's ties to its ends have no quote: left out here.
    const statements = g.edges
      .filter((e) => e.attributes.tooltip)
      .map((e) => [e.source, e.target, e.attributes.label, e.attributes.tooltip]);
    const expected = graph.mapEdges((_, a, s, t) => [s, t, quoted(a.predicate), quoted(a.quote)]);
    const order = (rows: unknown[][]) => rows.map((r) => JSON.stringify(r)).sort();
    expect(order(statements)).toEqual(order(expected));
    // Every field rides along as fg_<field>: a statement's id and polarity, an entity's kind.
    const fields = g.edges
      .filter((e) => e.attributes.fg_id)
      .map((e) => [e.attributes.fg_id, e.attributes.fg_polarity]);
    expect(order(fields)).toEqual(
      order(graph.mapEdges((id, a) => [quoted(id), quoted(a.polarity ?? 'affirmed')])),
    );
    graph.forEachNode((id, a) => expect(g.nodes[id]!.fg_kind).toEqual(quoted(a.kind)));
  });
});

describe('python-igraph reads the GraphML', () => {
  /**
   * igraph's attributes are columns: every vertex has every one. A number is a double (igraph has no
   * integer type), and a value the file leaves out is the type's empty value ('' / NaN / false), so a
   * missing boolean reads as false: nothing a GraphML file can change.
   */
  function igraphValue(value: unknown, type: string): PyAttributes[string] {
    if (value === undefined)
      return type === 'str'
        ? py('', asJson)
        : type === 'bool'
          ? py(false, asJson)
          : { type: 'float', value: 'NaN' };
    if (typeof value === 'number') return { type: 'float', value };
    return py(value, asJson);
  }

  test.each(GRAPHS)('%s: every vertex and edge, numbers as doubles, a missing value as empty', (name) => {
    const graph = graphs[name];
    const g = igraph(file(name, 'graphml'));
    expect(g.directed).toBe(true);
    const ties = claimTies(graph);
    expect([g.vertices.length, g.edges.length]).toEqual([graph.order, graph.size + ties.length]);
    const vertices = new Map(g.vertices.map((v, i) => [v.factgraph_id!.value as string, [v, i] as const]));
    /** Every column of the records with its Python type, checked on one vertex or edge. */
    const checker = (records: Record<string, unknown>[]) => {
      const columns = new Map(
        records.flatMap((r) => Object.entries(r).map(([k, v]) => [k, py(v, asJson).type])),
      );
      return (read: PyAttributes, attributes: Record<string, unknown>) => {
        const expected = [...columns].map(([k, type]) => [k, igraphValue(attributes[k], type)]);
        expect([...columns.keys()].map((k) => [k, read[k]])).toEqual(expected);
      };
    };
    const checkNode = checker(
      graph.mapNodes((_, a) => xmlCarried(withoutReserved(flatAttributes(a), GRAPHML))),
    );
    graph.forEachNode((id, a) => {
      const [v] = vertices.get(id)!;
      expect([v.label!.value, v.color!.value]).toEqual([xmlCarried(a.name), KIND_COLORS[a.kind]]);
      checkNode(v, xmlCarried(withoutReserved(flatAttributes(a), GRAPHML)));
    });
    const edges = new Map(g.edges.map((e) => [e.attributes.factgraph_id!.value as string, e]));
    const checkEdge = checker([
      ...graph.mapEdges((_, a) => xmlCarried(withoutReserved(flatAttributes(a), GRAPHML))),
      ...tieRecords(graph),
    ]);
    graph.forEachEdge((id, a, source, target) => {
      const e = edges.get(id)!;
      expect([e.source, e.target]).toEqual([vertices.get(source)![1], vertices.get(target)![1]]);
      expect(e.attributes.label!.value).toBe(a.predicate);
      checkEdge(e.attributes, xmlCarried(withoutReserved(flatAttributes(a), GRAPHML)));
    });
    for (const { id, statement, role, end } of ties) {
      const e = edges.get(id)!;
      expect([e.source, e.target]).toEqual([vertices.get(statement)![1], vertices.get(end)![1]]);
      expect(e.attributes.label!.value).toBe(role);
      checkEdge(e.attributes, { tie: true });
    }
  });
});

describe('rdflib and pyoxigraph read the Turtle and the JSON-LD as one graph', () => {
  test.each(GRAPHS)('%s: the same triples in both files, one rdf:Statement a statement', (name) => {
    const read = rdf(file(name, 'turtle'), file(name, 'jsonld'));
    for (const reader of [read.rdflib, read.pyoxigraph]) {
      expect(reader.isomorphic).toBe(true);
      expect(reader.turtle).toBe(reader.jsonld);
      // One a statement: an edge, a statement node (a claim another is about, or unasserted), or both.
      const graph = graphs[name];
      const ids = new Set([...graph.edges(), ...graph.filterNodes((_, a) => isStatementNode(a))]);
      expect(reader.statements).toBe(ids.size);
    }
    expect(read.pyoxigraph.turtle).toBe(read.rdflib.turtle);
  });
});

describe('yEd: the GraphML carries yFiles graphics', () => {
  test.each(GRAPHS)('%s: every node labelled with its name, filled by kind, placed by the layout', (name) => {
    const graph = graphs[name];
    const g = yed(file(name, 'graphml'));
    const { positions } = graphLayout(graph);
    expect(Object.keys(g.nodes)).toHaveLength(graph.order);
    graph.forEachNode((id, a) => {
      const { label, fill, x, y } = g.nodes[id]!;
      expect([label, fill]).toEqual([xmlCarried(a.name), KIND_COLORS[a.kind]]);
      // The layout magnified, y downwards as yEd draws.
      expect(x).toBeCloseTo(positions[id]![0] * YED_SCALE, 6);
      expect(y).toBeCloseTo(-positions[id]![1] * YED_SCALE, 6);
    });
    const ties = claimTies(graph);
    expect(Object.keys(g.edges)).toHaveLength(graph.size + ties.length);
    graph.forEachEdge((id, a, source, target) => {
      expect(g.edges[id]).toEqual({ label: a.predicate, source, target });
    });
    for (const { id, statement, role, end } of ties) {
      expect(g.edges[id]).toEqual({ label: role, source: statement, target: end });
    }
  });
});

describe('the layout in the data exports', () => {
  test(`above ${PLACED_UP_TO.toLocaleString('en')} statements no export carries positions (none computed)`, () => {
    const graph: FactGraph = new MultiDirectedGraph({ allowSelfLoops: false });
    graph.replaceAttributes({ documents: {} });
    graph.addNode('person:a', { kind: 'Person', name: 'A' } as never);
    graph.addNode('person:b', { kind: 'Person', name: 'B' } as never);
    for (let i = 0; i <= PLACED_UP_TO; i++) {
      graph.addDirectedEdgeWithKey(`s:${i}`, 'person:a', 'person:b', { predicate: 'SUPPORTS' } as never);
    }
    expect(exportGraph(graph, 'gexf')).not.toContain('<viz:position');
    expect(exportGraph(graph, 'graphml')).not.toContain('<y:Geometry');
    const cyjs = JSON.parse(exportGraph(graph, 'cytoscape')) as { elements: { nodes: object[] } };
    expect(cyjs.elements.nodes.filter((n) => 'position' in n)).toEqual([]);
    graph.dropEdge('s:0');
    expect(exportGraph(graph, 'gexf')).toContain('<viz:position');
  });
});
