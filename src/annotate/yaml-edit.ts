/**
 * Changes to a data file as a person would make them: only the record that changes is written anew,
 * every other byte of the file (comments, blank lines, quoting, folding, the `# yaml-language-server`
 * header) stays as it was. The `yaml` package's Document API parses the file and renders the record;
 * the text is spliced at the record's place, and the result is parsed again to prove it holds exactly
 * the intended data.
 */
import { isDeepStrictEqual } from 'node:util';
import {
  Document,
  Scalar,
  YAMLMap,
  YAMLSeq,
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  type Node,
  type Pair,
} from 'yaml';
import type { Section } from '../validate/schema-check';

export type DataRecord = Record<string, unknown>;

/** The width the data files are folded at: the project's Prettier width. */
const LINE_WIDTH = 110;

/** The ids of a section's items, in file order (undefined for an item without a string id). */
export function itemIds(text: string, section: Section): (string | undefined)[] {
  const seq = sectionOf(parse(text), section);
  return (seq?.items ?? []).map((item) => {
    const id = isMap(item) ? item.get('id') : undefined;
    return typeof id === 'string' ? id : undefined;
  });
}

/** The text with `record` inserted as item `index` of the section (created if missing). */
export function insertItem(text: string, section: Section, index: number, record: DataRecord): string {
  const doc = parse(text);
  const seq = sectionOf(doc, section);
  const expected = () => {
    const before = sectionData(doc, section);
    return [...before.slice(0, index), record, ...before.slice(index)];
  };
  if (!seq || seq.items.length === 0 || seq.flow) return rewriteSection(doc, section, expected());
  const indent = indentOf(text, seq.items[0]!);
  const rendered = renderItem(record, styles(seq), indent);
  const spaced = seq.items.slice(1).some((item) => (item as Node).spaceBefore === true);
  const gap = spaced ? '\n' : '';
  let out: string;
  if (index === 0) {
    // Before the first item, below the comments that head the list.
    const at = lineStart(text, rangeOf(seq.items[0]!)[0]);
    out = text.slice(0, at) + rendered + gap + text.slice(at);
  } else {
    const at = itemEnd(text, seq.items[index - 1]!);
    out = withNewline(text.slice(0, at)) + gap + rendered + text.slice(at);
  }
  return checkedItem(out, rendered, record, section, expected);
}

/**
 * The text with item `index` of the section replaced by `record`: a field that keeps its value keeps
 * its bytes (folding, quoting, comments), a changed one is written in the style it had (a `>-` stays
 * folded), new fields go after the field before them in `order`, dropped ones go.
 */
export function replaceItem(
  text: string,
  section: Section,
  index: number,
  record: DataRecord,
  order: readonly string[],
): string {
  const doc = parse(text);
  const seq = sectionOf(doc, section)!;
  const expected = () => Object.assign(sectionData(doc, section), { [index]: record });
  const item = seq.items[index];
  if (!isMap(item) || item.flow) throw new Error(`item ${index} of ${section} is not a block mapping`);
  const keyStyles = styles(seq);
  const from = lineStart(text, rangeOf(item)[0]);
  if (item.items.length === 0 || lineStart(text, rangeOf(item.items[0]!.key)[0]) !== from)
    throw new Error(`item ${index} of ${section} does not start with a field on its dash's line`);
  const dash = indentOf(text, item);
  const indent = dash + 2;
  const keyOf = (pair: Pair) => String(isScalar(pair.key) ? pair.key.value : pair.key);
  // Each field's lines, from its key to the next key: its value, then the comments and blank lines below it.
  const starts = item.items.map((pair) => lineStart(text, rangeOf(pair.key)[0]));
  const end = itemEnd(text, item);
  const parts: { key: string; text: string }[] = item.items.flatMap((pair, i) => {
    const key = keyOf(pair);
    if (!Object.hasOwn(record, key)) return [];
    let lines = text.slice(starts[i], starts[i + 1] ?? end);
    // The first field's line is the dash's: the field's own text has spaces there.
    if (i === 0) lines = ' '.repeat(indent) + lines.slice(indent);
    if (isDeepStrictEqual(toData(pair.value), record[key])) return [{ key, text: lines }];
    const valueEnd = itemEnd(text, pair.value ?? pair.key) - starts[i]!;
    const node = styledNode(doc, key, record[key], keyStyles, pair.value);
    return [{ key, text: renderPair(key, node, indent) + lines.slice(Math.min(valueEnd, lines.length)) }];
  });
  for (const [key, value] of Object.entries(record)) {
    if (parts.some((p) => p.key === key)) continue;
    const rank = order.indexOf(key);
    // After the last field that comes before it in `order` (or at the end).
    let at = parts.length;
    if (rank >= 0) {
      at = 0;
      parts.forEach((p, i) => {
        const r = order.indexOf(p.key);
        if (r >= 0 && r < rank) at = i + 1;
      });
    }
    parts.splice(at, 0, { key, text: renderPair(key, styledNode(doc, key, value, keyStyles), indent) });
  }
  const body = parts.map((p) => withNewline(p.text)).join('');
  const lines = ' '.repeat(dash) + '- ' + body.slice(indent);
  return checkedItem(text.slice(0, from) + lines + text.slice(end), lines, record, section, expected);
}

/** The text without item `index` of the section; the comments above it stay (they head what follows). */
export function removeItem(text: string, section: Section, index: number): string {
  const doc = parse(text);
  const seq = sectionOf(doc, section)!;
  const expected = sectionData(doc, section);
  expected.splice(index, 1);
  if (expected.length === 0) return rewriteSection(doc, section, []);
  const item = seq.items[index]!;
  let from = lineStart(text, rangeOf(item)[0]);
  let to = itemEnd(text, item);
  // One blank line goes with it: the one after, or else the one before.
  const spacedBefore = text.slice(0, from).endsWith('\n\n');
  if (text.startsWith('\n', to) && (index === 0 || spacedBefore)) to += 1;
  else if (spacedBefore && (item as Node).commentBefore == null) from -= 1;
  return checked(text.slice(0, from) + text.slice(to), section, expected);
}

/** The last texts parsed: a file is parsed once as the edits of one record are checked key by key. */
const parsed = new Map<string, Document.Parsed>();
const PARSES_KEPT = 4;

/** The text's document, not to be changed (it is shared): rewriteSection changes a clone. */
function parse(text: string): Document.Parsed {
  const known = parsed.get(text);
  if (known) return known;
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new Error(`the file is not valid YAML: ${doc.errors[0]!.message}`);
  if (parsed.size >= PARSES_KEPT) parsed.delete(parsed.keys().next().value!);
  parsed.set(text, doc);
  return doc;
}

/** The lines (1-based) of item `index` of the section, and the line of each of its fields' keys. */
export function itemLines(
  text: string,
  section: Section,
  index: number,
): { first: number; last: number; fields: { field: string; line: number }[] } | undefined {
  const item = sectionOf(parse(text), section)?.items[index];
  if (!isMap(item) || !item.range) return undefined;
  const line = (offset: number) => {
    let n = 1;
    for (let nl = text.indexOf('\n'); nl >= 0 && nl < offset; nl = text.indexOf('\n', nl + 1)) n++;
    return n;
  };
  return {
    first: line(item.range[0]),
    last: line(Math.max(item.range[0], item.range[2] - 1)),
    fields: item.items.map((pair) => ({
      field: String(isScalar(pair.key) ? pair.key.value : pair.key),
      line: line(rangeOf(pair.key)[0]),
    })),
  };
}

function sectionOf(doc: Document, section: Section): YAMLSeq | undefined {
  const seq = doc.get(section, true);
  return isSeq(seq) ? seq : undefined;
}

function sectionData(doc: Document, section: Section): unknown[] {
  const seq = sectionOf(doc, section);
  return seq ? (toData(seq) as unknown[]) : [];
}

function toData(node: unknown): unknown {
  return node && typeof node === 'object' && 'toJSON' in node
    ? (node as { toJSON: () => unknown }).toJSON()
    : node;
}

/** The file written by the Document API: a section that was empty or missing has nothing to keep. */
function rewriteSection(shared: Document, section: Section, items: unknown[]): string {
  const doc = shared.clone();
  const seq = doc.createNode(items) as YAMLSeq;
  seq.flow = items.length === 0;
  if (doc.contents === null || !isMap(doc.contents)) throw new Error('the file is not a mapping');
  doc.set(section, seq);
  const out = doc.toString({ lineWidth: LINE_WIDTH, singleQuote: true });
  return checked(out, section, items);
}

/** The new text, once it is shown to hold exactly the expected section (and to parse). */
function checked(out: string, section: Section, expected: unknown[]): string {
  const got = sectionData(parse(out), section);
  if (!isDeepStrictEqual(got, plain(expected)))
    throw new Error(`writing ${section} would not give the intended data`);
  return out;
}

/**
 * `out`, once it is shown to hold exactly the intended data, when only `lines`, one item of the
 * section's block list, were put between whole lines of it: the lines around them are the file's, and a
 * block list's item is read from its own lines, so parsing them alone proves it, at the cost of one
 * record, not of the file. If they do not parse alone as that record, the whole text is parsed again.
 */
function checkedItem(
  out: string,
  lines: string,
  record: DataRecord,
  section: Section,
  expected: () => unknown[],
): string {
  const alone = parseDocument(lines);
  const items = isSeq(alone.contents) ? alone.contents.items : [];
  if (alone.errors.length === 0 && items.length === 1 && isDeepStrictEqual(toData(items[0]), plain(record)))
    return out;
  return checked(out, section, expected());
}

const plain = (data: unknown): unknown => JSON.parse(JSON.stringify(data));

type Styles = Map<string, Scalar.Type>;

/** How the file writes each field's text (quote in single quotes, ids plain, ...): its first use. */
function styles(seq: YAMLSeq): Styles {
  const found: Styles = new Map();
  for (const item of seq.items) {
    if (!isMap(item)) continue;
    for (const pair of item.items) {
      if (!isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      const value = isSeq(pair.value) ? pair.value.items[0] : pair.value;
      if (isScalar(value) && typeof value.value === 'string' && value.type && !found.has(key))
        found.set(key, value.type);
    }
  }
  return found;
}

/**
 * A value as a node written in the style its field had (`was`, its old node) or else the file's style
 * for the field; a text too long for one line is folded. An old node's comment stays with the value.
 */
function styledNode(doc: Document, key: string, value: unknown, keyStyles: Styles, was?: unknown): Node {
  const node = doc.createNode(value) as Node;
  const old = isScalar(was) && typeof was.value === 'string' ? was.type : undefined;
  const style = old ?? keyStyles.get(key);
  const apply = (n: unknown) => {
    if (!isScalar(n) || typeof n.value !== 'string') return;
    if (old === Scalar.BLOCK_FOLDED || old === Scalar.BLOCK_LITERAL) n.type = old;
    else if (n.value.length + key.length + 8 > LINE_WIDTH - 6) n.type = Scalar.BLOCK_FOLDED;
    else if (style === Scalar.PLAIN || style === Scalar.QUOTE_SINGLE || style === Scalar.QUOTE_DOUBLE)
      n.type = style;
  };
  if (isScalar(was) || isSeq(was) || isMap(was)) node.comment = was.comment ?? null;
  if (isSeq(node)) node.items.forEach(apply);
  else apply(node);
  return node;
}

/** One field, `key: value`, its lines moved right to `indent`. */
function renderPair(key: string, value: Node, indent: number): string {
  const doc = new Document();
  const map = new YAMLMap();
  map.items.push(doc.createPair(key, value));
  doc.contents = map;
  return render(doc, indent);
}

function renderItem(record: DataRecord, keyStyles: Styles, indent: number): string {
  const doc = new Document();
  const map = new YAMLMap();
  for (const [key, value] of Object.entries(record))
    map.items.push(doc.createPair(key, styledNode(doc, key, value, keyStyles)));
  return render(itemDocument(map), indent);
}

/** A document holding one list item, rendered at column 0. */
function itemDocument(item: YAMLMap): Document {
  const doc = new Document();
  const seq = new YAMLSeq();
  seq.items.push(item);
  doc.contents = seq;
  return doc;
}

/** The rendered item, every line moved right to the list's indentation. */
function render(doc: Document, indent: number): string {
  const text = doc.toString({ lineWidth: LINE_WIDTH - indent, singleQuote: true });
  const pad = ' '.repeat(indent);
  return text
    .split('\n')
    .map((line) => (line === '' ? line : pad + line))
    .join('\n');
}

function rangeOf(node: unknown): [number, number, number] {
  const range = (node as Node).range;
  if (!range) throw new Error('a node without a place in the file');
  return range;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Where the item's text ends: after the newline of its last line. */
function itemEnd(text: string, item: unknown): number {
  const end = rangeOf(item)[2];
  if (end > 0 && text[end - 1] === '\n') return end;
  const next = text.indexOf('\n', end);
  return next < 0 ? text.length : next + 1;
}

function withNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

/** The column of the item's `-`. */
function indentOf(text: string, item: unknown): number {
  const start = lineStart(text, rangeOf(item)[0]);
  return /^ */.exec(text.slice(start))![0].length;
}
