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

/**
 * The least letters or digits a quote (or sourceQuote) holds: "og", a space or a letter says too little
 * to stand as evidence, and would fit almost anywhere.
 */
export const MIN_QUOTE_LETTERS = 4;

/** How many letters and digits (of any script) the quote holds. */
export function quoteLetters(quote: string): number {
  return quote.match(/[\p{L}\p{N}]/gu)?.length ?? 0;
}

const ENOUGH_LETTERS = new RegExp(`^(?:[^\\p{L}\\p{N}]*[\\p{L}\\p{N}]){${MIN_QUOTE_LETTERS}}`, 'u');

/**
 * Whether the quote holds MIN_QUOTE_LETTERS letters or digits: read only up to the last of them, where
 * counting all of every quote was ~0.3 s of each worker's 5 s at 100k statements.
 */
export function enoughLetters(quote: string): boolean {
  return ENOUGH_LETTERS.test(quote);
}

/** How often a quote occurs in the source (overlapping occurrences too), and where the first `keep` start. */
export interface Occurrences {
  count: number;
  starts: number[];
}

export function occurrences(source: string, quote: string, keep: number): Occurrences {
  const q = normalizeQuote(quote);
  const starts: number[] = [];
  let count = 0;
  if (q.length === 0) return { count, starts };
  for (let at = source.indexOf(q); at >= 0; at = source.indexOf(q, at + 1)) {
    if (count++ < keep) starts.push(at);
  }
  return { count, starts };
}

/** Where the quote first occurs in the (normalized) source, or undefined. */
export function findQuote(source: string, quote: string): QuoteSpan | undefined {
  const q = normalizeQuote(quote);
  const start = source.indexOf(q);
  return start < 0 ? undefined : { start, end: start + q.length };
}

/**
 * `occurrences` of each quote in one source, in a pass over it a window width for the quotes of WINDOW code units or
 * more (`scanText`), not an `indexOf` loop a quote: a document is quoted a thousand times.
 */
export function allOccurrences(
  source: string,
  quotes: readonly string[],
  keep: readonly number[],
): Occurrences[] {
  const wanted = quotes.map(normalizeQuote);
  const found = wanted.map((q, i) =>
    q.length < WINDOW ? occurrences(source, q, keep[i]!) : { count: 0, starts: [] as number[] },
  );
  scanText(source, wanted, windowTables(wanted), (i, at) => {
    const f = found[i]!;
    if (f.count++ < keep[i]!) f.starts.push(at);
    return false;
  });
  return found;
}

/**
 * For each quote, the index of the first text holding it verbatim (after NFC), skipping the text at its
 * `except`; -1 where none does: what `findQuote` over every text for every quote gives, in one pass
 * over the texts (`scanText`).
 */
export function firstHolders(
  texts: readonly (string | undefined)[],
  quotes: readonly { quote: string; except: number }[],
): number[] {
  const wanted = quotes.map((q) => normalizeQuote(q.quote));
  const holders = wanted.map((q, i) =>
    q.length < WINDOW
      ? texts.findIndex((t, d) => d !== quotes[i]!.except && t !== undefined && t.includes(q))
      : -1,
  );
  const tables = windowTables(wanted);
  for (const [d, text] of texts.entries()) {
    if (emptied(tables)) break;
    if (text === undefined) continue;
    scanText(text, wanted, tables, (i) => {
      if (quotes[i]!.except === d) return false;
      holders[i] = d;
      return true;
    });
  }
  return holders;
}

/**
 * The code units quotes are hashed by in `scanText`: their first 32 when they are that long (a run of
 * words that seldom recurs, so that few places are compared in full: 12 code units of a text of few
 * words recur all over a thousand documents), else their first 12; shorter quotes are looked for one
 * by one.
 */
const WINDOW = 12;
const WINDOWS = [32, WINDOW];
const HASH_BASE = 0x01000193;

interface WindowTable {
  width: number;
  /** The factor of the code unit that leaves the window: HASH_BASE^(width-1), mod 2^32. */
  leaving: number;
  /** The indexes of the quotes hashed by this width, by the hash of their first `width` code units. */
  quotes: Map<number, number[]>;
}

const windowHash = (text: string, from: number, width: number) => {
  let h = 0;
  for (let i = from; i < from + width; i++) h = (Math.imul(h, HASH_BASE) + text.charCodeAt(i)) | 0;
  return h;
};

/** The quotes of WINDOW code units or more, each in the table of the widest window it fills. */
function windowTables(quotes: readonly string[]): WindowTable[] {
  const tables = WINDOWS.map((width) => ({
    width,
    leaving: Array.from({ length: width - 1 }).reduce<number>((f) => Math.imul(f, HASH_BASE), 1),
    quotes: new Map<number, number[]>(),
  }));
  for (const [i, q] of quotes.entries()) {
    const table = tables.find((t) => q.length >= t.width);
    if (!table) continue;
    const h = windowHash(q, 0, table.width);
    const list = table.quotes.get(h);
    if (list) list.push(i);
    else table.quotes.set(h, [i]);
  }
  return tables;
}

const emptied = (tables: readonly WindowTable[]) => tables.every((t) => t.quotes.size === 0);

/**
 * Rabin-Karp, once a window width: a rolling hash of the code units from each position of the text is
 * looked up in the table, and each quote listed there is compared in full; `found(i, at)` is told of
 * every place quote i starts, in text order, and a quote it answers true for is taken off its table.
 * Tests compare the callers with `occurrences` and `findQuote` on random texts.
 */
function scanText(
  text: string,
  quotes: readonly string[],
  tables: readonly WindowTable[],
  found: (i: number, at: number) => boolean,
): void {
  for (const { width, leaving, quotes: table } of tables) {
    if (table.size === 0 || text.length < width) continue;
    let h = windowHash(text, 0, width);
    for (let at = 0; ; at++) {
      const list = table.get(h);
      if (list) {
        for (let k = list.length - 1; k >= 0; k--) {
          const i = list[k]!;
          if (!text.startsWith(quotes[i]!, at) || !found(i, at)) continue;
          list[k] = list[list.length - 1]!;
          list.pop();
        }
        if (list.length === 0) table.delete(h);
        if (table.size === 0) break;
      }
      if (at + width >= text.length) break;
      h =
        (Math.imul(h - Math.imul(text.charCodeAt(at), leaving), HASH_BASE) + text.charCodeAt(at + width)) | 0;
    }
  }
}

/** Above this much work (blocks of 32 quote characters × source characters), no closest passage is computed. */
const MAX_WORK = 200_000_000;

export interface Passage {
  text: string;
  edits: number;
}

/**
 * The passage of the source with the fewest edits to the quote (Sellers' approximate substring match),
 * so a near miss can be shown to the annotator; undefined if the search would be too costly.
 *
 * Myers' bit-parallel algorithm finds the fewest edits at every end in the source, 32 quote characters
 * a word; Sellers' table, which also tracks where each match starts, then runs only around the ends
 * with the fewest edits. The answer is the table's over the whole source (`passageByTable`), tie-breaks
 * included: a test compares the two on random texts.
 */
export function closestPassage(source: string, quote: string): Passage | undefined {
  const q = normalizeQuote(quote);
  const m = q.length;
  const n = source.length;
  if (m === 0 || n === 0 || Math.ceil(m / 32) * n > MAX_WORK) return undefined;
  const { edits, ends } = fewestEditEnds(source, q);
  // A match with k edits spans at most m + k characters, and so does every cell on the table's paths
  // to it: columns from 2(m + k) before an end on give the table's own values and starts there.
  const reach = 2 * (m + edits) + 2;
  const windows: [number, number][] = [];
  for (const end of ends) {
    const from = Math.max(0, end - reach);
    const last = windows[windows.length - 1];
    if (last && from <= last[1]) last[1] = end;
    else windows.push([from, end]);
  }
  let best: Match = { edits: m, start: 0, end: 0 };
  const candidate = new Set(ends);
  for (const [from, to] of windows) best = sellers(source, q, from, to, best, (j) => candidate.has(j));
  return { text: source.slice(best.start, best.end), edits: best.edits };
}

/** closestPassage by Sellers' table over the whole source: the reference, and slow (m × n cells). */
export function passageByTable(source: string, quote: string): Passage | undefined {
  const q = normalizeQuote(quote);
  if (q.length === 0 || source.length === 0) return undefined;
  const best = sellers(source, q, 0, source.length, { edits: q.length, start: 0, end: 0 }, () => true);
  return { text: source.slice(best.start, best.end), edits: best.edits };
}

interface Match {
  edits: number;
  start: number;
  end: number;
}

/**
 * Sellers' edit table for q over source columns from..to (a match may start anywhere from `from`),
 * tracking where each match began; `best` is improved at the ends `consider` accepts.
 */
function sellers(
  source: string,
  q: string,
  from: number,
  to: number,
  best: Match,
  consider: (end: number) => boolean,
): Match {
  const m = q.length;
  // dist[i] = edits to match q[0..i) ending at the current source position; start[i] = where that match began.
  let dist = new Uint32Array(m + 1);
  let start = new Uint32Array(m + 1).fill(from);
  let nextDist = new Uint32Array(m + 1);
  let nextStart = new Uint32Array(m + 1);
  for (let i = 0; i <= m; i++) dist[i] = i;
  for (let j = from + 1; j <= to; j++) {
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
    if (consider(j)) {
      const edits = nextDist[m] ?? m;
      const begin = nextStart[m] ?? 0;
      // On a tie from the same start, the passage closest in length to the quote (the whole word or mark).
      const closer = Math.abs(j - begin - m) < Math.abs(best.end - best.start - m);
      if (edits < best.edits || (edits === best.edits && begin === best.start && closer))
        best = { edits, start: begin, end: j };
    }
    [dist, nextDist] = [nextDist, dist];
    [start, nextStart] = [nextStart, start];
  }
  return best;
}

/**
 * The fewest edits of q to any passage of the source, and every end (1-based) where a passage with
 * that many ends: Myers' bit-vector algorithm in blocks of 32 rows (Hyyrö 2001), with row 0 all zeros
 * so a match may start anywhere.
 */
function fewestEditEnds(source: string, q: string): { edits: number; ends: number[] } {
  const m = q.length;
  const blocks = Math.ceil(m / 32);
  // Each character's bit mask a block: a table for the first 256 codes (Norwegian text is mostly
  // there), a map for the rest.
  const low = new Int32Array(256 * blocks);
  const high = new Map<number, Int32Array>();
  for (let i = 0; i < m; i++) {
    const c = q.charCodeAt(i);
    const bit = 1 << (i & 31);
    if (c < 256) low[c * blocks + (i >>> 5)]! |= bit;
    else {
      let eq = high.get(c);
      if (!eq) high.set(c, (eq = new Int32Array(blocks)));
      eq[i >>> 5]! |= bit;
    }
  }
  const none = new Int32Array(blocks);
  const mask = (c: number): [Int32Array, number] => (c < 256 ? [low, c * blocks] : [high.get(c) ?? none, 0]);
  const pv = new Int32Array(blocks).fill(-1);
  const mv = new Int32Array(blocks);
  const top = 1 << ((m - 1) & 31);
  let score = m;
  let edits = m;
  let ends: number[] = [];
  for (let j = 1; j <= source.length; j++) {
    const [eqs, at] = mask(source.charCodeAt(j - 1));
    let hin = 0;
    for (let b = 0; b < blocks; b++) {
      let eq = eqs[at + b]!;
      const p = pv[b]!;
      const n = mv[b]!;
      const xv = eq | n;
      if (hin < 0) eq |= 1;
      const xh = (((eq & p) + p) ^ p) | eq;
      let ph = n | ~(xh | p);
      let mh = p & xh;
      const last = b === blocks - 1 ? top : 0x80000000 | 0;
      const hout = ph & last ? 1 : mh & last ? -1 : 0;
      ph <<= 1;
      mh <<= 1;
      if (hin < 0) mh |= 1;
      else if (hin > 0) ph |= 1;
      pv[b] = mh | ~(xv | ph);
      mv[b] = ph & xv;
      hin = hout;
    }
    score += hin;
    if (score < edits) {
      edits = score;
      ends = [j];
    } else if (score === edits) ends.push(j);
  }
  return { edits, ends };
}
