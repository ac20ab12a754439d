import fc from 'fast-check';
import { occurrences, offsetMapper, quoteState } from '../../src/validate/quote-status';

const word = fc.stringMatching(/^[a-zæøå]{1,6}$/);
const words = fc.array(word, { minLength: 1, maxLength: 12 }).map((w) => w.join(' '));

test('an edit before or after a quote leaves it found at its mapped place', () => {
  fc.assert(
    fc.property(words, words, words, words, (before, quote, after, inserted) => {
      const old = `${before} ${quote} ${after}`;
      const edited = `${inserted} ${before} ${quote} ${after} ${inserted}`;
      const was = offsetMapper(old, edited)(old.indexOf(` ${quote} `) + 1);
      const state = quoteState(edited, quote, was);
      // The words are where they were (they may be elsewhere too: that does not move them).
      expect(state.status).toBe('found');
      expect(state.spans).toEqual([{ start: was, end: was! + quote.length }]);
    }),
    { seed: 18 },
  );
});

test('moved, ambiguous, orphaned, and found without an earlier text', () => {
  const quote = 'samtalene møter problemer';
  // Its place deleted (null), the words once elsewhere: moved; twice: ambiguous; nowhere: orphaned.
  expect(quoteState(`a. ${quote}.`, quote, null)).toEqual({
    status: 'moved',
    spans: [{ start: 3, end: 3 + quote.length }],
  });
  expect(quoteState(`${quote}, ${quote}`, quote, null).status).toBe('ambiguous');
  expect(quoteState('noe annet', quote, null)).toEqual({ status: 'orphaned', spans: [] });
  // Its place kept but other words there now: the one copy elsewhere is where it moved.
  expect(quoteState(`x ${quote}`, quote, 0).status).toBe('moved');
  // No earlier text: once is found, twice is ambiguous.
  expect(quoteState(`x ${quote}`, quote, undefined).status).toBe('found');
  expect(quoteState(`${quote} ${quote}`, quote, undefined).status).toBe('ambiguous');
  // Quotes are compared in NFC, as the validator compares them.
  expect(occurrences('Zelenskyj møter', 'mo\u0308ter'.normalize('NFD'))).toEqual([]);
  expect(occurrences('Zelenskyj møter', 'møter'.normalize('NFD'))).toEqual([{ start: 10, end: 15 }]);
});

test('the offset map drops deleted text and follows kept text', () => {
  const map = offsetMapper('one two three four', 'zero one three four five');
  expect(map(0)).toBe(5); // "one"
  expect(map(4)).toBeUndefined(); // "two" was deleted
  expect(map(8)).toBe(9); // "three"
  expect(map(17)).toBe(18); // the last letter of "four"
  expect(map(18)).toBeUndefined(); // past the end
});
