import { flattenQuantities } from '../model/quantities';

/**
 * A record's attributes as a property graph can hold them (a property is a value or a list of values,
 * never a map): quantities as src/model/quantities.ts flattens them, and any other map field as one
 * property a key, named field + Key (a document's `origin: {file, sha256}` as `originFile`, `originSha256`).
 */
export function flatAttributes(attributes: object): Record<string, unknown> {
  return flatMaps(flattenQuantities(attributes));
}

/** Each property flatAttributes gives, in its order, without making the object (a million records). */
export function forEachFlatAttribute(
  attributes: object,
  visit: (name: string, value: unknown) => void,
): void {
  forEachFlatMap(flattenQuantities(attributes), visit);
}

/** Each map field as one field a key, named field + Key: `origin: {file}` as `originFile`. */
export function flatMaps(attributes: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  forEachFlatMap(attributes, (name, value) => (out[name] = value));
  return out;
}

function forEachFlatMap(attributes: object, visit: (name: string, value: unknown) => void): void {
  for (const [field, value] of Object.entries(attributes)) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) visit(field, value);
    else
      for (const [key, inner] of Object.entries(value))
        visit(`${field}${key.charAt(0).toUpperCase()}${key.slice(1)}`, inner);
  }
}
