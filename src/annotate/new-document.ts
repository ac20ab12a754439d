/**
 * `kg new document`: an article copied into the data folder, with its document record and an empty
 * statements file, ready for `kg annotate`. Nothing is written unless the result validates.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, unlink, writeFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { Document } from 'yaml';
import { KgError } from '../errors';
import { validate } from '../validate/validate';

export interface NewDocumentOptions {
  /** The data folder (graph-data/). */
  data: string;
  id?: string;
  title?: string;
  date?: string;
  language?: string;
}

export interface NewDocument {
  id: string;
  /** The files written, relative to the data folder. */
  files: string[];
}

/** 2025-08-21-security-guarantees.nb.txt: the date, the name and the language its name gives. */
const NAME = /^(?<date>\d{4}-\d{2}-\d{2})?.*?(?:\.(?<language>[a-z]{2,3}))?\.txt$/i;

export async function newDocument(source: string, options: NewDocumentOptions): Promise<NewDocument> {
  const bytes = await readFile(source).catch((e: Error) => {
    throw new KgError('PATH_NOT_FOUND', `cannot read ${source}: ${e.message}`);
  });
  const text = bytes.toString('utf8');
  const name = basename(source);
  const found = NAME.exec(name)?.groups ?? {};
  const stem = name.replace(/(\.[a-z]{2,3})?\.txt$/i, '');
  const slug = stem
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  const id = options.id ?? `doc:${slug}`;
  const language = options.language ?? found.language;
  const date = options.date ?? found.date;
  const title =
    options.title ??
    text
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim();
  if (!language)
    throw new KgError('USAGE', `give --language (the file name ${name} has no .nb.txt-like tag)`);
  if (!date) throw new KgError('USAGE', `give --date (the file name ${name} does not start with one)`);
  if (!title) throw new KgError('USAGE', `give --title (${name} is empty)`);
  const base = id.replace(/^doc:/, '');
  const sourceFile = join(options.data, 'sources', `${base}.${language}.txt`);
  const documentFile = join(options.data, 'documents', `${base}.yaml`);
  const statementsFile = join(options.data, 'statements', `${base}.yaml`);
  for (const file of [sourceFile, documentFile, statementsFile])
    if (existsSync(file))
      throw new KgError('OUTPUT_FAILED', `${file} exists already: choose another --id`, { file });

  const record = {
    id,
    title,
    date,
    language,
    path: `../sources/${basename(sourceFile)}`,
  };
  const documentText =
    (await header(join(options.data, 'documents'))) +
    new Document({ documents: [record] }).toString({ lineWidth: 0 });
  const statementsText =
    (await header(join(options.data, 'statements'))) + `document: ${id}\nstatements: []\n`;

  const written: string[] = [];
  try {
    for (const [file, content] of [
      [sourceFile, bytes],
      [documentFile, documentText],
      [statementsFile, statementsText],
    ] as const) {
      await mkdir(join(file, '..'), { recursive: true });
      await writeFile(file, content, { flag: 'wx' });
      written.push(file);
    }
    const result = await validate([options.data]);
    const ours = result.errors.filter((e) => e.file && written.includes(e.file));
    if (ours.length > 0) throw new KgError('INVALID_DATA', ours.map((e) => e.format()).join('\n'));
  } catch (e) {
    await Promise.all(written.map((f) => unlink(f).catch(() => undefined)));
    throw e;
  }
  return { id, files: written.map((f) => relative(options.data, f).split('\\').join('/')) };
}

/** The `# yaml-language-server` line the folder's other files have, so editors check the new one too. */
async function header(dir: string): Promise<string> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names.filter((n) => /\.ya?ml$/.test(n)).sort()) {
    const first = (await readFile(join(dir, name), 'utf8')).split('\n')[0] ?? '';
    if (first.startsWith('# yaml-language-server:')) return `${first}\n`;
  }
  return '';
}
