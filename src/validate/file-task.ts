import type { FileResult } from './check-file';
import { decodeText, readBytes } from './read-text';
import type { KgError } from '../errors';
import { asciiJson, cacheKey, hasEntry, readEntry, writeEntry } from './cache';
import { ValidationMemo } from './memo';

/** One data file to read and check, here or on a worker thread. */
export interface FileTask {
  file: string;
  maxFileBytes: number;
  /** Where checked files are kept by content; none: no cache. */
  cacheDir?: string;
  /** The file's text, checked instead of what is on disk. */
  text?: string | undefined;
}

/** A checked file: its result, and with a cache, the key of its bytes there. */
export interface CheckedFile<R = FileResult> {
  result: R;
  key?: string;
}

/** Reads one file and checks it, or takes the result of an earlier check of the same text from the cache. */
export async function runFileTask(task: FileTask, memo?: ValidationMemo): Promise<CheckedFile> {
  const { result, key } = await (memo ? remembered(task, memo) : check(task));
  return { result: typeof result === 'string' ? (JSON.parse(result) as FileResult) : result, key };
}

/**
 * runFileTask's result as JSON text, what a worker sends: a string passes between threads and parses
 * faster than a cloned tree of objects, and a cache hit is passed on as read.
 */
export async function runFileTaskJson(task: FileTask): Promise<CheckedFile<string>> {
  const { result, key, json } = await check(task);
  return { result: typeof result === 'string' ? result : (json ?? asciiJson(result)), key };
}

/** The key of the file's bytes as they are now, when the cache has an entry of that key. */
export async function cachedKey(task: FileTask): Promise<string | undefined> {
  if (task.cacheDir === undefined) return undefined;
  const read = await bytesOf(task);
  if (!read.ok) return undefined;
  const key = await cacheKey([read.bytes]);
  return (await hasEntry(task.cacheDir, key)) ? key : undefined;
}

/**
 * The result cachedKey found, from its cache entry (`entry`, being read) without reading the file again;
 * checked here if the entry is gone since.
 */
export async function runCachedTask(
  task: FileTask,
  key: string,
  entry: Promise<string | undefined>,
): Promise<CheckedFile> {
  const cached = await entry;
  return cached === undefined ? runFileTask(task) : { result: JSON.parse(cached) as FileResult, key };
}

/** The file's result, or the cached JSON text of it; `json`, the text of a result just written to the cache. */
async function check(
  task: FileTask,
  bytes?: Buffer,
): Promise<CheckedFile<FileResult | string> & { json?: string }> {
  const read = bytes === undefined ? await bytesOf(task) : { ok: true as const, bytes };
  if (!read.ok) return { result: failed(read.error) };
  // Keyed by the bytes: a hit needs no decoding, and the same bytes always decode the same.
  const key = task.cacheDir === undefined ? undefined : await cacheKey([read.bytes]);
  if (key) {
    const cached = await readEntry(task.cacheDir!, key);
    if (cached !== undefined) return { result: cached, key };
  }
  // A worker of a warm run needs no parser: it loads none.
  const { checkFile } = checkModule();
  const text = decodeText(read.bytes, task.file);
  const result = text.ok ? checkFile(text.text, task.file) : failed(text.error);
  if (!key) return { result };
  const json = asciiJson(result);
  await writeEntry(task.cacheDir!, key, json);
  return { result, key, json };
}

/** check(), asked only for bytes the memo has no result of. */
async function remembered(task: FileTask, memo: ValidationMemo): Promise<CheckedFile<FileResult | string>> {
  const read = await bytesOf(task);
  if (!read.ok) return { result: failed(read.error) };
  const hash = ValidationMemo.hash(read.bytes);
  const kept = memo.file(task.file, hash);
  if (kept) return { result: kept.json, ...(kept.key === undefined ? {} : { key: kept.key }) };
  // A text not on disk (an edit being typed) is not kept in the disk cache: it would fill it.
  const {
    result,
    key,
    json: written,
  } = await check(task.text === undefined ? task : { ...task, cacheDir: undefined }, read.bytes);
  const json = typeof result === 'string' ? result : (written ?? asciiJson(result));
  memo.keepFile(task.file, { hash, json, key });
  return { result: json, ...(key === undefined ? {} : { key }) };
}

function bytesOf(task: FileTask): ReturnType<typeof readBytes> {
  return task.text === undefined
    ? readBytes(task.file, task.maxFileBytes)
    : Promise.resolve({ ok: true as const, bytes: Buffer.from(task.text) });
}

/** check-file, loaded when first needed (a miss): the parsers and ajv take ~0.13 s of CPU to load. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const checkModule = () => require('./check-file') as typeof import('./check-file');

function failed(error: KgError): FileResult {
  const { withoutFile } = checkModule();
  return { parsed: false, errors: [withoutFile(error)], warnings: [], sections: [] };
}
