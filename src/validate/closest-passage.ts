/**
 * The closest passage to a quote not found verbatim: the passage of its document with the fewest edits
 * to it (Sellers' approximate substring match), shown to the annotator as a near miss.
 *
 * A document's q-grams are indexed once (`PassageIndex`) for all of its quotes. A passage k edits from
 * a quote of m characters keeps at least m - Q + 1 - kQ of the quote's q-grams in place, all on
 * diagonals (text position minus quote position) within k of each other. So only the text around
 * diagonal bands holding that many q-gram hits can hold it, and Myers' bit-parallel algorithm runs on
 * those stretches only, once a first stretch has bounded k. The answer is the whole edit table's, tie-
 * breaks included: tests compare the two on random texts.
 */
import { normalizeQuote } from './quotes';

export interface Passage {
  text: string;
  edits: number;
}

/** The q-gram length: 3 characters keep a document's index small and its lists short enough. */
const Q = 3;

/** Above this much work (blocks of 32 quote characters × source characters), a quote is not scanned whole. */
const MAX_WORK = 200_000_000;

const HASH_BASE = 0x01000193;
/** Fibonacci hashing of a q-gram's rolling hash to a table slot (the top bits of the product). */
const GOLDEN = 0x9e3779b1 | 0;

/** The rolling hash's factor of the character that leaves a q-gram: HASH_BASE^(Q-1). */
const LEAVING = Math.imul(HASH_BASE, HASH_BASE);

const gramHash = (text: string, from: number) =>
  (Math.imul(Math.imul(text.charCodeAt(from), HASH_BASE) + text.charCodeAt(from + 1), HASH_BASE) +
    text.charCodeAt(from + 2)) |
  0;

const nextGramHash = (h: number, text: string, from: number) =>
  (Math.imul(h - Math.imul(text.charCodeAt(from), LEAVING), HASH_BASE) + text.charCodeAt(from + Q)) | 0;

/** Where each q-gram of a text starts: one list a distinct q-gram, in text order. */
export class PassageIndex {
  /**
   * The distinct q-grams, by hash (open addressing): each slot holds 1 + where its q-gram first starts
   * in the text (0: empty), and its number in `ids`. Sized to the distinct q-grams, not to the text, so
   * that it stays in the cache: a text of 40,000 characters has about 1,500 distinct 3-grams.
   */
  private slots = new Int32Array(1 << 8);
  private ids = new Int32Array(1 << 8);
  private bits = 8;
  /** q-gram g's starts are positions[first[g] .. first[g + 1]). */
  private readonly first: Int32Array;
  private readonly positions: Int32Array;

  constructor(readonly source: string) {
    const grams = Math.max(0, source.length - Q + 1);
    // Each position's q-gram, and each q-gram's count: scratch, reused from index to index.
    const gramOf = scratch(0, grams);
    const counts = scratch(1, grams + 1);
    let distinct = 0;
    for (let p = 0, h = grams > 0 ? gramHash(source, 0) : 0; p < grams; p++) {
      const s = this.slot(source, p, h);
      let g = this.ids[s]!;
      if (this.slots[s] === 0) {
        this.slots[s] = p + 1;
        this.ids[s] = g = distinct++;
        if (2 * distinct > this.slots.length) this.grow();
      }
      gramOf[p] = g;
      counts[g + 1]!++;
      if (p + 1 < grams) h = nextGramHash(h, source, p);
    }
    // counts becomes where each q-gram's list begins, and then (filled) where it ends.
    for (let g = 1; g <= distinct; g++) counts[g]! += counts[g - 1]!;
    this.first = counts.slice(0, distinct + 1);
    this.positions = new Int32Array(grams);
    for (let p = 0; p < grams; p++) this.positions[counts[gramOf[p]!]!++] = p;
  }

  /** The slot of the q-gram of `text` at `from` (rolling hash `h`): its own, or the empty one it would take. */
  private slot(text: string, from: number, h: number): number {
    const { slots, bits, source } = this;
    for (let s = Math.imul(h, GOLDEN) >>> (32 - bits); ; s = (s + 1) & (slots.length - 1)) {
      const at = slots[s]! - 1;
      if (at < 0 || sameGram(source, at, text, from)) return s;
    }
  }

  private grow(): void {
    const { slots, ids } = this;
    this.bits++;
    this.slots = new Int32Array(1 << this.bits);
    this.ids = new Int32Array(1 << this.bits);
    for (let s = 0; s < slots.length; s++) {
      const entry = slots[s]!;
      if (entry === 0) continue;
      const to = this.slot(this.source, entry - 1, gramHash(this.source, entry - 1));
      this.slots[to] = entry;
      this.ids[to] = ids[s]!;
    }
  }

  /** The number of the q-gram of `text` at `from` (rolling hash `h`), or -1 if the source has none such. */
  private gram(text: string, from: number, h: number): number {
    const s = this.slot(text, from, h);
    return this.slots[s] === 0 ? -1 : this.ids[s]!;
  }

  /** The closest passage to the quote, or undefined if the quote or the source is empty or the search too costly. */
  closest(quote: string): Passage | undefined {
    const source = this.source;
    const q = normalizeQuote(quote);
    const m = q.length;
    const n = source.length;
    if (m === 0 || n === 0 || Math.ceil(m / 32) * n > MAX_WORK) return undefined;
    const { edits, ends } = this.fewestEditEnds(q);
    // The table's path to a match with k edits ending at e runs through cells (i, j) with j - i >= e - m - k
    // and values at most k, and it is chosen among neighbours whose own matches, if no costlier, start
    // at j - i - k or later: from e - m - 2k - 2 on, the table has its own values and starts there.
    const reach = m + 2 * edits + 2;
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

  /**
   * The fewest edits of q to any passage of the source and every end (1-based) of a passage with that
   * many: what Myers' scan of the whole source gives, from the stretches the q-gram hits point at.
   */
  private fewestEditEnds(q: string): EditEnds {
    const source = this.source;
    const m = q.length;
    const n = source.length;
    const pattern = new Pattern(q);
    const whole = () => pattern.scan(source, 0, n, 1, { edits: m, ends: [] });
    if (m < Q) return whole();
    // The quote's q-grams, by position, the rarest in the text first.
    const grams: number[] = [];
    for (let i = 0, h = gramHash(q, 0); ; i++) {
      grams.push(this.gram(q, i, h));
      if (i + Q >= m) break;
      h = nextGramHash(h, q, i);
    }
    const order = grams.map((_, i) => i).sort((a, b) => this.count(grams[a]!) - this.count(grams[b]!));
    // A first bound on the edits: the stretch around the two adjacent bands of about m/4 diagonals
    // with the most hits of the rarer half of the q-grams.
    const seedShift = Math.max(0, Math.floor(Math.log2(m / 4)));
    const seedBands = this.bands(grams, order.slice(0, Math.ceil(order.length / 2)), m, seedShift);
    let most = -1;
    let seed = 0;
    for (let b = 0; b + 1 < seedBands.length; b++) {
      const c = seedBands[b]! + seedBands[b + 1]!;
      if (c > most) [most, seed] = [c, b];
    }
    const bound = pattern.scan(
      source,
      Math.max(0, (seed << seedShift) - 2 * m),
      Math.min(n, ((seed + 2) << seedShift) + m),
      1,
      { edits: m, ends: [] },
    ).edits;
    // A passage with at most `bound` edits keeps this many q-grams of the quote in place, and at least
    // half as many once the most frequent q-grams of the text (as many as half that) are not counted.
    const kept = m - Q + 1 - bound * Q;
    if (kept <= 0) return whole();
    const counted = order.slice(0, order.length - Math.floor(kept / 2));
    const needed = kept - (order.length - counted.length);
    // Past about a hit a character, scanning the whole source costs less.
    if (counted.reduce((sum, i) => sum + this.count(grams[i]!), 0) > n) return whole();
    // Its kept q-grams lie on `bound + 1` adjacent diagonals, within two adjacent bands at least that
    // wide, and it ends within `bound` of each of those diagonals. A stretch is scanned from m + bound
    // before its first end, so that a passage of at most `bound` edits ending there is scanned whole.
    const shift = Math.ceil(Math.log2(bound + 1));
    const bands = this.bands(grams, counted, m, shift);
    const found: EditEnds = { edits: bound + 1, ends: [] };
    let from = -1;
    let to = -1;
    for (let b = 0; b + 1 < bands.length; b++) {
      if (bands[b]! + bands[b + 1]! < needed) continue;
      const first = Math.max(1, (b << shift) - bound);
      const last = Math.min(n, ((b + 2) << shift) - 1 + bound);
      if (first > last) continue;
      if (from >= 0 && first - m - bound <= to) {
        to = Math.max(to, last);
        continue;
      }
      if (from >= 0) pattern.scan(source, Math.max(0, from - m - bound), to, from, found);
      [from, to] = [first, last];
    }
    if (from >= 0) pattern.scan(source, Math.max(0, from - m - bound), to, from, found);
    return found;
  }

  /** How often q-gram g occurs in the text (-1: never). */
  private count(g: number): number {
    return g < 0 ? 0 : this.first[g + 1]! - this.first[g]!;
  }

  /**
   * How many hits of the quote's q-grams at the positions `at` fall in each band of 2^shift diagonals,
   * a hit (quote position i, text position p) on diagonal p - i + m (never negative).
   */
  private bands(grams: readonly number[], at: readonly number[], m: number, shift: number): Int32Array {
    const { first, positions } = this;
    const bands = scratch(0, ((this.source.length + m) >> shift) + 2);
    for (const i of at) {
      const g = grams[i]!;
      if (g < 0) continue;
      for (let x = first[g]!, end = first[g + 1]!; x < end; x++) bands[(positions[x]! - i + m) >> shift]!++;
    }
    return bands;
  }
}

/** Zeroed scratch arrays of at least `length`, kept between calls (allocating each was a fifth of the time). */
const scratches = [new Int32Array(1024), new Int32Array(1024)];
function scratch(which: 0 | 1, length: number): Int32Array {
  if (scratches[which]!.length < length) scratches[which] = new Int32Array(2 * length);
  return scratches[which]!.fill(0, 0, length).subarray(0, length);
}

const sameGram = (a: string, at: number, b: string, bt: number) =>
  a.charCodeAt(at) === b.charCodeAt(bt) &&
  a.charCodeAt(at + 1) === b.charCodeAt(bt + 1) &&
  a.charCodeAt(at + 2) === b.charCodeAt(bt + 2);

interface EditEnds {
  edits: number;
  ends: number[];
}

/** A quote's bit masks for Myers' algorithm, in blocks of 32 rows (Hyyrö 2001). */
class Pattern {
  private readonly m: number;
  private readonly blocks: number;
  /** Each character's mask a block: a table for the first 256 codes (Norwegian is mostly there), a map for the rest. */
  private readonly low: Int32Array;
  private readonly high = new Map<number, Int32Array>();
  private readonly none: Int32Array;

  constructor(q: string) {
    this.m = q.length;
    this.blocks = Math.ceil(this.m / 32);
    this.low = new Int32Array(256 * this.blocks);
    this.none = new Int32Array(this.blocks);
    for (let i = 0; i < this.m; i++) {
      const c = q.charCodeAt(i);
      const bit = 1 << (i & 31);
      if (c < 256) this.low[c * this.blocks + (i >>> 5)]! |= bit;
      else {
        let eq = this.high.get(c);
        if (!eq) this.high.set(c, (eq = new Int32Array(this.blocks)));
        eq[i >>> 5]! |= bit;
      }
    }
  }

  /**
   * The fewest edits of the quote to a passage of source[from..to) at each end from `from` + 1 on (row 0
   * all zeros: a passage may start anywhere from `from`); `found` keeps the fewest at ends from `record`
   * on and every such end, in order.
   */
  scan(source: string, from: number, to: number, record: number, found: EditEnds): EditEnds {
    if (this.blocks === 1) return this.scanOneBlock(source, from, to, record, found);
    const { m, blocks, low, high, none } = this;
    const pv = new Int32Array(blocks).fill(-1);
    const mv = new Int32Array(blocks);
    // The bit of each block's last row: its carry out (the quote's last row, in the last block).
    const lastRow = new Int32Array(blocks).fill(31);
    lastRow[blocks - 1] = (m - 1) & 31;
    let score = m;
    for (let j = from + 1; j <= to; j++) {
      const c = source.charCodeAt(j - 1);
      const eqs = c < 256 ? low : (high.get(c) ?? none);
      const at = c < 256 ? c * blocks : 0;
      // The carry between blocks, -1, 0 or 1, without branches: its sign bit, and whether it is 1.
      let hin = 0;
      for (let b = 0; b < blocks; b++) {
        const neg = hin >>> 31;
        const pos = (hin & 1) ^ neg;
        const p = pv[b]!;
        const n = mv[b]!;
        const eq = eqs[at + b]!;
        const xv = eq | n;
        const xh = ((((eq | neg) & p) + p) ^ p) | eq | neg;
        const ph = n | ~(xh | p);
        const mh = p & xh;
        const row = lastRow[b]!;
        hin = ((ph >>> row) & 1) - ((mh >>> row) & 1);
        const phIn = (ph << 1) | pos;
        pv[b] = (mh << 1) | neg | ~(xv | phIn);
        mv[b] = phIn & xv;
      }
      score += hin;
      if (j >= record) keep(found, score, j);
    }
    return found;
  }

  /** `scan` for a quote of at most 32 characters: one word a column, no carries between blocks. */
  private scanOneBlock(source: string, from: number, to: number, record: number, found: EditEnds): EditEnds {
    const { m, low, high } = this;
    const top = 1 << (m - 1);
    let pv = -1;
    let mv = 0;
    let score = m;
    for (let j = from + 1; j <= to; j++) {
      const c = source.charCodeAt(j - 1);
      const eq = c < 256 ? low[c]! : (high.get(c)?.[0] ?? 0);
      const xv = eq | mv;
      const xh = (((eq & pv) + pv) ^ pv) | eq;
      const ph = mv | ~(xh | pv);
      const mh = pv & xh;
      if (ph & top) score++;
      else if (mh & top) score--;
      pv = (mh << 1) | ~(xv | (ph << 1));
      mv = (ph << 1) & xv;
      if (j >= record) keep(found, score, j);
    }
    return found;
  }
}

/** Keeps the end j if its score is the fewest edits so far, or ties it. */
function keep(found: EditEnds, score: number, j: number): void {
  if (score < found.edits) {
    found.edits = score;
    found.ends = [j];
  } else if (score === found.edits) found.ends.push(j);
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
export function sellers(
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
      const sub = dist[i - 1]! + (q.charCodeAt(i - 1) === c ? 0 : 1);
      const del = dist[i]! + 1;
      const ins = nextDist[i - 1]! + 1;
      if (sub <= del && sub <= ins) {
        nextDist[i] = sub;
        nextStart[i] = start[i - 1]!;
      } else if (del <= ins) {
        nextDist[i] = del;
        nextStart[i] = start[i]!;
      } else {
        nextDist[i] = ins;
        nextStart[i] = nextStart[i - 1]!;
      }
    }
    if (consider(j)) {
      const edits = nextDist[m]!;
      const begin = nextStart[m]!;
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
