import type { FactGraph } from '../backends/memory/build-graph';
import { withoutReserved } from '../export/attributes';

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
    out.documents[id] = props(doc, NODE_RESERVED);
  graph.forEachNode(
    (id, { kind, ...properties }) => (out.nodes[id] = { kind, properties: props(properties, NODE_RESERVED) }),
  );
  graph.forEachEdge((id, { predicate, ...properties }, source, target) => {
    out.edges[id] = { type: predicate, source, target, properties: props(properties, EDGE_RESERVED) };
  });
  return sortKeys(out);
}
