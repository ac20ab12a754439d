import { lstatSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, type Stats } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { KgError } from '../errors';
import { isInside } from '../validate/collect-files';

/**
 * What factgraph may replace at an output path. It writes only regular files and folders it made: a
 * folder export carries a manifest, and anything else there (the data folder, an unrelated folder, a
 * device, a FIFO, a symbolic link) is refused with OUTPUT_FAILED and left as it was.
 */

/** The manifest each export folder holds: what wrote it, from which data, and each file's SHA-256. */
export const MANIFEST = '.factgraph-export.json';

export interface Manifest {
  factgraph: string;
  /** The formats in the folder: one for a folder format, every one for `export --all`. */
  formats: string[];
  /** A key of the data the export was made from, when the writer knew it. */
  data?: string;
  /** Each file, by its path in the folder (`/`-separated), and its SHA-256. */
  files: Record<string, string>;
}

export interface OutputOptions {
  /**
   * Replace a symbolic link, a regular file or a folder factgraph did not write. Never a device, FIFO
   * or socket, and never a file being read or a folder holding one (`protect`).
   */
  force?: boolean;
  /** The files the export is made from (data files, source texts): never replaced or removed. */
  protect?: readonly string[];
  /** Recorded in the manifest of each folder written. */
  data?: string;
}

/** What an lstat says is at a path, in words for a message. */
function describe(info: Stats): string {
  if (info.isSymbolicLink()) return 'a symbolic link';
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  return info.isDirectory() ? 'a folder' : 'a file';
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

const refuse = (path: string, why: string) =>
  new KgError('OUTPUT_FAILED', `refusing to write ${path}: ${why}`, { file: path });

const realOrSelf = (path: string) => {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
};

/** The protected file a path is, or the first one a folder holds. */
function protectedAt(path: string, protect: readonly string[], folder: boolean): string | undefined {
  const real = realOrSelf(path);
  return protect.find((p) => {
    const file = realOrSelf(p);
    return folder ? isInside(real, file) : file === real;
  });
}

const other = (info: Stats) =>
  !info.isFile() && !info.isDirectory() && !info.isSymbolicLink()
    ? `${describe(info)}, not a regular file or folder: factgraph writes only regular files (for standard output give --out -)`
    : undefined;

/**
 * Throws OUTPUT_FAILED unless a file may be written at `path`: nothing is there, or a regular file that
 * is not being read; a symbolic link only with --force (the link is replaced, never what it points to).
 */
export function checkFileTarget(path: string, options: OutputOptions): void {
  const info = lstatOrUndefined(path);
  if (!info) return;
  const notRegular = other(info);
  if (notRegular) throw refuse(path, `it is ${notRegular}`);
  const read = protectedAt(path, options.protect ?? [], false);
  if (read) throw refuse(path, 'it is a file this export reads; give another --out');
  if (info.isSymbolicLink() && !options.force)
    throw refuse(
      path,
      `it is a symbolic link to ${realOrSelf(path)}; give that path as --out, or --force to replace the link itself`,
    );
}

/**
 * Throws OUTPUT_FAILED unless a folder export may replace what is at `path`: nothing, an empty folder
 * or an earlier export of factgraph's; with --force also another folder, file or symbolic link, unless
 * it is or holds a file being read.
 */
export function checkFolderTarget(path: string, options: OutputOptions, names: OwnNames): void {
  const info = lstatOrUndefined(path);
  if (!info) return;
  const notRegular = other(info);
  if (notRegular) throw refuse(path, `it is ${notRegular.replace('regular file', 'folder')}`);
  const read = protectedAt(path, options.protect ?? [], info.isDirectory());
  if (read)
    throw refuse(
      path,
      read === path || !info.isDirectory()
        ? 'it is a file this export reads; give another --out'
        : `it holds the data this export reads (${relative(path, read)}); give another --out (even --force never removes it)`,
    );
  if (options.force) return;
  if (info.isSymbolicLink())
    throw refuse(
      path,
      `it is a symbolic link to ${realOrSelf(path)}; give that path, or --force to replace the link itself`,
    );
  if (info.isFile())
    throw refuse(path, 'it is a file, and this export is a folder; give another path, or --force');
  if (!isOwnFolder(path, names))
    throw refuse(
      path,
      'it is a folder that is not an earlier export of factgraph (it has no matching ' +
        `${MANIFEST}); give an empty or new folder, or --force to replace it`,
    );
}

/** The names exports write into a folder by default: `graph.gexf`, ..., and folders (`neo4j-csv`). */
export interface OwnNames {
  files: readonly string[];
  folders: readonly string[];
}

/** What an export's own script writes into its folder: neo4j-admin's report, when import.sh runs there. */
const BYPRODUCTS = ['import.report'];

/**
 * Whether a folder is factgraph's own: each file in it is listed in its manifest or has the name an
 * export gives it (as a single-format export into `--out-dir` leaves it), and each folder in it has
 * a folder format's name and is its own. An empty folder is anyone's.
 */
function isOwnFolder(dir: string, names: OwnNames): boolean {
  const listed = new Set(Object.keys(readManifest(dir)?.files ?? {}));
  return readdirSync(dir, { withFileTypes: true }).every(
    (e) =>
      e.name === MANIFEST ||
      (e.isFile() && BYPRODUCTS.includes(e.name)) ||
      (e.isDirectory()
        ? names.folders.includes(e.name) && isOwnFolder(join(dir, e.name), { files: [], folders: [] })
        : listed.has(e.name) || (e.isFile() && names.files.includes(e.name))),
  );
}

/** The folder's manifest, or undefined when it has none that parses. */
export function readManifest(dir: string): Manifest | undefined {
  try {
    const m = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as Manifest;
    return typeof m.factgraph === 'string' && typeof m.files === 'object' && m.files !== null ? m : undefined;
  } catch {
    return undefined;
  }
}

/** What a temporary path beside `target` is for: a file being written, a folder being filled, an old folder. */
type TempRole = 'tmp' | 'staging' | 'old';

/** `.graph.json.factgraph-tmp-<pid>-<random>`: hidden, beside its target, owned by a process. */
export function tempPath(target: string, role: TempRole): string {
  const random = Math.random().toString(36).slice(2, 10);
  return join(dirname(target), `.${basename(target)}.factgraph-${role}-${process.pid}-${random}`);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Cleans what an earlier run killed while writing `target` left beside it: its temporary files and
 * staging folders go; an old folder set aside comes back if the new one never took its place. Paths of
 * a process still running (a concurrent export) are left alone.
 */
export function cleanStale(target: string): void {
  const prefix = `.${basename(target)}.factgraph-`;
  let names: string[];
  try {
    names = readdirSync(dirname(target));
  } catch {
    return;
  }
  for (const name of names) {
    const m =
      name.startsWith(prefix) && /^(tmp|staging|old)-(\d+)-[0-9a-z]+$/.exec(name.slice(prefix.length));
    if (!m || alive(Number(m[2]))) continue;
    const path = join(dirname(target), name);
    if (m[1] === 'old' && !lstatOrUndefined(target)) renameSync(path, target);
    else rmSync(path, { recursive: true, force: true });
  }
}
