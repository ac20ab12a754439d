import { parentPort, workerData } from 'node:worker_threads';
import { MultiDirectedGraph } from 'graphology';
import { KgError } from '../../errors';
import type { FactGraph } from '../../backends/memory/build-graph';
import { queryGraph } from './index';
import type { WorkerQuery } from './off-thread';

/**
 * Runs one query on a graph sent from the main thread, which stays free to answer signals while the
 * query runs; the cancellation flag it shares is looked at as the query runs.
 */
const { graph, cypher, options, cancel } = workerData as WorkerQuery;
const flag = new Int32Array(cancel);
try {
  const result = queryGraph(MultiDirectedGraph.from(graph) as FactGraph, cypher, {
    ...options,
    isCancelled: () => Atomics.load(flag, 0) !== 0,
  });
  parentPort?.postMessage({ result });
} catch (e) {
  parentPort?.postMessage(
    e instanceof KgError ? { error: e.toJSON() } : { internal: (e as Error).stack ?? String(e) },
  );
}
