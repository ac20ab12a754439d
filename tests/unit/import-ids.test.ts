import fc from 'fast-check';
import { IdMaker, slug } from '../../src/import/ids';
import { quoteSpan } from '../../src/import/dna/convert';

const ENTITY_ID = /^[a-z]+:[a-z0-9]+(-[a-z0-9]+)*$/;

test('slugs: kebab-case Latin letters and digits, Norwegian and accented letters spelled out', () => {
  expect(slug('Christine Todd Whitman', 100)).toBe('christine-todd-whitman');
  expect(slug('Jonas Gahr Støre', 100)).toBe('jonas-gahr-store');
  expect(slug('Energy and Environmental Analysis, Inc.', 100)).toBe('energy-and-environmental-analysis-inc');
  expect(slug('Émile Zoë Æsir', 100)).toBe('emile-zoe-aesir');
  expect(slug('CO2 legislation will not hurt the economy.', 20)).toBe('co2-legislation-will');
  expect(slug('中国', 100)).toBe('');
});

test('ids are well-formed, unique, at most the length, and the same for the same names in the same order', () => {
  fc.assert(
    fc.property(fc.array(fc.string({ maxLength: 40 }), { maxLength: 30 }), (names) => {
      const make = () => {
        const ids = new IdMaker('person:', 40);
        return names.map((name, i) => ids.make(name, `dna-${i}`));
      };
      const ids = make();
      for (const id of ids) {
        expect(id).toMatch(ENTITY_ID);
        expect(id.length).toBeLessThanOrEqual(40);
      }
      expect(new Set(ids).size).toBe(ids.length);
      expect(make()).toEqual(ids);
    }),
  );
});

test('a quote is DNA span, widened by words only while it occurs more than once or has under 4 letters', () => {
  const text = fc.string({
    unit: fc.constantFrom('a', 'b', ' ', '\n', 'é', '🌍'),
    minLength: 1,
    maxLength: 40,
  });
  fc.assert(
    fc.property(text, fc.nat(), fc.nat(), (lf, i, j) => {
      // Spans on whole characters (DNA's editor selects no half of a surrogate pair).
      const starts = [...lf].reduce<number[]>((at, c) => [...at, at[at.length - 1]! + c.length], [0]);
      const [a, b] = [starts[i % starts.length]!, starts[j % starts.length]!].sort((x, y) => x - y) as [
        number,
        number,
      ];
      if (a === b) return;
      const span = quoteSpan(
        { lf, nfc: lf.normalize('NFC') },
        { id: 1, statementType: 1, document: 1, start: a, stop: b, coder: null },
      );
      if (typeof span === 'string') throw new Error(span);
      const nfc = lf.normalize('NFC');
      const count = (q: string) => nfc.split(q).length - 1;
      expect(span.quote).toBe(lf.slice(span.start, span.stop).normalize('NFC'));
      expect(span.start <= a && span.stop >= b).toBe(true);
      const letters = (q: string) => q.match(/[\p{L}\p{N}]/gu)?.length ?? 0;
      const clear = (q: string) => nfc.indexOf(q) === nfc.lastIndexOf(q) && letters(q) >= 4;
      if (clear(lf.slice(a, b).normalize('NFC')))
        expect([span.start, span.stop, span.widened]).toEqual([a, b, undefined]);
      else expect(clear(span.quote) || (span.start === 0 && span.stop === lf.length)).toBe(true);
      expect(count(span.quote)).toBeGreaterThanOrEqual(1);
    }),
    { numRuns: 500 },
  );
});

test('a span outside the text, or cutting a character in two, has no quote; one with too few letters is widened', () => {
  const lf = 'Cats 🌍 run fast';
  const at = (start: number, stop: number) =>
    quoteSpan({ lf, nfc: lf }, { id: 1, statementType: 1, document: 1, start, stop, coder: null });
  expect(at(2, 99)).toBe('its span is outside the document text');
  expect(at(6, 8)).toBe('its span cuts a character in two');
  expect(at(8, 16)).toEqual({ quote: 'run fast', start: 8, stop: 16 });
  expect(at(5, 7)).toEqual({
    quote: 'Cats 🌍',
    start: 0,
    stop: 7,
    widened: 'has fewer than 4 letters or digits',
  });
});
