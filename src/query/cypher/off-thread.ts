import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { KgError, type KgErrorJSON } from '../../errors';
import type { FactGraph } from '../../backends/memory/build-graph';
import type { Dataset } from '../../model/dataset';
import type { QueryResult } from '../query';
import { plainRecords, queryGraph, type CypherOptions } from './index';

/** The compiled worker; run from the TypeScript sources (ts-jest) there is none, and the query runs here. */
const WORKER = join(__dirname, 'worker.js');

/**
 * What the worker is given: the graph's records (plainRecords) as JSON text, which passes between threads
 * and parses many times faster than a cloned tree of objects; the query, its options, and the flag that
 * cancels it.
 */
export interface WorkerQuery {
  records: string;
  cypher: string;
  options: Omit<CypherOptions, 'isCancelled'>;
  cancel: SharedArrayBuffer;
}

type Outcome = { result: QueryResult } | { error: KgErrorJSON } | { internal: string };

/**
 * queryGraph on a worker thread, so that the thread that calls it stays free: a signal is handled at
 * once whatever the query does, and `signal` cancels it (the engine looks at a shared flag as it runs).
 */
export async function queryGraphOffThread(
  graph: FactGraph | Dataset,
  cypher: string,
  options: Omit<CypherOptions, 'isCancelled'> & { signal?: AbortSignal } = {},
): Promise<QueryResult> {
  const { signal, ...rest } = options;
  if (!existsSync(WORKER))
    return queryGraph(graph, cypher, { ...rest, isCancelled: () => signal?.aborted === true });
  const cancel = new SharedArrayBuffer(4);
  const data: WorkerQuery = { records: JSON.stringify(plainRecords(graph)), cypher, options: rest, cancel };
  const worker = new Worker(WORKER, { workerData: data });
  const onAbort = () => Atomics.store(new Int32Array(cancel), 0, 1);
  signal?.addEventListener('abort', onAbort);
  try {
    const outcome = await new Promise<Outcome>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the query worker exited with ${code}`)));
    });
    if ('result' in outcome) return outcome.result;
    if ('error' in outcome) throw KgError.fromJSON(outcome.error);
    throw new Error(outcome.internal);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await worker.terminate();
  }
}
