import {
  EVENT_ID,
  SCALAR_STYLE_DOUBLE_QUOTED,
  SCALAR_STYLE_PLAIN,
  SCALAR_STYLE_SINGLE_QUOTED,
  constructFromEvents,
  getScalarValue,
  parseEvents,
  type Event,
  type ScalarEvent,
} from 'js-yaml';
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

/**
 * Where a node of a parsed file was written: all that locating an error needs of a YAML tree. Both
 * parsers give one, so the positions do not depend on which parser read the file. A scalar is just its
 * offset; -1 is a node with no place of its own (an alias; an empty value, which points at its key).
 */
type Spot = number | MapSpot | { kind: 'seq'; start: number; items: Spot[] };
interface MapSpot {
  kind: 'map';
  start: number;
  pairs: { key: string; keyStart: number; value: Spot }[];
}

/**
 * yaml, loaded only for a file js-yaml does not read plainly: most runs never need it, and loading it
 * took each worker ~30 ms.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = () => require('yaml') as typeof import('yaml');

/**
 * Where each line starts, to turn an offset into a line and column (1-based) as yaml's LineCounter
 * does, without loading yaml for it.
 */
class LineStarts {
  constructor(private readonly starts: readonly number[]) {}

  linePos(offset: number): { line: number; col: number } {
    // The number of lines starting at or before the offset.
    let low = 0;
    let high = this.starts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.starts[mid]! <= offset) low = mid + 1;
      else high = mid;
    }
    return low === 0 ? { line: 0, col: offset } : { line: low, col: offset - this.starts[low - 1]! + 1 };
  }
}

const startOf = (spot: Spot): number => (typeof spot === 'number' ? spot : spot.start);

/** Finds where a value of a parsed file was written, so every error can point at its own YAML node. */
export class YamlLocator {
  constructor(
    private readonly root: Spot | null,
    private readonly lines: LineStarts,
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

  /**
   * Line and column of the value at `path`, then of each of its `keys`' values, as `at` gives them,
   * joined by commas ("4,5,4,9,5,14"), in one walk: this runs for every record of every file.
   */
  fields(path: DataPath, keys: readonly string[]): string {
    const { node, offset } = this.walk(path, 'value');
    const { line, col } = this.lines.linePos(offset);
    let out = `${line},${col}`;
    const pairs = isMapSpot(node) ? node.pairs : [];
    // Keys mostly come in the order they were written; later pairs win, as in `at`.
    const inOrder = pairs.length === keys.length;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const pair = inOrder && pairs[i]!.key === key ? pairs[i] : lastPair(pairs, key);
      const at = pair ? this.lines.linePos(valueOffset(pair)) : this.at([...path, key]);
      out += `,${at.line},${at.col}`;
    }
    return out;
  }

  private walk(path: DataPath, target: 'value' | 'key'): { node: Spot | null; offset: number } {
    let node = this.root;
    let offset = node === null ? 0 : Math.max(startOf(node), 0);
    for (const [i, segment] of path.entries()) {
      if (isMapSpot(node)) {
        const pair = lastPair(node.pairs, String(segment));
        if (!pair) break;
        if (i === path.length - 1 && target === 'key') {
          offset = pair.keyStart;
          break;
        }
        offset = valueOffset(pair);
        node = pair.value;
      } else if (typeof node === 'object' && node?.kind === 'seq') {
        const item = node.items[Number(segment)];
        if (item === undefined) break;
        node = item;
        if (startOf(item) >= 0) offset = startOf(item);
      } else break;
    }
    return { node, offset };
  }
}

function isMapSpot(spot: Spot | null): spot is MapSpot {
  return typeof spot === 'object' && spot?.kind === 'map';
}

function lastPair(pairs: MapSpot['pairs'], key: string): MapSpot['pairs'][number] | undefined {
  return pairs.findLast((p) => p.key === key);
}

/** Where a pair's value was written: its own place, else its key's. */
function valueOffset(pair: { keyStart: number; value: Spot }): number {
  const start = startOf(pair.value);
  return start < 0 ? pair.keyStart : start;
}

/** The spots of a tree the yaml package composed. */
function spotOf(node: unknown): Spot {
  const { isMap, isScalar, isSeq } = yaml();
  if (isMap(node)) {
    const pairs = node.items.flatMap((p) =>
      isScalar(p.key)
        ? [{ key: String(p.key.value), keyStart: p.key.range?.[0] ?? 0, value: pairValueSpot(p.value) }]
        : [],
    );
    return { kind: 'map', start: node.range?.[0] ?? 0, pairs };
  }
  if (isSeq(node)) return { kind: 'seq', start: node.range?.[0] ?? 0, items: node.items.map(spotOf) };
  return isScalar(node) ? (node.range?.[0] ?? 0) : -1;
}

/** A pair's value: `key:` with nothing after it (an empty null scalar) points at the key. */
function pairValueSpot(node: unknown): Spot {
  return yaml().isScalar(node) && node.range?.[0] === node.range?.[1] ? -1 : spotOf(node);
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
 *
 * js-yaml reads a plain file about ten times faster than the yaml package; whatever it does not read
 * plainly (an error, a directive, a tag, an anchor, an odd key or line break) goes to the yaml
 * package, whose errors and positions are the reference. Both give the same values and positions.
 */
export function parseYaml(text: string, file: string): ParseResult {
  const unprintable = nonPrintable(text, file);
  if (unprintable.length > 0) return { ok: false, errors: unprintable };
  const parsed = parsePlainYaml(text, file) ?? parseYamlDocument(text, file);
  // Only an escape can make a lone surrogate (decoded UTF-8 has none): look only where one is written.
  if (parsed.ok && /\\[uU]/.test(text)) {
    const lone = loneSurrogates(parsed.value, parsed.locator);
    if (lone.length > 0) return { ok: false, errors: lone };
  }
  return parsed;
}

/**
 * YAML 1.2 allows only printable characters in a stream (its c-printable: tab, LF, CR, NEL and
 * everything from space up but DEL, the C1 controls, surrogates and U+FFFE/U+FFFF); both parsers
 * accept some of the others silently, and a raw ESC or NUL would reach terminals and exports. One
 * error a line.
 */
// eslint-disable-next-line no-control-regex
const NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]/g;

function nonPrintable(text: string, file: string): KgError[] {
  const errors: KgError[] = [];
  let lines: LineStarts | undefined;
  let lastLine = 0;
  for (const m of text.matchAll(NON_PRINTABLE)) {
    lines ??= lineCounterOf(text);
    const { line, col } = lines.linePos(m.index);
    if (line === lastLine) continue;
    lastLine = line;
    const code = `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    errors.push(
      new KgError(
        'YAML_SYNTAX',
        `control character ${code} is not allowed in YAML: remove it, or write it as an escape ("\\u${code.slice(2)}") in a double-quoted string`,
        { file, line, col },
      ),
    );
  }
  return errors;
}

/** Strings with a UTF-16 surrogate that is not half of a pair (from an escape such as "\\ud800"). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function loneSurrogates(value: unknown, locator: YamlLocator, path: (string | number)[] = []): KgError[] {
  if (typeof value === 'string') {
    if (!LONE_SURROGATE.test(value)) return [];
    return [
      new KgError(
        'YAML_SYNTAX',
        'an escape gives half of a UTF-16 surrogate pair, which is no character: every backend and export would store it differently; write the character itself',
        locator.at(path),
      ),
    ];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => loneSurrogates(v, locator, [...path, i]));
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => loneSurrogates(v, locator, [...path, k]));
  return [];
}

/** Line starts after every \n (a CR alone starts no line, as for the editors that show the positions). */
function lineCounterOf(text: string): LineStarts {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return new LineStarts(starts);
}

/** parseYaml with the yaml package alone. */
export function parseYamlDocument(text: string, file: string): ParseResult {
  const { isCollection, isScalar, parseDocument, visit } = yaml();
  // Not the parser's own lineCounter: recovering from some errors, its lexer skips a line's start, and
  // every position after it lands on the line before (found by the hardening fuzz: "   *idage: &a x").
  const lines = lineCounterOf(text);
  const doc = parseDocument(text, {
    prettyErrors: false,
    version: '1.2',
    schema: 'core',
    uniqueKeys: true,
    merge: false,
  });
  const locator = new YamlLocator(null, lines, file);
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
  return {
    ok: true,
    value: doc.toJS(),
    locator: new YamlLocator(spotOf(doc.contents), lines, file),
    warnings,
  };
}

const quoted = (style: number) =>
  style === SCALAR_STYLE_SINGLE_QUOTED || style === SCALAR_STYLE_DOUBLE_QUOTED;
/** Plain keys that are strings in the core schema and fields the schema could have. */
const PLAIN_KEY = /^(?!(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)$)[A-Za-z_][\w$-]*$/;

/**
 * parseYaml with js-yaml, for a file that is plainly a data file; undefined for anything else. The
 * positions come from its events: a quoted scalar starts at its quote, a block scalar at its `|` or `>`.
 */
export function parsePlainYaml(text: string, file: string): ParseResult | undefined {
  // A lone CR is a line break to YAML, not to the line counter below. The two parsers differ on
  // directives js-yaml does not know, tabs in indentation and escaped line breaks: the yaml package
  // reads those.
  if (/\r(?!\n)|^%|^ *\t|\\\r?\n/m.test(text)) return undefined;
  let events: Event[];
  let value: unknown;
  try {
    events = parseEvents(text, { maxDepth: MAX_DEPTH });
    value = constructFromEvents(events, { source: text, maxAliases: 0 })[0];
  } catch {
    return undefined;
  }
  let root: Spot | null = null;
  /** The open collections; for a map, the key that waits for its value. */
  const stack: { spot: Exclude<Spot, number>; key: string; keyStart: number }[] = [];
  let documents = 0;
  /** Where the last scalar ended: a block scalar's header is the first thing after it. */
  let end = 0;
  for (const e of events) {
    if (e.type === EVENT_ID.DOCUMENT) {
      if (++documents > 1 || e.directives.length > 0) return undefined;
      continue;
    }
    if (e.type === EVENT_ID.POP) {
      stack.pop();
      continue;
    }
    if (e.type === EVENT_ID.ALIAS || e.anchorStart !== -1 || e.tagStart !== -1) return undefined;
    let spot: Spot;
    if (e.type === EVENT_ID.MAPPING) spot = { kind: 'map', start: e.start, pairs: [] };
    else if (e.type === EVENT_ID.SEQUENCE) spot = { kind: 'seq', start: e.start, items: [] };
    else if (e.valueStart === -1) spot = -1;
    else {
      const start = scalarStart(text, e, end);
      if (start === undefined) return undefined;
      spot = start;
      end = e.valueEnd + (quoted(e.style) ? 1 : 0);
    }
    const parent = stack[stack.length - 1];
    if (parent === undefined) root = spot;
    else if (parent.spot.kind === 'seq') {
      // An empty list item has no offset of its own to point at.
      if (spot === -1) return undefined;
      parent.spot.items.push(spot);
    } else if (parent.keyStart >= 0) {
      parent.spot.pairs.push({ key: parent.key, keyStart: parent.keyStart, value: spot });
      parent.keyStart = -1;
    } else {
      if (e.type !== EVENT_ID.SCALAR || spot === -1) return undefined;
      const key = getScalarValue(text, e);
      if (key === '<<' || (e.style === SCALAR_STYLE_PLAIN && !PLAIN_KEY.test(key))) return undefined;
      parent.key = key;
      parent.keyStart = spot as number;
    }
    if (typeof spot === 'object') stack.push({ spot, key: '', keyStart: -1 });
  }
  if (documents !== 1 || root === null || root === -1) return undefined;
  const lines = lineCounterOf(text);
  return { ok: true, value, locator: new YamlLocator(root, lines, file), warnings: [] };
}

/** Where a scalar starts as the yaml package counts it; undefined if that is not plain to see. */
function scalarStart(text: string, e: ScalarEvent, after: number): number | undefined {
  if (e.style === SCALAR_STYLE_PLAIN) return e.valueStart;
  if (quoted(e.style)) return e.valueStart - 1;
  // A block scalar: only separators, indicators and comments lie between the last scalar and its header.
  for (let i = after; i < text.length; i++) {
    const c = text[i]!;
    // The parsers differ on whitespace-only lines under an explicit indentation indicator.
    if (c === '|' || c === '>') return /^[-+]?[1-9]/.test(text.slice(i + 1, i + 3)) ? undefined : i;
    if (c === '#') i = text.indexOf('\n', i) === -1 ? text.length : text.indexOf('\n', i);
    else if (!' \t\n\r:-?'.includes(c)) return undefined;
  }
  return undefined;
}

/** yaml's messages end with a position we print ourselves; keep the first line without it. */
function plain(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

function quoteKey(text: string, offset: number): string {
  const key = /^[^:\n]*/.exec(text.slice(offset))?.[0].trim() ?? '';
  return key ? `'${key}'` : 'in mapping';
}
