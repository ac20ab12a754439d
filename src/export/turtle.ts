import { Writer } from 'n3';
import type { FactGraph } from '../backends/memory/build-graph';
import { graphQuads, RDF_PREFIXES } from './rdf';
import type { ExportFormatSpec } from './index';

/**
 * Control characters n3 writes raw in Turtle (it escapes only U+0000–U+0019). Raw they are legal, but
 * invisible and mangled by editors; they can only occur inside literals (IRIs are percent-encoded).
 */
// eslint-disable-next-line no-control-regex -- they are what is escaped
const RAW_CONTROLS = /[\u001a-\u001f\u007f]/g;

/** The graph as Turtle (the vocabulary: see rdf.ts), with prefixes, each subject's triples grouped. */
export function toTurtle(graph: FactGraph): string {
  const writer = new Writer({ prefixes: RDF_PREFIXES });
  writer.addQuads(graphQuads(graph));
  let text = '';
  // Without an output stream, n3 hands over the text synchronously.
  writer.end((error: Error | null, result: string) => {
    if (error) throw error;
    text = result;
  });
  return text.replace(
    RAW_CONTROLS,
    (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
  );
}

export const TURTLE_FORMAT = {
  extension: 'ttl',
  opensWith: 'RDF stores and SPARQL tools (Apache Jena, GraphDB, rdflib)',
  serialize: toTurtle,
} as const satisfies ExportFormatSpec;
