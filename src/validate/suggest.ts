import { closest, distance } from 'fastest-levenshtein';

// Apart from the schema check, so that a warm run, which reports with them, loads no ajv.

/** A value for a message: JSON, cut short. */
export function show(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** ` (did you mean 'x'?)` when a candidate is close enough to be a likely typo. */
export function suggest(word: string, candidates: string[], caseInsensitive = false): string {
  const best = closeEnough(word, candidates, caseInsensitive);
  return best === undefined ? '' : ` (did you mean '${best}'?)`;
}

/** The candidate closest to `word`, when at most `maxEdits` away: a likely typo of it. */
export function closeEnough(
  word: string,
  candidates: string[],
  caseInsensitive = false,
  maxEdits = Math.max(1, Math.ceil(word.length / 3)),
): string | undefined {
  if (candidates.length === 0) return undefined;
  const norm = (s: string) => (caseInsensitive ? s.toLowerCase() : s);
  const byNorm = new Map(candidates.map((c) => [norm(c), c]));
  const best = closest(norm(word), [...byNorm.keys()]);
  return distance(norm(word), best) <= maxEdits ? byNorm.get(best) : undefined;
}
