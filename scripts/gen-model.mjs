// Derives everything that must agree with the per-type schemas in schema/ (the single source of truth):
//   schema/data-file.schema.json  one bundled schema for editors (YAML language server) and the validator
//   src/model/generated.ts        TypeScript types and the kind/predicate tables
//   schema/README.md              the model's reference documentation
// `npm run gen` writes them; `npm run gen -- --check` fails when any is stale (run by the tests).
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';
import * as prettier from 'prettier';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const schemaDir = join(root, 'schema');
const BASE = 'https://factgraph.dev/schema/';

const read = (rel) => JSON.parse(readFileSync(join(schemaDir, rel), 'utf8'));
const list = (dir) =>
  readdirSync(join(schemaDir, dir))
    .filter((f) => f.endsWith('.schema.json'))
    .sort()
    .map((f) => `${dir}/${f}`);

const sources = [
  'common.schema.json',
  'document.schema.json',
  'entity.schema.json',
  'statement.schema.json',
  ...list('kinds'),
  ...list('predicates'),
];
const schemas = new Map(sources.map((rel) => [rel, read(rel)]));
const defName = (rel) => rel.replace(/\.schema\.json$/, '').replace('/', '-');

for (const [rel, s] of schemas) {
  if (s.$id !== BASE + rel) throw new Error(`${rel}: $id must be ${BASE + rel}, found ${s.$id}`);
}

// Rewrite every cross-file $ref into a local one, so the bundle needs no resolver.
function localize(node, fileId) {
  if (Array.isArray(node)) return node.map((n) => localize(n, fileId));
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === '$id' || k === '$schema') continue;
    if (k === '$ref') {
      const url = new URL(v, fileId);
      const rel = url.href.slice(0, url.href.length - url.hash.length).slice(BASE.length);
      if (!schemas.has(rel)) throw new Error(`${fileId}: $ref ${v} points outside schema/`);
      out.$ref = `#/$defs/${defName(rel)}${decodeURIComponent(url.hash.slice(1))}`;
    } else out[k] = localize(v, fileId);
  }
  return out;
}

const kinds = list('kinds').map((rel) => ({
  rel,
  s: schemas.get(rel),
  name: schemas.get(rel).properties.kind.const,
}));
const predicates = list('predicates').map((rel) => ({
  rel,
  s: schemas.get(rel),
  name: schemas.get(rel).properties.predicate.const,
}));
const kindNames = kinds.map((k) => k.name);
// `Statement` is no entity kind: a predicate that lists it among its object kinds takes a claim (s:...).
const STATEMENT = 'Statement';
for (const p of predicates) {
  for (const k of p.s.subjectKinds) {
    if (!kindNames.includes(k)) throw new Error(`${p.rel}: unknown kind ${k}`);
  }
  for (const k of p.s.objectKinds) {
    if (!kindNames.includes(k) && k !== STATEMENT) throw new Error(`${p.rel}: unknown kind ${k}`);
  }
}

// Dispatch on the tag, so an item is checked against its own kind's schema only (clean errors).
// The base schema is applied too, so an item whose tag is missing or unknown still gets its other fields checked.
const dispatch = (tag, base, items) => ({
  type: 'object',
  required: [tag],
  properties: { [tag]: { enum: items.map((i) => i.name) } },
  allOf: [
    { $ref: `#/$defs/${base}` },
    ...items.map((i) => ({
      if: { properties: { [tag]: { const: i.name } }, required: [tag] },
      then: { $ref: `#/$defs/${defName(i.rel)}` },
    })),
  ],
});

const bundle = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: `${BASE}data-file.schema.json`,
  title: 'factgraph data file',
  description:
    'A YAML file under graph-data/: any of `documents`, `entities`, and `statements` with the `document` they quote. Generated from the per-type schemas by scripts/gen-model.mjs; do not edit.',
  type: 'object',
  minProperties: 1,
  properties: {
    documents: { type: 'array', items: { $ref: '#/$defs/document' } },
    entities: { type: 'array', items: { $ref: '#/$defs/anyEntity' } },
    document: {
      $ref: '#/$defs/common/$defs/documentId',
      description: 'The document the statements of this file quote.',
    },
    statements: { type: 'array', items: { $ref: '#/$defs/anyStatement' } },
  },
  dependentRequired: { statements: ['document'] },
  additionalProperties: false,
  $defs: {
    ...Object.fromEntries([...schemas].map(([rel, s]) => [defName(rel), localize(s, s.$id)])),
    anyEntity: dispatch('kind', 'entity', kinds),
    anyStatement: dispatch('predicate', 'statement', predicates),
  },
};

// TypeScript: one interface a kind (base fields merged in), the statement and document records.
const flat = (s, base) => ({
  title: s.title,
  description: s.description,
  type: 'object',
  required: base ? [...new Set([...(base.required ?? []), ...(s.required ?? [])])] : s.required,
  properties: {
    ...(base?.properties ?? {}),
    ...Object.fromEntries(Object.entries(s.properties).filter(([k]) => !(k === 'id' && base))),
  },
  additionalProperties: false,
});
const tsOptions = {
  bannerComment: '',
  additionalProperties: false,
  strictIndexSignatures: true,
  format: false,
  declareExternallyReferenced: true,
};
const local = (rel) => localize(schemas.get(rel), BASE + rel);
const tsOf = (schema, title) => compile({ ...schema, title, $defs: bundle.$defs }, title, tsOptions);
const parts = [];
for (const k of kinds) parts.push(await tsOf(flat(local(k.rel), local('entity.schema.json')), k.name));
parts.push(await tsOf(flat(local('statement.schema.json')), 'StatementRecord'));
parts.push(await tsOf(flat(local('document.schema.json')), 'DocumentRecord'));

const table = Object.fromEntries(
  predicates.map((p) => [
    p.name,
    { description: p.s.description, subjectKinds: p.s.subjectKinds, objectKinds: p.s.objectKinds },
  ]),
);
const kindTable = Object.fromEntries(
  kinds.map((k) => [k.name, { description: k.s.description, idPrefix: k.s.properties.id.pattern.slice(1) }]),
);
const refKindsOf = (rel) =>
  Object.fromEntries(
    Object.entries(schemas.get(rel).properties)
      .filter(([, v]) => v.refKinds)
      .map(([k, v]) => [k, v.refKinds]),
  );
const refKinds = {
  statement: refKindsOf('statement.schema.json'),
  document: refKindsOf('document.schema.json'),
};
// Fields holding a calendar date or an EDTF date, by record: a backend may store them as its own date type.
const fieldsOfType = (rels, def) =>
  [
    ...new Set(
      rels.flatMap((rel) =>
        Object.entries(schemas.get(rel).properties)
          .filter(([, v]) => v.$ref?.endsWith(`common.schema.json#/$defs/${def}`))
          .map(([k]) => k),
      ),
    ),
  ].sort();
const entityRels = ['entity.schema.json', ...list('kinds')];
const dateFields = {
  document: fieldsOfType(['document.schema.json'], 'date'),
  entity: fieldsOfType(entityRels, 'date'),
  statement: fieldsOfType(['statement.schema.json'], 'date'),
};
const edtfFields = {
  entity: fieldsOfType(entityRels, 'edtf'),
  statement: fieldsOfType(['statement.schema.json'], 'edtf'),
};
let ts = `// Generated by scripts/gen-model.mjs from schema/. Do not edit: change the schema and run \`npm run gen\`.

${parts.join('\n')}
export type Entity = ${kinds.map((k) => k.name).join(' | ')};

export const ENTITY_KINDS = ${JSON.stringify(kindTable)} as const;
export type EntityKind = keyof typeof ENTITY_KINDS;

export const PREDICATES = ${JSON.stringify(table)} as const;
export type Predicate = keyof typeof PREDICATES;

/** Fields that hold an entity id, with the kinds they may point at (the schemas' \`refKinds\`). */
export const REFERENCE_KINDS = ${JSON.stringify(refKinds)} as const;

/** A predicate's object kinds name this pseudo-kind when its object may be a statement (a claim about a claim). */
export const STATEMENT_KIND = '${STATEMENT}';

/** Names of the fields that hold a calendar date (YYYY-MM-DD), by record. */
export const DATE_FIELDS = ${JSON.stringify(dateFields)} as const;

/** Names of the fields that hold an EDTF level 1 date (src/model/edtf.ts), by record. */
export const EDTF_FIELDS = ${JSON.stringify(edtfFields)} as const;
`;
// A definition referenced from several places is compiled once each (IdList, IdList1, ...): keep the first.
const firstAlias = new Map();
const renamed = new Map();
ts = ts.replace(
  /^(?:\/\*\*(?:(?!\*\/)[\s\S])*?\*\/\n)?export type (\w+) = ([^\n;]+);?\n/gm,
  (whole, name, body) => {
    const first = firstAlias.get(body);
    if (first === undefined) firstAlias.set(body, name);
    else renamed.set(name, first);
    return first === undefined ? whole : '';
  },
);
for (const [name, first] of renamed) ts = ts.replace(new RegExp(`\\b${name}\\b`, 'g'), first);
// A statement's predicate is one of the schema's, not any string.
ts = ts.replace(/(export interface StatementRecord \{[\s\S]*?\npredicate: )string/, '$1Predicate;');

// Docs. A field without a description of its own has its referenced definition's.
function fieldTable(title, rel, s = schemas.get(rel)) {
  const described = (f) => f.description ?? (f.$ref ? described(resolveRef(f.$ref, s.$id)) : '');
  return [
    `## ${title}`,
    '',
    '| field | required | meaning |',
    '| --- | --- | --- |',
    ...Object.entries(s.properties).map(
      ([f, p]) => `| \`${f}\` | ${s.required.includes(f) ? 'yes' : 'no'} | ${described(p)} |`,
    ),
    '',
  ];
}
function resolveRef(ref, fileId) {
  const url = new URL(ref, fileId);
  let node = schemas.get(url.href.slice(BASE.length).split('#')[0]);
  for (const part of url.hash.slice(2).split('/').filter(Boolean)) node = node[decodeURIComponent(part)];
  return node;
}
const md = [
  '# The factgraph data model',
  '',
  'Generated from the schemas in this folder by `npm run gen`; do not edit. One file a kind (`kinds/`) and one a predicate (`predicates/`) are the single source of truth; `data-file.schema.json` bundles them for editors and the validator.',
  '',
  '## Entity kinds',
  '',
  '| kind | id prefix | fields beyond id, kind, name, aliases, wikidata, description | what it is |',
  '| --- | --- | --- | --- |',
  ...kinds.map((k) => {
    const extra = Object.keys(k.s.properties).filter((f) => f !== 'id' && f !== 'kind');
    return `| \`${k.name}\` | \`${k.s.properties.id.pattern.slice(1)}\` | ${extra.map((f) => `\`${f}\``).join(', ')} | ${k.s.description} |`;
  }),
  '',
  '## Predicates',
  '',
  '| predicate | subject kinds | object kinds | meaning |',
  '| --- | --- | --- | --- |',
  ...predicates.map(
    (p) =>
      `| \`${p.name}\` | ${p.s.subjectKinds.join(', ')} | ${p.s.objectKinds.join(', ')} | ${p.s.description} |`,
  ),
  '',
  ...fieldTable('Statement fields', 'statement.schema.json'),
  ...fieldTable(
    'Quantity fields (`quantities` items)',
    'statement.schema.json',
    schemas.get('statement.schema.json').$defs.quantity,
  ),
  ...fieldTable('Document fields', 'document.schema.json'),
].join('\n');

const prettierConfig = (await prettier.resolveConfig(join(root, 'package.json'))) ?? {};
const outputs = [
  ['schema/data-file.schema.json', JSON.stringify(bundle), 'json'],
  ['src/model/generated.ts', ts, 'typescript'],
  ['schema/README.md', md, 'markdown'],
];
const check = process.argv.includes('--check');
let stale = 0;
for (const [rel, text, parser] of outputs) {
  const formatted = await prettier.format(text, { ...prettierConfig, parser });
  const path = join(root, rel);
  if (check) {
    let current = '';
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      // A missing output is stale too.
    }
    if (current !== formatted) {
      console.error(`${rel} is stale: run npm run gen`);
      stale++;
    }
  } else writeFileSync(path, formatted);
}
process.exit(stale ? 1 : 0);
