import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { dump, load } from 'js-yaml';
import { compareErrors, type KgError } from '../../src/errors';
import type * as ParseYaml from '../../src/validate/parse-yaml';
import type * as SchemaCheck from '../../src/validate/schema-check';
import { taggedDefs } from '../../src/validate/schema-check';
import { ROOT } from '../helpers';

/**
 * The build precompiles the schema's validators (ajv's standalone code, dist/validate/
 * schema-validators.js) so that no thread compiles them at run time. They must find exactly what the
 * validators compiled at run time find: the same errors, in the same order, with the same messages.
 * And the checker takes an item whose tag (kind, predicate) picks a def as valid when that def alone
 * says so: the def and the whole section must agree on every such item.
 */
const DIST = join(ROOT, 'dist', 'validate');
if (!existsSync(join(DIST, 'schema-validators.js')))
  throw new Error('dist/ is missing: run npm run build (npm test does)');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const built = require(join(DIST, 'schema-check.js')) as typeof SchemaCheck;
const text = built.schemaText();
const bundle = JSON.parse(text) as SchemaCheck.JsonSchema;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const precompiled = require(join(DIST, 'schema-validators.js')) as SchemaCheck.Validators & {
  schemaHash: string;
};
const compiled = built.compileValidators(bundle).validators;
const SECTIONS = ['documents', 'entities', 'statements'] as const;

/** The items of every YAML file of the project's data and fixtures. */
function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? yamlFiles(join(dir, d.name)) : d.name.endsWith('.yaml') ? [join(dir, d.name)] : [],
  );
}
const values = [
  ...yamlFiles(join(ROOT, 'graph-data')),
  ...yamlFiles(join(ROOT, 'tests', 'fixtures')),
].flatMap((f) => {
  try {
    return [load(readFileSync(f, 'utf8'))];
  } catch {
    return [];
  }
});
const examples = (section: (typeof SECTIONS)[number]) =>
  values.flatMap((v) => {
    const items = (v as Record<string, unknown> | null)?.[section];
    return Array.isArray(items) ? (items as unknown[]) : [];
  });

/** What the validator of that name says of a value: valid, and its errors. */
function verdict(validators: SchemaCheck.Validators, name: string, value: unknown): unknown {
  const validate = validators[name];
  if (!validate) throw new Error(`no validator ${name}`);
  return { valid: validate(value), errors: validate.errors ?? null };
}

/** Precompiled and compiled agree on `value`, by every validator `section` may use on it. */
function agree(section: (typeof SECTIONS)[number], value: unknown): void {
  expect(verdict(precompiled, section, value)).toEqual(verdict(compiled, section, value));
  const tagged = tags[section];
  const tag = (value as Record<string, unknown> | null)?.[tagged?.field ?? ''];
  const def = typeof tag === 'string' ? tagged?.defs.get(tag) : undefined;
  if (def === undefined) return;
  expect(verdict(precompiled, def, value)).toEqual(verdict(compiled, def, value));
  expect(compiled[def]!(value)).toBe(compiled[section]!(value));
}
const tags = taggedDefs(bundle);

test('entities and statements are dispatched by their tag to every kind and predicate', () => {
  expect(tags.entities?.field).toBe('kind');
  expect(tags.statements?.field).toBe('predicate');
  expect(tags.entities?.defs.get('Person')).toBe('kinds-person');
  expect(tags.statements?.defs.size).toBe(
    (bundle.$defs?.anyStatement?.properties?.predicate?.enum ?? []).length,
  );
});

test('the precompiled validators are made from the schema in schema/', () => {
  expect(precompiled.schemaHash).toBe(built.schemaHash(text));
});

test('precompiled and compiled validators agree on every file and item of the data and fixtures', () => {
  for (const value of values) {
    expect(verdict(precompiled, 'envelope', value)).toEqual(verdict(compiled, 'envelope', value));
  }
  for (const section of SECTIONS) {
    const items = examples(section);
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) agree(section, item);
  }
});

/** Field names the schema knows, a few it does not, and values of every type and shape. */
const fieldNames = [
  ...new Set(
    Object.values(bundle.$defs ?? {}).flatMap((d) =>
      Object.keys((d as SchemaCheck.JsonSchema).properties ?? {}),
    ),
  ),
  'nmae',
  '__proto__',
  'extra',
];
const scalar = fc.oneof(
  fc.constantFrom(
    'person:a-b',
    's:x',
    'doc:2025-01-01-x',
    'PROPOSES',
    'Person',
    '2025-08-21',
    '2025-13',
    'x',
  ),
  fc.constantFrom('Det er en lang nok setning her', 'ab', '', 'https://example.org', '19XX', '2025-08-21/..'),
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const value = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, scalar, tie('list'), tie('map')),
  list: fc.array(tie('value'), { maxLength: 3 }),
  map: fc.dictionary(fc.constantFrom(...fieldNames, 'value', 'min', 'max', 'unit'), tie('value'), {
    maxKeys: 4,
    noNullPrototype: true,
  }),
})).value;

/** A random item of the section: a real one with fields added, changed or removed (mostly near-valid, so every branch is reached), or any value. */
function randomItem(section: (typeof SECTIONS)[number]): fc.Arbitrary<unknown> {
  const base = fc.constantFrom(...examples(section));
  return fc.oneof(
    value,
    fc
      .tuple(
        base,
        fc.dictionary(fc.constantFrom(...fieldNames), value, { maxKeys: 3, noNullPrototype: true }),
        fc.array(fc.constantFrom(...fieldNames), { maxLength: 2 }),
      )
      .map(([b, changes, removed]) =>
        Object.fromEntries(
          Object.entries({ ...(b as Record<string, unknown>), ...changes }).filter(
            ([k]) => !removed.includes(k),
          ),
        ),
      ),
  );
}

test('precompiled and compiled validators, and tag and section, agree on random items (fast-check)', () => {
  for (const section of SECTIONS) {
    fc.assert(
      fc.property(randomItem(section), (v) => agree(section, v)),
      { numRuns: 300 },
    );
  }
});

// An invalid item whose tag picks a def gets its problems from that def alone (the section's schema
// tries every tag's `if`: three times the work): they must be the problems the section's schema finds,
// as validate sorts them, at the same positions.
test('an item whose tag picks a def: the problems of the def are those of the whole section (fast-check)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parseYaml } = require(join(DIST, 'parse-yaml.js')) as typeof ParseYaml;
  const checker = new built.SchemaChecker();
  /** What checkItem reported before: the section's errors, described by the checker's own code. */
  const bySection = checker as unknown as {
    toKgErrors(raw: unknown[], v: unknown, base: unknown[], l: unknown, f: string[]): KgError[];
    fieldsOf(section: string, v: unknown): string[];
  };
  const sorted = (errors: KgError[]) => [...errors].sort(compareErrors).map((e) => e.toJSON());
  let compared = 0;
  for (const section of ['entities', 'statements'] as const) {
    fc.assert(
      fc.property(randomItem(section), (v) => {
        const parsed = parseYaml(dump({ [section]: [v] }), 'item.yaml');
        if (!parsed.ok) return;
        const item = (parsed.value as Record<string, unknown[]>)[section]![0];
        const path = [section, 0];
        const validate = compiled[section]!;
        const want = validate(item)
          ? []
          : bySection.toKgErrors(
              validate.errors ?? [],
              item,
              path,
              parsed.locator,
              bySection.fieldsOf(section, item),
            );
        if (want.length > 0) compared++;
        expect(sorted(checker.checkItem(section, item, path, parsed.locator))).toEqual(sorted(want));
      }),
      { numRuns: 400 },
    );
  }
  expect(compared).toBeGreaterThan(200);
});
