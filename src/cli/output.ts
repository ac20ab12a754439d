import { relative, isAbsolute } from 'node:path';
import pc from 'picocolors';
import type { KgError } from '../errors';
import type { Dataset } from '../model/dataset';

/** Paths as the user would type them: relative to the working folder when inside it. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

/** One problem a line, `path:line:col: error CODE message`, coloured on a terminal. */
export function formatProblem(e: KgError, color: boolean): string {
  const line = e.format(displayPath);
  if (!color) return line;
  const label = `${e.severity} ${e.code}`;
  return line.replace(label, (e.severity === 'error' ? pc.red : pc.yellow)(pc.bold(label)));
}

export function problemsJson(list: readonly KgError[]): unknown[] {
  return list.map((e) => {
    const json = e.toJSON();
    return json.file === undefined ? json : { ...json, file: displayPath(json.file) };
  });
}

/** `1 file`, `2 files`, `2 entities`. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** `valid: 10 files: 1 document, 46 entities, 71 statements`, or `invalid: 2 errors in ...`, coloured. */
export function validationSummary(dataset: Dataset, errors: number): string {
  const { files, documents, entities, statements } = dataset;
  const what = `${plural(files.length, 'file')}: ${plural(documents.size, 'document')}, ${plural(entities.size, 'entity', 'entities')}, ${plural(statements.size, 'statement')}`;
  return errors === 0 ? pc.green(`valid: ${what}`) : pc.red(`invalid: ${plural(errors, 'error')} in ${what}`);
}

/** A two-column table of counts, right-aligned numbers. */
export function countTable(title: string, counts: Record<string, number>): string {
  const entries = Object.entries(counts);
  const width = Math.max(title.length, ...entries.map(([k]) => k.length));
  const numWidth = Math.max(...entries.map(([, v]) => String(v).length), 1);
  return [
    pc.bold(title),
    ...entries.map(([k, v]) => `  ${k.padEnd(width)}  ${String(v).padStart(numWidth)}`),
  ].join('\n');
}
