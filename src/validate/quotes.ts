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
    if (emptied(tables.windows)) break;
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
  /**
   * A bit a hash (`hashBit`), set for those in `quotes`: most places of a text are passed over without
   * a look-up in the map (which was most of the time of looking for 80,000 missing quotes in 1,000 texts).
   */
  bits: Uint32Array;
  shift: number;
}

/** Which bit of a WindowTable's `bits` stands for a hash: the top bits of the hash times a golden ratio. */
const hashBit = (h: number, shift: number) => Math.imul(h, 0x9e3779b1 | 0) >>> shift;

const windowHash = (text: string, from: number, width: number) => {
  let h = 0;
  for (let i = from; i < from + width; i++) h = (Math.imul(h, HASH_BASE) + text.charCodeAt(i)) | 0;
  return h;
};

/**
 * The quotes' window tables, and each quote's hash whole: a place where a window matches is compared in
 * full only if the text's hash there matches too (a place of 12 code units of generated text recurs, and
 * with it a dozen quotes that start so; compared in full, they were most of the time of looking for
 * 80,000 missing quotes in 1,000 texts).
 */
interface QuoteTables {
  windows: WindowTable[];
  whole: Int32Array;
  /** HASH_BASE to the power of each quote length, mod 2^32. */
  powers: Int32Array;
}

/** The quotes of WINDOW code units or more, each in the table of the widest window it fills. */
function windowTables(quotes: readonly string[]): QuoteTables {
  // About 16 bits a quote, so that few places pass for one by chance.
  const log = Math.min(24, Math.max(10, Math.ceil(Math.log2(16 * quotes.length + 1))));
  const tables = WINDOWS.map((width) => ({
    width,
    leaving: Array.from({ length: width - 1 }).reduce<number>((f) => Math.imul(f, HASH_BASE), 1),
    quotes: new Map<number, number[]>(),
    bits: new Uint32Array(1 << (log - 5)),
    shift: 32 - log,
  }));
  for (const [i, q] of quotes.entries()) {
    const table = tables.find((t) => q.length >= t.width);
    if (!table) continue;
    const h = windowHash(q, 0, table.width);
    const bit = hashBit(h, table.shift);
    table.bits[bit >>> 5]! |= 1 << (bit & 31);
    const list = table.quotes.get(h);
    if (list) list.push(i);
    else table.quotes.set(h, [i]);
  }
  const powers = new Int32Array(quotes.reduce((most, q) => Math.max(most, q.length), 0) + 1);
  powers[0] = 1;
  for (let l = 1; l < powers.length; l++) powers[l] = Math.imul(powers[l - 1]!, HASH_BASE);
  const whole = Int32Array.from(quotes, (q) => windowHash(q, 0, q.length));
  return { windows: tables, whole, powers };
}

/** The hash of each prefix of the text, so that of any stretch is two look-ups: scratch, reused. */
let prefixes = new Int32Array(1024);
function prefixHashes(text: string): Int32Array {
  if (prefixes.length <= text.length) prefixes = new Int32Array(2 * text.length + 1);
  for (let i = 0; i < text.length; i++)
    prefixes[i + 1] = (Math.imul(prefixes[i]!, HASH_BASE) + text.charCodeAt(i)) | 0;
  return prefixes;
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
  { windows, whole, powers }: QuoteTables,
  found: (i: number, at: number) => boolean,
): void {
  // Made at the first place a window matches.
  let prefix: Int32Array | undefined;
  for (const { width, leaving, quotes: table, bits, shift } of windows) {
    if (table.size === 0 || text.length < width) continue;
    let h = windowHash(text, 0, width);
    for (let at = 0; ; at++) {
      const bit = hashBit(h, shift);
      const list = bits[bit >>> 5]! & (1 << (bit & 31)) ? table.get(h) : undefined;
      if (list) {
        for (let k = list.length - 1; k >= 0; k--) {
          const i = list[k]!;
          const end = at + quotes[i]!.length;
          prefix ??= prefixHashes(text);
          if (
            end > text.length ||
            ((prefix[end]! - Math.imul(prefix[at]!, powers[end - at]!)) | 0) !== whole[i]
          )
            continue;
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
