import { graphParts, type FactGraph, type StatementAttributes } from '../backends/memory/build-graph';
import type { Dataset } from '../model/dataset';
import { isStatementNode, STATEMENT_NODE } from '../model/claims';
import { flatAttributes, forEachFlatAttribute } from './flatten';
import type { RecordType } from '../model/edtf';
import { withoutReserved } from '../export/attributes';
import { mentionedEntities } from '../model/sources';

/**
 * The relationship from an entity to each document whose statements mention it. Its ends are its key:
 * it has no `id` property (it was a long string on 2 of 3 relationships, for every load and import
 * to write).
 */
export const MENTIONED_IN = 'MENTIONED_IN';

/** The key of a mention in the records (not stored: a mention is found by its ends). */
export const mentionKey = (entity: string, document: string) => `mention:${entity}@${document}`;

/**
 * The version of the Neo4j form of the rows, kept on the `:Dataset` node. Bump it when that form changes:
 * an incremental load then rewrites every file.
 */
export const NEO4J_SHAPE = 3;

/** The relationships from a `:Statement` node to its subject and its object. */
export const SUBJECT = 'SUBJECT';
export const OBJECT = 'OBJECT';

/** A node of the property graph a backend stores: its labels and its properties, values converted. */
export interface NodeRecord<V> {
  id: string;
  labels: string[];
  props: Record<string, V>;
}

/** The label of a relationship's end node: its id is looked up among these nodes. */
export type EndLabel = 'Entity' | 'Statement' | 'Document';

export interface RelationshipRecord<V> {
  /** The statement's id (also its `id` property), a tie's, or a mention's key (mentionKey, no property). */
  id: string;
  type: string;
  subject: string;
  object: string;
  /** What the ends are: a statement's subject is an entity, its object an entity or a `:Statement`. */
  from: EndLabel;
  to: EndLabel;
  props: Record<string, V>;
}

/**
 * The property graph of a loaded data set: `:Document` nodes, `:Entity:<Kind>` nodes, `:Statement`
 * nodes (a statement another is about, or that nobody asserts), the statements as relationships, the
 * `SUBJECT` and `OBJECT` ties of the `:Statement` nodes, and the mentions.
 */
export interface GraphRecords<V> {
  documents: NodeRecord<V>[];
  entities: (NodeRecord<V> & { kind: string })[];
  statements: NodeRecord<V>[];
  relationships: RelationshipRecord<V>[];
}

/**
 * The graph as every backend stores it (Neo4j, and the memory Cypher engine), so they see the same
 * labels, types, names and values: reserved names moved to `attr_<name>`, the id and the owning data
 * set as properties, quantities and maps flattened (./flatten.ts), a MENTIONED_IN relationship from each
 * entity to each document that mentions it. A statement that another is about, or that nobody asserts,
 * is a `:Statement` node (its data set's, like a relationship) tied to its ends by `SUBJECT` and `OBJECT`.
 * `convert` turns an attribute into the backend's value (integers and dates need typed values).
 * From a dataset, the records are made without building its graph (build-graph.ts, datasetParts).
 */
export function graphRecords<V>(
  source: FactGraph | Dataset,
  dataset: string,
  convert: (key: string, value: unknown, record: RecordType) => V,
): GraphRecords<V> {
  /**
   * The attributes but `omit` (flattened, reserved names moved, converted, undefined left out), then the
   * record's own (id, data set): what withoutReserved(flatAttributes(...)) gives, made in one pass.
   */
  const props = (
    attributes: object,
    reserved: string[],
    own: Record<string, unknown>,
    record: RecordType,
    omit?: string,
  ): Record<string, V> => {
    const out: Record<string, V> = {};
    forEachFlatAttribute(attributes, (name, value) => {
      if (value === undefined || name === omit) return;
      const key = reserved.includes(name) ? `attr_${name}` : name;
      out[key] = convert(key, value, record);
    });
    for (const key in own) out[key] = convert(key, own[key], record);
    return out;
  };
  const graph = graphParts(source);
  const documents = Object.entries(graph.documents).map(([id, attrs]) => ({
    id,
    labels: ['Document'],
    props: props(attrs, NODE_RESERVED, { id, datasets: [dataset] }, 'document'),
  }));
  const entities: GraphRecords<V>['entities'] = [];
  const statements: NodeRecord<V>[] = [];
  const relationships: RelationshipRecord<V>[] = [];
  // The documents each entity is mentioned in: sorted by entity, then document, below.
  const mentions = new Map<string, Set<string>>();
  const mention = (subject: string, object: string, attrs: StatementAttributes) => {
    for (const entity of mentionedEntities(subject, object, attrs)) {
      if (!graph.hasNode(entity) || graph.isStatementNode(entity)) continue;
      let documents = mentions.get(entity);
      if (!documents) mentions.set(entity, (documents = new Set()));
      documents.add(attrs.document);
    }
  };
  const endOf = (id: string): EndLabel => (graph.isStatementNode(id) ? 'Statement' : 'Entity');
  graph.forEachNode((id, attrs) => {
    if (isStatementNode(attrs)) {
      statements.push({
        id,
        labels: ['Statement'],
        props: props(attrs, EDGE_RESERVED, { id, dataset }, 'statement', 'kind'),
      });
      for (const [type, end] of [
        [SUBJECT, attrs.subject],
        [OBJECT, attrs.object],
      ] as const) {
        const tie = `${type.toLowerCase()}:${id}`;
        relationships.push({
          id: tie,
          type,
          subject: id,
          object: end,
          from: 'Statement',
          to: endOf(end),
          props: props({}, EDGE_RESERVED, { id: tie, dataset }, 'statement'),
        });
      }
      mention(attrs.subject, attrs.object, attrs);
      return;
    }
    entities.push({
      id,
      kind: attrs.kind,
      labels: ['Entity', attrs.kind],
      props: props(attrs, NODE_RESERVED, { id, datasets: [dataset] }, 'entity', 'kind'),
    });
  });
  graph.forEachEdge((id, attrs, subject, object) => {
    relationships.push({
      id,
      type: attrs.predicate,
      subject,
      object,
      from: 'Entity',
      to: endOf(object),
      props: props(attrs, EDGE_RESERVED, { id, dataset }, 'statement', 'predicate'),
    });
    mention(subject, object, attrs);
  });
  for (const [entity, documents] of [...mentions].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    for (const document of [...documents].sort()) {
      relationships.push({
        id: mentionKey(entity, document),
        type: MENTIONED_IN,
        subject: entity,
        object: document,
        from: 'Entity',
        to: 'Document',
        props: props({}, EDGE_RESERVED, { dataset }, 'statement'),
      });
    }
  }
  return { documents, entities, statements, relationships };
}

type Value = null | boolean | number | string | Value[] | { [key: string]: Value };

/**
 * A backend-neutral form of a loaded graph, for proving two backends hold the same thing: every
 * document, node and edge by id with every property, keys sorted, dates as ISO strings.
 */
export interface CanonicalGraph {
  documents: Record<string, Record<string, Value>>;
  nodes: Record<string, { kind: string; properties: Record<string, Value> }>;
  edges: Record<string, { type: string; source: string; target: string; properties: Record<string, Value> }>;
}

/** Sorted keys, recursively, so equal graphs serialize identically. */
export function sortKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(sortKeys) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, sortKeys(v)]),
    ) as T;
  }
  return value;
}

/** Property names a backend keeps for itself; data under these names is stored as `attr_<name>`. */
export const NODE_RESERVED = ['id', 'datasets'];
export const EDGE_RESERVED = ['id', 'dataset'];

export function canonicalFromGraph(graph: FactGraph): CanonicalGraph {
  const out: CanonicalGraph = { documents: {}, nodes: {}, edges: {} };
  const props = (attributes: object, reserved: string[]) =>
    withoutReserved(attributes, reserved) as Record<string, Value>;
  for (const [id, doc] of Object.entries(graph.getAttribute('documents')))
    out.documents[id] = props(flatAttributes(doc), NODE_RESERVED);
  graph.forEachNode((id, { kind, ...properties }) => {
    const reserved = kind === STATEMENT_NODE ? EDGE_RESERVED : NODE_RESERVED;
    out.nodes[id] = { kind, properties: props(flatAttributes(properties), reserved) };
  });
  graph.forEachEdge((id, { predicate, ...properties }, source, target) => {
    out.edges[id] = {
      type: predicate,
      source,
      target,
      properties: props(flatAttributes(properties), EDGE_RESERVED),
    };
  });
  return sortKeys(out);
}
