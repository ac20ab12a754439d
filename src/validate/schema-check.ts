import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { KgError, type ErrorCode } from '../errors';
import { show, suggest } from './suggest';
import type { DataPath, YamlLocator } from './parse-yaml';
import { addClaimKeywords, describeClaimKeyword } from './keywords';
import { SCHEMA_DIR } from '../model/schema-dir';

interface JsonSchema {
  $id?: string;
  $ref?: string;
  pattern?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema | boolean;
  $defs?: Record<string, JsonSchema>;
  [keyword: string]: unknown;
}

export type Section = 'documents' | 'entities' | 'statements';

/**
 * The compiled data-file schema. Items are validated one at a time (ajv's `allErrors` is quadratic over
 * large arrays across `$ref`s), so the file's envelope is checked without its items.
 */
export class SchemaChecker {
  private readonly bundle: JsonSchema;
  private readonly envelope: ValidateFunction;
  private readonly items: Record<Section, ValidateFunction>;
  private readonly defs: Record<string, JsonSchema>;

  constructor() {
    this.bundle = JSON.parse(readFileSync(join(SCHEMA_DIR, 'data-file.schema.json'), 'utf8')) as JsonSchema;
    const id = this.bundle.$id ?? '';
    this.defs = this.bundle.$defs ?? {};
    const ajv = new Ajv2020({ allErrors: true, ownProperties: true, strict: true, strictTypes: false });
    addFormats(ajv);
    ajv.addVocabulary(['subjectKinds', 'objectKinds', 'refKinds', 'tsType']);
    addClaimKeywords(ajv);
    ajv.addSchema(this.bundle);
    const absolute = (s: JsonSchema): JsonSchema =>
      s.$ref?.startsWith('#') ? { ...s, $ref: id + s.$ref } : s;
    const shallowProps = Object.fromEntries(
      Object.entries(this.bundle.properties ?? {}).map(([k, s]) => [
        k,
        s.items ? { ...s, items: true } : absolute(s),
      ]),
    );
    const { $defs: _defs, $schema: _schema, ...rest } = this.bundle;
    this.envelope = ajv.compile({
      ...rest,
      $id: id.replace(/\.schema\.json$/, '-envelope.schema.json'),
      properties: shallowProps,
    });
    const item = (def: string) => {
      const fn = ajv.getSchema(`${id}#/$defs/${def}`);
      if (!fn) throw new Error(`schema bundle lacks $defs/${def}: run npm run gen`);
      return fn;
    };
    this.items = {
      documents: item('document'),
      entities: item('anyEntity'),
      statements: item('anyStatement'),
    };
  }

  /** Problems of the file's top level: unknown sections, wrong types, a missing `document`. */
  checkEnvelope(value: unknown, locator: YamlLocator): KgError[] {
    if (this.envelope(value)) return [];
    return this.toKgErrors(
      this.envelope.errors ?? [],
      value,
      [],
      locator,
      Object.keys(this.bundle.properties ?? {}),
    );
  }

  /** Problems of one item of a section, positioned at its YAML nodes. */
  checkItem(section: Section, value: unknown, path: DataPath, locator: YamlLocator): KgError[] {
    const validate = this.items[section];
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
