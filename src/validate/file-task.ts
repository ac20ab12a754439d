import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { checkFile, withoutFile, type FileResult } from './check-file';
import { decodeText, readBytes } from './read-text';
import type { KgError } from '../errors';
import { SCHEMA_DIR } from './schema-check';

/** One data file to read and check, here or on a worker thread. */
export interface FileTask {
  file: string;
  maxFileBytes: number;
  /** Where checked files are kept by content; none: no cache. */
  cacheDir?: string;
}

/** `$XDG_CACHE_HOME/factgraph`, else `~/.cache/factgraph`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'factgraph');
}

let salt: string | undefined;

/**
 * What a cached result depends on besides the text: the schema and the code that checks. A change to
 * either gives other keys, so a stale result is never used (old entries are simply not read again).
 */
async function cacheSalt(): Promise<string> {
  if (salt === undefined) {
    const hash = createHash('sha256');
    for (const file of [
      join(SCHEMA_DIR, 'data-file.schema.json'),
      join(__dirname, 'check-file.js'),
      join(__dirname, 'parse-yaml.js'),
      join(__dirname, 'schema-check.js'),
    ]) {
      hash.update(await readFile(file).catch(() => file));
    }
    salt = hash.digest('hex');
  }
  return salt;
}

/** Reads one file and checks it, or takes the result of an earlier check of the same text from the cache. */
export async function runFileTask(task: FileTask): Promise<FileResult> {
  const result = await check(task);
  return typeof result === 'string' ? (JSON.parse(result) as FileResult) : result;
}

/**
 * runFileTask's result as JSON text, what a worker sends: a string passes between threads and parses
 * faster than a cloned tree of objects, and a cache hit is passed on as read.
 */
export async function runFileTaskJson(task: FileTask): Promise<string> {
  const result = await check(task);
  return typeof result === 'string' ? result : JSON.stringify(result);
}

/** The file's result, or the cached JSON text of it. */
async function check(task: FileTask): Promise<FileResult | string> {
  const read = await readBytes(task.file, task.maxFileBytes);
  if (!read.ok) return failed(read.error);
  // Keyed by the bytes: a hit needs no decoding, and the same bytes always decode the same.
  const key =
    task.cacheDir === undefined
      ? undefined
      : createHash('sha256')
          .update(await cacheSalt())
          .update(read.bytes)
          .digest('hex');
  const entry = key && join(task.cacheDir!, key.slice(0, 2), `${key}.json`);
  if (entry) {
    try {
      return await readFile(entry, 'utf8');
    } catch {
      // Not cached yet: check the file and store the result.
    }
  }
  const text = decodeText(read.bytes, task.file);
  const result = text.ok ? checkFile(text.text, task.file) : failed(text.error);
  // Only a speed-up: a read-only or full disk must not fail validation.
  if (entry) await store(entry, JSON.stringify(result)).catch(() => undefined);
  return result;
}

function failed(error: KgError): FileResult {
  return { parsed: false, errors: [withoutFile(error)], warnings: [], items: [] };
}

/** Written beside and renamed over, so a reader never sees half an entry. */
async function store(entry: string, json: string): Promise<void> {
  await mkdir(join(entry, '..'), { recursive: true });
  const temp = `${entry}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(temp, json);
  await rename(temp, entry);
}
