import type { FactGraph } from '../backends/memory/build-graph';
import { sourceTexts } from '../backends/memory/build-graph';
import { KgError } from '../errors';
import { graphStatements, type GraphStatement } from '../model/claims';
import { ids } from '../model/sources';
import type { Chunks } from './chunks';
import type { ExportFormatSpec } from './format-spec';
import { jsonChunks, streamed } from './json';
import { RDF_PREFIXES, camelCase, idIri } from './rdf';
import { codePointOffset, codePointsAfter, codePointsBefore } from '../model/code-points';

/** The Web Annotation Data Model's context, by the IRI the model requires. */
export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

const { fg, prov, rdf } = RDF_PREFIXES;

/**
 * The terms of the statement bodies, in the RDF exports' vocabulary (rdf.ts): a body is the statement's
 * reification there, `rdf:subject`, `rdf:predicate`, `rdf:object`, `prov:wasAttributedTo`, ...
 */
const FACTGRAPH_CONTEXT = {
  fg,
  prov,
  subject: { '@id': `${rdf}subject`, '@type': '@id' },
  predicate: { '@id': `${rdf}predicate`, '@type': '@id' },
  object: { '@id': `${rdf}object`, '@type': '@id' },
  document: { '@id': `${prov}wasDerivedFrom`, '@type': '@id' },
  attributedTo: { '@id': `${prov}wasAttributedTo`, '@type': '@id' },
  onBehalfOf: { '@id': `${fg}onBehalfOf`, '@type': '@id' },
  reportedBy: { '@id': `${fg}reportedBy`, '@type': '@id' },
  polarity: { '@id': `${fg}polarity`, '@type': '@id' },
  certainty: { '@id': `${fg}certainty`, '@type': '@id' },
};

/** Code points of context on either side of a quote, as annotation clients take them. */
const CONTEXT = 32;

/**
 * Every statement as a W3C Web Annotation (JSON-LD, an AnnotationCollection whose first page holds them
 * all, by statement id): the target is the document (its `url`, else `urn:factgraph:<document id>`)
 * with a TextQuoteSelector (the quote, with up to 32 code points before and after) and a
 * TextPositionSelector; the body is the statement in words (a TextualBody) and as data (its
 * reification, as in the Turtle export). Positions count Unicode code points of the document's text as
 * the quotes are matched in it (NFC, LF line ends), as the model requires (§4.2.4 "Text Quote
 * Selector": code points, not code units); factgraph's own `quoteStart`/`quoteEnd` count UTF-16 units.
 */
export function* toWebAnnotations(graph: FactGraph): Chunks {
  const texts = sourceTexts(graph);
  if (!texts)
    throw new KgError(
      'USAGE',
      "the web-annotation export needs the documents' texts: export a graph made by loadGraph or buildGraph",
    );
  const statements = graphStatements(graph);
  // Texts without a character beyond the BMP (most) have code point offsets equal to UTF-16 ones.
  const astral = new Map<string, boolean>();
  const hasAstral = (document: string) => {
    if (!astral.has(document)) astral.set(document, /[\uD800-\uDFFF]/.test(texts.get(document) ?? ''));
    return astral.get(document)!;
  };
  const annotation = ([id, statement]: [string, GraphStatement]) =>
    webAnnotation(graph, texts, hasAstral(statement.attributes.document), id, statement);
  yield* jsonChunks({
    '@context': [ANNO_CONTEXT, FACTGRAPH_CONTEXT],
    type: 'AnnotationCollection',
    label: 'factgraph statements, each tied to its quote',
    total: statements.size,
    first: { type: 'AnnotationPage', startIndex: 0, items: streamed(statements, annotation) },
  });
  yield '\n';
}

function webAnnotation(
  graph: FactGraph,
  texts: ReadonlyMap<string, string>,
  astral: boolean,
  id: string,
  { attributes: a, subject, object }: GraphStatement,
): Record<string, unknown> {
  const document = graph.getAttribute('documents')[a.document];
  const text = texts.get(a.document) ?? '';
  const name = (end: string) => {
    const attributes = graph.hasNode(end) ? graph.getNodeAttributes(end) : undefined;
    const label = attributes?.name ?? end;
    return attributes?.kind === 'Statement' ? `[${label}]` : label;
  };
  const node = (end: string) => ({ id: idIri(end), label: name(end) });
  const attributedTo = ids(a.attributedTo);
  const reportedBy = ids(a.reportedBy);
  const sentence = [
    `${name(subject)} ${a.polarity === 'negated' ? 'not ' : ''}${a.predicate} ${name(object)}`,
    ...(a.onBehalfOf ? [`on behalf of ${name(a.onBehalfOf)}`] : []),
    ...(attributedTo.length ? [`attributed to ${attributedTo.map(name).join(', ')}`] : []),
    ...(reportedBy.length ? [`reported by ${reportedBy.map(name).join(', ')}`] : []),
  ].join('; ');
  const start = astral ? codePointOffset(text, a.quoteStart) : a.quoteStart;
  const end = astral ? codePointOffset(text, a.quoteEnd) : a.quoteEnd;
  const prefix = codePointsBefore(text, a.quoteStart, CONTEXT);
  const suffix = codePointsAfter(text, a.quoteEnd, CONTEXT);
  return {
    id: `${idIri(id)}/annotation`,
    type: 'Annotation',
    motivation: 'describing',
    ...(a.coder && { creator: { type: 'Person', name: a.coder } }),
    body: [
      { type: 'TextualBody', purpose: 'describing', value: sentence, format: 'text/plain', language: 'en' },
      {
        id: idIri(id),
        type: 'rdf:Statement',
        subject: node(subject),
        predicate: `${fg}${camelCase(a.predicate)}`,
        object: node(object),
        ...(a.onBehalfOf && { onBehalfOf: node(a.onBehalfOf) }),
        ...(attributedTo.length && { attributedTo: attributedTo.map(node) }),
        ...(reportedBy.length && { reportedBy: reportedBy.map(node) }),
        polarity: `fg:${a.polarity}`,
        certainty: `fg:${a.certainty}`,
        document: idIri(a.document),
      },
    ],
    target: {
      source: document?.url ?? `urn:factgraph:${a.document}`,
      selector: [
        {
          type: 'TextQuoteSelector',
          exact: text.slice(a.quoteStart, a.quoteEnd),
          ...(prefix && { prefix }),
          ...(suffix && { suffix }),
        },
        { type: 'TextPositionSelector', start, end },
      ],
    },
  };
}

export const WEB_ANNOTATION_FORMAT = {
  extension: 'anno.jsonld',
  opensWith: 'W3C Web Annotation clients (Hypothesis-style overlays, Recogito), JSON-LD processors',
  serialize: toWebAnnotations,
} as const satisfies ExportFormatSpec;
