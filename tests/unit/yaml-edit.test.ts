// yaml-edit writes a changed record as a person would: the bytes of what did not change stay, a changed
// field keeps its style (a folded `>-` text stays folded), comments stay with their fields.
import { insertItem, removeItem, replaceItem } from '../../src/annotate/yaml-edit';
import { fieldOrder } from '../../src/annotate/form-schema';

const FILE = `# yaml-language-server: $schema=../../schema/data-file.schema.json
document: doc:a
statements:
  # The first claim.
  - id: s:one
    subject: person:a # the speaker
    predicate: SUPPORTS
    object: proposal:b
    quote: >-
      Moskva støtter garantier basert på kollektiv sikkerhet, sa han, og viste til et
      tidligere forslag.
    # Asked the desk about this one.
    certainty: probable
    note: |
      Line one.
      Line two.

  - id: s:two
    subject: person:a
    predicate: DOUBTS
    object: proposal:b
    quote: 'tviler på'
`;

const order = fieldOrder('statements');
const one = {
  id: 's:one',
  subject: 'person:a',
  predicate: 'SUPPORTS',
  object: 'proposal:b',
  quote: 'Moskva støtter garantier basert på kollektiv sikkerhet, sa han, og viste til et tidligere forslag.',
  certainty: 'probable',
  note: 'Line one.\nLine two.\n',
};

test('an unchanged record is written back byte for byte: folded text, comments, blank lines', () => {
  expect(replaceItem(FILE, 'statements', 0, one, order)).toBe(FILE);
});

test('a changed field keeps its style and comment; the other fields keep their bytes', () => {
  const out = replaceItem(
    FILE,
    'statements',
    0,
    { ...one, subject: 'person:c', quote: 'Moskva støtter garantier', certainty: 'certain' },
    order,
  );
  expect(out).toBe(
    FILE.replace('subject: person:a # the speaker', 'subject: person:c # the speaker')
      .replace(
        '>-\n      Moskva støtter garantier basert på kollektiv sikkerhet, sa han, og viste til et\n      tidligere forslag.\n',
        '>-\n      Moskva støtter garantier\n',
      )
      .replace('certainty: probable', 'certainty: certain'),
  );
});

test('a long changed text in a folded field is folded again; a literal one stays literal', () => {
  const long = `${'ord '.repeat(40)}slutt`;
  const out = replaceItem(FILE, 'statements', 0, { ...one, quote: long, note: 'Three.\nFour.\n' }, order);
  const lines = out.split('\n');
  const at = lines.indexOf('    quote: >-');
  expect(at).toBeGreaterThan(0);
  expect(lines[at + 1]!.startsWith('      ord ord')).toBe(true);
  expect(lines.slice(at + 1, at + 3).every((l) => l.length <= 110)).toBe(true);
  expect(out).toContain('    note: |\n      Three.\n      Four.\n\n  - id: s:two');
});

test('a dropped field goes with its own lines; a new field goes after the field before it in the schema', () => {
  const { certainty: _dropped, ...rest } = one;
  const out = replaceItem(FILE, 'statements', 0, { ...rest, polarity: 'negated' }, order);
  expect(out).toBe(
    FILE.replace(
      '    # Asked the desk about this one.\n    certainty: probable\n',
      '    # Asked the desk about this one.\n',
    ).replace('    note: |', '    polarity: negated\n    note: |'),
  );
});

test('a change of the first field keeps the dash; insert and remove keep every other byte', () => {
  const out = replaceItem(
    FILE,
    'statements',
    1,
    { id: 's:2', subject: 'person:a', predicate: 'DOUBTS', object: 'proposal:b', quote: 'tviler på' },
    order,
  );
  expect(out).toBe(FILE.replace('  - id: s:two', '  - id: s:2'));
  const added = insertItem(FILE, 'statements', 1, {
    id: 's:new',
    subject: 'person:a',
    predicate: 'DOUBTS',
    object: 'proposal:b',
    quote: 'x y z w',
  });
  expect(added).toBe(
    FILE.replace(
      '  - id: s:two',
      '  - id: s:new\n    subject: person:a\n    predicate: DOUBTS\n    object: proposal:b\n    quote: x y z w\n\n  - id: s:two',
    ),
  );
  expect(removeItem(added, 'statements', 1)).toBe(FILE);
});
