/**
 * Where each quote stands after its document's text was edited, told honestly: found (its words are
 * where they were), moved (gone from there, and the same words are elsewhere exactly once), ambiguous
 * (in several places, none of them its own) or orphaned (nowhere). A quote is never re-anchored to a
 * look-alike. Where it was comes from an earlier version of the text (`--against`, a git revision),
 * mapped through a word diff to the text of now; without one, a quote found once is found.
 */
import { execFile } from 'node:child_process';
import { basename, dirname } from 'node:path';
import { promisify } from 'node:util';
import { diffWordsWithSpace } from 'diff';
import type { Dataset } from '../model/dataset';
import { findQuote, normalizeQuote, normalizeSource, type QuoteSpan } from './quotes';

export type QuoteState = 'found' | 'moved' | 'ambiguous' | 'orphaned';

export interface QuoteStatus {
  statement: string;
  field: 'quote' | 'sourceQuote';
  document: string;
  status: QuoteState;
  file: string;
  line: number;
  col: number;
  /** Where the words are now: one place (found, moved) or each of them (ambiguous). */
  spans: QuoteSpan[];
  /** Where they were in the earlier text, mapped to the text of now (null: that text was deleted). */
  was?: number | null;
}

/** Every start of the quote in the text. */
export function occurrences(text: string, quote: string): QuoteSpan[] {
  const q = normalizeQuote(quote);
  const spans: QuoteSpan[] = [];
  if (q === '') return spans;
  for (let at = text.indexOf(q); at >= 0; at = text.indexOf(q, at + 1))
    spans.push({ start: at, end: at + q.length });
  return spans;
}

/** The place in `now` of each character of `before` that the edit kept (undefined for deleted text). */
export function offsetMapper(before: string, now: string): (offset: number) => number | undefined {
  const parts = diffWordsWithSpace(before, now);
  return (offset) => {
    let old = 0;
    let fresh = 0;
    for (const part of parts) {
      const length = part.value.length;
      if (part.added) fresh += length;
      else if (part.removed) {
        if (offset < old + length) return undefined;
        old += length;
      } else {
        if (offset < old + length) return fresh + (offset - old);
        old += length;
        fresh += length;
      }
    }
    return undefined;
  };
}

/**
 * The status of one quote in the text of now, given where it was mapped to: a place, null when the
 * edit deleted its place, undefined when no earlier text tells.
 */
export function quoteState(
  text: string,
  quote: string,
  was: number | null | undefined,
): { status: QuoteState; spans: QuoteSpan[] } {
  const spans = occurrences(text, quote);
  const here = typeof was === 'number' ? spans.find((s) => s.start === was) : undefined;
  if (here) return { status: 'found', spans: [here] };
  if (spans.length === 0) return { status: 'orphaned', spans };
  if (spans.length > 1) return { status: 'ambiguous', spans };
  return { status: was === undefined ? 'found' : 'moved', spans };
}

/** A document's text at a git revision, normalized; undefined when git has no such file there. */
export async function textAtRevision(sourcePath: string, revision: string): Promise<string | undefined> {
  try {
    const { stdout } = await promisify(execFile)('git', ['show', `${revision}:./${basename(sourcePath)}`], {
      cwd: dirname(sourcePath),
      maxBuffer: 64 * 1024 * 1024,
    });
    return normalizeSource(stdout);
  } catch {
    return undefined;
  }
}

/** The status of every quote and sourceQuote of the data set, in the dataset's order. */
export async function quoteStatuses(dataset: Dataset, against?: string): Promise<QuoteStatus[]> {
  const mappers = new Map<
    string,
    { before: string; map: (offset: number) => number | undefined } | undefined
  >();
  const out: QuoteStatus[] = [];
  for (const s of dataset.statements.values()) {
    const doc = dataset.documents.get(s.document);
    if (doc?.text === undefined) continue;
    if (against !== undefined && !mappers.has(s.document)) {
      const before = await textAtRevision(doc.sourcePath, against);
      mappers.set(
        s.document,
        before === undefined ? undefined : { before, map: offsetMapper(before, doc.text) },
      );
    }
    const earlier = mappers.get(s.document);
    for (const field of ['quote', 'sourceQuote'] as const) {
      const quote = s.record[field];
      if (typeof quote !== 'string') continue;
      const then = earlier && findQuote(earlier.before, quote);
      const was = then ? (earlier.map(then.start) ?? null) : undefined;
      const where = s.fields[field] ?? s.where;
      out.push({
        statement: s.record.id,
        field,
        document: s.document,
        ...quoteState(doc.text, quote, was),
        file: where.file,
        line: where.line,
        col: where.col,
        ...(was === undefined ? {} : { was }),
      });
    }
  }
  return out;
}
