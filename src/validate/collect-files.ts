import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep, isAbsolute } from 'node:path';
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
  const problem = (code: ErrorCode, path: string, message: string, severity: Severity = 'error') =>
    problems.push(new KgError(code, message, { file: path }, { severity }));

  const visit = async (path: string, given: boolean, ancestors: readonly string[]): Promise<void> => {
    let info = await lstat(path);
    const link = info.isSymbolicLink();
    let real = path;
    if (link || info.isDirectory() || info.isFile()) {
      try {
        real = await realpath(path);
        info = await stat(path);
      } catch (cause) {
        const code = (cause as NodeJS.ErrnoException).code;
        if (code === 'ELOOP')
          return void problem('PATH_LOOP', path, 'symbolic link leads round in a loop; skipped');
        if (given || DATA_FILE.test(path))
          problem('FILE_UNREADABLE', path, `symbolic link to a missing path (${(cause as Error).message})`);
        return;
      }
      if (link && !isInside(realRoot, real)) {
        if (given || info.isDirectory() || DATA_FILE.test(path))
          problem(
            'PATH_OUTSIDE_ROOT',
            path,
            `symbolic link to ${real}, outside the data folder ${root}; move the data inside, or give --root`,
          );
        return;
      }
    }
    if (info.isDirectory()) {
      if (ancestors.includes(real))
        return void problem(
          'PATH_LOOP',
          path,
          `symbolic link leads back to ${real}, a folder it is in; skipped`,
        );
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
      for (const name of entries.sort()) await visit(join(path, name), false, [...ancestors, real]);
    } else if (info.isFile()) {
      if (!given && !DATA_FILE.test(path)) return;
      // A file reached again (through a linked folder, say) is read once, under the path found first.
      if (!found.has(real)) found.set(real, path);
    } else if (given || DATA_FILE.test(path)) {
      problem(
        'NOT_REGULAR_FILE',
        path,
        `${describeSpecial(info)}, not a regular file or folder: skipped, never read`,
        strict ? 'error' : 'warning',
      );
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
      await visit(abs, true, []);
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
