import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { SCHEMA_DIR } from './schema-check';

/**
 * The cache of checked files and found quotes: JSON entries named by a hash of everything they depend
 * on, so an entry is never stale (a changed input gives another name) and the folder is safe to delete.
 */

/** `$XDG_CACHE_HOME/factgraph`, else `~/.cache/factgraph`. */
export function defaultCacheDir(env: Record<string, string | undefined> = process.env): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'factgraph');
}

let salt: string | undefined;

/** What every entry depends on besides its inputs: the schema and the code that checks. */
async function cacheSalt(): Promise<string> {
  if (salt === undefined) {
    const hash = createHash('sha256');
    for (const file of [
      join(SCHEMA_DIR, 'data-file.schema.json'),
      ...['check-file.js', 'parse-yaml.js', 'schema-check.js', 'quotes.js', 'validate.js'].map((f) =>
        join(__dirname, f),
      ),
    ]) {
      hash.update(await readFile(file).catch(() => file));
    }
    salt = hash.digest('hex');
  }
  return salt;
}

/** A hash of the salt and `parts`, each length-prefixed so that no two lists of parts run together. */
export async function cacheKey(parts: Iterable<string | Buffer>): Promise<string> {
  const hash = createHash('sha256').update(await cacheSalt());
  for (const part of parts) hash.update(`${part.length}:`).update(part);
  return hash.digest('hex');
}

function entryPath(dir: string, key: string): string {
  return join(dir, key.slice(0, 2), `${key}.json`);
}

/** The entry's JSON text, or undefined when there is none. */
export async function readEntry(dir: string, key: string): Promise<string | undefined> {
  return readFile(entryPath(dir, key), 'utf8').catch(() => undefined);
}

/**
 * Stores an entry, written beside and renamed over, so a reader never sees half of one. Only a speed-up:
 * a read-only or full disk is ignored.
 */
export async function writeEntry(dir: string, key: string, json: string): Promise<void> {
  const entry = entryPath(dir, key);
  const temp = `${entry}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await mkdir(join(entry, '..'), { recursive: true })
    .then(() => writeFile(temp, json))
    .then(() => rename(temp, entry))
    .catch(() => undefined);
}
