import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { EXPORT_FORMATS, buildGraph, exportGraph, validate } from '../../src';
import type { EdgeAttributes, ExportFormat } from '../../src';
import { BASE } from '../helpers';

/**
 * Fuzzing the claim model's fields: a statement whose every field is drawn valid or invalid, written as
 * YAML, validates to exactly the errors its invalid values call for, each at its value; a statement
 * drawn valid throughout loads, with the values it was given.
 */

/** One drawn value: its YAML text, and the error it calls for (at which character of the text). */
interface Value {
  text: string;
  error?: { code: string; at?: number };
  /** What the graph holds for it, if valid and worth checking. */
  holds?: unknown;
}

const ok = (text: string, holds?: unknown): Value => ({ text, ...(holds === undefined ? {} : { holds }) });
const bad = (text: string, code: string, at = 0): Value => ({ text, error: { code, at } });
/**
 * A list in flow style with a bad reference: reported at the list, its message naming the element
 * (`attributedTo[2]`), as records keep the positions of their fields, not of list elements.
 */
const badIn = (items: string[], code: string): Value => bad(`[${items.join(', ')}]`, code);

const choose = (...values: Value[]) => fc.constantFrom(...values);
/** Valid values six times as often as invalid ones, so that a third of the statements are valid throughout. */
const drawn = <T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: valid, weight: 6 }, { arbitrary: invalid, weight: 1 });

const enumField = (allowed: string[]) =>
  drawn(
    fc.constantFrom(...allowed).map((v) => ok(v, v)),
    fc.oneof(
      fc
        .stringMatching(/^[a-z]{3,10}$/)
        .filter((v) => !allowed.includes(v))
        .map((v) => bad(v, 'INVALID_VALUE')),
      choose(bad('42', 'INVALID_VALUE'), bad('[affirmed]', 'INVALID_VALUE')),
    ),
  );

const edtf = drawn(
  choose(
    ok('2025', '2025'),
    ok('2025-08', '2025-08'),
    ok('2025-08-21', '2025-08-21'),
    ok('2025-08-21~', '2025-08-21~'),
    ok('2025-08?', '2025-08?'),
    ok('2025-08-20/2025-08-21', '2025-08-20/2025-08-21'),
    ok('2025-08-21/..', '2025-08-21/..'),
    ok("'2022'", '2022'),
  ),
  choose(
    bad('2025-02-30', 'INVALID_EDTF'),
    bad('2025-13', 'INVALID_EDTF'),
    bad('tomorrow', 'INVALID_EDTF'),
    bad('2025-08-21/2025-08-20', 'INVALID_EDTF'),
    bad('[2025]', 'WRONG_TYPE'),
    bad('20.5', 'WRONG_TYPE'),
  ),
);

/** Entity ids of the base data set by kind, and ids that are wrong in some way. */
const PERSON = ['person:sergej-lavrov', 'person:giorgia-meloni'];
const attributedTo = drawn(
  choose(
    ok('person:sergej-lavrov', ['person:sergej-lavrov']),
    ok('[person:giorgia-meloni, state:russia]', ['person:giorgia-meloni', 'state:russia']),
    ok('[organization:reuters]', ['organization:reuters']),
    ok('[]'),
  ),
  choose(
    bad('proposal:meloni-24h-plan', 'KIND_NOT_ALLOWED'),
    bad('person:nobody', 'UNKNOWN_REFERENCE'),
    bad('Sergej Lavrov', 'INVALID_ID'),
    badIn([...PERSON, 'region:donbas'], 'KIND_NOT_ALLOWED'),
    badIn(['person:nobody', 'state:russia'], 'UNKNOWN_REFERENCE'),
  ),
);
const reportedBy = drawn(
  choose(
    ok('organization:reuters', ['organization:reuters']),
    ok('[organization:reuters]', ['organization:reuters']),
  ),
  choose(
    bad('person:sergej-lavrov', 'KIND_NOT_ALLOWED'),
    badIn(['organization:reuters', 'organization:tass'], 'UNKNOWN_REFERENCE'),
    bad('42', 'WRONG_TYPE'),
  ),
);

/** Quotes of the base text: once, twice ("Lavrov"), too short, missing; valid ones hold their occurrence. */
type Quoted = { quote: Value; occurrence?: Value };
const quoteAndOccurrence = drawn<Quoted>(
  fc.constantFrom(
    { quote: ok('Giorgia Meloni har foreslått en plan', 1) },
    { quote: ok('Giorgia Meloni har foreslått en plan', 1), occurrence: ok('1') },
    { quote: ok('Lavrov', 1), occurrence: ok('1') },
    { quote: ok('Lavrov', 2), occurrence: ok('2') },
  ),
  fc.constantFrom(
    { quote: bad('Lavrov', 'QUOTE_AMBIGUOUS') },
    { quote: ok('Lavrov'), occurrence: bad('3', 'QUOTE_OCCURRENCE_NOT_FOUND') },
    { quote: ok('Giorgia Meloni har foreslått en plan'), occurrence: bad('2', 'QUOTE_OCCURRENCE_NOT_FOUND') },
    { quote: ok('Giorgia Meloni har foreslått en plan'), occurrence: bad('0', 'INVALID_VALUE') },
    { quote: ok('Giorgia Meloni har foreslått en plan'), occurrence: bad('two', 'WRONG_TYPE') },
    { quote: bad('sa', 'QUOTE_TOO_SHORT') },
    { quote: bad("' – '", 'QUOTE_TOO_SHORT') },
    { quote: bad('Giorgia Meloni har foreslått en plan!', 'QUOTE_NOT_FOUND') },
  ),
);

/** The same for the sourceQuote, which is anchored too. */
const sourceQuoteAndOccurrence = fc.option(
  drawn<Quoted>(
    fc.constantFrom(
      { quote: ok('sa Lavrov', 1) },
      { quote: ok('Lavrov', 1), occurrence: ok('1') },
      { quote: ok('Lavrov', 2), occurrence: ok('2') },
    ),
    fc.constantFrom(
      { quote: bad('Lavrov', 'QUOTE_AMBIGUOUS') },
      { quote: ok('sa Lavrov'), occurrence: bad('2', 'QUOTE_OCCURRENCE_NOT_FOUND') },
      { quote: bad('sa', 'QUOTE_TOO_SHORT') },
      { quote: bad('ifølge Reuters', 'QUOTE_NOT_FOUND') },
      { quote: bad("''", 'INVALID_VALUE') },
    ),
  ),
  { nil: undefined },
);

const text = drawn(
  fc.stringMatching(/^[a-z][a-z ]{0,30}[a-z]$/).map((v) => ok(v, v)),
  choose(bad("''", 'INVALID_VALUE'), bad('7', 'WRONG_TYPE'), bad('[if attacked]', 'WRONG_TYPE')),
);

const quantity = drawn(
  choose(
    ok('[{measure: killed, value: 1}]', [{ measure: 'killed', value: 1 }]),
    ok('[{measure: injured, min: 12}]', [{ measure: 'injured', min: 12 }]),
    ok('[{measure: killed, min: 0, max: 3}, {measure: troops, value: 5000, unit: soldiers}]', [
      { measure: 'killed', min: 0, max: 3 },
      { measure: 'troops', value: 5000, unit: 'soldiers' },
    ]),
  ),
  choose(
    bad('[{measure: killed, min: 5, max: 3}]', 'QUANTITY_RANGE', '[{measure: killed, min: '.length),
    bad(
      '[{measure: killed, value: 1, max: 3}]',
      'QUANTITY_RANGE',
      '[{measure: killed, value: 1, max: '.length,
    ),
    bad('[{measure: Killed, value: 1}]', 'INVALID_VALUE', '[{measure: '.length),
    bad('[{value: 1}]', 'MISSING_FIELD', 1),
    bad('[{measure: killed, value: many}]', 'WRONG_TYPE', '[{measure: killed, value: '.length),
    bad('{measure: killed}', 'WRONG_TYPE'),
  ),
);

const conditionOn = drawn(
  choose(ok('s:c', 's:c')),
  choose(
    bad('s:nothing', 'UNKNOWN_REFERENCE'),
    bad('person:sergej-lavrov', 'UNKNOWN_REFERENCE'),
    bad('not an id', 'INVALID_ID'),
  ),
);

const asserted = drawn(choose(ok('true', true), ok('false', false)), choose(bad('yes', 'WRONG_TYPE')));

/** Each field, drawn or left out. */
const fields = fc.record(
  {
    polarity: enumField(['affirmed', 'negated']),
    certainty: enumField(['certain', 'probable', 'possible', 'unknown']),
    modality: enumField(['willingness', 'intention', 'obligation', 'ability', 'permission']),
    asserted,
    attributedTo,
    reportedBy,
    date: edtf,
    saidOn: edtf,
    condition: text,
    conditionOn,
    quantities: quantity,
    extent: enumField(['whole', 'part']),
  },
  { requiredKeys: [] },
);

/** The other statements of the file: B doubts A (so A may be unasserted), C is what A may hold under. */
const OTHERS = [
  '  - id: s:b',
  '    subject: person:sergej-lavrov',
  '    predicate: DOUBTS',
  '    object: s:a',
  "    quote: 'Alt annet er «håpløst»'",
  '  - id: s:c',
  '    subject: state:russia',
  '    predicate: SUPPORTS',
  '    object: proposal:collective-security-guarantees',
  '    quote: Moskva støtter garantier basert på kollektiv sikkerhet',
];

/** A quote's field and its occurrence field, as written. */
const written = (field: 'quote' | 'sourceQuote', { quote, occurrence }: Quoted): [string, Value][] => [
  [field, quote],
  ...(occurrence ? [[`${field}Occurrence`, occurrence] as [string, Value]] : []),
];

test('fuzz: every claim field, valid or not, gives exactly its positioned errors, or the values load', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'factgraph-claims-fuzz-'));
  cpSync(BASE, dir, { recursive: true });
  const file = join(dir, 'case.yaml');
  const text = readFileSync(join(dir, 'sources', 'article.nb.txt'), 'utf8');
  let valid = 0;
  /** Where a valid quote is: the occurrence it holds (the first or the second "Lavrov"). */
  const place = ({ text: quote, holds }: Value) => {
    const first = text.indexOf(quote);
    const start = holds === 1 ? first : text.indexOf(quote, first + 1);
    return [start, start + quote.length];
  };
  await fc.assert(
    fc.asyncProperty(fields, quoteAndOccurrence, sourceQuoteAndOccurrence, async (drawn, quoted, source) => {
      const { quote } = quoted;
      const all: [string, Value][] = [
        ...written('quote', quoted),
        ...(source ? written('sourceQuote', source) : []),
        ...Object.entries(drawn),
      ];
      const lines = [
        'document: doc:base',
        'statements:',
        '  - id: s:a',
        '    subject: person:giorgia-meloni',
        '    predicate: PROPOSES',
        '    object: proposal:meloni-24h-plan',
        ...all.map(([name, v]) => `    ${name}: ${v.text}`),
        ...OTHERS,
      ];
      writeFileSync(file, `${lines.join('\n')}\n`);
      const expected = all
        .map(([name, v], i) =>
          v.error ? `${7 + i}:${name.length + 7 + (v.error.at ?? 0)} ${v.error.code}` : undefined,
        )
        .filter((e) => e !== undefined);
      const result = await validate([dir]);
      const byPlace = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
      expect(
        result.errors
          .map((e) => `${e.file === file ? '' : e.file}${e.line}:${e.col} ${e.code}`)
          .sort(byPlace),
      ).toEqual(expected.sort(byPlace));
      if (expected.length > 0) return;
      valid++;
      const graph = buildGraph(result.dataset);
      // An unasserted statement is only a node; an asserted one is an edge.
      const a = (
        graph.hasEdge('s:a') ? graph.getEdgeAttributes('s:a') : graph.getNodeAttributes('s:a')
      ) as EdgeAttributes;
      // Anchored at the occurrence asked for (the only one, else the first or second "Lavrov").
      expect([a.quoteStart, a.quoteEnd]).toEqual(place(quote));
      const { sourceSpan } = result.dataset.statements.get('s:a')!;
      expect(sourceSpan && [sourceSpan.start, sourceSpan.end]).toEqual(source && place(source.quote));
      for (const [name, v] of Object.entries(drawn))
        if (v.holds !== undefined)
          expect([name, (a as unknown as Record<string, unknown>)[name]]).toEqual([name, v.holds]);
      // Every writer takes it (the viewer's page aside: its bundle makes it slow).
      for (const format of Object.keys(EXPORT_FORMATS) as ExportFormat[])
        if (format !== 'html') expect(exportGraph(graph, format)).toBeTruthy();
    }),
    { numRuns: 400 },
  );
  // The valid draws were not too rare to say anything.
  expect(valid).toBeGreaterThan(20);
});
