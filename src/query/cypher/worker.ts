import { parentPort, workerData } from 'node:worker_threads';
import { KgError } from '../../errors';
import type { GraphRecords } from '../../load/canonical';
import { queryGraph, recordsGraph } from './index';
import type { WorkerQuery } from './off-thread';

/**
 * Runs one query on the records of a graph sent from the main thread, which stays free to answer signals while the
 * query runs; the cancellation flag it shares is looked at as the query runs.
 */
const { records, cypher, options, cancel } = workerData as WorkerQuery;
const flag = new Int32Array(cancel);
try {
  const result = queryGraph(recordsGraph(JSON.parse(records) as GraphRecords<unknown>), cypher, {
    ...options,
    isCancelled: () => Atomics.load(flag, 0) !== 0,
  });
  parentPort?.postMessage({ result });
} catch (e) {
  parentPort?.postMessage(
    e instanceof KgError ? { error: e.toJSON() } : { internal: (e as Error).stack ?? String(e) },
  );
}
