import {
  LineCounter,
  isCollection,
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  visit,
  type Node,
  type Document,
  type Pair,
} from 'yaml';
import { KgError, type ErrorCode, type SourcePosition } from '../errors';

/** A JSON-pointer-like path into a parsed file: keys and array indexes. */
export type DataPath = readonly (string | number)[];

/** yaml's error codes that have a code of ours, with a message for a person (empty: keep yaml's). */
const YAML_CODES: Partial<Record<string, [ErrorCode, string]>> = {
  TAB_AS_INDENT: ['YAML_TAB_INDENT', 'a tab used for indentation: indent with spaces'],
  MULTIPLE_DOCS: [
    'YAML_MULTIPLE_DOCUMENTS',
    'a second YAML document (after ---): a data file holds one; split it into files',
  ],
  DUPLICATE_KEY: ['DUPLICATE_KEY', ''],
};

/** Finds where a value of a parsed file was written, so every error can point at its own YAML node. */
export class YamlLocator {
  constructor(
    private readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
    readonly file: string,
  ) {}

  position(offset: number): SourcePosition {
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, col };
  }

  /**
   * The position of the value at `path` (or of its key, with `key`). Walks as far as the path exists:
   * a missing field resolves to the map that lacks it, a `key:` without value to the key.
   */
  at(path: DataPath, target: 'value' | 'key' = 'value'): SourcePosition {
    return this.position(this.walk(path, target).offset);
  }

  /** The position of the value at `path` and of each of its fields, as `at` gives them, in one walk. */
  fields(path: DataPath): { where: SourcePosition; fields: Map<string, SourcePosition> } {
    const { node, offset } = this.walk(path, 'value');
    const fields = new Map<string, SourcePosition>();
    if (isMap(node)) {
      // Later pairs win, as `at` takes the last of duplicate keys.
      for (const pair of node.items) {
        if (isScalar(pair.key)) fields.set(String(pair.key.value), this.position(valueOffset(pair, offset)));
      }
    }
    return { where: this.position(offset), fields };
  }

  private walk(path: DataPath, target: 'value' | 'key'): { node: unknown; offset: number } {
    let node: unknown = this.doc.contents;
    let offset = (node as Node | null)?.range?.[0] ?? 0;
    for (const [i, segment] of path.entries()) {
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.findLast((p) => isScalar(p.key) && String(p.key.value) === String(segment));
        if (!pair) break;
        if (last && target === 'key') {
          offset = (pair.key as Node).range?.[0] ?? offset;
          break;
        }
        offset = valueOffset(pair, offset);
        node = pair.value;
      } else if (isSeq(node)) {
        const item = node.items[Number(segment)];
        if (!item) break;
        node = item;
        if (isScalar(node) || isMap(node) || isSeq(node)) offset = node.range?.[0] ?? offset;
      } else break;
    }
    return { node, offset };
  }
}

/** Where a pair's value was written; `key:` with nothing after it (an empty null scalar) points at the key. */
function valueOffset(pair: Pair, fallback: number): number {
  const offset = (pair.key as Node).range?.[0] ?? fallback;
  const value = pair.value;
  const empty = isScalar(value) && value.range?.[0] === value.range?.[1];
  return !empty && (isScalar(value) || isMap(value) || isSeq(value)) ? (value.range?.[0] ?? offset) : offset;
}

/** Annotation files nest four levels deep; far beyond that is a mistake or an attack (stack exhaustion). */
const MAX_DEPTH = 64;
const TOO_DEEP = `nesting deeper than ${MAX_DEPTH} levels`;

export type ParseResult =
  { ok: true; value: unknown; locator: YamlLocator; warnings: KgError[] } | { ok: false; errors: KgError[] };

/**
 * Parses one YAML 1.2 document with the core schema, whatever `%YAML` directive the file has (so `no`,
 * `on` and dates stay strings). Anchors, aliases and merge keys are refused outright: annotation files
 * never need them, and refusing them rules out alias bombs before any value is built.
 */
export function parseYaml(text: string, file: string): ParseResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter: lines,
    prettyErrors: false,
    version: '1.2',
    schema: 'core',
    uniqueKeys: true,
    merge: false,
  });
  const locator = new YamlLocator(doc, lines, file);
  const errors: KgError[] = [];
  const linesWithError = new Set<number>();
  for (const e of doc.errors) {
    // yaml catches its own stack overflow on absurd nesting and reports it as a plain error.
    const tooDeep = /call stack/i.test(e.message);
    const [code, message] = tooDeep
      ? (['YAML_TOO_DEEP', TOO_DEEP] as const)
      : (YAML_CODES[e.code] ?? ['YAML_SYNTAX', '']);
    const at = locator.position(e.pos[0]);
    // The parser often reports follow-on errors on the line of the first; only the first is useful.
    if (linesWithError.has(at.line)) continue;
    linesWithError.add(at.line);
    const msg =
      code === 'DUPLICATE_KEY' ? `duplicate key ${quoteKey(text, e.pos[0])}` : message || plain(e.message);
    errors.push(new KgError(code, msg, at));
  }
  visit(doc, {
    Alias(_, node) {
      errors.push(
        new KgError(
          'YAML_ALIAS',
          `alias *${node.source} is not allowed: write the value out`,
          locator.position(node.range?.[0] ?? 0),
        ),
      );
    },
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.value === '<<') {
        errors.push(
          new KgError(
            'YAML_ALIAS',
            'merge key << is not allowed: write the fields out',
            locator.position(pair.key.range?.[0] ?? 0),
          ),
        );
      }
    },
    Node(_, node, path) {
      if (isCollection(node) && path.filter(isCollection).length >= MAX_DEPTH) {
        // The parser may have given up on this nesting already; one error for it is enough.
        if (!errors.some((e) => e.code === 'YAML_TOO_DEEP')) {
          errors.push(new KgError('YAML_TOO_DEEP', TOO_DEEP, locator.position(node.range?.[0] ?? 0)));
        }
        return visit.BREAK;
      }
      if (node.anchor) {
        errors.push(
          new KgError(
            'YAML_ALIAS',
            `anchor &${node.anchor} is not allowed: annotation files do not use anchors`,
            locator.position(node.range?.[0] ?? 0),
          ),
        );
      }
    },
  });
  if (errors.length > 0) return { ok: false, errors };
  if (doc.contents === null) {
    return {
      ok: false,
      errors: [new KgError('EMPTY_FILE', 'the file holds no YAML document', { file, line: 1, col: 1 })],
    };
  }
  const warnings = doc.warnings.map(
    (w) => new KgError('YAML_SYNTAX', plain(w.message), locator.position(w.pos[0]), { severity: 'warning' }),
  );
  return { ok: true, value: doc.toJS(), locator, warnings };
}

/** yaml's messages end with a position we print ourselves; keep the first line without it. */
function plain(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

function quoteKey(text: string, offset: number): string {
  const key = /^[^:\n]*/.exec(text.slice(offset))?.[0].trim() ?? '';
  return key ? `'${key}'` : 'in mapping';
}
