import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes a valid data set big enough to interrupt in the middle of: one document whose lines are the
 * quotes, `people` persons, and `statements` SUPPORTS statements spread over files of 1,000.
 */
export function writeBigDataset(dir: string, people: number, statements: number): void {
  mkdirSync(join(dir, 'sources'), { recursive: true });
  const quote = (i: number) => `Person ${i % people} støtter person ${(i * 7 + 1) % people} (setning ${i}).`;
  writeFileSync(
    join(dir, 'sources', 'big.txt'),
    Array.from({ length: statements }, (_, i) => quote(i)).join('\n'),
  );
  const entities = Array.from(
    { length: people },
    (_, i) => `  - id: person:p${i}\n    kind: Person\n    name: Person ${i}\n`,
  );
  writeFileSync(
    join(dir, 'documents.yaml'),
    'documents:\n  - id: doc:big\n    title: Big\n    date: 2025-08-21\n    language: nb\n    path: sources/big.txt\n' +
      `entities:\n${entities.join('')}`,
  );
  for (let from = 0; from < statements; from += 1000) {
    const lines = ['document: doc:big', 'statements:'];
    for (let i = from; i < Math.min(from + 1000, statements); i++)
      lines.push(
        `  - id: s:${i}`,
        `    subject: person:p${i % people}`,
        '    predicate: SUPPORTS',
        `    object: person:p${(i * 7 + 1) % people}`,
        `    quote: "${quote(i)}"`,
      );
    writeFileSync(
      join(dir, `statements-${String(from / 1000).padStart(3, '0')}.yaml`),
      `${lines.join('\n')}\n`,
    );
  }
}
