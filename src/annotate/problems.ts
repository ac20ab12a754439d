/**
 * The validator's problems as kg annotate shows them: those a change brings, and each at the record and
 * the field it is about.
 */
import type { KgError, KgErrorJSON } from '../errors';
import type { Dataset, Located } from '../model/dataset';
import type { ValidationResult } from '../validate/validate';
import type { EditSection } from './workspace';
import { itemLines } from './yaml-edit';

/** A problem as the page shows it: the validator's, with its file relative to the data folder and the field it is about. */
export interface Problem extends KgErrorJSON {
  field?: string;
}

/** The errors and warnings of `after` that `before` did not have (positions move; code, file and message do not). */
export function newProblems(before: ValidationResult, after: ValidationResult): KgError[] {
  const key = (e: KgError) => `${e.severity}\0${e.code}\0${e.file ?? ''}\0${e.message}`;
  const seen = new Map<string, number>();
  for (const e of [...before.errors, ...before.warnings]) seen.set(key(e), (seen.get(key(e)) ?? 0) + 1);
  return [...after.errors, ...after.warnings].filter((e) => {
    const left = seen.get(key(e)) ?? 0;
    if (left > 0) seen.set(key(e), left - 1);
    return left === 0;
  });
}

/**
 * The problems in each statement and entity (by line: those from its first line to the next record's),
 * each named by the field it is on, as the form shows them when the record is opened.
 */
export function recordProblems(
  dataset: Dataset,
  problems: readonly Problem[],
  rel: (file: string) => string,
): Map<Located<unknown>, Problem[]> {
  const records = new Map<string, Located<unknown>[]>();
  const all = [...dataset.statements.values(), ...dataset.entities.values(), ...dataset.documents.values()];
  for (const entry of all) {
    const file = rel(entry.where.file);
    const list = records.get(file);
    if (list) list.push(entry);
    else records.set(file, [entry]);
  }
  for (const list of records.values()) list.sort((a, b) => a.where.line - b.where.line);
  const found = new Map<Located<unknown>, Problem[]>();
  for (const p of problems) {
    if (p.file === undefined || p.line === undefined) continue;
    const entry = records
      .get(p.file)
      ?.filter((r) => r.where.line <= p.line!)
      .pop();
    if (!entry) continue;
    const on = Object.entries(entry.fields)
      .filter(([, at]) => at !== undefined && at.line <= p.line!)
      .sort((a, b) => a[1]!.line - b[1]!.line)
      .pop();
    // A problem of the whole record (a missing field) is at its first line.
    const field = on && !(p.code === 'MISSING_FIELD' && p.line === entry.where.line) ? on[0] : undefined;
    found.set(entry, [...(found.get(entry) ?? []), { ...p, ...(field === undefined ? {} : { field }) }]);
  }
  return found;
}

/** Names the field of the changed item that each problem in it is on (by the line of the field). */
export function locateFields(
  problems: Problem[],
  text: string,
  file: string,
  section: EditSection,
  index: number,
): void {
  const lines = itemLines(text, section, index);
  if (!lines) return;
  for (const p of problems) {
    if (p.file !== file || p.line === undefined || p.line < lines.first || p.line > lines.last) continue;
    const on = lines.fields.filter((f) => f.line <= p.line!).pop();
    // A problem of the whole record (a missing field) is at the item's first line, the id's.
    if (on && !(p.code === 'MISSING_FIELD' && on.line === lines.first)) p.field = on.field;
  }
}
