import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { validate } from '../../src';
import { ROOT } from '../helpers';
import {
  allOccurrences,
  enoughLetters,
  findQuote,
  firstHolders,
  normalizeSource,
  occurrences,
  MIN_QUOTE_LETTERS,
  quoteLetters,
} from '../../src/validate/quotes';

const source = normalizeSource(
  'Russlands utenriksminister Sergej Lavrov understreket at Moskva støtter garantier.\r\n– Alt annet er «håpløst», sa Lavrov.\r\n',
);

test('a verbatim quote is found with UTF-16 offsets into the normalized text', () => {
  const span = findQuote(source, 'Moskva støtter garantier');
  expect(span).toBeDefined();
  expect(source.slice(span!.start, span!.end)).toBe('Moskva støtter garantier');
});

test('NFC and NFD spellings of the same letters match', () => {
  expect(findQuote(source, 'Alt annet er «håpløst»'.normalize('NFD'))).toBeDefined();
  expect(findQuote(normalizeSource('håpløst'.normalize('NFD')), 'håpløst')).toBeDefined();
});

test('CRLF in the source is LF, so a quote spanning a line break matches with \\n', () => {
  expect(findQuote(source, 'garantier.\n– Alt')).toBeDefined();
});

test('straight quotes, hyphens and collapsed whitespace do not match typographic ones', () => {
  expect(findQuote(source, 'Alt annet er "håpløst"')).toBeUndefined();
  expect(findQuote(source, '- Alt annet')).toBeUndefined();
  expect(findQuote(source, 'Moskva  støtter')).toBeUndefined();
});

test('occurrences counts every place a quote starts, overlapping ones too, and keeps the first few', () => {
  expect(occurrences(source, 'Lavrov', 3)).toEqual({ count: 2, starts: [34, 112] });
  expect(occurrences('aaaa', 'aa', 2)).toEqual({ count: 3, starts: [0, 1] });
  expect(occurrences(source, 'Kyiv', 3)).toEqual({ count: 0, starts: [] });
  // Against the definition, on texts of few letters so that repeats are common.
  fc.assert(
    fc.property(
      fc.string({ unit: fc.constantFrom('a', 'b', 'å', 'a\u030a'), maxLength: 40 }),
      fc.string({ unit: fc.constantFrom('a', 'b', 'å'), minLength: 1, maxLength: 3 }),
      fc.nat(5),
      (raw, quote, keep) => {
        const text = normalizeSource(raw);
        const all = [...text].map((_, i) => i).filter((i) => text.startsWith(quote, i));
        expect(occurrences(text, quote, keep)).toEqual({ count: all.length, starts: all.slice(0, keep) });
      },
    ),
  );
});

test('a quote’s letters and digits are counted in any script, nothing else', () => {
  expect(quoteLetters('og')).toBe(2);
  expect(quoteLetters(' – «»., ')).toBe(0);
  expect(quoteLetters('Зеленський 2025')).toBe(14);
  // A combining ring is no letter of its own: NFD spells the same 7 letters as NFC.
  expect(quoteLetters('håpløst'.normalize('NFD'))).toBe(7);
});

test('a quote has enough letters exactly when it counts MIN_QUOTE_LETTERS or more', () => {
  const unit = fc.constantFrom('a', 'Я', '7', ' ', '«', '\u030a', '😀', '𝒜');
  fc.assert(
    fc.property(fc.string({ unit, maxLength: 12 }), (quote) => {
      expect(enoughLetters(quote)).toBe(quoteLetters(quote) >= MIN_QUOTE_LETTERS);
    }),
    { numRuns: 2000 },
  );
});

test('the occurrences of many quotes in one pass are what occurrences gives each', () => {
  // Few letters, so that quotes of 12 and 32 code units and more (hashed) recur, overlapping too; some in NFD.
  const text = fc.string({ unit: fc.constantFrom('a', 'b', 'å'), maxLength: 300, size: 'max' });
  fc.assert(
    fc.property(
      text.map(normalizeSource),
      fc.array(
        fc.tuple(
          fc.nat(300),
          fc.integer({ min: 0, max: 48 }),
          fc.option(fc.string({ unit: fc.constantFrom('a', 'b', 'a\u030a'), maxLength: 48 })),
          fc.nat(5),
        ),
        { maxLength: 12 },
      ),
      (source, drawn) => {
        const quotes = drawn.map(([at, length, own]) => {
          const from = at % (source.length + 1);
          return own ?? source.slice(from, from + length);
        });
        const keep = drawn.map(([, , , k]) => k);
        expect(allOccurrences(source, quotes, keep)).toEqual(
          quotes.map((q, i) => occurrences(source, q, keep[i]!)),
        );
      },
    ),
    { numRuns: 1000 },
  );
});

test('the first other text holding each quote is what findQuote over every text finds', () => {
  // Few letters, so that windows and whole quotes recur across texts; quotes short and long (a hash
  // window is 12 or 32 code units), cut from a text (found) or drawn (mostly not), some in NFD.
  const letters = fc.constantFrom('a', 'b', 'å', ' ');
  const texts = fc.array(
    fc.option(fc.string({ unit: letters, maxLength: 200, size: 'max' }).map(normalizeSource), {
      nil: undefined,
      freq: 8,
    }),
    { minLength: 1, maxLength: 6 },
  );
  const quote = (all: (string | undefined)[]) =>
    fc.record({
      from: fc.nat(all.length - 1),
      at: fc.nat(200),
      length: fc.integer({ min: 0, max: 48 }),
      drawn: fc.option(fc.string({ unit: fc.constantFrom('a', 'b', 'a\u030a'), maxLength: 48 })),
      except: fc.integer({ min: -1, max: all.length - 1 }),
    });
  const cut = (text: string, at: number, length: number) => {
    const from = at % (text.length + 1);
    return text.slice(from, from + length);
  };
  fc.assert(
    fc.property(
      texts.chain((all) => fc.tuple(fc.constant(all), fc.array(quote(all), { maxLength: 12 }))),
      ([all, drawn]) => {
        const quotes = drawn.map((q) => ({
          quote: q.drawn ?? cut(all[q.from] ?? '', q.at, q.length),
          except: q.except,
        }));
        const brute = quotes.map(({ quote, except }) =>
          all.findIndex((t, d) => d !== except && t !== undefined && findQuote(t, quote) !== undefined),
        );
        expect(firstHolders(all, quotes)).toEqual(brute);
      },
    ),
    { numRuns: 1000 },
  );
});

test('a warm cache puts back where every quote and sourceQuote of the article is', async () => {
  const cacheDir = mkdtempSync(join(tmpdir(), 'factgraph-spans-'));
  const spans = async () =>
    [...(await validate([join(ROOT, 'graph-data')], { cacheDir })).dataset.statements.values()].map((s) => [
      s.record.id,
      s.span,
      s.sourceSpan,
    ]);
  const cold = await spans();
  expect(cold.filter(([, , source]) => source).length).toBeGreaterThan(10);
  expect(await spans()).toEqual(cold);
});
