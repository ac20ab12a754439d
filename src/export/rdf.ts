import { DataFactory, type Literal, type NamedNode, type Quad } from 'n3';
import type { FactGraph, StatementAttributes } from '../backends/memory/build-graph';
import { isStatementNode } from '../model/claims';
import { flatMaps } from '../load/flatten';
import { DATE_PROPERTIES, type RecordType } from '../model/edtf';
import { EDTF_FIELDS } from '../model/generated';
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
 *   `owl:sameAs wd:Q…`; `dcterms:description` (@en); `fg:role` (@en); `dcterms:date` (an event's, EDTF);
 *   other fields as `fg:<field>` (`fg:iso3166`, `fg:anonymous` xsd:boolean, `fg:proposedOn` EDTF, ...);
 *   an EDTF date is a literal of the Library of Congress datatype `edtf:EDTF-level1`, its first and last
 *   day `fg:<field>From` and `fg:<field>To` (xsd:date);
 * - a statement: the direct triple `subject fg:<predicate in camelCase> object` (PROPOSES → fg:proposes,
 *   CARRIES_OUT → fg:carriesOut) when the document asserts it (not for `asserted: false`), and its fields
 *   by RDF reification, which every parser reads: the statement's IRI `a rdf:Statement` with
 *   `rdf:subject`, `rdf:predicate`, `rdf:object`, `prov:wasDerivedFrom` the document, `fg:quote` and
 *   `fg:sourceQuote` (in the document's language), `fg:quoteStart` and `fg:quoteEnd` (xsd:integer, UTF-16
 *   offsets), `dcterms:date` and `fg:saidOn` (EDTF, with their bounds), `fg:polarity`, `fg:certainty`,
 *   `fg:modality` and `fg:extent` as terms (`fg:negated`, `fg:probable`, `fg:willingness`, `fg:part`),
 *   `fg:asserted` (xsd:boolean), `fg:condition` (@en), `fg:conditionOn` the statement it depends on,
 *   `fg:qualifier` (one a qualifier, @en), `fg:hedging` (the document's cue), `rdfs:comment` the note;
 * - a statement about a statement: its object (`rdf:object`, and the direct triple's) is the other
 *   statement's reification IRI;
 * - the source chain: `prov:wasAttributedTo` each speaker and `fg:reportedBy` each outlet, and, for their
 *   order, `prov:qualifiedAttribution` / `fg:qualifiedReport` resources `<statement>/attribution/1`,
 *   `<statement>/report/1`, ... with `prov:agent` and `fg:position` (1: the original speaker, the first
 *   outlet cited);
 * - a quantity: `fg:quantity <statement>/quantity/1` a `schema:QuantitativeValue` with `fg:measure`,
 *   `schema:value`, `schema:minValue`, `schema:maxValue`, `schema:unitText`;
 * - a document: `a fg:Document, prov:Entity`; `dcterms:title` (in its language), `dcterms:date`,
 *   `dcterms:language`, `dcterms:description` (@en), `dcterms:publisher`, `fg:reportedBy`, `fg:path`,
 *   `fg:originFile`, `fg:originSha256`.
 */
export const RDF_PREFIXES = {
  dcterms: 'http://purl.org/dc/terms/',
  edtf: 'http://id.loc.gov/datatypes/edtf/',
  fg: 'https://factgraph.dev/ns#',
  fgd: 'https://factgraph.dev/id/',
  owl: 'http://www.w3.org/2002/07/owl#',
  prov: 'http://www.w3.org/ns/prov#',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  schema: 'https://schema.org/',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  wd: 'http://www.wikidata.org/entity/',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const;

const { dcterms, edtf, fg, fgd, owl, prov, rdf, rdfs, schema, skos, wd, xsd } = RDF_PREFIXES;
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
type As = 'id' | 'en' | 'document-language' | 'wikidata' | 'term' | 'typed' | 'skip';
type Fields = Record<string, [property: string, as: As]>;

/** A statement's fields that are terms of the vocabulary, and those its reification says otherwise. */
const CLAIM_FIELDS: Fields = {
  polarity: [`${fg}polarity`, 'term'],
  certainty: [`${fg}certainty`, 'term'],
  modality: [`${fg}modality`, 'term'],
  extent: [`${fg}extent`, 'term'],
  conditionOn: [`${fg}conditionOn`, 'id'],
  condition: [`${fg}condition`, 'en'],
  sourceQuote: [`${fg}sourceQuote`, 'document-language'],
  // Said by the reification itself (rdf:subject, rdf:object, the quantity resources), or a label.
  subject: ['', 'skip'],
  object: ['', 'skip'],
  quantities: ['', 'skip'],
  name: [`${rdfs}label`, 'en'],
};

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
  onBehalfOf: [`${fg}onBehalfOf`, 'id'],
  attributedTo: [`${prov}wasAttributedTo`, 'id'],
  reportedBy: [`${fg}reportedBy`, 'id'],
  qualifiers: [`${fg}qualifier`, 'en'],
  hedging: [`${fg}hedging`, 'typed'],
  note: [`${rdfs}comment`, 'typed'],
  ...CLAIM_FIELDS,
};

const DOCUMENT_FIELDS: Fields = {
  title: [`${dcterms}title`, 'document-language'],
  date: [`${dcterms}date`, 'typed'],
  language: [`${dcterms}language`, 'typed'],
  description: [`${dcterms}description`, 'en'],
  publisher: [`${dcterms}publisher`, 'id'],
  reportedBy: [`${fg}reportedBy`, 'id'],
};

/**
 * A literal typed by its JSON value: xsd:boolean, xsd:integer, xsd:double, xsd:date (the record's date
 * properties), edtf:EDTF-level1 (its EDTF fields), or text.
 */
function typedLiteral(field: string, value: unknown, record: RecordType): Literal {
  if (typeof value === 'boolean') return literal(String(value), namedNode(`${xsd}boolean`));
  if (typeof value === 'number')
    return literal(String(value), namedNode(`${xsd}${Number.isInteger(value) ? 'integer' : 'double'}`));
  if (typeof value !== 'string') return literal(JSON.stringify(value));
  if (DATE_PROPERTIES[record].has(field)) return literal(value, namedNode(`${xsd}date`));
  if (record !== 'document' && (EDTF_FIELDS[record] as readonly string[]).includes(field))
    return literal(value, namedNode(`${edtf}EDTF-level1`));
  return literal(value);
}

/** The triples of one record's fields; `language` is the one its document-language text is in, if known. */
function fieldQuads(
  subject: NamedNode,
  attributes: object,
  fields: Fields,
  language: string | undefined,
  record: RecordType,
): Quad[] {
  const quads: Quad[] = [];
  for (const [field, value] of Object.entries(flatMaps(attributes))) {
    if (value === undefined) continue;
    const [property, as] = (Object.hasOwn(fields, field) && fields[field]) || [
      fg + encodeURIComponent(field),
      'typed',
    ];
    if (as === 'skip') continue;
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
                : as === 'term'
                  ? namedNode(fg + encodeURIComponent(text))
                  : typedLiteral(field, v, record);
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
function directQuad(subject: string, predicate: string, object: string): Quad {
  return quad(namedNode(idIri(subject)), namedNode(fg + camelCase(predicate)), namedNode(idIri(object)));
}

/**
 * The graph as RDF triples for Turtle and JSON-LD, a subject's at a time, made as they are asked for:
 * documents, then entities, then statements (with their quantity and source-chain resources), each by
 * id, each subject's triples sorted and without duplicates. An entity's triples include the direct triple
 * of each statement it asserts as subject; two statements of the same claim share their direct triple
 * and keep their own reification.
 */
export function* subjectQuads(graph: FactGraph): Generator<Quad[]> {
  const documents = graph.getAttribute('documents');
  for (const id of Object.keys(documents).sort()) {
    const subject = namedNode(idIri(id));
    const doc = documents[id]!;
    yield sortedSet([
      type(subject, `${fg}Document`),
      type(subject, `${prov}Entity`),
      ...fieldQuads(subject, doc, DOCUMENT_FIELDS, doc.language, 'document'),
    ]);
  }

  const languages = mentionLanguages(graph);
  /** Every statement, asserted (an edge) or not (a statement node only), with its ends. */
  const statements = new Map<string, { attributes: StatementAttributes; subject: string; object: string }>();
  graph.forEachEdge((id, attributes, subject, object) => statements.set(id, { attributes, subject, object }));
  for (const id of graph.nodes().sort()) {
    const attributes = graph.getNodeAttributes(id);
    if (isStatementNode(attributes)) {
      // The node holds the edge's fields and its name, the rdfs:label of every statement node.
      const { kind: _, ...rest } = attributes;
      statements.set(id, { attributes: rest, subject: rest.subject, object: rest.object });
      continue;
    }
    const { kind, ...fields } = attributes;
    const subject = namedNode(idIri(id));
    const mentioned = [...(languages.get(id) ?? [])];
    yield sortedSet([
      type(subject, fg + encodeURIComponent(kind)),
      ...fieldQuads(
        subject,
        fields,
        NODE_FIELDS,
        mentioned.length === 1 ? mentioned[0] : undefined,
        'entity',
      ),
      ...graph.mapOutEdges(id, (statement, a, from, to) => directQuad(from, a.predicate, to)),
    ]);
  }

  for (const id of [...statements.keys()].sort()) {
    const { attributes, subject: from, object: to } = statements.get(id)!;
    const { predicate, ...fields } = attributes;
    const subject = namedNode(idIri(id));
    const { subject: s, predicate: p, object: o } = directQuad(from, predicate, to);
    const language = documents[attributes.document]?.language;
    const parts: Quad[][] = [];
    const part = (name: string, i: number) => namedNode(`${idIri(id)}/${name}/${i + 1}`);
    for (const [field, link, cls] of [
      ['attributedTo', `${prov}qualifiedAttribution`, `${prov}Attribution`],
      ['reportedBy', `${fg}qualifiedReport`, `${fg}Report`],
    ] as const) {
      for (const [i, agent] of (attributes[field] ?? []).entries()) {
        const step = part(field === 'attributedTo' ? 'attribution' : 'report', i);
        parts.push([
          quad(subject, namedNode(link), step),
          type(step, cls),
          quad(step, namedNode(`${prov}agent`), namedNode(idIri(agent))),
          quad(step, namedNode(`${fg}position`), literal(String(i + 1), namedNode(`${xsd}integer`))),
        ]);
      }
    }
    for (const [i, q] of (attributes.quantities ?? []).entries()) {
      const value = part('quantity', i);
      const number = (n: number) =>
        literal(String(n), namedNode(`${xsd}${Number.isInteger(n) ? 'integer' : 'double'}`));
      parts.push([
        quad(subject, namedNode(`${fg}quantity`), value),
        type(value, `${schema}QuantitativeValue`),
        quad(value, namedNode(`${fg}measure`), literal(q.measure)),
        ...(q.value === undefined ? [] : [quad(value, namedNode(`${schema}value`), number(q.value))]),
        ...(q.min === undefined ? [] : [quad(value, namedNode(`${schema}minValue`), number(q.min))]),
        ...(q.max === undefined ? [] : [quad(value, namedNode(`${schema}maxValue`), number(q.max))]),
        ...(q.unit === undefined ? [] : [quad(value, namedNode(`${schema}unitText`), literal(q.unit))]),
      ]);
    }
    const own = parts.flat().filter((q) => q.subject.equals(subject));
    yield sortedSet([
      type(subject, `${rdf}Statement`),
      quad(subject, namedNode(`${rdf}subject`), s),
      quad(subject, namedNode(`${rdf}predicate`), p),
      quad(subject, namedNode(`${rdf}object`), o),
      ...fieldQuads(subject, fields, EDGE_FIELDS, language, 'statement'),
      ...own,
    ]);
    // Each part resource as a subject of its own, after its statement.
    const bySubject = new Map<string, Quad[]>();
    for (const q of parts.flat()) {
      if (q.subject.equals(subject)) continue;
      const list = bySubject.get(q.subject.value) ?? [];
      list.push(q);
      bySubject.set(q.subject.value, list);
    }
    for (const key of [...bySubject.keys()].sort()) yield sortedSet(bySubject.get(key)!);
  }
}
