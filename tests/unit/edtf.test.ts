import fc from 'fast-check';
import { compareIsoDates, parseByGrammar, parseEdtf } from '../../src/model/edtf';

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const leap = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
const daysIn = (y: number, m: number) =>
  m === 2 ? (leap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;

/** A date of year, month or day precision as EDTF writes it, with the first and last day it can mean. */
const date = fc
  .record({
    year: fc.integer({ min: 0, max: 9999 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
    precision: fc.constantFrom('year', 'month', 'day'),
    qualifier: fc.constantFrom('', '?', '~', '%'),
  })
  .map(({ year, month, day, precision, qualifier }) => {
    const y = pad(year, 4);
    const last = daysIn(year, month);
    const d = Math.min(day, last);
    if (precision === 'year') return { text: `${y}${qualifier}`, from: `${y}-01-01`, to: `${y}-12-31` };
    const m = `${y}-${pad(month, 2)}`;
    if (precision === 'month')
      return { text: `${m}${qualifier}`, from: `${m}-01`, to: `${m}-${pad(last, 2)}` };
    return { text: `${m}-${pad(d, 2)}${qualifier}`, from: `${m}-${pad(d, 2)}`, to: `${m}-${pad(d, 2)}` };
  });

describe('EDTF level 1 (src/model/edtf.ts)', () => {
  test('a date of any precision and qualifier parses to itself, bounded by its first and last day', () => {
    fc.assert(
      fc.property(date, ({ text, from, to }) => {
        expect(parseEdtf(text)).toEqual({ ok: true, text, from, to });
      }),
    );
  });

  test("an interval runs from its start's first day to its end's last day, or is refused if reversed", () => {
    fc.assert(
      fc.property(date, date, (a, b) => {
        const result = parseEdtf(`${a.text}/${b.text}`);
        if (compareIsoDates(a.from, b.to) <= 0) {
          expect(result).toEqual({ ok: true, text: `${a.text}/${b.text}`, from: a.from, to: b.to });
        } else
          expect(result).toMatchObject({
            ok: false,
            message: expect.stringContaining('ends before it begins'),
          });
      }),
    );
  });

  test('an open or unknown end bounds nothing', () => {
    fc.assert(
      fc.property(date, fc.constantFrom('..', ''), (a, open) => {
        expect(parseEdtf(`${a.text}/${open}`)).toMatchObject({ ok: true, from: a.from, to: null });
        expect(parseEdtf(`${open}/${a.text}`)).toMatchObject({ ok: true, from: null, to: a.to });
      }),
    );
  });

  test('an integer is the year it writes (YAML reads an unquoted 2022 as one)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), (year) => {
        expect(parseEdtf(year)).toEqual(parseEdtf(pad(year, 4)));
      }),
    );
  });

  test('a day past the end of its month is refused, saying how many days the month has', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 29, max: 31 }),
        (year, month, day) => {
          fc.pre(day > daysIn(year, month));
          const text = `${pad(year, 4)}-${pad(month, 2)}-${day}`;
          expect(parseEdtf(text)).toEqual({
            ok: false,
            message: `"${text}": ${pad(year, 4)}-${pad(month, 2)} has ${daysIn(year, month)} days`,
          });
        },
      ),
    );
  });

  test('plain dates, bounded without the grammar, get exactly what the grammar gives them', () => {
    // Digits in the places of YYYY, YYYY-MM, YYYY-MM-DD: months and days out of range included.
    const plain = fc
      .tuple(
        fc.integer({ min: 0, max: 9999 }),
        fc.option(fc.integer({ min: 0, max: 99 }), { nil: undefined }),
        fc.option(fc.integer({ min: 0, max: 99 }), { nil: undefined }),
      )
      .map(([y, m, d]) =>
        [pad(y, 4), m, m === undefined ? undefined : d]
          .filter((part) => part !== undefined)
          .map((part) => pad(Number(part), 2))
          .join('-'),
      );
    fc.assert(
      fc.property(plain, (text) => {
        expect(parseEdtf(text)).toEqual(parseByGrammar(text));
      }),
      { numRuns: 2000 },
    );
  });

  test('any text gives a result, never an exception, and accepted bounds are ordered', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[0-9X?~%/.-]{1,24}$/)), (text) => {
        const result = parseEdtf(text);
        if (result.ok && result.from !== null && result.to !== null) {
          expect(compareIsoDates(result.from, result.to)).toBeLessThanOrEqual(0);
        }
      }),
    );
  });

  test.each([
    ['2025-08-20/2025-08-21', '2025-08-20', '2025-08-21'],
    ['2025-08-XX', '2025-08-01', '2025-08-31'],
    ['20XX', '2000-01-01', '2099-12-31'],
    ['2025-08-21T23:00:00-05:00', '2025-08-21', '2025-08-21'],
    ['Y170000002', '+170000002-01-01', '+170000002-12-31'],
  ])('%s runs from %s to %s', (text, from, to) => {
    expect(parseEdtf(text)).toEqual({ ok: true, text, from, to });
  });

  test.each(['2025-08-21?~', '2025?-08', '[2020,2021]', '21.08.2025', '', '/', '../..', '2025-13'])(
    '%j is refused (not level 1, or not a date)',
    (text) => {
      expect(parseEdtf(text).ok).toBe(false);
    },
  );
});
