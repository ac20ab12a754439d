/**
 * A text as the pieces it is written in, in order: a file of a million statements is more than one
 * string can hold (V8's limit is 2^29 characters), so it is made and written a piece at a time.
 */
export type Chunks = Iterable<string>;

/** Each item through `f`, as it is asked for. */
export function* map<T, U>(items: Iterable<T>, f: (item: T) => U): Generator<U> {
  for (const item of items) yield f(item);
}
