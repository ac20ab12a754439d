import { readdir, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep, isAbsolute } from 'node:path';
import { KgError } from '../errors';

const DATA_FILE = /\.ya?ml$/i;

/** The data files under the given files and folders: absolute, sorted, each once. */
export async function collectFiles(paths: readonly string[]): Promise<string[]> {
  const found = new Set<string>();
  const missing: string[] = [];
  for (const p of paths) {
    const abs = resolve(p);
    let info;
    try {
      info = await stat(abs);
    } catch {
      // Every missing path is named, not only the first.
      missing.push(p);
      continue;
    }
    if (info.isDirectory()) {
      let entries;
      try {
        entries = await readdir(abs, { recursive: true, withFileTypes: true });
      } catch (cause) {
        throw new KgError(
          'FILE_UNREADABLE',
          `cannot read folder ${p}: ${(cause as Error).message}`,
          {},
          { cause },
        );
      }
      for (const e of entries) {
        if (e.isFile() && DATA_FILE.test(e.name)) found.add(join(e.parentPath, e.name));
      }
    } else found.add(abs);
  }
  if (missing.length > 0)
    throw new KgError(
      'PATH_NOT_FOUND',
      `no such ${missing.length === 1 ? 'file or folder' : 'files or folders'}: ${missing.join(', ')}`,
    );
  if (found.size === 0) {
    throw new KgError('NO_DATA_FILES', `no .yaml or .yml files under ${paths.join(', ')}`);
  }
  return [...found].sort();
}

/** The deepest folder that holds every given path: the data folder when none is named. */
export async function commonRoot(paths: readonly string[]): Promise<string> {
  const dirs = await Promise.all(
    paths.map(async (p) => {
      const abs = resolve(p);
      return (await stat(abs)).isDirectory() ? abs : dirname(abs);
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
