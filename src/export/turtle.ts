import { Writer } from 'n3';
import type { FactGraph } from '../backends/memory/build-graph';
import { subjectQuads, RDF_PREFIXES } from './rdf';
import type { Chunks } from './chunks';
import type { ExportFormatSpec } from './format-spec';

/**
 * Control characters n3 writes raw in Turtle (it escapes only U+0000–U+0019). Raw they are legal, but
 * invisible and mangled by editors; they can only occur inside literals (IRIs are percent-encoded).
 */
// eslint-disable-next-line no-control-regex -- they are what is escaped
const RAW_CONTROLS = /[\u001a-\u001f\u007f]/g;

const escapeControls = (text: string) =>
  text.replace(RAW_CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);

/**
 * The graph as Turtle (the vocabulary: see rdf.ts), with prefixes, each subject's triples grouped. n3's
 * writer is handed a subject at a time and writes into a buffer emptied after each: the same bytes as
 * all triples at once, as the writer keeps its place (the open subject) between calls.
 */
export function* toTurtle(graph: FactGraph): Chunks {
  let written: string[] = [];
  const buffer = { write: (chunk: string) => void written.push(chunk) };
  const take = () => {
    const text = escapeControls(written.join(''));
    written = [];
    return text;
  };
  const writer = new Writer(buffer, { prefixes: RDF_PREFIXES, end: false });
  for (const quads of subjectQuads(graph)) {
    writer.addQuads(quads);
    yield take();
  }
  writer.end();
  yield take();
}

export const TURTLE_FORMAT = {
  extension: 'ttl',
  opensWith: 'RDF stores and SPARQL tools (Apache Jena, GraphDB, rdflib)',
  serialize: toTurtle,
} as const satisfies ExportFormatSpec;
