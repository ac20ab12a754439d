import fc from 'fast-check';
import { PassageIndex, sellers, type Passage } from '../../src/validate/closest-passage';
import { normalizeQuote, normalizeSource } from '../../src/validate/quotes';

/** The brute force, and the definition: Sellers' edit table over the whole source (m × n cells). */
function passageByTable(source: string, quote: string): Passage | undefined {
  const q = normalizeQuote(quote);
  if (q.length === 0 || source.length === 0) return undefined;
  const best = sellers(source, q, 0, source.length, { edits: q.length, start: 0, end: 0 }, () => true);
  return { text: source.slice(best.start, best.end), edits: best.edits };
}

/** One quote's closest passage, from an index of the source made for it. */
const closestPassage = (source: string, quote: string) => new PassageIndex(source).closest(quote);

const source = normalizeSource(
  'Russlands utenriksminister Sergej Lavrov understreket at Moskva støtter garantier.\r\n– Alt annet er «håpløst», sa Lavrov.\r\n',
);

test('the closest passage is the near miss with the fewest edits', () => {
  expect(closestPassage(source, 'Moskva støtter garantiene')).toEqual({
    text: 'Moskva støtter garantier.',
    edits: 2,
  });
  expect(closestPassage(source, 'Alt annet er "håpløst"')).toEqual({
    text: 'Alt annet er «håpløst»',
    edits: 2,
  });
  expect(closestPassage(source, 'Moskva støtter garantier')).toEqual({
    text: 'Moskva støtter garantier',
    edits: 0,
  });
  expect(closestPassage(source, '')).toBeUndefined();
  expect(closestPassage('', 'Moskva')).toBeUndefined();
});

test('on short random texts the closest passage is the edit table’s, tie-breaks included', () => {
  // Small alphabets make many ties; long quotes span several 32-row blocks.
  const text = (alphabet: string, max: number) =>
    fc.array(fc.constantFrom(...alphabet), { maxLength: max }).map((cs) => cs.join(''));
  for (const [alphabet, quoteLength] of [
    ['ab', 12],
    ['abc ', 40],
    ['aæ😀', 70],
    ['abcdefghij', 140],
  ] as const) {
    fc.assert(
      fc.property(text(alphabet, 300), text(alphabet, quoteLength), (source, quote) => {
        expect(closestPassage(source, quote)).toEqual(passageByTable(source, quote));
      }),
      { numRuns: 300 },
    );
  }
});

/** A quote cut out of the text and then edited: what an annotator's near miss looks like. */
const nearMiss = (text: string) =>
  fc
    .record({
      at: fc.nat(text.length),
      length: fc.integer({ min: 1, max: 120 }),
      edits: fc.array(
        fc.record({
          kind: fc.constantFrom('substitute', 'insert', 'delete'),
          at: fc.nat(200),
          char: fc.constantFrom('a', 'e', ' ', 'ø', '«', '😀', 'x'),
        }),
        { maxLength: 12 },
      ),
    })
    .map(({ at, length, edits }) =>
      edits.reduce(
        (q, e) => {
          const i = e.at % (q.length + 1);
          if (e.kind === 'insert') return q.slice(0, i) + e.char + q.slice(i);
          return q.slice(0, i) + (e.kind === 'substitute' ? e.char : '') + q.slice(i + 1);
        },
        text.slice(at, at + length),
      ),
    );

test('in texts of few words the index gives the edit table’s passage for near misses and strangers', () => {
  // Texts long enough that the q-gram filter leaves most of them out, of words that recur all over
  // them (as in generated corpora), so that many stretches pass the filter and tie.
  const word = fc.constantFrom(
    'og',
    'i',
    'går',
    'etter',
    'lange',
    'samtaler',
    'sa',
    'han',
    'Lavrov',
    '«nei»',
  );
  const text = fc
    .array(word, { minLength: 1, maxLength: 400 })
    .map((words) => normalizeSource(words.join(' ')));
  const stranger = fc.array(word, { maxLength: 16 }).map((words) => words.join(' '));
  fc.assert(
    fc.property(
      text.chain((t) =>
        fc.tuple(fc.constant(t), fc.array(fc.oneof(nearMiss(t), stranger), { minLength: 1, maxLength: 4 })),
      ),
      ([text, quotes]) => {
        // One index, several quotes: what a file's missing quotes in one document share.
        const index = new PassageIndex(text);
        for (const quote of quotes) expect(index.closest(quote)).toEqual(passageByTable(text, quote));
      },
    ),
    { numRuns: 300 },
  );
});

test('in random texts of a small alphabet the index gives the edit table’s passage', () => {
  const text = fc
    .string({ unit: fc.constantFrom('a', 'b', 'c', ' ', 'å', '😀'), minLength: 1, maxLength: 1500 })
    .map(normalizeSource);
  fc.assert(
    fc.property(
      text.chain((t) => fc.tuple(fc.constant(t), nearMiss(t))),
      ([text, quote]) => {
        expect(closestPassage(text, quote)).toEqual(passageByTable(text, quote));
      },
    ),
    { numRuns: 300 },
  );
});

test('a quote cut out of a long text with a few edits is found again', () => {
  const long = 'Russlands utenriksminister Sergej Lavrov understreket at Moskva støtter garantier. '.repeat(
    300,
  );
  const quote = `${long.slice(12_000, 12_200).replace('Moskva', 'Moskwa')}`;
  expect(closestPassage(long, quote)).toEqual(passageByTable(long, quote));
  expect(closestPassage(long, quote)?.edits).toBe(1);
});
