import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { KgError, type ErrorCode, type KgErrorJSON } from '../errors';
import type { FileResult } from './check-file';
import { cachedKey, runCachedTask, runFileTask, type CheckedFile, type FileTask } from './file-task';
import type { ValidationMemo } from './memo';
import { StatIndex } from './stat-index';
import { readEntry } from './cache';

/** The compiled worker; run from the TypeScript sources (ts-jest) there is none, and files are checked here. */
const WORKER = join(__dirname, 'worker.js');

/**
 * A file's parse (its YAML events, then its values) lives until the file is checked: in V8's default
 * young generation much of it survives a scavenge or two and is copied, then promoted. A larger one lets
 * it die young: ~15% less CPU a worker, for up to this much more memory each.
 */
const WORKER_YOUNG_GENERATION_MB = 96;

/** Cache entries read ahead of the one being taken in. */
const READ_AHEAD = 16;

type Outcome =
  { json: string; key?: string } | { error: KgErrorJSON | { code: 'INTERNAL'; message: string } };

/**
 * Checks the files on `threads` worker threads (here, when 1 or less, or with a memo: it holds all but
 * the changed files), yielding the results in task order, so what is built from them does not depend on
 * which thread finished first.
 */
export async function* runFileTasks(
  tasks: readonly FileTask[],
  threads: number,
  memo?: ValidationMemo,
): AsyncGenerator<CheckedFile> {
  if (memo) {
    for (const task of tasks) yield await runFileTask(task, memo);
    return;
  }
  const cacheDir = tasks[0]?.cacheDir;
  const index =
    cacheDir === undefined
      ? undefined
      : await StatIndex.open(
          cacheDir,
          tasks.map((t) => t.file),
        );
  // The keys of the files the index vouches for: those are neither read nor hashed.
  const keys = await Promise.all(
    tasks.map((task) => (task.text === undefined ? index?.lookup(task.file) : undefined)),
  );
  const onThreads = threads > 1 && tasks.length >= 2 && existsSync(WORKER);
  // A warm run (the first file is in the cache) reads what the cache holds here: a worker would only
  // read it, and costs more to start than that. A cold run checks every file on the workers.
  if (onThreads && (keys[0] ??= await cachedKey(tasks[0]!)) !== undefined)
    for (const [i, task] of tasks.entries()) keys[i] ??= await cachedKey(task);
  const checked = onWorkers(onThreads ? tasks.filter((_, i) => keys[i] === undefined) : [], threads);
  // The entries of the next files are read while this one is taken in: one file's I/O after another's
  // left the thread idle a fifth of a warm run. A read never fails (a bad entry is a miss).
  const ahead = new Map<number, Promise<string | undefined>>();
  const readAhead = (from: number) => {
    for (let j = from; j < Math.min(tasks.length, from + READ_AHEAD); j++) {
      const key = keys[j];
      if (key !== undefined && !ahead.has(j)) ahead.set(j, readEntry(cacheDir!, key));
    }
  };
  try {
    for (const [i, task] of tasks.entries()) {
      const known = keys[i];
      if (known !== undefined) readAhead(i);
      const entry = ahead.get(i);
      ahead.delete(i);
      const file =
        entry !== undefined
          ? await runCachedTask(task, known!, entry)
          : onThreads
            ? ((await checked.next()).value as CheckedFile)
            : await runFileTask(task);
      if (file.key !== undefined) index?.record(task.file, file.key);
      yield file;
    }
  } finally {
    await checked.return(undefined);
  }
  await index?.save();
}

/** The tasks checked on `threads` worker threads, in task order. */
async function* onWorkers(tasks: readonly FileTask[], threads: number): AsyncGenerator<CheckedFile> {
  if (tasks.length === 0) return;
  const settle: ((o: Outcome) => void)[] = [];
  const outcomes: (Promise<Outcome> | undefined)[] = tasks.map(
    (_, i) => new Promise<Outcome>((resolve) => (settle[i] = resolve)),
  );
  let next = 0;
  const workers = Array.from({ length: Math.min(threads, tasks.length) }, () => {
    const worker = new Worker(WORKER, {
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
    });
    let current = -1;
    const feed = () => {
      current = next++;
      if (current < tasks.length) worker.postMessage(tasks[current]);
    };
    worker.on('message', (outcome: Outcome) => {
      settle[current]!(outcome);
      feed();
    });
    worker.on('error', (e) => settle[current]?.({ error: { code: 'INTERNAL', message: e.message } }));
    feed();
    return worker;
  });
  try {
    for (let i = 0; i < tasks.length; i++) {
      const o = (await outcomes[i])!;
      // Let go of the text once taken in, not at the end of the run.
      outcomes[i] = undefined;
      if ('json' in o) yield { result: JSON.parse(o.json) as FileResult, key: o.key };
      else if (o.error.code === 'INTERNAL') throw new Error(`file worker failed: ${o.error.message}`);
      else throw new KgError(o.error.code as ErrorCode, o.error.message, o.error as KgErrorJSON);
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
