import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MultiDirectedGraph } from 'graphology';
import jsonld from 'jsonld';
import type { RemoteDocument } from 'jsonld/jsonld-spec';
import { Parser } from 'n3';
import { exportGraph, KgError, loadGraph, type FactGraph, type LoadResult } from '../../src';
import { ANNO_CONTEXT } from '../../src/export/web-annotation';
import { ROOT } from '../helpers';

const GOLDEN = join(ROOT, 'tests', 'golden', 'article.anno.jsonld');
const ANNO = readFileSync(join(ROOT, 'tests', 'vendor', 'w3c', 'anno.jsonld'), 'utf8');
const OA = 'http://www.w3.org/ns/oa#';
const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const tmp = mkdtempSync(join(tmpdir(), 'factgraph-anno-'));

/** Serves the vendored W3C context and nothing else: the tests never reach the network. */
const documentLoader = (url: string): Promise<RemoteDocument> => {
  if (url !== ANNO_CONTEXT) throw new Error(`no network in tests: ${url}`);
  return Promise.resolve({ documentUrl: url, document: JSON.parse(ANNO) as RemoteDocument['document'] });
};

type Node = Record<string, unknown>;
const one = (node: Node, property: string) => (node[property] as Node[] | undefined)?.[0];
const value = (node: Node, property: string) => one(node, property)?.['@value'];

/** The annotations of an export, expanded by the W3C context: each with its selectors' values. */
async function expanded(graph: FactGraph) {
  const doc = JSON.parse(exportGraph(graph, 'web-annotation')) as jsonld.JsonLdDocument;
  const [collection] = (await jsonld.expand(doc, { documentLoader })) as Node[];
  const page = one(collection!, 'http://www.w3.org/ns/activitystreams#first')!;
  const items = (one(page, 'http://www.w3.org/ns/activitystreams#items')!['@list'] as Node[]) ?? [];
  return items.map((a) => {
    const target = one(a, `${OA}hasTarget`)!;
    const selectors = target[`${OA}hasSelector`] as Node[];
    const quote = selectors.find((s) => (s['@type'] as string[]).includes(`${OA}TextQuoteSelector`))!;
    const position = selectors.find((s) => (s['@type'] as string[]).includes(`${OA}TextPositionSelector`))!;
    return {
      id: a['@id'] as string,
      types: a['@type'] as string[],
      source: one(target, `${OA}hasSource`)?.['@id'] as string,
      exact: value(quote, `${OA}exact`) as string,
      prefix: (value(quote, `${OA}prefix`) ?? '') as string,
      suffix: (value(quote, `${OA}suffix`) ?? '') as string,
      start: Number(value(position, `${OA}start`)),
      end: Number(value(position, `${OA}end`)),
    };
  });
}

/** Every selector finds its quote: exact at start..end (code points), prefix and suffix (≤ 32) around it. */
function expectSelectorsFindQuotes(loaded: LoadResult, annotations: Awaited<ReturnType<typeof expanded>>) {
  for (const a of annotations) {
    const statement = a.id.replace('https://factgraph.dev/id/', '').replace(/\/annotation$/, '');
    const entry = loaded.dataset.statements.get(decodeURIComponent(statement))!;
    const text = [...loaded.dataset.documents.get(entry.document)!.text!];
    expect(a.exact).toBe(text.slice(a.start, a.end).join(''));
    expect(a.exact).toBe(entry.record.quote.normalize('NFC'));
    expect(a.prefix).toBe(text.slice(Math.max(0, a.start - 32), a.start).join(''));
    expect(a.suffix).toBe(text.slice(a.end, a.end + 32).join(''));
  }
}

let article: LoadResult;
beforeAll(async () => {
  article = await loadGraph([join(ROOT, 'graph-data')]);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

test('the article matches the golden file, byte for byte', () => {
  const text = exportGraph(article.graph, 'web-annotation');
  if (process.env.UPDATE_GOLDEN) writeFileSync(GOLDEN, text);
  expect(text).toBe(readFileSync(GOLDEN, 'utf8'));
});

test('offline, the W3C context expands every statement to an oa:Annotation whose selectors find its quote', async () => {
  const annotations = await expanded(article.graph);
  expect(annotations).toHaveLength(article.dataset.statements.size);
  for (const a of annotations) {
    expect(a.types).toEqual([`${OA}Annotation`]);
    expect(a.source).toBe('urn:factgraph:doc:2025-08-21-security-guarantees');
  }
  expectSelectorsFindQuotes(article, annotations);
});

test('the bodies are the Turtle export statements: the same rdf:subject, rdf:predicate, rdf:object', async () => {
  const doc = JSON.parse(exportGraph(article.graph, 'web-annotation')) as jsonld.JsonLdDocument;
  type Triple = { subject: { value: string }; predicate: { value: string }; object: { value: string } };
  const key = (t: Triple) => `${t.subject.value} ${t.predicate.value} ${t.object.value}`;
  const ends = new Set([`${RDF}subject`, `${RDF}predicate`, `${RDF}object`]);
  const annotated = ((await jsonld.toRDF(doc, { documentLoader })) as unknown as Triple[])
    .filter((t) => ends.has(t.predicate.value))
    .map(key);
  const turtle = new Parser({ format: 'Turtle' })
    .parse(exportGraph(article.graph, 'turtle'))
    .filter((t) => ends.has(t.predicate.value))
    .map(key);
  expect(annotated.length).toBe(3 * article.dataset.statements.size);
  expect(new Set(annotated)).toEqual(new Set(turtle));
});

test('positions count code points: an emoji before a quote moves the UTF-16 offset by two, the position by one', async () => {
  const dir = join(tmp, 'emoji');
  mkdirSync(join(dir, 'sources'), { recursive: true });
  writeFileSync(join(dir, 'sources', 'a.txt'), 'Cafe\u0301 🌍🔥 Ana Li backs the plan 🎉, said her office.');
  writeFileSync(
    join(dir, 'data.yaml'),
    [
      'documents:',
      '  - { id: doc:a, title: A, date: 2024-03-05, language: en, path: sources/a.txt, url: "https://example.org/a" }',
      'entities:',
      '  - { id: person:ana-li, kind: Person, name: Ana Li }',
      '  - { id: concept:the-plan, kind: Concept, name: The plan }',
      'document: doc:a',
      'statements:',
      '  - { id: s:ana-backs-plan, subject: person:ana-li, predicate: SUPPORTS, object: concept:the-plan, quote: "backs the plan 🎉", coder: Ada }',
      '',
    ].join('\n'),
  );
  const loaded = await loadGraph([dir]);
  const edge = loaded.graph.getEdgeAttributes('s:ana-backs-plan');
  const [a] = await expanded(loaded.graph);
  // "Café " is 5 code points after NFC, each emoji 2 UTF-16 units.
  expect([edge.quoteStart, edge.quoteEnd]).toEqual([17, 34]);
  expect(a).toMatchObject({
    source: 'https://example.org/a',
    start: 15,
    end: 31,
    prefix: 'Café 🌍🔥 Ana Li ',
    suffix: ', said her office.',
  });
  expectSelectorsFindQuotes(loaded, [a!]);
  const annotation = (JSON.parse(exportGraph(loaded.graph, 'web-annotation')) as { first: { items: Node[] } })
    .first.items[0]!;
  expect(annotation.creator).toEqual({ type: 'Person', name: 'Ada' });
  expect((annotation.body as Node[])[0]!.value).toBe('Ana Li SUPPORTS The plan');
});

test('a graph not made by loadGraph or buildGraph has no texts: a USAGE error, not a wrong export', () => {
  const bare: FactGraph = new MultiDirectedGraph();
  bare.replaceAttributes({ documents: {} });
  expect(() => exportGraph(bare, 'web-annotation')).toThrow(KgError);
  expect(() => exportGraph(bare, 'web-annotation')).toThrow(/needs the documents' texts/);
});
