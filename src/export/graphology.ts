import type { FactGraph } from '../backends/memory/build-graph';

/**
 * graphology's own serialization: `Graph.from(JSON.parse(text))` gives the same graph back. Stable
 * key order and a final newline make it byte-identical for the same input.
 */
export function toGraphologyJson(graph: FactGraph): string {
  return `${JSON.stringify(graph.export(), null, 2)}\n`;
}
