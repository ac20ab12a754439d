import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep, isAbsolute } from 'node:path';
import { KgError, type ErrorCode, type Severity } from '../errors';
import { describeSpecial } from './read-text';

const DATA_FILE = /\.ya?ml$/i;

export interface CollectedFiles {
  /** The data files: absolute, sorted, each once (a file reached by two paths under its first). */
  files: string[];
  /** Paths skipped, each named: links out of the data folder or in a loop, FIFOs, devices, sockets. */
  problems: KgError[];
}

/**
 * The data files under the given files and folders. Symbolic links are followed while their target is
 * inside the data folder (`root`); one that leads out of it is PATH_OUTSIDE_ROOT, one that leads back
 * into a folder it is in is PATH_LOOP. A data path that is neither a regular file nor a folder is
 * skipped with a warning (an error when `strict`), and never opened.
 */
export async function collectFiles(
  paths: readonly string[],
  root: string,
  strict = false,
): Promise<CollectedFiles> {
  const realRoot = await realpath(root).catch(() => root);
  /** Each file found, by its real path. */
  const found = new Map<string, string>();
  const problems: KgError[] = [];
  /** What a path holds: data files as [real path, path], and problems, in path order. */
  type Found = [real: string, path: string] | KgError;
  const problem = (code: ErrorCode, path: string, message: string, severity: Severity = 'error'): Found[] => [
    new KgError(code, message, { file: path }, { severity }),
  ];

  /**
   * `parentReal`: the real path of the folder `path` was listed in; a name in it that is no link needs
   * neither realpath nor a second stat.
   */
  const visit = async (
    path: string,
    given: boolean,
    ancestors: readonly string[],
    parentReal?: string,
  ): Promise<Found[]> => {
    let info = await lstat(path);
    const link = info.isSymbolicLink();
    let real = link || parentReal === undefined ? path : join(parentReal, basename(path));
    if (link || (parentReal === undefined && (info.isDirectory() || info.isFile()))) {
      try {
        real = await realpath(path);
        info = await stat(path);
      } catch (cause) {
        const code = (cause as NodeJS.ErrnoException).code;
        if (code === 'ELOOP')
          return problem('PATH_LOOP', path, 'symbolic link leads round in a loop; skipped');
        if (given || DATA_FILE.test(path))
          return problem(
            'FILE_UNREADABLE',
            path,
            `symbolic link to a missing path (${(cause as Error).message})`,
          );
        return [];
      }
      if (link && !isInside(realRoot, real)) {
        if (given || info.isDirectory() || DATA_FILE.test(path))
          return problem(
            'PATH_OUTSIDE_ROOT',
            path,
            `symbolic link to ${real}, outside the data folder ${root}; move the data inside, or give --root`,
          );
        return [];
      }
    }
    if (info.isDirectory()) {
      if (ancestors.includes(real))
        return problem('PATH_LOOP', path, `symbolic link leads back to ${real}, a folder it is in; skipped`);
      let entries;
      try {
        entries = await readdir(path);
      } catch (cause) {
        throw new KgError(
          'FILE_UNREADABLE',
          `cannot read folder ${path}: ${(cause as Error).message}`,
          {},
          { cause },
        );
      }
      // The entries looked at together (one after another, a large folder waited on each stat), their
      // findings taken in name order; of several failures, the first in that order is thrown.
      const inside = [...ancestors, real];
      const settled = await Promise.allSettled(
        entries.sort().map((name) => visit(join(path, name), false, inside, real)),
      );
      const failed = settled.find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
      return settled.flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
    }
    if (info.isFile()) return given || DATA_FILE.test(path) ? [[real, path]] : [];
    if (given || DATA_FILE.test(path))
      return problem(
        'NOT_REGULAR_FILE',
        path,
        `${describeSpecial(info)}, not a regular file or folder: skipped, never read`,
        strict ? 'error' : 'warning',
      );
    return [];
  };
  /** A file reached again (through a linked folder, say) is read once, under the path found first. */
  const take = (findings: Found[]) => {
    for (const f of findings) {
      if (f instanceof KgError) problems.push(f);
      else if (!found.has(f[0])) found.set(f[0], f[1]);
    }
  };

  // Every missing path is named, not only the first.
  const missing: string[] = [];
  for (const p of paths) {
    const abs = resolve(p);
    if (
      await lstat(abs).then(
        () => true,
        () => false,
      )
    )
      take(await visit(abs, true, []));
    else missing.push(p);
  }
  if (missing.length > 0)
    throw new KgError(
      'PATH_NOT_FOUND',
      `no such ${missing.length === 1 ? 'file or folder' : 'files or folders'}: ${missing.join(', ')}`,
    );
  if (found.size === 0) {
    const skipped = problems.map((e) => `; ${e.file}: ${e.message}`).join('');
    throw new KgError('NO_DATA_FILES', `no .yaml or .yml files under ${paths.join(', ')}${skipped}`);
  }
  return { files: [...new Set(found.values())].sort(), problems };
}

/** The deepest folder that holds every given path: the data folder when none is named. */
export async function commonRoot(paths: readonly string[]): Promise<string> {
  const dirs = await Promise.all(
    paths.map(async (p) => {
      const abs = resolve(p);
      // A missing path is reported by collectFiles, with the others.
      const info = await stat(abs).catch(() => undefined);
      return info?.isDirectory() ? abs : dirname(abs);
    }),
  );
  let root = dirs[0] ?? process.cwd();
  for (const d of dirs) while (!isInside(root, d)) root = dirname(root);
  return root;
}

/** True when `path` is `folder` or lies below it. */
export function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}
