import { relative, sep } from 'node:path';
import { MultiDirectedGraph } from 'graphology';
import { isStatementId, type Dataset, type StatementEntry } from '../../model/dataset';
import { boundNames, edtfText, parseEdtf } from '../../model/edtf';
import {
  EDTF_FIELDS,
  type DocumentRecord,
  type Entity,
  type Predicate,
  type StatementRecord,
} from '../../model/generated';
import { ids } from '../../model/sources';
import { STATEMENT_NODE } from '../../model/claims';

/** Omit on each member of a union, so every kind keeps its own fields. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * An entity node's attributes: the entity's own fields, without its id (the node key); its EDTF dates as
 * text, with their first and last day (`YYYY-MM-DD`, absent for an open end) beside them.
 */
export type EntityAttributes = DistributiveOmit<Entity, 'id'> & {
  date?: string;
  dateFrom?: string;
  dateTo?: string;
  proposedOn?: string;
  proposedOnFrom?: string;
  proposedOnTo?: string;
  signedOn?: string;
  signedOnFrom?: string;
  signedOnTo?: string;
};

/**
 * A statement's fields under their YAML names and its provenance, as an edge (subject to object) and a
 * `Statement` node both hold them. Defaults are written out: `polarity`, `certainty`, `asserted`, `date`
 * and `saidOn` (the document's date), `reportedBy` (the document's).
 */
export interface StatementAttributes extends Omit<
  StatementRecord,
  | 'id'
  | 'subject'
  | 'object'
  | 'date'
  | 'saidOn'
  | 'attributedTo'
  | 'reportedBy'
  | 'quoteOccurrence'
  | 'sourceQuoteOccurrence'
> {
  predicate: Predicate;
  /** Where the quote is in the document's normalized text (UTF-16 code units, end exclusive). */
  quoteStart: number;
  quoteEnd: number;
  document: string;
  /** EDTF text (an unquoted year as text too). */
  date: string;
  saidOn?: string;
  /** Who said it, the original speaker first; absent when the document says it itself. */
  attributedTo?: string[];
  /** The outlets cited, in order; absent when none. */
  reportedBy?: string[];
  dateFrom?: string;
  dateTo?: string;
  saidOnFrom?: string;
  saidOnTo?: string;
}

/** An edge: an asserted statement, from its subject to its object (an entity, or a `Statement` node). */
export type EdgeAttributes = StatementAttributes;

/**
 * A statement as a node, for a statement that another is about (its object or conditionOn) or that
 * nobody asserts (`asserted: false`): a relationship cannot point at a relationship, so the claim about
 * it points at this node. `subject` and `object` name its ends.
 */
export interface StatementNodeAttributes extends StatementAttributes {
  kind: typeof STATEMENT_NODE;
  /** A label, from the names of its ends: "Vladimir Putin SUPPORTS Peace deal". */
  name: string;
  subject: string;
  object: string;
}

export type NodeAttributes = EntityAttributes | StatementNodeAttributes;

/** A document's record without its id (the key), its path relative to the data folder. */
export type DocumentAttributes = Omit<DocumentRecord, 'id'>;

export interface GraphAttributes {
  /** The documents the statements quote, by id. */
  documents: Record<string, DocumentAttributes>;
}

export type FactGraph = MultiDirectedGraph<NodeAttributes, EdgeAttributes, GraphAttributes>;

/**
 * The documents' texts (normalized, as quotes are found in them) of each graph buildGraph made, by
 * document id: kept beside the graph, not in its attributes, so that no export carries whole articles
 * unless it means to (web-annotation cuts its selectors' context from them).
 */
const SOURCE_TEXTS = new WeakMap<FactGraph, ReadonlyMap<string, string>>();

/** The documents' texts of a graph buildGraph made; undefined for a graph made otherwise. */
export function sourceTexts(graph: FactGraph): ReadonlyMap<string, string> | undefined {
  return SOURCE_TEXTS.get(graph);
}

/**
 * The nodes and edges of a graph, as buildGraph adds them and graphRecords reads them: those of a
 * FactGraph (factGraphParts), or the same ones made straight from a dataset (datasetParts), so that a
 * backend that stores records (Neo4j, the memory Cypher engine) never builds the graphology graph.
 */
export interface GraphParts {
  documents: Record<string, DocumentAttributes>;
  forEachNode(callback: (id: string, attributes: NodeAttributes) => void): void;
  forEachEdge(
    callback: (id: string, attributes: EdgeAttributes, subject: string, object: string) => void,
  ): void;
  hasNode(id: string): boolean;
  /** Whether the node is a `Statement` node (false for an entity, or no node). */
  isStatementNode(id: string): boolean;
}

/** A FactGraph's parts, in its own order. */
export function factGraphParts(graph: FactGraph): GraphParts {
  return {
    documents: graph.getAttribute('documents'),
    forEachNode: (callback) => graph.forEachNode(callback),
    forEachEdge: (callback) => graph.forEachEdge((id, attributes, s, o) => callback(id, attributes, s, o)),
    hasNode: (id) => graph.hasNode(id),
    isStatementNode: (id) => graph.hasNode(id) && graph.getNodeAttribute(id, 'kind') === STATEMENT_NODE,
  };
}

/**
 * The graph of a valid dataset, as parts: a node per entity (key = entity id), an edge per asserted
 * statement (key = statement id), and a `Statement` node (key = statement id) for each statement another
 * is about or that nobody asserts. Entities, then statement nodes, then edges, each in id order, so the
 * same data always gives the same graph, whatever the file layout. Each walk makes the attributes anew.
 */
export function datasetParts(dataset: Dataset): GraphParts {
  const documents: Record<string, DocumentAttributes> = {};
  for (const id of sortedKeys(dataset.documents)) {
    const entry = dataset.documents.get(id)!;
    const { id: _id, ...doc } = entry.record;
    // The source's path relative to the data folder: the YAML file's own folder means nothing here.
    documents[id] = { ...doc, path: relative(dataset.root, entry.sourcePath).split(sep).join('/') };
  }
  // The statements that are nodes: those another is about, and those nobody asserts (mostly none).
  const statementNodes = new Set<string>();
  for (const { record } of dataset.statements.values()) {
    if (record.asserted === false) statementNodes.add(record.id);
    if (isStatementId(dataset, record.object)) statementNodes.add(record.object);
    if (isStatementId(dataset, record.conditionOn)) statementNodes.add(record.conditionOn);
  }
  const ordered = inKeyOrder(dataset.statements);
  const isStatementNode = (id: string) => statementNodes.has(id);
  return {
    documents,
    forEachNode(callback) {
      for (const id of sortedKeys(dataset.entities)) {
        const { id: _id, ...attributes } = dataset.entities.get(id)!.record;
        callback(id, withEdtf(attributes, EDTF_FIELDS.entity) as EntityAttributes);
      }
      for (const s of ordered) {
        if (!isStatementNode(s.record.id)) continue;
        const { subject, object } = s.record;
        callback(s.record.id, {
          kind: STATEMENT_NODE,
          name: claimName(dataset, s.record.id),
          subject,
          object,
          ...statementAttributes(s, documents),
        });
      }
    },
    forEachEdge(callback) {
      for (const s of ordered)
        if (s.record.asserted !== false)
          callback(s.record.id, statementAttributes(s, documents), s.record.subject, s.record.object);
    },
    hasNode: (id) => dataset.entities.has(id) || isStatementNode(id),
    isStatementNode,
  };
}

/** The parts of a FactGraph, or of a dataset without building its graph. */
export function graphParts(source: FactGraph | Dataset): GraphParts {
  return 'forEachNode' in source ? factGraphParts(source) : datasetParts(source);
}

/** Builds the in-memory graph of a valid dataset (datasetParts says what it holds). */
export function buildGraph(dataset: Dataset): FactGraph {
  const parts = datasetParts(dataset);
  const graph: FactGraph = new MultiDirectedGraph({ allowSelfLoops: false });
  graph.replaceAttributes({ documents: parts.documents });
  const texts = new Map<string, string>();
  for (const [id, entry] of dataset.documents) if (entry.text !== undefined) texts.set(id, entry.text);
  SOURCE_TEXTS.set(graph, texts);
  // The nodes first: an edge may end at one.
  parts.forEachNode((id, attributes) => {
    graph.addNode(id, attributes);
    hashedAdjacency(graph, id);
  });
  parts.forEachEdge((id, attributes, subject, object) =>
    graph.addDirectedEdgeWithKey(id, subject, object, attributes),
  );
  return graph;
}

/**
 * graphology (0.26) keeps a node's neighbours in plain objects keyed by node id (the `in` and `out` of its
 * node data). V8 gives such an object a new hidden class for each key it gains, most of the cost of adding
 * an edge; an object that starts without a prototype is a hash table from the start, and stays one when
 * given Object.prototype back (so graphology's `hasOwnProperty` calls work). Same keys, same order, the
 * graph built ~25% faster. A speed-up only: node data not as expected is left as it is.
 */
function hashedAdjacency(graph: FactGraph, id: string): void {
  const data = (graph as unknown as { _nodes?: Map<string, Record<string, unknown>> })._nodes?.get(id);
  if (!data) return;
  for (const side of ['in', 'out']) {
    const adjacency = data[side];
    if (isPlainObject(adjacency) && Object.keys(adjacency).length === 0)
      data[side] = Object.setPrototypeOf(Object.create(null), Object.prototype) as object;
  }
}

function isPlainObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/** A claim in words from its ends' names: "Sergey Lavrov REJECTS [Russia SUPPORTS Guarantees]". */
function claimName(dataset: Dataset, id: string): string {
  const s = dataset.statements.get(id)!.record;
  const name = (end: string) =>
    isStatementId(dataset, end)
      ? `[${claimName(dataset, end)}]`
      : (dataset.entities.get(end)?.record.name ?? end);
  return `${name(s.subject)} ${s.predicate} ${name(s.object)}`;
}

/** A record's fields an edge does not copy: its ends and id are the edge's, the rest said otherwise. */
const NOT_ATTRIBUTES: ReadonlySet<string> = new Set([
  'id',
  'subject',
  'object',
  'predicate',
  'quote',
  'quoteOccurrence',
  'sourceQuoteOccurrence',
  'attributedTo',
  'reportedBy',
]);

function statementAttributes(
  s: StatementEntry,
  documents: Record<string, DocumentAttributes>,
): StatementAttributes {
  // The occurrence fields only pick an occurrence: quoteStart and quoteEnd say where the quote is.
  const { record } = s;
  const { predicate, quote, attributedTo, reportedBy } = record;
  const documentDate = documents[s.document]?.date ?? '';
  const attributes: Record<string, unknown> = {
    predicate,
    quote,
    quoteStart: s.span?.start ?? -1,
    quoteEnd: s.span?.end ?? -1,
    document: s.document,
    polarity: 'affirmed',
    certainty: 'certain',
    asserted: true,
    date: documentDate,
    saidOn: documentDate,
  };
  // The rest of the record's fields, as a spread of it would add them (a default written over in its
  // place): a loop, not destructuring with a rest, which V8 leaves to a runtime call (~1.7x the time). A
  // valid record has only the schema's fields: no `__proto__` that an assignment would take as the prototype.
  for (const key in record)
    if (!NOT_ATTRIBUTES.has(key)) attributes[key] = record[key as keyof StatementRecord];
  const speakers = ids(attributedTo);
  if (speakers.length > 0) attributes.attributedTo = speakers;
  const outlets = ids(reportedBy ?? documents[s.document]?.reportedBy);
  if (outlets.length > 0) attributes.reportedBy = outlets;
  return withEdtf(attributes, EDTF_FIELDS.statement) as unknown as StatementAttributes;
}

/**
 * The record, a copy of its own made for the graph, with its EDTF fields as text and their bounds
 * beside them (`dateFrom`, `dateTo`, ...): changed in place, not copied again (a million statements).
 */
function withEdtf(out: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  for (const field of fields) {
    const value = out[field];
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    const parsed = parseEdtf(value);
    out[field] = edtfText(value);
    if (!parsed.ok) continue;
    const names = boundNames(field);
    if (parsed.from !== null) out[names.from] = parsed.from;
    if (parsed.to !== null) out[names.to] = parsed.to;
  }
  return out;
}

/** The map's keys in code-unit order; files mostly define ids in order already, and a check is cheaper than a sort. */
function sortedKeys(map: ReadonlyMap<string, unknown>): string[] {
  const keys = [...map.keys()];
  return isSorted(keys) ? keys : keys.sort();
}

/** The map's values in the code-unit order of their keys: as they are when the keys are (no look-ups). */
function inKeyOrder<V>(map: ReadonlyMap<string, V>): V[] {
  const keys = [...map.keys()];
  return isSorted(keys) ? [...map.values()] : keys.sort().map((k) => map.get(k)!);
}

const isSorted = (keys: readonly string[]) => keys.every((k, i) => i === 0 || keys[i - 1]! < k);
