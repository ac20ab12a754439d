import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { SCHEMA_DIR } from '../model/schema-dir';
import { readBytes } from './read-text';

/**
 * The cache of checked files and found quotes: entries named by a hash of everything they depend on, so
 * an entry is never stale (a changed input gives another name) and the folder is safe to delete. Each
 * entry starts with a header line (format version, key, SHA-256 of the rest): an entry that is cut
 * short, empty, changed or of another format is a miss, recomputed and written again, never trusted.
 */

/** No entry is larger: the checks across a million statements take about 20 MiB. */
const MAX_ENTRY_BYTES = 1024 * 1024 * 1024;

/** The entry format; entries of another are misses, and `kg cache prune` removes them. */
export const CACHE_FORMAT = 1;

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
      ...[
        'check-file.js',
        'parse-yaml.js',
        'schema-check.js',
        'keywords.js',
        'wording.js',
        'quotes.js',
        'validate.js',
        'check-quotes.js',
      ].map((f) => join(__dirname, f)),
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

/**
 * JSON text with every character past ASCII escaped (`\u00f8`): the same value, as one-byte text. Data
 * in Norwegian has ~1% such letters, and those made each entry a two-byte string to decode and to parse:
 * ~15% of a warm run's reading of entries (measured at 1M statements), and twice the text to pass
 * between threads.
 */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(NOT_ASCII, escapeChar);
}

const NOT_ASCII = /[\u0080-\uffff]/g;
const escapeChar = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

function entryPath(dir: string, key: string): string {
  return join(dir, key.slice(0, 2), `${key}.json`);
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

interface Header {
  format: number;
  key: string;
  sha256: string;
}

/**
 * The payload of an entry's bytes as text when its header checks out, else undefined. The payload is
 * hashed as bytes: the same digest as of its text, at half the cost of encoding the text again.
 */
function checkedPayload(bytes: Buffer, key: string): string | undefined {
  const end = bytes.indexOf(10);
  if (end < 0) return undefined;
  let header: Header;
  try {
    header = JSON.parse(bytes.toString('utf8', 0, end)) as Header;
  } catch {
    return undefined;
  }
  const payload = bytes.subarray(end + 1);
  return header?.format === CACHE_FORMAT && header.key === key && header.sha256 === sha256(payload)
    ? payload.toString('utf8')
    : undefined;
}

/** The entry's JSON text, or undefined when there is none or it does not check out (a miss). */
export async function readEntry(dir: string, key: string): Promise<string | undefined> {
  // Read like a data file: never a FIFO or device put in its place, never more than the limit.
  const read = await readBytes(entryPath(dir, key), MAX_ENTRY_BYTES).catch(() => undefined);
  return read?.ok ? checkedPayload(read.bytes, key) : undefined;
}

/** Whether an entry of that key is there (it may still turn out damaged when read). */
export async function hasEntry(dir: string, key: string): Promise<boolean> {
  return stat(entryPath(dir, key)).then(
    (s) => s.isFile(),
    () => false,
  );
}

/**
 * Stores an entry: written beside, flushed to disk, then renamed over, so a reader (or a crash) never
 * leaves half of one under its name. Only a speed-up: a read-only or full disk is ignored.
 */
export async function writeEntry(dir: string, key: string, json: string): Promise<void> {
  const entry = entryPath(dir, key);
  const temp = `${entry}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  const header: Header = { format: CACHE_FORMAT, key, sha256: sha256(json) };
  await mkdir(join(entry, '..'), { recursive: true })
    .then(() => writeFile(temp, `${JSON.stringify(header)}\n${json}`, { flush: true }))
    .then(() => rename(temp, entry))
    .catch(() => rm(temp, { force: true }).catch(() => undefined));
}

/**
 * The folders entries are kept in: files' results, then the checks across files, found quotes, and the
 * files' keys by their stat (./stat-index.ts).
 */
const SECTIONS = ['', 'checks', 'quotes', 'stats'];
const ENTRY = /^([0-9a-f]{64})\.json$/;
const TEMP = /^[0-9a-f]{64}\.json\.\d+\.[0-9a-z]*\.tmp$/;

export interface CacheEntryInfo {
  path: string;
  bytes: number;
  modified: Date;
  /** `ok`, `damaged` (cut short, changed, not ours) or `temporary` (left by a killed run). */
  state: 'ok' | 'damaged' | 'temporary';
}

/** Every file of the cache that factgraph wrote (entries and temporary files), and nothing else. */
export async function cacheEntries(dir: string): Promise<CacheEntryInfo[]> {
  const found: CacheEntryInfo[] = [];
  for (const section of SECTIONS) {
    const base = join(dir, section);
    const shards = await readdir(base).catch(() => [] as string[]);
    for (const shard of shards.filter((s) => /^[0-9a-f]{2}$/.test(s)).sort()) {
      const names = await readdir(join(base, shard)).catch(() => [] as string[]);
      for (const name of names.sort()) {
        const path = join(base, shard, name);
        const entry = ENTRY.exec(name);
        if (!entry && !TEMP.test(name)) continue;
        const info = await stat(path).catch(() => undefined);
        if (!info?.isFile()) continue;
        const ok = entry && checkedPayload(await readFile(path), entry[1]!) !== undefined;
        const state = entry ? (ok ? 'ok' : 'damaged') : 'temporary';
        found.push({ path, bytes: info.size, modified: info.mtime, state });
      }
    }
  }
  return found;
}

/**
 * Removes the given cache files, then the shard folders they leave empty: only what factgraph wrote
 * goes, whatever else the folder holds.
 */
export async function removeCacheEntries(dir: string, entries: readonly CacheEntryInfo[]): Promise<void> {
  for (const e of entries) await rm(e.path, { force: true });
  for (const section of SECTIONS) {
    const base = join(dir, section);
    for (const shard of await readdir(base).catch(() => [] as string[]))
      if (/^[0-9a-f]{2}$/.test(shard)) await rmdir(join(base, shard)).catch(() => undefined);
    if (section) await rmdir(base).catch(() => undefined);
  }
}
