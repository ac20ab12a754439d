import { parentPort } from 'node:worker_threads';
import { KgError } from '../errors';
import { runFileTaskJson, type FileTask } from './file-task';

/** A worker thread of the file pool: checks the files it is sent, one at a time. */
parentPort?.on('message', (task: FileTask) => {
  runFileTaskJson(task).then(
    ({ result, key }) => parentPort?.postMessage({ json: result, key }),
    (e: unknown) =>
      parentPort?.postMessage({
        error: e instanceof KgError ? e.toJSON() : { code: 'INTERNAL', message: String(e) },
      }),
  );
});
