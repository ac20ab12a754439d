/**
 * Unicode code points in JavaScript's UTF-16 strings: offsets elsewhere in factgraph count UTF-16 units
 * (as String.prototype.slice does, and DNA's Java); the W3C Web Annotation model counts code points.
 */

/** True when UTF-16 offset `i` falls between the two halves of a surrogate pair (one character). */
export function splitsPair(text: string, i: number): boolean {
  if (i <= 0 || i >= text.length) return false;
  const high = text.charCodeAt(i - 1);
  const low = text.charCodeAt(i);
  return high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff;
}

/** The code point offset of UTF-16 offset `units` (not inside a pair) in `text`. */
export function codePointOffset(text: string, units: number): number {
  let n = units;
  for (let i = 1; i < units; i++) if (splitsPair(text, i)) n--;
  return n;
}

/** Up to `n` code points of `text` before UTF-16 offset `i`. */
export function codePointsBefore(text: string, i: number, n: number): string {
  let j = i;
  for (let k = 0; k < n && j > 0; k++) j -= splitsPair(text, j - 1) ? 2 : 1;
  return text.slice(j, i);
}

/** Up to `n` code points of `text` from UTF-16 offset `i` on. */
export function codePointsAfter(text: string, i: number, n: number): string {
  let j = i;
  for (let k = 0; k < n && j < text.length; k++) j += splitsPair(text, j + 1) ? 2 : 1;
  return text.slice(i, j);
}
