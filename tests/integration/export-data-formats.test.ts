import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import cytoscape from 'cytoscape';
import { parse as parseCsv } from 'csv-parse/sync';
import { MultiDirectedGraph } from 'graphology';
import jsonld from 'jsonld';
import { Parser } from 'n3';
import { exportGraph, loadGraph, writeExport, type FactGraph } from '../../src';
import type { StatementAttributes, StatementNodeAttributes } from '../../src/backends/memory/build-graph';
import { isStatementNode } from '../../src/model/claims';
import type { Neo4jConfig } from '../../src/backends/neo4j/connection';
import { loadIntoNeo4j } from '../../src/backends/neo4j/load';
import { readCanonicalFromNeo4j } from '../../src/backends/neo4j/read-graph';
import { claimTies, withoutReserved } from '../../src/export/attributes';
import { graphLayout } from '../../src/export/layout';
import { idIri, RDF_PREFIXES } from '../../src/export/rdf';
import { canonicalFromGraph } from '../../src/load/canonical';
import { HOSTILE, hostileGraph } from '../hostile-graph';
import { BASE, FIXTURES, ROOT } from '../helpers';
import { cypher, sideServerPort } from '../neo4j-helpers';

const GOLDEN = join(ROOT, 'tests', 'golden');
const FORMATS = ['cytoscape', 'neo4j-csv', 'turtle', 'jsonld'] as const;

let article: FactGraph;
let hostile: FactGraph;

beforeAll(async () => {
  article = (await loadGraph([join(ROOT, 'graph-data')])).graph;
  hostile = hostileGraph();
});

/** The same graph built the other way round: documents, nodes, edges and every attribute in reverse order. */
function reversed(graph: FactGraph): FactGraph {
  const flip = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).reverse()) as T;
  const g: FactGraph = new MultiDirectedGraph({ allowSelfLoops: false });
  const documents = Object.entries(graph.getAttribute('documents')).reverse();
  g.replaceAttributes({ documents: Object.fromEntries(documents.map(([id, d]) => [id, flip(d)])) });
  for (const id of graph.nodes().reverse()) g.addNode(id, flip(graph.getNodeAttributes(id)));
  for (const id of graph.edges().reverse()) {
    g.addDirectedEdgeWithKey(id, graph.source(id), graph.target(id), flip(graph.getEdgeAttributes(id)));
  }
  return g;
}

describe.each(FORMATS)('%s', (format) => {
  test('the article matches the golden output, byte for byte', () => {
    const output = exportGraph(article, format);
    const files: [string, string][] =
      typeof output === 'string'
        ? [
            [
              `article.${format === 'cytoscape' ? 'cytoscape.json' : format === 'turtle' ? 'ttl' : format}`,
              output,
            ],
          ]
        : Object.entries(output).map(([name, text]) => [join('article-neo4j-csv', name), text]);
    if (process.env.UPDATE_GOLDEN) {
      if (typeof output !== 'string')
        rmSync(join(GOLDEN, 'article-neo4j-csv'), { recursive: true, force: true });
      for (const [name, text] of files) {
        mkdirSync(dirname(join(GOLDEN, name)), { recursive: true });
        writeFileSync(join(GOLDEN, name), text);
      }
    }
    if (typeof output !== 'string') {
      expect(readdirSync(join(GOLDEN, 'article-neo4j-csv')).sort()).toEqual(Object.keys(output).sort());
    }
    for (const [name, text] of files) expect(text).toBe(readFileSync(join(GOLDEN, name), 'utf8'));
  });

  test('the same graph gives the same bytes, whatever order it was built in', () => {
    for (const graph of [article, hostile]) {
      const once = exportGraph(graph, format);
      expect(exportGraph(graph, format)).toEqual(once);
      expect(exportGraph(reversed(graph), format)).toEqual(once);
    }
  });
});

describe('cytoscape: read by Cytoscape.js itself (headless)', () => {
  const RESERVED = ['id', 'label', 'source', 'target', 'parent', 'value', 'key'];
  const instances: cytoscape.Core[] = [];
  /** The file as it is, given to cytoscape(): its elements, style and graph data. */
  const load = (graph: FactGraph) => {
    const json = JSON.parse(exportGraph(graph, 'cytoscape')) as cytoscape.CytoscapeOptions;
    const cy = cytoscape({ ...json, headless: true, styleEnabled: true });
    instances.push(cy);
    return cy;
  };
  // A live instance keeps a timer running.
  afterEach(() => instances.splice(0).forEach((cy) => cy.destroy()));

  test.each([
    ['article', () => article],
    ['hostile graph', () => hostile],
  ])(
    '%s: the graph data, every node placed by the layout and every edge, with every attribute',
    (_, graphOf) => {
      const graph = graphOf();
      const cy = load(graph);
      // Every statement, and each statement node's ties to its ends.
      expect([cy.nodes().length, cy.edges().length]).toEqual([
        graph.order,
        graph.size + claimTies(graph).length,
      ]);
      expect(cy.data('documents')).toEqual(graph.getAttribute('documents'));
      const { positions } = graphLayout(graph);
      graph.forEachNode((id, a) => {
        const node = cy.getElementById(id);
        expect(node.data()).toEqual({ id, value: id, label: a.name, ...withoutReserved(a, RESERVED) });
        expect(node.position()).toEqual({ x: positions[id]![0], y: -positions[id]![1] });
      });
      graph.forEachEdge((id, a, source, target) => {
        const element = graph.hasNode(id) ? `edge:${id}` : id;
        const edge = cy.getElementById(element);
        expect([edge.source().id(), edge.target().id()]).toEqual([source, target]);
        expect(edge.data()).toEqual({
          id: element,
          key: id,
          source,
          target,
          label: a.predicate,
          ...withoutReserved(a, RESERVED),
        });
      });
    },
  );

  test('attributes with names Cytoscape reserves arrive as attr_*, never as its own', () => {
    const cy = load(hostile);
    const node = cy.getElementById('proposal:=formula');
    expect(node.data()).toMatchObject({
      id: 'proposal:=formula',
      label: HOSTILE.formula,
      attr_id: 'not-the-id',
      attr_label: 'not-the-label',
      attr_parent: 'np',
      description: HOSTILE.backslash,
    });
    expect(node.isChild()).toBe(false);
    const edge = cy.getElementById('s:formula');
    expect(edge.data()).toMatchObject({
      source: 'state:"quoted"<&>',
      target: 'proposal:=formula',
      attr_source: 'not-the-source',
      attr_target: 'not-the-target',
    });
    expect(cy.getElementById('state:"quoted"<&>').data('description')).toBe(HOSTILE.control);
  });

  test('nodes are coloured by kind', () => {
    const cy = load(article);
    expect(cy.getElementById('person:giorgia-meloni').style('background-color')).toBe('rgb(230,159,0)');
    expect(cy.getElementById('state:ukraine').style('background-color')).toBe('rgb(0,114,178)');
  });
});

/** A triple as exact terms (value, language, datatype), comparable across parsers. */
interface Term {
  termType: string;
  value: string;
  language?: string;
  datatype?: { value: string };
}
type Triple = { subject: Term; predicate: Term; object: Term };
const tripleKey = ({ subject: s, predicate: p, object: o }: Triple) =>
  JSON.stringify([s.value, p.value, o.termType, o.value, o.language ?? '', o.datatype?.value ?? '']);
const tripleSet = (triples: Triple[]) => [...new Set(triples.map(tripleKey))].sort();

const parseTurtle = (graph: FactGraph): Triple[] =>
  new Parser({ format: 'Turtle' }).parse(exportGraph(graph, 'turtle'));
const parseJsonLd = async (graph: FactGraph) =>
  (await jsonld.toRDF(
    JSON.parse(exportGraph(graph, 'jsonld')) as jsonld.JsonLdDocument,
  )) as unknown as Triple[];

/**
 * The triples the vocabulary gives, counted from the graph: a document 2 types + a triple a field; an
 * entity its type + a triple a value (list elements distinct); a statement 4 for its reification + a
 * triple a value; one direct triple a distinct (subject, predicate, object).
 */
function expectedTripleCount(graph: FactGraph): number {
  const values = (a: object) =>
    Object.values(a)
      .filter((v) => v !== undefined)
      .reduce((n: number, v: unknown) => n + (Array.isArray(v) ? new Set(v).size : 1), 0);
  /** A reified statement: type, rdf:subject/predicate/object, its fields; four triples a step of its source chain; a quantity's. */
  const statement = ({
    quantities,
    attributedTo,
    reportedBy,
    ...a
  }: Omit<StatementAttributes, 'predicate'>) =>
    4 +
    values({ ...a, attributedTo, reportedBy }) +
    4 * ((attributedTo?.length ?? 0) + (reportedBy?.length ?? 0)) +
    (quantities ?? []).reduce((n, q) => n + 3 + Object.keys(q).length - 1, 0);
  let count = 0;
  // A document's origin is a triple a key (fg:originFile, fg:originSha256, fg:originNote).
  for (const { origin, ...doc } of Object.values(graph.getAttribute('documents')))
    count += 2 + values(doc) + Object.keys(origin ?? {}).length;
  graph.forEachNode((id, a) => {
    if (!isStatementNode(a)) {
      const { kind: _kind, ...rest } = a;
      count += 1 + values(rest);
    } else {
      // Asserted or not: `name` is its rdfs:label; subject and object are rdf:subject/object.
      const { kind: _kind, subject: _s, object: _o, predicate: _p, ...rest } = a;
      count += statement(rest);
    }
  });
  graph.forEachEdge((id, { predicate: _predicate, ...a }) => {
    // One rdf:Statement a statement: one that is also a node is counted there.
    if (!graph.hasNode(id)) count += statement(a);
  });
  return count + new Set(graph.mapEdges((_, a, s, o) => `${s} ${a.predicate} ${o}`)).size;
}

describe('turtle and jsonld: read by n3 and jsonld.js', () => {
  const { dcterms, edtf, fg, owl, prov, rdf, rdfs, skos, wd, xsd } = RDF_PREFIXES;

  test.each([
    ['article', () => article],
    ['hostile graph', () => hostile],
  ])('%s: both parse to the same triples, as many as the graph gives', async (_, graphOf) => {
    const graph = graphOf();
    const turtle = tripleSet(parseTurtle(graph));
    expect(tripleSet(await parseJsonLd(graph))).toEqual(turtle);
    expect(turtle).toHaveLength(expectedTripleCount(graph));
  });

  /** The objects of a subject's property, as [value, language or datatype]. */
  const objects = (triples: Triple[], subject: string, property: string) =>
    triples
      .filter((t) => t.subject.value === subject && t.predicate.value === property)
      .map(({ object: o }) => [o.value, o.language || o.datatype?.value || ''])
      .sort();

  test('the vocabulary: types, labels, aliases, Wikidata, and each statement reified with its provenance', () => {
    const triples = parseTurtle(article);
    const putin = idIri('person:vladimir-putin');
    expect(objects(triples, putin, `${rdf}type`)).toEqual([[`${fg}Person`, '']]);
    expect(objects(triples, putin, `${rdfs}label`)).toEqual([['Vladimir Putin', 'en']]);
    expect(objects(triples, putin, `${skos}altLabel`)).toEqual([['Vladimir Putin', 'nb']]);
    expect(objects(triples, putin, `${owl}sameAs`)).toEqual([[`${wd}Q7747`, '']]);
    const id = 's:meloni-proposes-24h-plan';
    const s = idIri(id);
    const edge = article.getEdgeAttributes(id);
    expect(objects(triples, s, `${rdf}type`)).toEqual([[`${rdf}Statement`, '']]);
    expect(objects(triples, s, `${rdf}subject`)).toEqual([[idIri(article.source(id)), '']]);
    expect(objects(triples, s, `${rdf}predicate`)).toEqual([[`${fg}proposes`, '']]);
    expect(objects(triples, s, `${rdf}object`)).toEqual([[idIri(article.target(id)), '']]);
    expect(objects(triples, idIri(article.source(id)), `${fg}proposes`)).toContainEqual([
      idIri(article.target(id)),
      '',
    ]);
    expect(objects(triples, s, `${prov}wasDerivedFrom`)).toEqual([[idIri(edge.document), '']]);
    expect(objects(triples, s, `${fg}quote`)).toEqual([[edge.quote, 'nb']]);
    expect(objects(triples, s, `${fg}quoteStart`)).toEqual([[String(edge.quoteStart), `${xsd}integer`]]);
    expect(objects(triples, s, `${dcterms}date`)).toEqual([[edge.date, `${edtf}EDTF-level1`]]);
    expect(objects(triples, s, `${fg}dateFrom`)).toEqual([[edge.dateFrom, `${xsd}date`]]);
    const reported = article.findEdge((_, a) => a.attributedTo !== undefined && a.reportedBy !== undefined)!;
    const r = article.getEdgeAttributes(reported);
    expect(objects(triples, idIri(reported), `${prov}wasAttributedTo`)).toEqual([
      [idIri(r.attributedTo![0]!), ''],
    ]);
    expect(objects(triples, idIri(reported), `${fg}reportedBy`)).toEqual([[idIri(r.reportedBy![0]!), '']]);
  });

  test('hostile text and ids come back exactly from both parsers', async () => {
    for (const triples of [parseTurtle(hostile), await parseJsonLd(hostile)]) {
      const evil = idIri('person:evil one');
      expect(objects(triples, evil, `${rdfs}label`)).toEqual([[HOSTILE.script, 'en']]);
      expect(objects(triples, evil, `${fg}role`)).toEqual([[HOSTILE.img, 'en']]);
      expect(objects(triples, evil, `${skos}altLabel`)).toEqual([
        [HOSTILE.script, 'nb'],
        [HOSTILE.unicode, 'nb'],
      ]);
      expect(objects(triples, evil, `${dcterms}description`)).toEqual([[HOSTILE.newline, 'en']]);
      const quoted = idIri('state:"quoted"<&>');
      expect(objects(triples, quoted, `${dcterms}description`)).toEqual([[HOSTILE.control, 'en']]);
      expect(objects(triples, quoted, `${rdfs}label`)).toEqual([[HOSTILE.quotes, 'en']]);
      const formula = idIri('proposal:=formula');
      expect(objects(triples, formula, `${dcterms}description`)).toEqual([[HOSTILE.backslash, 'en']]);
      expect(objects(triples, formula, `${fg}id`)).toEqual([['not-the-id', `${xsd}string`]]);
      const s = idIri('s:evil <edge> & "one"');
      expect(objects(triples, s, `${fg}quote`)).toEqual([[HOSTILE.script, 'nb']]);
      expect(objects(triples, s, `${fg}qualifier`)).toEqual(
        [HOSTILE.newline, HOSTILE.cypher].map((q) => [q, 'en']).sort(),
      );
      expect(objects(triples, s, `${fg}hedging`)).toEqual([[HOSTILE.control, `${xsd}string`]]);
      expect(objects(triples, s, `${rdfs}comment`)).toEqual([[HOSTILE.img, `${xsd}string`]]);
      expect(objects(triples, idIri('s:formula'), `${fg}source`)).toEqual([
        ['not-the-source', `${xsd}string`],
      ]);
      // Every subject is one of the graph's ids, or a part of a statement's (`/attribution/1`), and decodes back to it.
      const ids = [...hostile.nodes(), ...hostile.edges(), ...Object.keys(hostile.getAttribute('documents'))];
      const subjects = new Set(
        triples.map((t) =>
          decodeURIComponent(t.subject.value.slice(idIri('').length)).replace(
            /\/(attribution|report|quantity)\/\d+$/,
            '',
          ),
        ),
      );
      expect([...subjects].sort()).toEqual(ids.sort());
    }
  });

  test('Turtle escapes every control character (n3 leaves U+001A–U+001F and DEL raw)', () => {
    // eslint-disable-next-line no-control-regex -- finding raw control characters is the point
    expect(exportGraph(hostile, 'turtle')).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
  });
});

describe('neo4j-csv: imported by neo4j-admin, read back from a server', () => {
  const PORT = sideServerPort(100);
  const PASSWORD = 'factgraph-csv-test';
  const config: Neo4jConfig = {
    uri: `bolt://127.0.0.1:${PORT}`,
    username: 'neo4j',
    password: PASSWORD,
    database: 'neo4j',
  };
  let tmp = '';
  let home = '';

  const neo4jSh = (command: 'start' | 'stop') =>
    execFileSync('bash', [join(ROOT, 'scripts', 'neo4j', 'neo4j.sh'), command], {
      env: { ...process.env, NEO4J_HOME_DIR: home, NEO4J_BOLT_PORT: PORT, NEO4J_PASSWORD: PASSWORD },
      stdio: 'pipe',
    });

  /** Exports the graph and imports the folder. */
  async function importGraph(graph: FactGraph, name: string, ...options: string[]): Promise<void> {
    const folder = join(tmp, name);
    await writeExport(graph, 'neo4j-csv', folder);
    importFolder(folder, ...options);
  }

  /** Runs the folder's own import.sh, with neo4j-admin from the project's jars. */
  function importFolder(folder: string, ...options: string[]): void {
    execFileSync('sh', [join(folder, 'import.sh'), ...options], {
      env: {
        ...process.env,
        PATH: `${join(tmp, 'bin')}:${process.env.PATH}`,
        NEO4J_HOME: home,
        NEO4J_CONF: join(home, 'conf'),
        NEO4J_DATABASE: 'neo4j',
      },
      stdio: 'pipe',
    });
  }

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'factgraph-neo4j-csv-'));
    home = join(tmp, 'home');
    mkdirSync(join(home, 'conf'), { recursive: true });
    mkdirSync(join(tmp, 'bin'));
    // What neo4j-admin needs of the configuration neo4j.sh writes on start: where the data goes.
    writeFileSync(
      join(home, 'conf', 'neo4j.conf'),
      [
        `server.directories.data=${join(home, 'data')}`,
        `server.directories.logs=${join(home, 'logs')}`,
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(tmp, 'bin', 'neo4j-admin'),
      `#!/bin/sh\nexec java -cp '${join(ROOT, '.neo4j', 'lib')}/*' org.neo4j.server.startup.Neo4jAdminCommand "$@"\n`,
      { mode: 0o755 },
    );
    // Imported before the first start, so the server adopts the database; neo4j.sh sets the password.
    await importGraph(article, 'article');
    neo4jSh('start');
  }, 300_000);

  afterAll(() => {
    if (home) neo4jSh('stop');
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }, 120_000);

  const countBy = (entries: string[]) =>
    Object.fromEntries(
      [...new Set(entries)].sort().map((k) => [k, entries.filter((e) => e === k).length] as const),
    );

  test('the folder import.sh ran in (neo4j-admin left its report there) is still an export: a new one replaces it', async () => {
    const folder = join(tmp, 'article');
    expect(readdirSync(folder)).toContain('import.report');
    await expect(writeExport(article, 'neo4j-csv', folder)).resolves.toBe(folder);
    expect(readdirSync(folder)).not.toContain('import.report');
  });

  test('nodes by label and relationships by type are the graph’s', async () => {
    const documents = Object.keys(article.getAttribute('documents'));
    const kinds = article.mapNodes((_, a) => a.kind);
    expect(
      Object.fromEntries(
        (await cypher(config, 'MATCH (n) UNWIND labels(n) AS l RETURN l, count(*) AS n')).map((r) => [
          r.l,
          r.n,
        ]),
      ),
    ).toEqual(
      countBy([
        ...kinds,
        // Statement nodes are :Statement, not :Entity.
        ...kinds.filter((k) => k !== 'Statement').map(() => 'Entity'),
        ...documents.map(() => 'Document'),
        'Dataset',
      ]),
    );
    // Every statement, an edge or a statement node, mentions the entities of its ends and source chain.
    const statements = [
      ...article.mapEdges((_, a, s, o) => ({ a, s, o })),
      ...article
        .filterNodes((_, a) => isStatementNode(a))
        .map((id) => {
          const a = article.getNodeAttributes(id) as StatementNodeAttributes;
          return { a, s: a.subject, o: a.object };
        }),
    ];
    const mentions = new Set<string>();
    for (const { a, s, o } of statements)
      for (const e of [s, o, ...(a.attributedTo ?? []), ...(a.reportedBy ?? [])])
        if (!isStatementNode(article.getNodeAttributes(e))) mentions.add(`${e} ${a.document}`);
    const ties = article.filterNodes((_, a) => isStatementNode(a)).length;
    expect(
      Object.fromEntries(
        (await cypher(config, 'MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS n')).map((r) => [r.t, r.n]),
      ),
    ).toEqual(
      countBy([
        ...article.mapEdges((_, a) => a.predicate),
        ...[...mentions].map(() => 'MENTIONED_IN'),
        // A statement node's ties to its ends.
        ...Array<string>(ties).fill('SUBJECT'),
        ...Array<string>(ties).fill('OBJECT'),
      ]),
    );
  });

  test('property types: dates are DATEs, offsets INTEGERs, lists lists, flags BOOLEANs', async () => {
    expect(
      await cypher(
        config,
        `MATCH (p:Person {id: 'person:sergey-lavrov'}), (g:Group {id: 'group:white-house-sources'}),
               ()-[r {id: 's:meloni-proposes-24h-plan'}]->(), (d:Document)
         RETURN valueType(r.dateFrom) AS date, valueType(r.date) AS edtf, valueType(r.quoteStart) AS quoteStart, r.quoteStart AS start,
                valueType(p.aliases) AS aliases, p.aliases AS lavrov, valueType(g.anonymous) AS anonymous,
                valueType(d.date) AS documentDate`,
      ),
    ).toEqual([
      {
        date: 'DATE NOT NULL',
        edtf: 'STRING NOT NULL',
        quoteStart: 'INTEGER NOT NULL',
        start: article.getEdgeAttribute('s:meloni-proposes-24h-plan', 'quoteStart'),
        aliases: 'LIST<STRING NOT NULL> NOT NULL',
        lavrov: (article.getNodeAttributes('person:sergey-lavrov') as { aliases?: string[] }).aliases,
        anonymous: 'BOOLEAN NOT NULL',
        documentDate: 'DATE NOT NULL',
      },
    ]);
  });

  test('the imported graph is the article, in the canonical form of the Neo4j loader', async () => {
    expect(await readCanonicalFromNeo4j(config, 'graph-data')).toEqual(canonicalFromGraph(article));
  });

  test('loading the article with kg load over the import changes nothing: the same shape', async () => {
    const snapshot = async () =>
      [
        ...(await cypher(config, 'MATCH (n) RETURN labels(n) AS l, properties(n) AS p')),
        ...(await cypher(
          config,
          'MATCH (a)-[r]->(b) RETURN type(r) AS t, a.id AS a, b.id AS b, properties(r) AS p',
        )),
      ]
        .map((row) => {
          const { loadedAt: _, ...p } = row.p as Record<string, unknown>;
          return JSON.stringify({ ...row, p: Object.fromEntries(Object.entries(p).sort()) });
        })
        .sort();
    const before = await snapshot();
    const result = await loadIntoNeo4j(article, config, { dataset: 'graph-data' });
    expect(result.removedRelationships).toBe(0);
    expect(await snapshot()).toEqual(before);
  });

  test('the hostile graph imports, every string exact (the formula too), reserved names as attr_*', async () => {
    // Lists holding ";" and "|" leave U+001F as the array delimiter; an empty list; an empty string.
    const graph = hostile.copy();
    graph.mergeNodeAttributes('person:evil one', {
      aliases: [
        ...((graph.getNodeAttributes('person:evil one') as { aliases?: string[] }).aliases ?? []),
        'semi;colon|pipe',
      ],
    });
    graph.setEdgeAttribute('s:parallel', 'qualifiers', []);
    graph.setEdgeAttribute('s:parallel', 'note', '');
    const files = exportGraph(graph, 'neo4j-csv');
    expect(files['import.sh']).toContain(`--array-delimiter='U+001F'`);
    // A description with a line break: the slower multi-line parsing is needed (the article needs none).
    expect(files['import.sh']).toContain('--multiline-fields=true');
    const [head, row] = parseCsv(files['entities-Proposal.csv']!) as string[][];
    expect(row![head!.indexOf('name:string')]).toBe(HOSTILE.formula);
    neo4jSh('stop');
    await importGraph(graph, 'hostile', '--overwrite-destination');
    neo4jSh('start');
    // The canonical form already moves the reserved `id` aside, as attr_id.
    const expected = canonicalFromGraph(graph);
    expect(expected.nodes['proposal:=formula']!.properties.attr_id).toBe('not-the-id');
    // neo4j-admin cannot store an empty array: it becomes no property (neo4j/neo4j#13566).
    delete expected.edges['s:parallel']!.properties.qualifiers;
    expect(await readCanonicalFromNeo4j(config, 'graph-data')).toEqual(expected);
  }, 300_000);

  test('the claims fixture imports as kg load writes it: statement nodes, their ties, flattened figures', async () => {
    const claims = (
      await loadGraph([BASE, join(FIXTURES, 'valid', 'claims-every-field.yaml')], { root: FIXTURES })
    ).graph;
    neo4jSh('stop');
    await importGraph(claims, 'claims', '--overwrite-destination');
    neo4jSh('start');
    expect(await readCanonicalFromNeo4j(config, 'graph-data')).toEqual(canonicalFromGraph(claims));
    const ties = await cypher(
      config,
      'MATCH (c:Statement)-[t]->(end) RETURN c.id AS c, type(t) AS t, end.id AS end ORDER BY c, t',
    );
    expect(ties).toEqual(
      claimTies(claims)
        .map(({ statement, role, end }) => ({ c: statement, t: role.toUpperCase(), end }))
        .sort((a, b) => (a.c + a.t < b.c + b.t ? -1 : 1)),
    );
    // kg load over the import finds every relationship where it belongs: nothing to replace.
    const result = await loadIntoNeo4j(claims, config, { dataset: 'graph-data' });
    expect(result.removedRelationships).toBe(0);
    expect(await readCanonicalFromNeo4j(config, 'graph-data')).toEqual(canonicalFromGraph(claims));
  }, 300_000);

  test('kg export names the data set as kg load does: the load after the import changes nothing', async () => {
    const kg = (...args: string[]) => {
      const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli', 'main.js'), '--json', ...args], {
        encoding: 'utf8',
        env: { ...process.env, NEO4J_URI: config.uri, NEO4J_PASSWORD: PASSWORD, NEO4J_DATABASE: 'neo4j' },
      });
      expect(r.stderr).toBe('');
      return JSON.parse(r.stdout) as { ok: boolean; neo4j?: Record<string, unknown> };
    };
    // A folder not called graph-data: the old export named every data set that.
    const data = join(tmp, 'my-article');
    cpSync(join(ROOT, 'graph-data'), data, { recursive: true });
    expect(kg('export', data, '--format', 'neo4j-csv', '--out', join(tmp, 'my-article-csv')).ok).toBe(true);
    expect(readFileSync(join(tmp, 'my-article-csv', 'dataset.csv'), 'utf8')).toMatch(/^"my-article",/m);
    neo4jSh('stop');
    importFolder(join(tmp, 'my-article-csv'), '--overwrite-destination');
    neo4jSh('start');
    const counts = async () => ({
      nodes: await cypher(config, 'MATCH (n) RETURN labels(n) AS l, count(*) AS n ORDER BY n, l'),
      relationships: await cypher(config, 'MATCH ()-[r]->() RETURN r.dataset AS d, count(*) AS n'),
      datasets: await cypher(config, 'MATCH (x:Dataset) RETURN x.name AS name'),
    });
    const imported = await counts();
    expect(imported.datasets).toEqual([{ name: 'my-article' }]);
    expect(imported.relationships).toEqual([{ d: 'my-article', n: 129 }]);
    // The follow-up load the docs and import.sh recommend: no second copy, nothing replaced.
    const load = kg('load', data, '--backend', 'neo4j');
    expect(load.neo4j).toMatchObject({ dataset: 'my-article', removedRelationships: 0, removedNodes: 0 });
    expect(await counts()).toEqual(imported);
    // It recorded the folder, so a prune of it runs, and removes nothing.
    expect(kg('load', data, '--backend', 'neo4j', '--prune').neo4j).toMatchObject({
      removedRelationships: 0,
      removedNodes: 0,
    });
    expect(await counts()).toEqual(imported);
    expect(await cypher(config, 'MATCH (x:Dataset) RETURN x.source AS s')).toEqual([{ s: data }]);
    // --dataset names it on both sides alike.
    kg('export', data, '--format', 'neo4j-csv', '--out', join(tmp, 'trial-csv'), '--dataset', 'trial');
    expect(readFileSync(join(tmp, 'trial-csv', 'dataset.csv'), 'utf8')).toMatch(/^"trial",/m);
    expect(readFileSync(join(tmp, 'trial-csv', 'import.sh'), 'utf8')).toContain('(data set "trial")');
  }, 300_000);
});
