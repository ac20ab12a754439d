import { ValidationFailed, type KgError } from '../errors';
import { buildGraph, graphParts, type FactGraph } from '../backends/memory/build-graph';
import type { Dataset } from '../model/dataset';
import { validate, type ValidateOptions } from '../validate/validate';

export interface LoadResult {
  graph: FactGraph;
  dataset: Dataset;
  warnings: KgError[];
}

/**
 * Validates the data under `paths` and builds the in-memory graph of it.
 * Throws ValidationFailed, holding every problem, when the data is not valid.
 */
export async function loadGraph(
  paths: readonly string[] = ['graph-data'],
  options: ValidateOptions = {},
): Promise<LoadResult> {
  const result = await validate(paths, options);
  if (!result.ok) throw new ValidationFailed(result.errors);
  return { graph: buildGraph(result.dataset), dataset: result.dataset, warnings: result.warnings };
}

export interface GraphCounts {
  nodes: number;
  edges: number;
  byKind: Record<string, number>;
  byPredicate: Record<string, number>;
}

/** Node counts by kind and edge counts by predicate, keys sorted: of a graph, or of a dataset's graph unbuilt. */
export function countGraph(graph: FactGraph | Dataset): GraphCounts {
  const byKind: Record<string, number> = {};
  const byPredicate: Record<string, number> = {};
  let nodes = 0;
  let edges = 0;
  const parts = graphParts(graph);
  parts.forEachNode((_, a) => {
    nodes++;
    byKind[a.kind] = (byKind[a.kind] ?? 0) + 1;
  });
  parts.forEachEdge((_, a) => {
    edges++;
    byPredicate[a.predicate] = (byPredicate[a.predicate] ?? 0) + 1;
  });
  const sorted = (o: Record<string, number>) =>
    Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
  return { nodes, edges, byKind: sorted(byKind), byPredicate: sorted(byPredicate) };
}
