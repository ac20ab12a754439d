import { parentPort } from 'node:worker_threads';
import { KgError } from '../errors';
import { runFileTask, type FileTask } from './file-task';

/** A worker thread of the file pool: checks the files it is sent, one at a time. */
parentPort?.on('message', (task: FileTask) => {
  runFileTask(task).then(
    (result) => parentPort?.postMessage({ result }),
    (e: unknown) =>
      parentPort?.postMessage({
        error: e instanceof KgError ? e.toJSON() : { code: 'INTERNAL', message: String(e) },
      }),
  );
});
