import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { coverage, exportGraph, loadGraph, validate } from '../../src';
import type { StatementNodeAttributes } from '../../src/backends/memory/build-graph';
import { ROOT } from '../helpers';

const DATA = join(ROOT, 'graph-data');
const GOLDEN = join(ROOT, 'tests', 'golden', 'article.graphology.json');

test('graph-data/ is valid', async () => {
  const result = await validate([DATA]);
  expect(result.errors.map((e) => e.format())).toEqual([]);
  expect(result.warnings).toEqual([]);
  expect(result.dataset.statements.size).toBeGreaterThanOrEqual(60);
});

test('every quote is found verbatim in its source, at the offsets the graph records', async () => {
  const { graph, dataset } = await loadGraph([DATA]);
  // Asserted statements are edges; those another is about, or nobody asserts, are Statement nodes.
  const statements = [
    ...graph.mapEdges((id, a) => ({ id, ...a })),
    ...graph
      .filterNodes((_, a) => a.kind === 'Statement')
      .map((id) => ({
        id,
        ...(graph.getNodeAttributes(id) as StatementNodeAttributes),
      })),
  ];
  expect(new Set(statements.map((s) => s.id))).toEqual(new Set(dataset.statements.keys()));
  for (const s of statements) {
    const text = dataset.documents.get(s.document)!.text!;
    expect(text.slice(s.quoteStart, s.quoteEnd)).toBe(s.quote.normalize('NFC'));
    // The span naming the source is unambiguous: it occurs once.
    if (s.sourceQuote !== undefined) expect(text.split(s.sourceQuote.normalize('NFC'))).toHaveLength(2);
  }
});

test('every sentence that states a fact is quoted by a statement; only headings are not', async () => {
  const { dataset } = await loadGraph([DATA]);
  const [doc] = coverage(dataset);
  expect(doc!.sentences.filter((s) => s.statements.length === 0).map((s) => s.text)).toEqual([
    'Ulike syn på fredsforhandlingene',
    'Fortsatt harde kamper',
  ]);
  expect(doc!.sentences.filter((s) => s.heading).map((s) => s.text)).toEqual([
    'Ulike syn på fredsforhandlingene',
    'Fortsatt harde kamper',
  ]);
  expect(doc!.covered).toBe(doc!.factual);
});

test('the article source is the seed without its metadata token: the origin checksum rebuilds it', async () => {
  const text = readFileSync(join(DATA, 'sources', '2025-08-21-security-guarantees.nb.txt'), 'utf8');
  expect(text.startsWith('USA, Ukraina og europeiske ledere')).toBe(true);
  expect(text).not.toContain('date 2025-08-21');
  const { dataset } = await loadGraph([DATA]);
  const { origin } = dataset.documents.get('doc:2025-08-21-security-guarantees')!.record;
  const seed = createHash('sha256').update(` date 2025-08-21 ${text}`, 'utf8').digest('hex');
  expect(origin).toMatchObject({ file: '000_db528f464e851ed9.txt', sha256: seed });
});

test('the graphology export of the article matches the golden file, byte for byte', async () => {
  const { graph } = await loadGraph([DATA]);
  const text = exportGraph(graph, 'graphology');
  if (process.env.UPDATE_GOLDEN) writeFileSync(GOLDEN, text);
  expect(text).toBe(readFileSync(GOLDEN, 'utf8'));
});
