import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parsePlainYaml, parseYamlDocument, type DataPath } from '../../src/validate/parse-yaml';

const ROOT = join(__dirname, '..', '..');

/** Every YAML file of the project's data and fixtures. */
function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? yamlFiles(join(dir, d.name)) : d.name.endsWith('.yaml') ? [join(dir, d.name)] : [],
  );
}
const files = [...yamlFiles(join(ROOT, 'graph-data')), ...yamlFiles(join(ROOT, 'tests', 'fixtures'))];

/** What a data file may look like beyond the fixtures: every scalar style, comments, odd spacing. */
const SHAPES = [
  'a: |\n  line one\n  line two\n',
  'a: |- # a comment with | and > in it\n  kept\n\nb: >+\n  folded\n  text\n\n',
  'list:\n  - |\n     indented\n  - >-\n    folded\n',
  'a:\n  - - x\n    - y\n  -   - z\n',
  '"quoted key": 1\n\'single\': 2\nplain: "esc \\u00e5\\t\\"x\\""\n',
  'm: {a: 1, "b": [x, \'y\'], c: {d: null}}\n',
  'multi: this plain\n  scalar goes on\n\n  and on\nnext: ~\n',
  '# leading comment\n\nk: v # trailing\n# between\nj:\n  - 1\n  - -2.5e3\n  - .inf\n',
  'a:\r\n  b: "x"\r\n  c: |\r\n    crlf\r\n',
  "a: \"multi\n  line\n\n  quoted\"\nb: 'it''s'\n",
  '---\na: 1\n...\n',
  '? explicit\n: value\n',
  'k:\n- x\n- y\n',
  'key with spaces: 1\nkey: [a, b,\n  c]\n',
  'a: ""\nb: \'\'\nc: - \n',
  'æøå: norsk\n"1": one\n',
  'a:\n  b:\n  c:\n    - d:\n      e: f\n',
  // Read by the yaml package: an indentation indicator, an escaped line break, a lone CR.
  'a: |2\n   x\n',
  'a: "x\\\n  y"\n',
  'a: 1\rb: 2\r',
];

const texts = [...files.map((f) => readFileSync(f, 'utf8')), ...SHAPES];

/** Every path to a value in `value`. */
function paths(value: unknown, at: DataPath = []): DataPath[] {
  if (Array.isArray(value)) return [at, ...value.flatMap((v, i) => paths(v, [...at, i]))];
  if (value !== null && typeof value === 'object')
    return [at, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...at, k]))];
  return [at];
}

/**
 * The fast reader must agree with the yaml package wherever it reads a text at all: the same value, no
 * error or warning the other would report, and the same position for every value, key and field.
 */
function agrees(text: string): boolean {
  const plain = parsePlainYaml(text, 'f.yaml');
  if (plain === undefined) return false;
  const full = parseYamlDocument(text, 'f.yaml');
  expect(full.ok && full.warnings).toEqual([]);
  if (!plain.ok || !full.ok) throw new Error('unreachable');
  expect(plain.value).toEqual(full.value);
  for (const path of paths(full.value)) {
    expect([path, plain.locator.at(path)]).toEqual([path, full.locator.at(path)]);
    expect([path, plain.locator.at(path, 'key')]).toEqual([path, full.locator.at(path, 'key')]);
    const here = path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], full.value);
    const keys = here !== null && typeof here === 'object' ? Object.keys(here) : [];
    expect([path, plain.locator.fields(path, keys)]).toEqual([path, full.locator.fields(path, keys)]);
  }
  return true;
}

test('on the project data, the fixtures and every scalar style the fast reader agrees with the yaml package', () => {
  const read = texts.filter(agrees).length;
  // The fixtures that hold errors go to the yaml package; the rest must be read fast.
  expect(read).toBeGreaterThan(texts.length / 2);
  for (const shape of SHAPES.slice(0, 10)) expect(parsePlainYaml(shape, 'f.yaml')).toBeDefined();
  for (const shape of SHAPES.slice(-3)) expect(parsePlainYaml(shape, 'f.yaml')).toBeUndefined();
});

test('fuzz: on mutated data files the fast reader reads only what the yaml package reads the same', () => {
  const alphabet = fc.constantFrom(...' \n\t:-#|>"\'[]{},?&*!%~\\\r0aZå'.split(''));
  const mutated = fc
    .tuple(
      fc.constantFrom(...texts),
      fc.array(fc.tuple(fc.nat(), fc.nat(4), fc.string({ unit: alphabet, maxLength: 4 })), {
        minLength: 1,
        maxLength: 4,
      }),
    )
    .map(([text, edits]) =>
      edits.reduce((t, [at, cut, insert]) => {
        const i = at % (t.length + 1);
        return t.slice(0, i) + insert + t.slice(i + cut);
      }, text),
    );
  let read = 0;
  fc.assert(
    fc.property(mutated, (text) => {
      if (agrees(text)) read++;
    }),
    { numRuns: Number(process.env.FUZZ_RUNS ?? 3000) },
  );
  expect(read).toBeGreaterThan(300);
});

test('fuzz: scalars of every style with escapes, folds, indents and comments read the same', () => {
  const char = fc.constantFrom(...' \n\\"\'#:-|>tnux0aå\t'.split(''));
  const body = fc.string({ unit: char, maxLength: 24 });
  const indented = body.map((b) => b.replace(/\n/g, '\n  '));
  const scalar = fc.oneof(
    body.map((b) => `"${b}"`),
    body.map((b) => `'${b}'`),
    indented,
    fc
      .tuple(fc.constantFrom('|', '>', '|-', '>+', '|2', '>1-'), indented)
      .map(([header, b]) => `${header}\n  ${b}`),
  );
  let read = 0;
  fc.assert(
    fc.property(fc.tuple(scalar, scalar), ([a, b]) => {
      if (agrees(`a: ${a}\nlist:\n  - ${b}\n`)) read++;
    }),
    { numRuns: Number(process.env.FUZZ_RUNS ?? 3000) },
  );
  expect(read).toBeGreaterThan(300);
});
