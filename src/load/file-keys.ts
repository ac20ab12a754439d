import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import type { Dataset } from '../model/dataset';

/** What an incremental load needs to know of the files it loads. */
export interface FileKeys {
  /** Each data file, relative to the data folder, and the key of everything its statements become. */
  keys: Map<string, string>;
  /** The file (relative to the data folder) each statement is written in. */
  statementFile: Map<string, string>;
}

/**
 * A key per data file: the SHA-256 of its bytes and of each document its statements quote (the record,
 * which gives undated statements their date, and the text, which gives quotes their offsets). Equal keys
 * mean the file's statements load as the same relationships, whatever changed elsewhere.
 */
export async function fileKeys(dataset: Dataset): Promise<FileKeys> {
  const name = (file: string) => relative(dataset.root, file).split(sep).join('/');
  const documentsOf = new Map<string, Set<string>>();
  const statementFile = new Map<string, string>();
  for (const [id, s] of dataset.statements) {
    statementFile.set(id, name(s.where.file));
    const docs = documentsOf.get(s.where.file) ?? new Set<string>();
    docs.add(s.document);
    documentsOf.set(s.where.file, docs);
  }
  const documentHash = new Map<string, string>();
  for (const [id, d] of dataset.documents)
    documentHash.set(id, sha256(JSON.stringify([d.record, d.text ?? null])));
  const keys = new Map<string, string>();
  for (const file of dataset.files) {
    const hash = createHash('sha256').update(await readFile(file));
    for (const doc of [...(documentsOf.get(file) ?? [])].sort())
      hash.update(`\0${doc}\0${documentHash.get(doc)}`);
    keys.set(name(file), hash.digest('hex'));
  }
  return { keys, statementFile };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** One key of everything the data's graph is made from: equal keys, the same graph. */
export async function dataKey(dataset: Dataset): Promise<string> {
  return sha256(JSON.stringify([...(await fileKeys(dataset)).keys].sort()));
}
