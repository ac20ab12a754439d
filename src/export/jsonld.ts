import type { Quad } from 'n3';
import type { FactGraph } from '../backends/memory/build-graph';
import { jsonChunks, streamed } from './json';
import { subjectQuads, RDF_PREFIXES } from './rdf';
import type { Chunks } from './chunks';
import type { ExportFormatSpec } from './format-spec';

type JsonLdValue =
  | string
  | number
  | boolean
  | { '@id': string }
  | { '@value': string; '@language': string }
  | { '@value': string; '@type': string };

const { rdf, xsd } = RDF_PREFIXES;

/** `prefix:rest` when a prefix covers the IRI, as JSON-LD expands it back; else the whole IRI. */
function compact(iri: string): string {
  for (const [prefix, namespace] of Object.entries(RDF_PREFIXES)) {
    const rest = iri.slice(namespace.length);
    // A compact IRI whose rest starts with `//` would be read as an absolute IRI.
    if (iri.startsWith(namespace) && rest !== '' && !rest.startsWith('//')) return `${prefix}:${rest}`;
  }
  return iri;
}

/** An RDF object as JSON-LD: text, integers and booleans natively (they expand to the same literals). */
function value(object: Quad['object']): JsonLdValue {
  if (object.termType !== 'Literal') return { '@id': compact(object.value) };
  if (object.language) return { '@value': object.value, '@language': object.language };
  switch (object.datatype.value) {
    case `${xsd}string`:
      return object.value;
    case `${xsd}integer`:
      return Number(object.value);
    case `${xsd}boolean`:
      return object.value === 'true';
    default:
      return { '@value': object.value, '@type': compact(object.datatype.value) };
  }
}

/** A subject's triples (all with that subject) as a JSON-LD node object. */
function nodeObject(quads: Quad[]): Record<string, unknown> {
  const types: string[] = [];
  const properties = new Map<string, JsonLdValue[]>();
  for (const q of quads) {
    if (q.predicate.value === `${rdf}type`) types.push(compact(q.object.value));
    else {
      const key = compact(q.predicate.value);
      const values = properties.get(key);
      if (values) values.push(value(q.object));
      else properties.set(key, [value(q.object)]);
    }
  }
  return {
    '@id': compact(quads[0]!.subject.value),
    ...(types.length > 0 && { '@type': types }),
    ...Object.fromEntries(properties),
  };
}

/**
 * The graph as compacted JSON-LD: the same triples as the Turtle export (rdf.ts), a node object a
 * subject in the same order, its properties as compact IRIs under an @context of the prefixes.
 */
export function* toJsonLd(graph: FactGraph): Chunks {
  yield* jsonChunks({ '@context': RDF_PREFIXES, '@graph': streamed(subjectQuads(graph), nodeObject) });
  yield '\n';
}

export const JSONLD_FORMAT = {
  extension: 'jsonld',
  opensWith: 'JSON-LD processors, RDF stores',
  serialize: toJsonLd,
} as const satisfies ExportFormatSpec;
