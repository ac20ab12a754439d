import type { NodeAttributes, StatementNodeAttributes } from '../backends/memory/build-graph';

/** The kind of the node a statement gets when another statement is about it, or nobody asserts it. */
export const STATEMENT_NODE = 'Statement';

export function isStatementNode(a: NodeAttributes): a is StatementNodeAttributes {
  return a.kind === STATEMENT_NODE;
}
