import { stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { asciiJson, cacheKey, readEntry, writeEntry } from './cache';

/**
 * The cache keys of data files by what `stat` says of them, as git's index keeps them: a file whose
 * device, inode, size, mtime and ctime (in nanoseconds) are as they were when its bytes were hashed is
 * not read or hashed again on a warm run. Any write sets ctime to the time of the write, which nobody can
 * set back; a file is recorded only if its ctime was over RACY_NS before the stat taken ahead of its
 * read (git's "racily clean" rule), so a write right after that read, within one tick of the clock, can
 * never leave the same stat behind. A file not recorded, or whose stat differs, is read and hashed.
 * One index an entry of the cache's `stats` section, per folder the files are under.
 */
const RACY_NS = 2_000_000_000n;

/** What a file's stat says of its bytes: the same text means the same bytes (see above). */
interface Seen {
  signature: string;
  /** Whether the file's last change was long enough before the stat for the signature to be trusted. */
  settled: boolean;
}

type Recorded = Record<string, [signature: string, key: string]>;

export class StatIndex {
  private readonly seen = new Map<string, Seen>();
  private readonly next: Recorded = {};
  private changed = false;

  private constructor(
    private readonly dir: string,
    private readonly key: string,
    private readonly recorded: Recorded,
  ) {}

  /** The index of the folder holding `files`, in `cacheDir`'s `stats` section (empty if none is there). */
  static async open(cacheDir: string, files: readonly string[]): Promise<StatIndex> {
    const dir = join(cacheDir, 'stats');
    const key = await cacheKey(['stat-index', commonFolder(files)]);
    let recorded: Recorded = {};
    const text = await readEntry(dir, key);
    try {
      if (text !== undefined) recorded = JSON.parse(text) as Recorded;
    } catch {
      // An entry whose header checks out but whose JSON does not is not ours to trust: a miss.
    }
    return new StatIndex(dir, key, recorded);
  }

  /** The key recorded for `file` if its stat is still the recorded one; takes the stat record() uses. */
  async lookup(file: string): Promise<string | undefined> {
    const now = BigInt(Date.now()) * 1_000_000n;
    const s = await stat(file, { bigint: true }).catch(() => undefined);
    if (!s?.isFile()) return undefined;
    const signature = `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
    this.seen.set(file, { signature, settled: s.ctimeNs < now - RACY_NS });
    const entry = Object.hasOwn(this.recorded, file) ? this.recorded[file] : undefined;
    if (entry?.[0] !== signature) return undefined;
    this.next[file] = entry;
    return entry[1];
  }

  /**
   * Records the key of `file`'s bytes as read after its lookup(): kept only if the file had settled
   * by then (a file changed between the stat and the read gets the new bytes' key under the old stat,
   * which the next stat no longer matches).
   */
  record(file: string, key: string): void {
    const seen = this.seen.get(file);
    if (!seen?.settled || this.next[file]?.[1] === key) return;
    this.next[file] = [seen.signature, key];
    this.changed = true;
  }

  /** Writes the index of this run's files, when it differs from what was read. */
  async save(): Promise<void> {
    const dropped = Object.keys(this.recorded).some((file) => !Object.hasOwn(this.next, file));
    if (this.changed || dropped) await writeEntry(this.dir, this.key, asciiJson(this.next));
  }
}

/** The deepest folder holding every file (absolute paths). */
function commonFolder(files: readonly string[]): string {
  let prefix = files[0] ?? '';
  for (const file of files) while (!file.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix.slice(0, prefix.lastIndexOf(sep) + 1);
}
