import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { coverage, exportGraph, loadGraph, validate } from '../../src';
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
  expect(graph.size).toBe(dataset.statements.size);
  graph.forEachEdge((id, a) => {
    const text = dataset.documents.get(a.document)!.text!;
    expect(text.slice(a.quoteStart, a.quoteEnd)).toBe(a.quote.normalize('NFC'));
  });
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
