import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validate } from '../../src';
import { BASE } from '../helpers';

/** The base data set and one more file of statements by `subject`, each quoting the base article. */
async function withStatements(subjects: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'factgraph-suggest-'));
  cpSync(BASE, dir, { recursive: true });
  const statements = subjects.map(
    (subject, i) =>
      `  - id: s:wrong-${i}\n    subject: ${subject}\n    predicate: REPRESENTS\n    object: state:russia\n    quote: Russlands utenriksminister Sergej Lavrov\n`,
  );
  writeFileSync(join(dir, 'wrong.yaml'), `document: doc:base\nstatements:\n${statements.join('')}`);
  const result = await validate([dir]);
  return result.errors.filter((e) => e.code === 'UNKNOWN_REFERENCE').map((e) => e.message);
}

test('an unknown reference gets the closest id of its kind as a did-you-mean', async () => {
  expect(
    await withStatements(['person:sergej-lavrow', 'person:giorgia-melonii', 'person:nobody-here']),
  ).toEqual([
    `subject of REPRESENTS "person:sergej-lavrow" is not defined in any file (did you mean 'person:sergej-lavrov'?)`,
    `subject of REPRESENTS "person:giorgia-melonii" is not defined in any file (did you mean 'person:giorgia-meloni'?)`,
    `subject of REPRESENTS "person:nobody-here" is not defined in any file`,
  ]);
});

test('only the first 50 wrong references of a run are compared with every id: the cost is bounded', async () => {
  const messages = await withStatements(Array.from({ length: 60 }, () => 'person:sergej-lavrow'));
  expect(messages).toHaveLength(60);
  expect(messages.filter((m) => m.includes('did you mean')).length).toBe(50);
});
