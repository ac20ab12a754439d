import type {
  FactGraph,
  NodeAttributes,
  StatementAttributes,
  StatementNodeAttributes,
} from '../backends/memory/build-graph';

/** The kind of the node a statement gets when another statement is about it, or nobody asserts it. */
export const STATEMENT_NODE = 'Statement';

export function isStatementNode(a: NodeAttributes): a is StatementNodeAttributes {
  return a.kind === STATEMENT_NODE;
}

/** A statement of the graph with its ends, whether an edge (asserted) or a statement node only. */
export interface GraphStatement {
  attributes: StatementAttributes;
  subject: string;
  object: string;
}

/** Every statement of the graph, asserted (an edge) or not (a statement node only), by id in id order. */
export function graphStatements(graph: FactGraph): Map<string, GraphStatement> {
  const statements = new Map<string, GraphStatement>();
  graph.forEachEdge((id, attributes, subject, object) => statements.set(id, { attributes, subject, object }));
  graph.forEachNode((id, attributes) => {
    if (!isStatementNode(attributes)) return;
    // A statement node holds its edge's fields and its name (the label RDF gives every statement node).
    const { kind: _, ...rest } = attributes;
    statements.set(id, { attributes: rest, subject: rest.subject, object: rest.object });
  });
  return new Map([...statements].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
