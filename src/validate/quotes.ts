/**
 * The quote rule: a quote must occur in its document exactly, after both are put in Unicode NFC and the
 * document's CRLF line ends are made LF. Nothing else is forgiven (typographic vs straight quotes, dashes,
 * whitespace): a quote is evidence, and evidence is verbatim. Offsets are UTF-16 code units into the
 * normalized text, what `String.prototype.slice` takes.
 */

export function normalizeSource(text: string): string {
  return text.replace(/\r\n?/g, '\n').normalize('NFC');
}

export function normalizeQuote(quote: string): string {
  return quote.normalize('NFC');
}

export interface QuoteSpan {
  start: number;
  end: number;
}

/** Where the quote first occurs in the (normalized) source, or undefined. */
export function findQuote(source: string, quote: string): QuoteSpan | undefined {
  const q = normalizeQuote(quote);
  const start = source.indexOf(q);
  return start < 0 ? undefined : { start, end: start + q.length };
}

/** Above this many cells of the edit-distance table, no closest passage is computed. */
const MAX_CELLS = 20_000_000;

/**
 * The passage of the source with the fewest edits to the quote (Sellers' approximate substring match),
 * so a near miss can be shown to the annotator; undefined if the search would be too costly.
 */
export function closestPassage(source: string, quote: string): { text: string; edits: number } | undefined {
  const q = normalizeQuote(quote);
  const m = q.length;
  const n = source.length;
  if (m === 0 || n === 0 || m * n > MAX_CELLS) return undefined;
  // dist[i] = edits to match q[0..i) ending at the current source position; start[i] = where that match began.
  let dist = new Uint32Array(m + 1);
  let start = new Uint32Array(m + 1);
  let nextDist = new Uint32Array(m + 1);
  let nextStart = new Uint32Array(m + 1);
  for (let i = 0; i <= m; i++) dist[i] = i;
  let best = { edits: m, start: 0, end: 0 };
  for (let j = 1; j <= n; j++) {
    nextDist[0] = 0;
    nextStart[0] = j;
    const c = source.charCodeAt(j - 1);
    for (let i = 1; i <= m; i++) {
      const sub = (dist[i - 1] ?? 0) + (q.charCodeAt(i - 1) === c ? 0 : 1);
      const del = (dist[i] ?? 0) + 1;
      const ins = (nextDist[i - 1] ?? 0) + 1;
      if (sub <= del && sub <= ins) {
        nextDist[i] = sub;
        nextStart[i] = start[i - 1] ?? 0;
      } else if (del <= ins) {
        nextDist[i] = del;
        nextStart[i] = start[i] ?? 0;
      } else {
        nextDist[i] = ins;
        nextStart[i] = nextStart[i - 1] ?? 0;
      }
    }
    const edits = nextDist[m] ?? m;
    const from = nextStart[m] ?? 0;
    // On a tie from the same start, the passage closest in length to the quote (the whole word or mark).
    const closer = Math.abs(j - from - m) < Math.abs(best.end - best.start - m);
    if (edits < best.edits || (edits === best.edits && from === best.start && closer))
      best = { edits, start: from, end: j };
    [dist, nextDist] = [nextDist, dist];
    [start, nextStart] = [nextStart, start];
  }
  return { text: source.slice(best.start, best.end), edits: best.edits };
}
