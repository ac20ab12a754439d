import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import { KgError, type ErrorCode } from '../errors';
import type { DataPath, YamlLocator } from './parse-yaml';
import { addClaimKeywords, describeClaimKeyword } from './keywords';
import { SCHEMA_DIR } from '../model/schema-dir';
import { show, suggest } from './wording';

export interface JsonSchema {
  $id?: string;
  $ref?: string;
  pattern?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema | boolean;
  $defs?: Record<string, JsonSchema>;
  allOf?: JsonSchema[];
  if?: JsonSchema;
  then?: JsonSchema;
  required?: string[];
  enum?: unknown[];
  [keyword: string]: unknown;
}

export type Section = 'documents' | 'entities' | 'statements';

/**
 * The compiled checks of a data file, by name: `envelope` (the file without its items), each section's
 * item (`documents`, `entities`, `statements`), and each def a section's tag picks (`kinds-person`,
 * `predicates-supports`: see taggedDefs).
 */
export type Validators = Record<string, ValidateFunction>;

/** The bundled schema's text, as read from schema/. */
export function schemaText(): string {
  return readFileSync(join(SCHEMA_DIR, 'data-file.schema.json'), 'utf8');
}

/** What the precompiled validators were made from: a hash of the schema's text. */
export function schemaHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Each section's def in the bundle. */
const SECTION_DEFS: Record<Section, string> = {
  documents: 'document',
  entities: 'anyEntity',
  statements: 'anyStatement',
};

/** A section whose items a tag dispatches: the tag's field, and the def each of its values picks. */
interface Tagged {
  field: string;
  defs: Map<string, string>;
}

/**
 * The sections whose items one field picks a def of, as gen-model writes anyEntity and anyStatement:
 * `{type: object, required: [tag], properties: {tag: {enum}}, allOf: [base, {if: {properties: {tag:
 * {const: V}}, required: [tag]}, then: {$ref: def}}, ...]}`, where each def includes the base. An item
 * with tag V is then valid exactly when it is valid against V's def: the other `if`s fail, and the
 * base is checked in the def. A def of another shape dispatches nothing.
 */
export function taggedDefs(bundle: JsonSchema): Partial<Record<Section, Tagged>> {
  const out: Partial<Record<Section, Tagged>> = {};
  for (const [section, name] of Object.entries(SECTION_DEFS) as [Section, string][]) {
    const { type, required, properties, allOf, ...others } = bundle.$defs?.[name] ?? {};
    const field = required?.length === 1 ? required[0]! : '';
    const defs = new Map<string, string>();
    const [base, ...branches] = allOf ?? [];
    for (const b of branches) {
      const tag = b.if?.properties?.[field]?.const;
      const def = /^#\/\$defs\/([\w-]+)$/.exec(b.then?.$ref ?? '')?.[1];
      const exact =
        Object.keys(b).join() === 'if,then' &&
        Object.keys(b.if ?? {}).join() === 'properties,required' &&
        b.if?.required?.join() === field &&
        properties?.[field]?.enum?.includes(tag);
      if (
        exact &&
        typeof tag === 'string' &&
        def &&
        bundle.$defs?.[def]?.allOf?.some((s) => s.$ref === base?.$ref)
      )
        defs.set(tag, def);
    }
    const plain =
      Object.keys(others).length === 0 && type === 'object' && Object.keys(properties ?? {}).join() === field;
    if (plain && base?.$ref && defs.size === branches.length) out[section] = { field, defs };
  }
  return out;
}

/**
 * Compiles the validators with ajv, with the ids they have in `ajv` (what ajv's standalone code takes
 * to write them out: the build does, with `source`). Items are validated one at a time (ajv's
 * `allErrors` is quadratic over large arrays across `$ref`s), so the file's envelope is checked without
 * its items.
 */
export function compileValidators(
  bundle: JsonSchema,
  source = false,
): { ajv: Ajv2020; validators: Validators; ids: Record<string, string> } {
  // Required here: with the build's precompiled validators (every worker of a cold run) ajv is never
  // compiled with, and loading it took each worker ~25 ms.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const Ajv = (require('ajv/dist/2020') as typeof import('ajv/dist/2020')).default;
  const addFormats = (require('ajv-formats') as typeof import('ajv-formats')).default;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const id = bundle.$id ?? '';
  const ajv = new Ajv({
    allErrors: true,
    ownProperties: true,
    strict: true,
    strictTypes: false,
    ...(source ? { code: { source: true } } : {}),
  });
  addFormats(ajv);
  ajv.addVocabulary(['subjectKinds', 'objectKinds', 'refKinds', 'tsType']);
  addClaimKeywords(ajv);
  ajv.addSchema(bundle);
  const absolute = (s: JsonSchema): JsonSchema => (s.$ref?.startsWith('#') ? { ...s, $ref: id + s.$ref } : s);
  const shallowProps = Object.fromEntries(
    Object.entries(bundle.properties ?? {}).map(([k, s]) => [
      k,
      s.items ? { ...s, items: true } : absolute(s),
    ]),
  );
  const { $defs: _defs, $schema: _schema, ...rest } = bundle;
  const envelopeId = id.replace(/\.schema\.json$/, '-envelope.schema.json');
  const validators: Validators = {
    envelope: ajv.compile({ ...rest, $id: envelopeId, properties: shallowProps }),
  };
  const ids: Record<string, string> = { envelope: envelopeId };
  const add = (name: string, def: string) => {
    ids[name] = `${id}#/$defs/${def}`;
    const fn = ajv.getSchema(ids[name]);
    if (!fn) throw new Error(`schema bundle lacks $defs/${def}: run npm run gen`);
    validators[name] = fn;
  };
  for (const [section, def] of Object.entries(SECTION_DEFS)) add(section, def);
  for (const tagged of Object.values(taggedDefs(bundle)))
    for (const def of tagged.defs.values()) add(def, def);
  return { ajv, validators, ids };
}

/** The build's precompiled validators: ajv's standalone code of compileValidators, and the schema's hash. */
const PRECOMPILED = join(__dirname, 'schema-validators.js');

/**
 * The precompiled validators when they were made from this schema text; compiling them takes a thread
 * ~0.3 s of CPU. Run from the TypeScript sources (ts-jest) there are none.
 */
function precompiled(text: string): Validators | undefined {
  if (!existsSync(PRECOMPILED)) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require(PRECOMPILED) as Validators & { schemaHash?: unknown };
  return module.schemaHash === schemaHash(text) ? module : undefined;
}

/** The data-file schema's checks, with the messages and positions of every problem they find. */
export class SchemaChecker {
  private readonly bundle: JsonSchema;
  private readonly validators: Validators;
  /** For a tagged section, the validator of each tag value's def. */
  private readonly tagged: Partial<Record<Section, { field: string; byTag: Map<string, ValidateFunction> }>>;
  private readonly defs: Record<string, JsonSchema>;

  constructor() {
    const text = schemaText();
    this.bundle = JSON.parse(text) as JsonSchema;
    this.defs = this.bundle.$defs ?? {};
    this.validators = precompiled(text) ?? compileValidators(this.bundle).validators;
    this.tagged = Object.fromEntries(
      Object.entries(taggedDefs(this.bundle)).map(([section, { field, defs }]) => [
        section,
        { field, byTag: new Map([...defs].map(([tag, def]) => [tag, this.validators[def]!])) },
      ]),
    );
  }

  /** Problems of the file's top level: unknown sections, wrong types, a missing `document`. */
  checkEnvelope(value: unknown, locator: YamlLocator): KgError[] {
    const envelope = this.validators.envelope!;
    if (envelope(value)) return [];
    return this.toKgErrors(
      envelope.errors ?? [],
      value,
      [],
      locator,
      Object.keys(this.bundle.properties ?? {}),
    );
  }

  /** Problems of one item of a section, positioned at its YAML nodes. */
  checkItem(section: Section, value: unknown, path: DataPath, locator: YamlLocator): KgError[] {
    // An item whose tag picks a def is checked by that def alone: a third of the section's pass, which
    // tries every tag's `if` and checks the base twice, with the same verdict and the same problems
    // (tests/unit/schema-validators.test.ts). Only an item with no known tag takes the section's.
    const tagged = this.tagged[section];
    const tag =
      tagged && isObject(value) && Object.hasOwn(value, tagged.field) ? value[tagged.field] : undefined;
    const validate =
      (typeof tag === 'string' ? tagged?.byTag.get(tag) : undefined) ?? this.validators[section]!;
    if (validate(value)) return [];
    return this.toKgErrors(validate.errors ?? [], value, path, locator, this.fieldsOf(section, value));
  }

  /** The fields an item may have: for an entity, the base fields and its kind's. */
  private fieldsOf(section: Section, value: unknown): string[] {
    const keys = (def: string | undefined) => Object.keys((def && this.defs[def]?.properties) ?? {});
    if (section === 'documents') return keys('document');
    if (section === 'statements') return keys('statement');
    const kind = (value as { kind?: unknown } | null)?.kind;
    const kindDef = Object.entries(this.defs).find(
      ([name, s]) =>
        name.startsWith('kinds-') && (s.properties?.kind as { const?: unknown } | undefined)?.const === kind,
    )?.[0];
    return [...new Set([...keys('entity'), ...keys(kindDef)])];
  }

  private toKgErrors(
    raw: ErrorObject[],
    value: unknown,
    base: DataPath,
    locator: YamlLocator,
    fields: string[],
  ): KgError[] {
    const out = new Map<string, KgError>();
    for (const e of raw) {
      // `if` only says which `then` failed; the `then` errors say why.
      if (e.keyword === 'if') continue;
      const rel = e.instancePath.split('/').slice(1).map(unescapePointer);
      const path = [...base, ...rel];
      const made: { code: ErrorCode; message: string; keyPath?: string; field?: string } =
        describeClaimKeyword(e) ?? this.describe(e, base, rel, value, fields);
      const sub = made.keyPath ?? made.field;
      const error = new KgError(
        made.code,
        made.message,
        locator.at(sub ? [...path, sub] : path, made.keyPath ? 'key' : 'value'),
      );
      // The base schema and the kind's both require the same fields: report each problem once.
      out.set(`${error.line}:${error.col}:${error.message}`, error);
    }
    return [...out.values()];
  }

  private describe(
    e: ErrorObject,
    base: DataPath,
    rel: string[],
    item: unknown,
    fields: string[],
  ): { code: ErrorCode; message: string; keyPath?: string } {
    const field = base.length + rel.length === 0 ? 'the file' : label(rel);
    const got = valueAt(item, rel);
    const p = e.params as Record<string, unknown>;
    switch (e.keyword) {
      case 'required': {
        const missing = String(p.missingProperty);
        return {
          code: 'MISSING_FIELD',
          message: `missing required field '${missing}'${rel.length ? ` in ${field}` : ''}`,
        };
      }
      case 'dependentRequired':
        return {
          code: 'MISSING_FIELD',
          message: `a file with '${String(p.property)}' needs '${String(p.missingProperty)}:', the id of the document they quote`,
        };
      case 'additionalProperties':
      case 'unevaluatedProperties': {
        const name = String(p.additionalProperty ?? p.unevaluatedProperty);
        return {
          code: 'UNKNOWN_FIELD',
          message: `unknown field '${name}'${suggest(name, fields)}`,
          keyPath: name,
        };
      }
      case 'minProperties':
        return {
          code: 'MISSING_FIELD',
          message: `the file is an empty mapping; give it documents, entities or statements`,
        };
      case 'type':
        return {
          code: 'WRONG_TYPE',
          message: `${field} must be ${article(String(p.type))}, not ${typeName(got)}`,
        };
      case 'enum':
      case 'const': {
        const allowed = (p.allowedValues as unknown[] | undefined) ?? [p.allowedValue];
        const name = rel[rel.length - 1];
        if (rel.length === 1 && (name === 'kind' || name === 'predicate') && typeof got === 'string') {
          return {
            code: name === 'kind' ? 'UNKNOWN_KIND' : 'UNKNOWN_PREDICATE',
            message: `unknown ${name} ${show(got)}${suggest(got, allowed.map(String), true)}`,
          };
        }
        return {
          code: 'INVALID_VALUE',
          message: `${field} must be ${allowed.length === 1 ? show(allowed[0]) : `one of ${allowed.map(String).join(', ')}`}, not ${show(got)}`,
        };
      }
      case 'pattern':
        return this.describePattern(String(p.pattern), rel, field, got);
      case 'format':
        return {
          code: 'INVALID_VALUE',
          message: `${field} must be ${p.format === 'date' ? 'a date written YYYY-MM-DD' : `a valid ${String(p.format)}`}, not ${show(got)}`,
        };
      case 'minLength':
        return { code: 'INVALID_VALUE', message: `${field} must not be empty` };
      case 'maxLength':
        return { code: 'INVALID_VALUE', message: `${field} is longer than ${String(p.limit)} characters` };
      case 'uniqueItems':
        return {
          code: 'INVALID_VALUE',
          message: `${field} lists the same value twice (items ${Number(p.j) + 1} and ${Number(p.i) + 1})`,
        };
      default:
        return { code: 'INVALID_VALUE', message: `${field} ${e.message ?? 'is invalid'}` };
    }
  }

  private describePattern(
    pattern: string,
    rel: string[],
    field: string,
    got: unknown,
  ): { code: ErrorCode; message: string } {
    const common = this.defs.common?.$defs ?? {};
    const examples: [string | undefined, string][] = [
      [
        common.entityId?.pattern,
        'an entity id such as person:giorgia-meloni (kind prefix, colon, kebab-case)',
      ],
      [
        common.statementId?.pattern,
        'a statement id such as s:meloni-proposes-24h-plan (lower-case, digits, - and :)',
      ],
      [common.documentId?.pattern, 'a document id such as doc:2025-08-21-security-guarantees'],
    ];
    // An object may be a statement id; its pattern is the statement ids'.
    if (rel.join('/') === 'object' && pattern === common.objectId?.pattern) {
      return {
        code: 'INVALID_ID',
        message: `${field} must be an entity id such as person:giorgia-meloni or a statement id such as s:meloni-proposes-24h-plan, not ${show(got)}`,
      };
    }
    const known = examples.find(([p]) => p === pattern);
    if (known) return { code: 'INVALID_ID', message: `${field} must be ${known[1]}, not ${show(got)}` };
    const prefix = /^\^([a-z]+:)$/.exec(pattern)?.[1];
    if (prefix && rel.join('/') === 'id') {
      return { code: 'INVALID_ID', message: `id ${show(got)} must start with '${prefix}' for this kind` };
    }
    return { code: 'INVALID_VALUE', message: `${field} must match ${pattern}, not ${show(got)}` };
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object';
}

function unescapePointer(s: string): string {
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** `qualifiers[1]`, `quote`, or `the item` for the item itself. */
function label(rel: string[]): string {
  if (rel.length === 0) return 'the item';
  return `'${rel.map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : i ? `.${s}` : s)).join('')}'`;
}

function valueAt(value: unknown, rel: string[]): unknown {
  let v = value;
  for (const s of rel)
    v =
      v !== null && typeof v === 'object' && Object.hasOwn(v, s)
        ? (v as Record<string, unknown>)[s]
        : undefined;
  return v;
}

function typeName(v: unknown): string {
  if (v === null) return 'null (an empty value)';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `${article(typeof v)} (${show(v)})`;
}

function article(type: string): string {
  const names: Record<string, string> = {
    object: 'a mapping',
    array: 'a list',
    string: 'text',
    number: 'a number',
    integer: 'an integer',
    boolean: 'true or false',
  };
  return type
    .split(',')
    .map((t) => names[t] ?? t)
    .join(' or ');
}
