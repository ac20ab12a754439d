import type { Dataset } from '../model/dataset';

export interface SentenceCoverage {
  /** UTF-16 offsets into the document's normalized text, end exclusive. */
  start: number;
  end: number;
  text: string;
  /** A line of its own without closing punctuation: a heading, which states no fact. */
  heading: boolean;
  /** The statements whose quote or sourceQuote overlaps the sentence, in id order. */
  statements: string[];
}

export interface DocumentCoverage {
  document: string;
  sentences: SentenceCoverage[];
  /** Sentences that are not headings, and of those, how many some statement quotes. */
  factual: number;
  covered: number;
}

const CLOSING = /[.!?:;»"”’…)]$/u;

/**
 * Which sentences of each document the statements quote, in their quote or in the sourceQuote that
 * names their source ("sa Lavrov", "ifølge Reuters": the sentence says who claims it). Sentences are Unicode sentence segments
 * (Intl.Segmenter, the document's language), also cut at line breaks.
 */
export function coverage(dataset: Dataset): DocumentCoverage[] {
  const out: DocumentCoverage[] = [];
  for (const [id, doc] of [...dataset.documents].sort(([a], [b]) => a.localeCompare(b))) {
    if (doc.text === undefined) continue;
    const text = doc.text;
    const spans = [...dataset.statements.values()]
      .filter((s) => s.document === id)
      .flatMap((s) => [s.span, s.sourceSpan].flatMap((span) => (span ? [{ id: s.record.id, span }] : [])));
    const segmenter = new Intl.Segmenter(doc.record.language, { granularity: 'sentence' });
    const sentences: SentenceCoverage[] = [];
    for (const seg of segmenter.segment(text)) {
      let offset = seg.index;
      for (const line of seg.segment.split('\n')) {
        const lead = line.length - line.trimStart().length;
        const body = line.trim();
        const start = offset + lead;
        const end = start + body.length;
        offset += line.length + 1;
        if (!body) continue;
        sentences.push({
          start,
          end,
          text: body,
          heading: ownLine(text, start, end) && !CLOSING.test(body),
          statements: [
            ...new Set(spans.filter(({ span }) => span.start < end && span.end > start).map((s) => s.id)),
          ].sort(),
        });
      }
    }
    const factual = sentences.filter((s) => !s.heading);
    out.push({
      document: id,
      sentences,
      factual: factual.length,
      covered: factual.filter((s) => s.statements.length > 0).length,
    });
  }
  return out;
}

/** True when nothing but whitespace shares the line with text[start, end). */
function ownLine(text: string, start: number, end: number): boolean {
  const lineEnd = text.indexOf('\n', end);
  return (
    !/\S/.test(text.slice(text.lastIndexOf('\n', start - 1) + 1, start)) &&
    !/\S/.test(text.slice(end, lineEnd < 0 ? undefined : lineEnd))
  );
}
