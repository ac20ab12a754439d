import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Graph, { MultiDirectedGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { chromium, type Browser, type Page } from 'playwright-core';
import { EXPORT_FORMATS, exportGraph, loadGraph, type FactGraph } from '../../src';
import { claimTies, KIND_COLORS, kindRgb, withoutReserved } from '../../src/export/attributes';
import { graphLayout } from '../../src/export/layout';
import { flattenQuantities } from '../../src/model/quantities';
import { BASE, FIXTURES, ROOT, xmlCarried } from '../helpers';
import { HOSTILE, hostileGraph } from '../hostile-graph';

const FORMATS = ['gexf', 'graphml', 'dot', 'mermaid'] as const;
type Format = (typeof FORMATS)[number];

const SCHEMAS = join(ROOT, 'tests', 'vendor');
const tmp = mkdtempSync(join(tmpdir(), 'factgraph-export-'));

let article: FactGraph;
/** Every field and shape of the claim model: statement nodes, negated and unasserted statements. */
let claims: FactGraph;
beforeAll(async () => {
  article = (await loadGraph([join(ROOT, 'graph-data')])).graph;
  claims = (await loadGraph([BASE, join(FIXTURES, 'valid', 'claims-every-field.yaml')], { root: FIXTURES }))
    .graph;
});

/** Text a careless exporter passes through: entity-like `&`, mermaid's own codes, CR LF, a tab, NUL. */
const ENTITY_LIKE = 'AT&amp;T &nbsp; &#0; &lt;b&gt; #quot; \\" tab\there\r\nnext line\u0000';

/** The shared hostile graph, plus a node and an edge carrying ENTITY_LIKE. */
function hostile(): FactGraph {
  const g = hostileGraph();
  g.addNode('person:entity-like', { kind: 'Person', name: ENTITY_LIKE, aliases: [ENTITY_LIKE] });
  g.addDirectedEdgeWithKey('s:entity-like', 'person:entity-like', 'proposal:=formula', {
    predicate: 'SUPPORTS',
    quote: ENTITY_LIKE,
    quoteStart: 0,
    quoteEnd: ENTITY_LIKE.length,
    document: 'doc:hostile',
    date: '2025-08-21',
    qualifiers: [ENTITY_LIKE, "it's", 'a, b'],
  });
  return g;
}

/** The same graph built in reverse: nodes, edges and each one's attribute keys in reverse order. */
function reversed(graph: FactGraph): FactGraph {
  const flip = <T extends object>(a: T) => Object.fromEntries(Object.entries(a).reverse()) as T;
  const copy: FactGraph = new MultiDirectedGraph({ allowSelfLoops: false });
  copy.replaceAttributes(graph.getAttributes());
  for (const id of graph.nodes().reverse()) copy.addNode(id, flip(graph.getNodeAttributes(id)));
  for (const id of graph.edges().reverse()) {
    copy.addDirectedEdgeWithKey(id, graph.source(id), graph.target(id), flip(graph.getEdgeAttributes(id)));
  }
  return copy;
}

/** What a DOT label shows of a text: line ends as lines, a tab as a space, other controls dropped. */
function dotShown(text: string): string {
  // eslint-disable-next-line no-control-regex -- dropping control characters is the point
  const controls = /[\0-\x08\x0B-\x1F\x7F]/g;
  return text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(controls, '');
}

/** What a mermaid label shows of a text: one line, other controls dropped. */
function mermaidShown(text: string): string {
  // eslint-disable-next-line no-control-regex -- dropping control characters is the point
  const controls = /[\0-\x1F\x7F]/g;
  return text.replace(/\r\n|[\t\n\r\u2028\u2029]/g, ' ').replace(controls, '');
}

function carriedAll(attributes: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, xmlCarried(v)]));
}

function run(command: string, args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}) {
  const r = spawnSync(command, args, {
    input: options.input,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function saved(name: string, text: string): string {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
}

const graphs = () =>
  [
    ['article', article],
    ['hostile', hostile()],
    ['claims', claims],
  ] as const;

describe.each(FORMATS)('%s', (format: Format) => {
  test('the article matches the golden file, byte for byte', () => {
    const golden = join(ROOT, 'tests', 'golden', `article.${EXPORT_FORMATS[format].extension}`);
    const text = exportGraph(article, format);
    if (process.env.UPDATE_GOLDEN) writeFileSync(golden, text);
    expect(text).toBe(readFileSync(golden, 'utf8'));
  });

  test('deterministic: the same bytes twice, and for the graph built in reverse order', () => {
    for (const [, graph] of graphs()) {
      const text = exportGraph(graph, format);
      expect(exportGraph(graph, format)).toBe(text);
      expect(exportGraph(reversed(graph), format)).toBe(text);
    }
  });
});

describe('gexf', () => {
  /** The node's place in the viewer's layout, which graphology-gexf reads from viz:position and viz:size. */
  const placed = (graph: FactGraph, id: string) => {
    const { positions, sizes } = graphLayout(graph);
    return { x: positions[id]![0], y: positions[id]![1], size: sizes[id] };
  };

  test('the article and the hostile graph are valid GEXF 1.3 (xmllint, the RELAX NG schema)', () => {
    for (const [name, graph] of graphs()) {
      const file = saved(`${name}.gexf`, exportGraph(graph, 'gexf'));
      const r = run('xmllint', [
        '--nonet',
        '--noout',
        '--relaxng',
        join(SCHEMAS, 'gexf-1.3', 'gexf.rng'),
        file,
      ]);
      expect([r.code, r.stderr]).toEqual([0, `${file} validates\n`]);
    }
  });

  test('the RNG check can fail: a colour channel above 255 is rejected', () => {
    const text = exportGraph(article, 'gexf').replace('<viz:color r="240"', '<viz:color r="300"');
    const file = saved('broken.gexf', text);
    expect(
      run('xmllint', ['--nonet', '--noout', '--relaxng', join(SCHEMAS, 'gexf-1.3', 'gexf.rng'), file]).code,
    ).not.toBe(0);
  });

  test('graphology-gexf reads the article back: every node and edge with its typed attributes', () => {
    const back = parseGexf(Graph, exportGraph(article, 'gexf'));
    // 7 statement nodes, each with 2 ties to its ends.
    expect([back.type, back.multi, back.order, back.size]).toEqual(['directed', true, 54, 68 + 14]);
    article.forEachNode((id, a) => {
      const color = `rgb(${kindRgb(a.kind).join(',')})`;
      expect(back.getNodeAttributes(id)).toEqual({ ...a, label: a.name, color, ...placed(article, id) });
    });
    article.forEachEdge((id, a, source, target) => {
      expect([back.source(id), back.target(id)]).toEqual([source, target]);
      // Quantities come back flattened, as the formats hold them (src/model/quantities.ts); a negated
      // statement with its dashed viz:shape; the kind is the statement id (Gephi keeps parallel edges).
      expect(back.getEdgeAttributes(id)).toEqual({
        ...flattenQuantities(a),
        label: a.predicate,
        kind: id,
        ...(a.polarity === 'negated' ? { shape: 'dashed' } : {}),
      });
    });
    for (const { id, statement, role, end } of claimTies(article)) {
      expect([back.source(id), back.target(id)]).toEqual([statement, end]);
      expect(back.getEdgeAttributes(id)).toEqual({ label: role, kind: id, tie: true, shape: 'dotted' });
    }
    expect(back.getEdgeAttribute('s:24h-plan-concerns-ukraine', 'quote')).toBe(
      'gi militær hjelp dersom Ukraina angripes på nytt',
    );
    expect(back.getNodeAttributes('group:supporting-countries')).toMatchObject({
      aliases: ['støtteland'],
      anonymous: false,
    });
  });

  test('the hostile graph comes back as XML carries it, reserved names moved aside', () => {
    const graph = hostile();
    const back = parseGexf(Graph, exportGraph(graph, 'gexf'));
    expect([back.order, back.size]).toEqual([graph.order, graph.size]);
    graph.forEachNode((id, a) => {
      const color = `rgb(${kindRgb(a.kind).join(',')})`;
      const data = carriedAll(withoutReserved(a, ['id', 'label', 'x', 'y']));
      const extra = { label: xmlCarried(a.name), color, ...placed(graph, id) };
      expect(back.getNodeAttributes(id)).toEqual({ ...data, ...extra });
    });
    graph.forEachEdge((id, a, source, target) => {
      expect([back.source(id), back.target(id)]).toEqual([source, target]);
      const data = carriedAll(withoutReserved(a, ['source', 'target']));
      expect(back.getEdgeAttributes(id)).toEqual({ ...data, label: a.predicate, kind: id });
    });
    expect(back.getNodeAttributes('proposal:=formula')).toMatchObject({
      label: HOSTILE.formula,
      attr_label: 'not-the-label',
      attr_id: 'not-the-id',
      type: 'not-the-type',
    });
    expect(back.getNodeAttribute('person:entity-like', 'name')).toBe(ENTITY_LIKE.replace('\u0000', ''));
    expect(back.getNodeAttribute('state:"quoted"<&>', 'description')).toBe('bell null escape unit del\u007f');
  });
});

describe('graphml', () => {
  const xsd = (file: string) =>
    // GraphML 1.1 with yEd's extensions and Gephi's edge `label` (tests/schemas/graphml-yfiles.xsd).
    run(
      'xmllint',
      ['--nonet', '--noout', '--schema', join(ROOT, 'tests', 'schemas', 'graphml-yfiles.xsd'), file],
      {
        env: { XML_CATALOG_FILES: join(SCHEMAS, 'graphml-1.1', 'catalog.xml') },
      },
    );

  test("the article and the hostile graph are valid GraphML 1.1 with yEd's extensions (xmllint, the XSD)", () => {
    for (const [name, graph] of graphs()) {
      const file = saved(`${name}.graphml`, exportGraph(graph, 'graphml'));
      const r = xsd(file);
      expect([r.code, r.stderr]).toEqual([0, `${file} validates\n`]);
    }
  });

  test('the XSD check can fail: an id that is no NMTOKEN is rejected', () => {
    const text = exportGraph(article, 'graphml').replace('<node id="n0">', '<node id="n 0">');
    expect(xsd(saved('broken.graphml', text)).code).not.toBe(0);
  });

  /**
   * The graph graphology-graphml reads, its nodes and edges found by factgraph_id. It reads yEd's
   * graphics, under keys without a name, as an attribute `''` holding their text, the label: checked and
   * dropped here.
   */
  function reread(graph: FactGraph) {
    const back = parseGraphml(Graph, exportGraph(graph, 'graphml'));
    const graphics = (a: Record<string, unknown>) => [String(a['']).trim(), String(a.label).trim()];
    back.forEachNode((n, a) => {
      const [text, label] = graphics(a);
      expect(text).toBe(label);
      back.removeNodeAttribute(n, '');
    });
    back.forEachEdge((e, a) => {
      const [text, label] = graphics(a);
      expect(text).toBe(label);
      back.removeEdgeAttribute(e, '');
    });
    const byId = (keys: string[], attribute: (key: string) => unknown) =>
      new Map(keys.map((key) => [attribute(key) as string, key]));
    return {
      back,
      node: byId(back.nodes(), (n) => back.getNodeAttribute(n, 'factgraph_id')),
      edge: byId(back.edges(), (e) => back.getEdgeAttribute(e, 'factgraph_id')),
    };
  }

  /** Lists come back as JSON text. */
  const json = (attributes: object) =>
    Object.fromEntries(
      Object.entries(attributes).map(([k, v]) => [k, Array.isArray(v) ? JSON.stringify(v) : v]),
    );

  test('graphology-graphml reads the article back: ids, labels, colours, typed attributes, documents', () => {
    const { back, node, edge } = reread(article);
    expect([back.type, back.multi, back.order, back.size]).toEqual(['directed', true, 54, 68 + 14]);
    article.forEachNode((id, a) => {
      const extra = { factgraph_id: id, label: a.name, color: KIND_COLORS[a.kind] };
      expect(back.getNodeAttributes(node.get(id)!)).toEqual({ ...json(a), ...extra });
    });
    article.forEachEdge((id, a, source, target) => {
      const e = edge.get(id)!;
      expect([back.source(e), back.target(e)]).toEqual([node.get(source), node.get(target)]);
      expect(back.getEdgeAttributes(e)).toEqual({
        ...json(flattenQuantities(a)),
        factgraph_id: id,
        label: a.predicate,
      });
    });
    for (const { id, statement, role, end } of claimTies(article)) {
      const e = edge.get(id)!;
      expect([back.source(e), back.target(e)]).toEqual([node.get(statement), node.get(end)]);
      expect(back.getEdgeAttributes(e)).toEqual({ factgraph_id: id, label: role, tie: true });
    }
    const quote = back.getEdgeAttribute(edge.get('s:24h-plan-concerns-ukraine')!, 'quote');
    expect(quote).toBe('gi militær hjelp dersom Ukraina angripes på nytt');
    expect(JSON.parse(back.getAttribute('documents') as string)).toEqual(article.getAttribute('documents'));
  });

  test('the hostile graph comes back as XML carries it; lists, as JSON, keep even NUL', () => {
    const graph = hostile();
    const { back, node, edge } = reread(graph);
    expect([back.order, back.size]).toEqual([graph.order, graph.size]);
    graph.forEachNode((id, a) => {
      const data = carriedAll(json(withoutReserved(a, ['id', 'label', 'x', 'y'])));
      const extra = { factgraph_id: id, label: xmlCarried(a.name), color: KIND_COLORS[a.kind] };
      expect(back.getNodeAttributes(node.get(id)!)).toEqual({ ...data, ...extra });
    });
    graph.forEachEdge((id, a, source, target) => {
      const e = edge.get(id)!;
      expect([back.source(e), back.target(e)]).toEqual([node.get(source), node.get(target)]);
      const extra = { factgraph_id: id, label: a.predicate };
      expect(back.getEdgeAttributes(e)).toEqual({ ...carriedAll(json(a)), ...extra });
    });
    const entityLike = back.getNodeAttributes(node.get('person:entity-like')!);
    expect(entityLike.name).toBe(ENTITY_LIKE.replace('\u0000', ''));
    expect(JSON.parse(entityLike.aliases as string)).toEqual([ENTITY_LIKE]);
  });
});

test('a negated statement is dashed; a claim another is about is a node tied to its ends (the claims fixture)', () => {
  const dot = exportGraph(claims, 'dot');
  expect(dot).toMatch(
    /"person:sergej-lavrov" -> "s:russia-supports-guarantees" \[label="REJECTS", [^\]]*, style=dashed, fg_id="s:lavrov-rejects-the-claim", [^\]]*fg_polarity="negated"/,
  );
  // Nobody asserts it: a dashed note.
  expect(dot).toMatch(
    /"s:russia-supports-guarantees" \[label="Russia SUPPORTS [^"]*", fillcolor="[^"]*", fontcolor="[^"]*", shape=note, style="filled,dashed"/,
  );
  expect(dot).toContain(
    '"s:russia-supports-guarantees" -> "state:russia" [label="subject", style=dotted, arrowhead=none];',
  );
  expect(dot.match(/style=dashed,/g)).toHaveLength(1);
  const gexf = exportGraph(claims, 'gexf');
  expect(gexf.match(/<viz:shape value="dashed"\/>/g)).toHaveLength(1);
  expect(gexf).toContain(
    '<edge id="subject:s:russia-supports-guarantees" source="s:russia-supports-guarantees" target="state:russia" label="subject" kind="subject:s:russia-supports-guarantees">',
  );
  const graphml = exportGraph(claims, 'graphml');
  expect(graphml.match(/<y:LineStyle [^>]*type="dashed"/g)).toHaveLength(1);
  expect(graphml.match(/<y:LineStyle [^>]*type="dotted"/g)).toHaveLength(claimTies(claims).length);
  expect(exportGraph(claims, 'mermaid').match(/-\.->/g)).toHaveLength(1);
});

describe('dot', () => {
  const svg = (graph: FactGraph) => run('dot', ['-Tsvg'], { input: exportGraph(graph, 'dot') });
  /** Graphviz's SVG escapes, undone. */
  const unescape = (s: string) =>
    s.replace(/&(#\d+|quot|amp|lt|gt);/g, (_, e: string) =>
      e.startsWith('#')
        ? String.fromCodePoint(Number(e.slice(1)))
        : { quot: '"', amp: '&', lt: '<', gt: '>' }[e]!,
    );

  test('dot -Tsvg draws the article and the hostile graph without a word on stderr', () => {
    for (const [, graph] of graphs()) {
      const r = svg(graph);
      expect([r.code, r.stderr]).toEqual([0, '']);
      expect(r.stdout.match(/<g id="node\d+" class="node">/g)).toHaveLength(graph.order);
      // A statement node's ties to its subject and object are edges of the drawing too.
      expect(r.stdout.match(/<g id="edge\d+" class="edge">/g)).toHaveLength(
        graph.size + claimTies(graph).length,
      );
    }
  });

  test('every hostile id and name reaches the drawing as it is: line ends as lines, controls dropped', () => {
    const graph = hostile();
    const drawn = svg(graph)
      .stdout.split('<g id="')
      .filter((group) => group.includes('class="node"'))
      .map((group) => [
        unescape(/<title>(.*)<\/title>/.exec(group)![1]!),
        [...group.matchAll(/<text[^>]*>(.*)<\/text>/g)].map(([, line]) => unescape(line!)).join('\n'),
      ]);
    expect(drawn.sort()).toEqual(graph.mapNodes((id, a) => [id, dotShown(a.name)]).sort());
  });
});

describe('mermaid', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
    page = await browser.newPage();
  });
  afterAll(() => browser?.close());

  interface Mermaid {
    initialize(config: object): void;
    parse(text: string): Promise<unknown>;
    render(id: string, text: string): Promise<{ svg: string }>;
  }

  /**
   * mermaid's own parser and renderer, in Chromium: mermaid 11 parses in plain Node only until a label
   * needs sanitizing (DOMPurify wants a DOM), i.e. never for a real flowchart. The drawing is then
   * loaded as a page so the nodes can be counted and read.
   */
  async function render(text: string): Promise<void> {
    await page.setContent('<!doctype html><html><body></body></html>');
    await page.addScriptTag({ path: join(ROOT, 'node_modules', 'mermaid', 'dist', 'mermaid.min.js') });
    const drawn = await page.evaluate(async (t) => {
      const { mermaid } = globalThis as unknown as { mermaid: Mermaid };
      mermaid.initialize({ startOnLoad: false });
      await mermaid.parse(t);
      return (await mermaid.render('graph', t)).svg;
    }, text);
    await page.setContent(`<!doctype html><html><body>${drawn}</body></html>`);
  }

  test('mermaid parses and draws the article and the hostile graph: every node and edge', async () => {
    for (const [, graph] of graphs()) {
      await render(exportGraph(graph, 'mermaid'));
      expect(await page.locator('g.node').count()).toBe(graph.order);
      expect(await page.locator('.edgePaths path').count()).toBe(graph.size + claimTies(graph).length);
    }
  });

  test('the hostile names are drawn as text: one line, controls dropped, nothing else changed', async () => {
    const graph = hostile();
    await render(exportGraph(graph, 'mermaid'));
    const names = graph.mapNodes((_, a) => mermaidShown(a.name)).sort();
    expect((await page.locator('g.node').allTextContents()).sort()).toEqual(names);
    expect(await page.locator('script').count()).toBe(0);
  });

  test('the check can fail: mermaid rejects a raw double quote in an edge label', async () => {
    await expect(render('flowchart LR\n  n0 -->|"say "no" now"| n1\n')).rejects.toThrow(/Parse error/);
  });
});
