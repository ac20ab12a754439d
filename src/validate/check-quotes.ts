import { join, relative } from 'node:path';
import { KgError, type SourcePosition } from '../errors';
import type { Dataset, StatementEntry } from '../model/dataset';
import { allOccurrences, firstHolders, type Occurrences } from './quotes';
import { PassageIndex, type Passage } from './closest-passage';
import { asciiJson, cacheKey, readEntry, writeEntry } from './cache';
import type { ValidationMemo } from './memo';

/**
 * Closest passages computed for a data file's missing quotes, at most: a file of hundreds of broken
 * quotes (a wrong `document:`) gets a hint for the first few, and a count of the rest.
 */
export const HINTS_PER_FILE = 10;

/** The places of an ambiguous quote its error names. */
const PLACES_SHOWN = 3;

/** Each quote field, the field that says which of its occurrences is meant, and where it is anchored. */
const QUOTE_FIELDS = {
  quote: { occurrence: 'quoteOccurrence', span: 'span' },
  sourceQuote: { occurrence: 'sourceQuoteOccurrence', span: 'sourceSpan' },
} as const;
type QuoteField = keyof typeof QUOTE_FIELDS;

/**
 * Finds each statement's quote and sourceQuote in its document and anchors them there: each must occur
 * once, or its `quoteOccurrence` (`sourceQuoteOccurrence`) says which occurrence is meant. Where each
 * occurs is kept in the cache per document, by its text and its quotes in order: a re-run over unchanged
 * files searches nothing.
 */
export async function checkQuotes(
  dataset: Dataset,
  errors: KgError[],
  cacheDir: string | undefined,
  memo?: ValidationMemo,
): Promise<void> {
  /** Each statement's quote, and its sourceQuote if it has one: both must be verbatim in its document. */
  const quoting = new Map<string, [StatementEntry, QuoteField][]>();
  for (const s of dataset.statements.values()) {
    if (dataset.documents.get(s.document)?.text === undefined) continue;
    for (const field of Object.keys(QUOTE_FIELDS) as QuoteField[]) {
      if (typeof s.record[field] !== 'string') continue;
      const list = quoting.get(s.document);
      if (list) list.push([s, field]);
      else quoting.set(s.document, [[s, field]]);
    }
  }
  const missing: Missing[] = [];
  for (const [document, checks] of quoting) {
    const entry = dataset.documents.get(document)!;
    const text = entry.text!;
    const quotes = checks.map(([s, field]) => s.record[field]!);
    // The starts kept: the first few, to name an ambiguous quote's places, up to the occurrence asked for.
    const keep = checks.map(([s, field]) => Math.max(PLACES_SHOWN, occurrenceOf(s, field) ?? 0));
    // Statements drawn from one sentence often share its quote: each is searched for once.
    const find = () => {
      // An annotate session's memo holds the searches of earlier checks: only new quotes are searched.
      const seen = memo?.quotesIn(text) ?? new Map<string, Occurrences>();
      const keys = quotes.map((q, i) => `${keep[i]} ${q}`);
      const unique: number[] = [];
      const queued = new Set<string>();
      keys.forEach((k, i) => {
        if (seen.has(k) || queued.has(k)) return;
        queued.add(k);
        unique.push(i);
      });
      const found = allOccurrences(
        text,
        unique.map((i) => quotes[i]!),
        unique.map((i) => keep[i]!),
      );
      unique.forEach((i, u) => seen.set(keys[i]!, found[u]!));
      return keys.map((k) => seen.get(k)!);
    };
    // In memory, only the quotes not searched before are searched: the disk cache has nothing to add.
    const dir = !memo && cacheDir ? join(cacheDir, 'quotes') : undefined;
    const key = dir ? await cacheKey([text, ...quotes, ...keep.map(String)]) : undefined;
    const cached = key && (await readEntry(dir!, key));
    const found = cached ? (JSON.parse(cached) as Occurrences[]) : find();
    if (key && !cached) await writeEntry(dir!, key, asciiJson(found));
    const places = (starts: number[], count: number) =>
      `${listed(
        starts.slice(0, PLACES_SHOWN).map((at) => lineCol(text, at)),
        count - PLACES_SHOWN,
      )} of ` + relative(dataset.root, entry.sourcePath);
    for (const [i, [s, field]] of checks.entries()) {
      const { count, starts } = found[i]!;
      const length = quotes[i]!.normalize('NFC').length;
      const wanted = occurrenceOf(s, field);
      // A statement's field positions are made when asked for: only for a problem.
      const where = () => s.fields[field] ?? s.where;
      if (count === 0) {
        missing.push({ file: s.where.file, field, document, quote: quotes[i]!, where: where() });
      } else if (wanted !== undefined && wanted > count) {
        const { occurrence } = QUOTE_FIELDS[field];
        errors.push(
          new KgError(
            'QUOTE_OCCURRENCE_NOT_FOUND',
            `${occurrence} ${wanted}, but the ${field} occurs ${times(count)} in ${document}, at ${places(starts, count)}`,
            s.fields[occurrence] ?? where(),
          ),
        );
      } else if (wanted === undefined && count > 1) {
        errors.push(
          new KgError(
            'QUOTE_AMBIGUOUS',
            `${field} occurs ${times(count)} in ${document}, at ${places(starts, count)}: quote more of the ` +
              `sentence, or say which is meant with ${QUOTE_FIELDS[field].occurrence} (1 to ${count})`,
            where(),
          ),
        );
      } else {
        const start = starts[(wanted ?? 1) - 1]!;
        s[QUOTE_FIELDS[field].span] = { start, end: start + length };
      }
    }
  }
  // Not push(...list): 80,000 missing quotes (1M statements, half invalid) overflow the stack.
  for (const e of await missingQuotes(dataset, missing)) errors.push(e);
}

interface Missing {
  file: string;
  field: QuoteField;
  document: string;
  quote: string;
  where: SourcePosition;
}

/**
 * The errors of quotes not found: where the quote is after all (another document), else, for the first
 * HINTS_PER_FILE of a data file, the closest passage; the last of those says how many more have none.
 */
async function missingQuotes(dataset: Dataset, missing: readonly Missing[]): Promise<KgError[]> {
  const perFile = new Map<string, Missing[]>();
  for (const m of missing) {
    const list = perFile.get(m.file);
    if (list) list.push(m);
    else perFile.set(m.file, [m]);
  }
  const documents = [...dataset.documents.keys()];
  const position = new Map(documents.map((id, i) => [id, i]));
  const texts = documents.map((id) => dataset.documents.get(id)!.text);
  const holders = firstHolders(
    texts,
    missing.map((m) => ({ quote: m.quote, except: position.get(m.document) ?? -1 })),
  );
  const holder = new Map(missing.map((m, i) => [m, documents[holders[i]!]]));
  const passages = await closestPassages(
    dataset,
    [...perFile.values()].flatMap((list) =>
      list.slice(0, HINTS_PER_FILE).filter((m) => holder.get(m) === undefined),
    ),
  );
  const errors: KgError[] = [];
  for (const list of perFile.values()) {
    for (const [i, m] of list.entries()) {
      const rest = list.length - HINTS_PER_FILE;
      const more =
        i === HINTS_PER_FILE - 1 && rest > 0
          ? `; … and ${rest.toLocaleString('en')} more missing quote${rest === 1 ? '' : 's'} in this file without a hint`
          : '';
      errors.push(
        new KgError(
          'QUOTE_NOT_FOUND',
          `${m.field} not found verbatim in ${m.document}${quoteHint(holder.get(m), passages.get(m))}${more}`,
          m.where,
        ),
      );
    }
  }
  return errors;
}

/** The closest passage to each quote, each document's q-grams indexed once for all of its quotes. */
async function closestPassages(
  dataset: Dataset,
  missing: readonly Missing[],
): Promise<Map<Missing, Passage | undefined>> {
  const byDocument = new Map<string, Missing[]>();
  for (const m of missing) {
    const list = byDocument.get(m.document);
    if (list) list.push(m);
    else byDocument.set(m.document, [m]);
  }
  const passages = new Map<Missing, Passage | undefined>();
  for (const [document, list] of byDocument) {
    const index = new PassageIndex(dataset.documents.get(document)?.text ?? '');
    for (const m of list) {
      // A near miss's hint is costly: let a signal in between them.
      await breather();
      passages.set(m, index.closest(m.quote));
    }
  }
  return passages;
}

/** The occurrence of the quote field the statement asks for, if it gives a usable one. */
function occurrenceOf(s: StatementEntry, field: QuoteField): number | undefined {
  const n = s.record[QUOTE_FIELDS[field].occurrence];
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 1 ? n : undefined;
}

const times = (n: number) => (n === 1 ? 'once' : n === 2 ? 'twice' : `${n.toLocaleString('en')} times`);

/** `a, b and c`, or `a, b, c and 4 more`. */
function listed(items: string[], more: number): string {
  if (more > 0) return `${items.join(', ')} and ${more.toLocaleString('en')} more`;
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** `line:col` of an offset into a text, both 1-based, the column in UTF-16 code units as editors count. */
function lineCol(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let nl = text.indexOf('\n'); nl >= 0 && nl < offset; nl = text.indexOf('\n', nl + 1)) {
    line++;
    lineStart = nl + 1;
  }
  return `${line}:${offset - lineStart + 1}`;
}

let lastBreath = performance.now();

/** Yields to the event loop when the thread has been busy for 50 ms, so SIGINT and SIGTERM are heard. */
async function breather(): Promise<void> {
  if (performance.now() - lastBreath < 50) return;
  await new Promise((resolve) => setImmediate(resolve));
  lastBreath = performance.now();
}

/** Where the quote is after all (`holder`, another document: a wrong `document:`), or the closest passage. */
function quoteHint(holder: string | undefined, near: Passage | undefined): string {
  if (holder !== undefined) return `; it is in ${holder} (check the file's document:)`;
  return near
    ? `; closest passage (${near.edits} edit${near.edits === 1 ? '' : 's'} away): ${JSON.stringify(near.text)}`
    : '';
}
