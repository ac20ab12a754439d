import { DataFactory, type Literal, type NamedNode, type Quad } from 'n3';
import type { FactGraph } from '../backends/memory/build-graph';
import { DATE_PROPERTIES } from '../model/edtf';
import { mentionedEntities } from '../model/sources';

const { namedNode, literal, quad } = DataFactory;

/**
 * The namespaces of the RDF exports (Turtle, JSON-LD), written as these prefixes.
 *
 * The vocabulary:
 * - every entity, statement and document is an IRI `fgd:` + its percent-encoded id (`:` kept):
 *   `https://factgraph.dev/id/person:giorgia-meloni`;
 * - an entity: `a fg:<Kind>`; `rdfs:label` its name (@en); `skos:altLabel` each alias, tagged with the
 *   language of the documents that mention it (the forms they use), untagged when they differ;
 *   `owl:sameAs wd:Q…`; `dcterms:description` (@en); `fg:role` (@en); `dcterms:date`; other fields as
 *   `fg:<field>` (`fg:iso3166`, `fg:anonymous` xsd:boolean, `fg:signedOn` xsd:date, ...);
 * - a statement: the direct triple `subject fg:<predicate in camelCase> object` (PROPOSES → fg:proposes,
 *   CARRIES_OUT → fg:carriesOut), and its provenance by RDF reification, which every parser reads: the
 *   statement's IRI `a rdf:Statement` with `rdf:subject`, `rdf:predicate`, `rdf:object`,
 *   `prov:wasDerivedFrom` the document, `fg:quote` (in the document's language), `fg:quoteStart` and
 *   `fg:quoteEnd` (xsd:integer, UTF-16 offsets), `dcterms:date` (xsd:date), `prov:wasAttributedTo`,
 *   `fg:reportedBy`, `fg:qualifier` (one a qualifier, @en), `fg:hedging` (@en), `rdfs:comment` the note;
 * - a document: `a fg:Document, prov:Entity`; `dcterms:title` (in its language), `dcterms:date`,
 *   `dcterms:language`, `dcterms:description` (@en), `dcterms:publisher`, `fg:path`.
 */
export const RDF_PREFIXES = {
  dcterms: 'http://purl.org/dc/terms/',
  fg: 'https://factgraph.dev/ns#',
  fgd: 'https://factgraph.dev/id/',
  owl: 'http://www.w3.org/2002/07/owl#',
  prov: 'http://www.w3.org/ns/prov#',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  wd: 'http://www.wikidata.org/entity/',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const;

const { dcterms, fg, fgd, owl, prov, rdf, rdfs, skos, wd, xsd } = RDF_PREFIXES;
const RDF_TYPE = `${rdf}type`;

/** The IRI of an entity, statement or document id: percent-encoded as by encodeURIComponent, `:` kept. */
export function idIri(id: string): string {
  return fgd + encodeURIComponent(id).replaceAll('%3A', ':');
}

/** PROPOSES → proposes, CARRIES_OUT → carriesOut. */
function camelCase(predicate: string): string {
  return predicate.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/**
 * How a field becomes triples: the property, and what its values are — an entity (an IRI), text in
 * English, text in the document's language, a Wikidata item, or a literal typed by its value.
 */
type As = 'id' | 'en' | 'document-language' | 'wikidata' | 'typed';
type Fields = Record<string, [property: string, as: As]>;

const NODE_FIELDS: Fields = {
  name: [`${rdfs}label`, 'en'],
  aliases: [`${skos}altLabel`, 'document-language'],
  wikidata: [`${owl}sameAs`, 'wikidata'],
  description: [`${dcterms}description`, 'en'],
  role: [`${fg}role`, 'en'],
  date: [`${dcterms}date`, 'typed'],
};

const EDGE_FIELDS: Fields = {
  document: [`${prov}wasDerivedFrom`, 'id'],
  quote: [`${fg}quote`, 'document-language'],
  date: [`${dcterms}date`, 'typed'],
  attributedTo: [`${prov}wasAttributedTo`, 'id'],
  reportedBy: [`${fg}reportedBy`, 'id'],
  qualifiers: [`${fg}qualifier`, 'en'],
  hedging: [`${fg}hedging`, 'en'],
  note: [`${rdfs}comment`, 'typed'],
};

const DOCUMENT_FIELDS: Fields = {
  title: [`${dcterms}title`, 'document-language'],
  date: [`${dcterms}date`, 'typed'],
  language: [`${dcterms}language`, 'typed'],
  description: [`${dcterms}description`, 'en'],
  publisher: [`${dcterms}publisher`, 'id'],
};

// Until the exports know the record a field is of: the union. TODO(step 3)
const dateFields = new Set(Object.values(DATE_PROPERTIES).flatMap((s) => [...s]));

/** A literal typed by its JSON value: xsd:boolean, xsd:integer, xsd:double, xsd:date (date fields), or text. */
function typedLiteral(field: string, value: unknown): Literal {
  if (typeof value === 'boolean') return literal(String(value), namedNode(`${xsd}boolean`));
  if (typeof value === 'number')
    return literal(String(value), namedNode(`${xsd}${Number.isInteger(value) ? 'integer' : 'double'}`));
  if (typeof value === 'string')
    return dateFields.has(field) ? literal(value, namedNode(`${xsd}date`)) : literal(value);
  return literal(JSON.stringify(value));
}

/** The triples of one record's fields; `language` is the one its document-language text is in, if known. */
function fieldQuads(
  subject: NamedNode,
  attributes: object,
  fields: Fields,
  language: string | undefined,
): Quad[] {
  const quads: Quad[] = [];
  for (const [field, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    const [property, as] = (Object.hasOwn(fields, field) && fields[field]) || [
      fg + encodeURIComponent(field),
      'typed',
    ];
    for (const v of Array.isArray(value) ? (value as unknown[]) : [value]) {
      const text = String(v);
      const object =
        as === 'id'
          ? namedNode(idIri(text))
          : as === 'wikidata'
            ? namedNode(wd + encodeURIComponent(text))
            : as === 'en'
              ? literal(text, 'en')
              : as === 'document-language'
                ? literal(text, language)
                : typedLiteral(field, v);
      quads.push(quad(subject, namedNode(property), object));
    }
  }
  return quads;
}

/** The languages of the documents whose statements mention each entity (as loadIntoNeo4j's MENTIONED_IN). */
function mentionLanguages(graph: FactGraph): Map<string, Set<string>> {
  const documents = graph.getAttribute('documents');
  const languages = new Map<string, Set<string>>();
  graph.forEachEdge((_, a, subject, object) => {
    const language = documents[a.document]?.language;
    if (language === undefined) return;
    for (const entity of mentionedEntities(subject, object, a)) {
      if (entity === undefined) continue;
      const set = languages.get(entity) ?? new Set();
      set.add(language);
      languages.set(entity, set);
    }
  });
  return languages;
}

const objectKey = (q: Quad) =>
  q.object.termType === 'Literal'
    ? `L${q.object.value}\u0000${q.object.language}\u0000${q.object.datatype.value}`
    : `I${q.object.value}`;

/** Properties printed first, in this order; the rest by IRI. */
const FIRST = [RDF_TYPE, `${rdfs}label`, `${rdf}subject`, `${rdf}predicate`, `${rdf}object`];

/** The order Turtle and JSON-LD print a subject's triples in: FIRST, then by property, then by object. */
function compareQuads(a: Quad, b: Quad): number {
  const rank = (q: Quad) => {
    const i = FIRST.indexOf(q.predicate.value);
    return i === -1 ? FIRST.length : i;
  };
  const ka = [rank(a), a.predicate.value, objectKey(a)] as const;
  const kb = [rank(b), b.predicate.value, objectKey(b)] as const;
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! < kb[i]! ? -1 : 1;
  return 0;
}

/** A subject's triples sorted, without duplicates (a set, as RDF is). */
const sortedSet = (quads: Quad[]) =>
  quads.sort(compareQuads).filter((q, i) => i === 0 || compareQuads(quads[i - 1]!, q) !== 0);

const type = (subject: NamedNode, iri: string) => quad(subject, namedNode(RDF_TYPE), namedNode(iri));

/** A statement's direct triple: `subject fg:<predicate in camelCase> object`. */
function directQuad(graph: FactGraph, statement: string): Quad {
  return quad(
    namedNode(idIri(graph.source(statement))),
    namedNode(fg + camelCase(graph.getEdgeAttribute(statement, 'predicate'))),
    namedNode(idIri(graph.target(statement))),
  );
}

/**
 * The graph as RDF triples for Turtle and JSON-LD, a subject's at a time, made as they are asked for:
 * documents, then entities, then statements, each by id, each subject's triples sorted and without
 * duplicates. An entity's triples include the direct triple of each statement it is the subject of; two
 * statements of the same claim share their direct triple and keep their own reification.
 */
export function* subjectQuads(graph: FactGraph): Generator<Quad[]> {
  const documents = graph.getAttribute('documents');
  for (const id of Object.keys(documents).sort()) {
    const subject = namedNode(idIri(id));
    const doc = documents[id]!;
    yield sortedSet([
      type(subject, `${fg}Document`),
      type(subject, `${prov}Entity`),
      ...fieldQuads(subject, doc, DOCUMENT_FIELDS, doc.language),
    ]);
  }

  const languages = mentionLanguages(graph);
  for (const id of graph.nodes().sort()) {
    const { kind, ...attributes } = graph.getNodeAttributes(id);
    const subject = namedNode(idIri(id));
    const mentioned = [...(languages.get(id) ?? [])];
    yield sortedSet([
      type(subject, fg + encodeURIComponent(kind)),
      ...fieldQuads(subject, attributes, NODE_FIELDS, mentioned.length === 1 ? mentioned[0] : undefined),
      ...graph.mapOutEdges(id, (statement) => directQuad(graph, statement)),
    ]);
  }

  for (const id of graph.edges().sort()) {
    const { predicate: _, ...attributes } = graph.getEdgeAttributes(id);
    const subject = namedNode(idIri(id));
    const { subject: s, predicate: p, object: o } = directQuad(graph, id);
    yield sortedSet([
      type(subject, `${rdf}Statement`),
      quad(subject, namedNode(`${rdf}subject`), s),
      quad(subject, namedNode(`${rdf}predicate`), p),
      quad(subject, namedNode(`${rdf}object`), o),
      ...fieldQuads(subject, attributes, EDGE_FIELDS, documents[attributes.document]?.language),
    ]);
  }
}
