import { KgError, type KgErrorJSON, type SourcePosition } from '../errors';
import { parseYaml } from './parse-yaml';
import { SchemaChecker, type Section } from './schema-check';

/** A position in the file being checked: [line, col]. */
type Pos = [number, number];

/**
 * The items of one section of a file, in file order, as lists side by side: no object an item (a million
 * of them weighed ~46 MiB on the main thread, and ~30 MB of JSON to send and cache).
 */
export interface FileSection {
  section: Section;
  /** Each item as parsed; null when it is not a mapping (the schema errors say so). */
  records: (Record<string, unknown> | null)[];
  /**
   * Where each item was written, then each of its fields (in `Object.keys` order): line,col pairs joined
   * by commas. One string, not arrays: a million records' positions, mostly never asked for, cost a
   * string each to parse and keep, not two arrays of numbers.
   */
  at: string[];
  /** The schema's problems with the items that have any, by the item's index; absent when none. */
  errors?: Record<number, KgErrorJSON[]>;
}

/**
 * What one data file says on its own: its syntax and schema problems and its records, with their
 * positions. Plain data (no YAML tree), so a worker can send it and the cache can store it.
 */
export interface FileResult {
  /** False when the file could not be read as YAML; `errors` says why. */
  parsed: boolean;
  /** Problems of the whole file: syntax, or the file's top level. */
  errors: KgErrorJSON[];
  warnings: KgErrorJSON[];
  document?: { id: string; where: Pos };
  /** The sections that hold a list, in the order documents, entities, statements. */
  sections: FileSection[];
}

let checker: SchemaChecker | undefined;

const SECTIONS = ['documents', 'entities', 'statements'] as const satisfies readonly Section[];

/** Parses and schema-checks one file's text; the positions are kept, the YAML tree is dropped. */
export function checkFile(text: string, file: string): FileResult {
  checker ??= new SchemaChecker();
  const parsed = parseYaml(text, file);
  if (!parsed.ok)
    return { parsed: false, errors: parsed.errors.map(withoutFile), warnings: [], sections: [] };
  const { value, locator } = parsed;
  const result: FileResult = {
    parsed: true,
    errors: checker.checkEnvelope(value, locator).map(withoutFile),
    warnings: parsed.warnings.map(withoutFile),
    sections: [],
  };
  if (!isRecord(value)) return result;
  if (typeof value.document === 'string') {
    result.document = { id: value.document, where: pos(locator.at(['document'])) };
  }
  for (const section of SECTIONS) {
    const items = value[section];
    if (!Array.isArray(items)) continue;
    const found: FileSection = { section, records: [], at: [] };
    for (let index = 0; index < items.length; index++) {
      const item: unknown = items[index];
      const path = [section, index];
      const errors = checker.checkItem(section, item, path, locator).map(withoutFile);
      const record = isRecord(item) ? item : null;
      found.records.push(record);
      found.at.push(locator.fields(path, record ? Object.keys(record) : []));
      if (errors.length > 0) (found.errors ??= {})[index] = errors;
    }
    result.sections.push(found);
  }
  return result;
}

/** The error as data without its file (a result belongs to one file, wherever it is now). */
export function withoutFile(e: KgError): KgErrorJSON {
  const { file: _file, ...json } = e.toJSON();
  return json;
}

function pos(p: SourcePosition): Pos {
  return [p.line, p.col];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
