import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KgError } from '../../src/errors';
import { importDna } from '../../src/import/dna';
import { validate } from '../../src/validate/validate';
import { buildDna, type DnaSpec } from '../dna-fixture';

const tmp = mkdtempSync(join(tmpdir(), 'factgraph-dna-fuzz-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// Words as news texts hold them, with what trips offsets and ids: non-BMP characters, decomposed
// letters, CRLF line ends, punctuation, names that differ only in case or accents.
const WORD = fc.constantFrom(
  'coal',
  'Coal',
  'must',
  'go',
  'the',
  'Støre',
  'Store',
  'Cafe\u0301',
  '🌍',
  '🔥x',
  'tax',
  '2030.',
  '«plan»',
  'Ministry',
  'of',
  '-',
);
const SEPARATOR = fc.constantFrom(' ', ' ', ' ', '\n', '\r\n', ', ');
const TEXT = fc
  .array(fc.tuple(WORD, SEPARATOR), { minLength: 6, maxLength: 40 })
  .map((parts) => `${parts.map(([w, s]) => w + s).join('')}end of the story.`);
const NAME = fc.array(WORD, { minLength: 1, maxLength: 3 }).map((w) => w.join(' '));

/** A DNA database with random documents, entities and statements whose spans lie inside their texts. */
const SPEC = fc
  .record({
    texts: fc.array(TEXT, { minLength: 1, maxLength: 3 }),
    persons: fc.uniqueArray(NAME, { minLength: 1, maxLength: 4 }),
    organizations: fc.uniqueArray(NAME, { minLength: 1, maxLength: 3 }),
    concepts: fc.uniqueArray(NAME, { minLength: 1, maxLength: 4 }),
    statements: fc.array(
      fc.record({
        document: fc.nat(),
        from: fc.double({ min: 0, max: 1, noNaN: true }),
        length: fc.integer({ min: 1, max: 60 }),
        person: fc.nat(),
        organization: fc.nat(),
        concept: fc.nat(),
        agreement: fc.integer({ min: 0, max: 1 }),
      }),
      { minLength: 1, maxLength: 8 },
    ),
  })
  .map(({ texts, persons, organizations, concepts, statements }): DnaSpec => {
    const entity = (variable: number, names: string[], offset: number) =>
      Object.fromEntries(names.map((n, i) => [offset + i, [variable, n] as [number, string]]));
    return {
      coders: { 1: 'Coder 1' },
      statementTypes: { 1: 'DNA Statement' },
      variables: {
        1: ['person', 'short text', 1],
        2: ['organization', 'short text', 1],
        3: ['concept', 'short text', 1],
        4: ['agreement', 'boolean', 1],
      },
      entities: { ...entity(1, persons, 100), ...entity(2, organizations, 200), ...entity(3, concepts, 300) },
      documents: texts.map((text, i) => ({
        id: i + 1,
        title: `Document ${i + 1}`,
        text,
        coder: 1,
        date: 1_700_000_000 + i * 86_400,
      })),
      statements: statements.map((s, i) => {
        const document = (s.document % texts.length) + 1;
        // DNA's offsets count the text with CRLF as one character, as its editor shows it.
        const shown = texts[document - 1]!.replaceAll('\r\n', '\n');
        const start = Math.min(Math.floor(s.from * shown.length), shown.length - 1);
        return {
          id: i + 1,
          type: 1,
          document,
          start,
          stop: Math.min(shown.length, start + s.length),
          coder: 1,
          values: {
            1: 100 + (s.person % persons.length),
            2: 200 + (s.organization % organizations.length),
            3: 300 + (s.concept % concepts.length),
            4: s.agreement,
          },
        };
      }),
    };
  });

test('any DNA database of valid spans imports into a data set that kg validate passes, each statement imported or counted', async () => {
  let run = 0;
  await fc.assert(
    fc.asyncProperty(SPEC, async (spec) => {
      const file = join(tmp, `fuzz-${++run}.dna`);
      writeFileSync(file, await buildDna(spec));
      const out = join(tmp, `out-${run}`);
      const result = await importDna(file, out, { language: 'en' });
      const imported = result.statements.SUPPORTS + result.statements.REJECTS;
      const counted = result.notImported
        .filter((n) => n.what.startsWith('statements of type'))
        .reduce((sum, n) => sum + n.count, 0);
      expect(imported + counted).toBe(spec.statements.length);
      const validation = await validate([out]);
      expect(validation.errors.map((e) => `${e.code} ${e.message}`)).toEqual([]);
      expect(validation.dataset.statements.size).toBe(imported);
    }),
    { numRuns: 60, seed: 20261202 },
  );
});

test('spans outside the text, reversed or empty: a KgError or a valid data set, never a crash', async () => {
  let run = 0;
  await fc.assert(
    fc.asyncProperty(
      SPEC,
      fc.array(fc.tuple(fc.integer({ min: -5, max: 5000 }), fc.integer({ min: -5, max: 5000 })), {
        minLength: 1,
        maxLength: 3,
      }),
      async (spec, spans) => {
        spans.forEach(([start, stop], i) => {
          const s = spec.statements[i % spec.statements.length]!;
          Object.assign(s, { start, stop });
        });
        const file = join(tmp, `bad-${++run}.dna`);
        writeFileSync(file, await buildDna(spec));
        const out = join(tmp, `bad-out-${run}`);
        try {
          await importDna(file, out, { language: 'en' });
        } catch (e) {
          expect(e).toBeInstanceOf(KgError);
          return;
        }
        expect((await validate([out])).errors.map((e) => `${e.code} ${e.message}`)).toEqual([]);
      },
    ),
    { numRuns: 40, seed: 20261203 },
  );
});
