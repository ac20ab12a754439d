import { map, type Chunks } from './chunks';

/** An array written an element at a time, its elements made as they are written. */
class Streamed {
  constructor(readonly items: Iterable<unknown>) {}
}

/**
 * An array too big for one JSON.stringify, whose elements are `as` of each item: jsonChunks writes it an
 * element at a time, and only then makes each.
 */
export function streamed<T>(items: Iterable<T>, as: (item: T) => unknown = (item) => item): Streamed {
  return new Streamed(map(items, as));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || 'toJSON' in value) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** What JSON.stringify leaves out of an object. */
const omitted = (value: unknown) =>
  value === undefined || typeof value === 'function' || typeof value === 'symbol';

/** JSON.stringify's text of a value at `indent`: its line breaks are all between tokens (strings escape theirs). */
const whole = (value: unknown, indent: string) =>
  (JSON.stringify(value, null, 2) ?? 'null').replaceAll('\n', `\n${indent}`);

/**
 * `JSON.stringify(value, null, 2)` a piece at a time, byte for byte the same: plain objects are walked,
 * `streamed` arrays written an element at a time, each element (and anything else) stringified whole.
 */
export function* jsonChunks(value: unknown, indent = ''): Chunks {
  const inner = `${indent}  `;
  let first = true;
  if (value instanceof Streamed) {
    for (const item of value.items) {
      yield `${first ? '[' : ','}\n${inner}${whole(item, inner)}`;
      first = false;
    }
    yield first ? '[]' : `\n${indent}]`;
  } else if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (omitted(item)) continue;
      yield `${first ? '{' : ','}\n${inner}${JSON.stringify(key)}: `;
      yield* jsonChunks(item, inner);
      first = false;
    }
    yield first ? '{}' : `\n${indent}}`;
  } else yield whole(value, indent);
}
