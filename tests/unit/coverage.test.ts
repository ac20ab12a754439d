import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { coverage, loadGraph } from '../../src';

/** A document of two lines: the source named on the first, the claim on the second. */
function dataset(statement: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'factgraph-coverage-'));
  mkdirSync(join(dir, 'sources'));
  writeFileSync(join(dir, 'sources', 'text.nb.txt'), 'Ifølge Reuters:\nRussland krever hele Donbas.\n');
  writeFileSync(
    join(dir, 'data.yaml'),
    `documents:
  - { id: doc:text, title: Donbas, date: 2025-08-21, language: nb, path: sources/text.nb.txt }
entities:
  - { id: state:russia, kind: State, name: Russia, aliases: [Russland] }
  - { id: region:donbas, kind: Region, name: Donbas, regionType: historical-region }
  - { id: organization:reuters, kind: Organization, name: Reuters, organizationType: news-agency }
document: doc:text
statements:
  - id: s:russia-demands-donbas
    subject: state:russia
    predicate: DEMANDS
    object: region:donbas
    quote: Russland krever hele Donbas
${statement}`,
  );
  return dir;
}

test('a sentence that only names the source of a claim (its sourceQuote) is covered by that claim', async () => {
  const named = await loadGraph([
    dataset('    sourceQuote: Ifølge Reuters\n    reportedBy: organization:reuters\n'),
  ]);
  const [doc] = coverage(named.dataset);
  expect(doc!.sentences.map((s) => [s.text, s.statements])).toEqual([
    ['Ifølge Reuters:', ['s:russia-demands-donbas']],
    ['Russland krever hele Donbas.', ['s:russia-demands-donbas']],
  ]);
  expect([doc!.covered, doc!.factual]).toEqual([2, 2]);

  // Without the sourceQuote, the first sentence is quoted by nothing.
  const [without] = coverage((await loadGraph([dataset('')])).dataset);
  expect(without!.sentences.map((s) => s.statements)).toEqual([[], ['s:russia-demands-donbas']]);
  expect([without!.covered, without!.factual]).toEqual([1, 2]);
});
