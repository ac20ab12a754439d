import { closestPassage, findQuote, normalizeSource } from '../../src/validate/quotes';

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
});
