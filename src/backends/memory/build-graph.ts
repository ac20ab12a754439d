import { edtfText } from '../../model/edtf';
import { relative, sep } from 'node:path';
import { MultiDirectedGraph } from 'graphology';
import type { Dataset } from '../../model/dataset';
import type { DocumentRecord, Entity, Predicate, StatementRecord } from '../../model/generated';

/** Omit on each member of a union, so every kind keeps its own fields. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A node's attributes: the entity's own fields, without its id (the node key). */
export type NodeAttributes = DistributiveOmit<Entity, 'id'>;

/** An edge's attributes: the statement's fields under their YAML names, and its provenance. */
export interface EdgeAttributes extends Omit<
  StatementRecord,
  'id' | 'subject' | 'object' | 'date' | 'saidOn'
> {
  predicate: Predicate;
  /** Where the quote is in the document's normalized text (UTF-16 code units, end exclusive). */
  quoteStart: number;
  quoteEnd: number;
  document: string;
  /** The statement's date (EDTF), or its document's date when it gives none. */
  date: string;
  saidOn?: string;
}

/** A document's record without its id (the key), its path relative to the data folder. */
export type DocumentAttributes = Omit<DocumentRecord, 'id'>;

export interface GraphAttributes {
  /** The documents the statements quote, by id. */
  documents: Record<string, DocumentAttributes>;
}

export type FactGraph = MultiDirectedGraph<NodeAttributes, EdgeAttributes, GraphAttributes>;

/**
 * Builds the in-memory graph of a valid dataset: a node per entity (key = entity id), an edge per
 * statement (key = statement id). A multigraph, since two sources may claim the same thing. Nodes and
 * edges are added in id order, so the same data always gives the same graph, whatever the file layout.
 */
export function buildGraph(dataset: Dataset): FactGraph {
  const documents: Record<string, DocumentAttributes> = {};
  for (const id of sortedKeys(dataset.documents)) {
    const entry = dataset.documents.get(id)!;
    const { id: _id, ...doc } = entry.record;
    // The source's path relative to the data folder: the YAML file's own folder means nothing here.
    documents[id] = { ...doc, path: relative(dataset.root, entry.sourcePath).split(sep).join('/') };
  }
  const graph: FactGraph = new MultiDirectedGraph({ allowSelfLoops: false });
  graph.replaceAttributes({ documents });
  for (const id of sortedKeys(dataset.entities)) {
    const { id: _id, ...attributes } = dataset.entities.get(id)!.record;
    graph.addNode(id, attributes);
  }
  for (const id of sortedKeys(dataset.statements)) {
    const s = dataset.statements.get(id)!;
    const { id: _id, subject, object, predicate, quote, date, saidOn, ...rest } = s.record;
    const attributes: EdgeAttributes = {
      predicate,
      quote,
      quoteStart: s.span?.start ?? -1,
      quoteEnd: s.span?.end ?? -1,
      document: s.document,
      date: date === undefined ? (documents[s.document]?.date ?? '') : edtfText(date),
      ...rest,
      ...(saidOn === undefined ? {} : { saidOn: edtfText(saidOn) }),
    };
    graph.addDirectedEdgeWithKey(id, subject, object, attributes);
  }
  return graph;
}

/** The map's keys in code-unit order; files mostly define ids in order already, and a check is cheaper than a sort. */
function sortedKeys(map: ReadonlyMap<string, unknown>): string[] {
  const keys = [...map.keys()];
  return keys.every((k, i) => i === 0 || keys[i - 1]! < k) ? keys : keys.sort();
}
