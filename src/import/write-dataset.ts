import { existsSync, readdirSync, renameSync, rmSync, rmdirSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Document, isSeq, type YAMLMap } from 'yaml';
import { KgError } from '../errors';
import type { DocumentRecord, Entity, StatementRecord } from '../model/generated';

/** A data set to write in graph-data's layout. */
export interface DatasetFiles {
  /** The first comment line of every YAML file: where the data came from. */
  header: string;
  documents: {
    name: string;
    record: DocumentRecord;
    text: string;
    /** The statements, each with a comment to put before it, if any. */
    statements: { record: StatementRecord; comment?: string }[];
  }[];
  /** Entities by file name (`people`, `organizations`, ...). */
  entities: Record<string, Entity[]>;
}

/**
 * Writes a data set into `out`, in graph-data's layout: sources/NAME.txt (the text), documents/NAME.yaml
 * (its record), statements/NAME.yaml (its statements), entities/KIND.yaml. `out` must not exist or be an
 * empty folder; the files are written beside it and moved in at the end, so a failed import leaves
 * nothing behind. Returns the paths written, relative to `out`.
 */
export async function writeDataset(out: string, data: DatasetFiles): Promise<string[]> {
  if (existsSync(out) && !(isFolder(out) && readdirSync(out).length === 0))
    throw new KgError(
      'OUTPUT_FAILED',
      `${out} exists and is not an empty folder: give a new folder to --out`,
      {
        file: out,
      },
    );
  const staging = join(dirname(out), `.${basename(out)}.importing-${process.pid}`);
  const written: string[] = [];
  const put = async (path: string, text: string) => {
    await mkdir(dirname(join(staging, path)), { recursive: true });
    await writeFile(join(staging, path), text, { flag: 'wx' });
    written.push(path);
  };
  try {
    await mkdir(staging, { recursive: true });
    for (const d of data.documents) {
      await put(`sources/${d.name}.txt`, d.text);
      await put(`documents/${d.name}.yaml`, yamlFile(data.header, { documents: [d.record] }));
      if (d.statements.length === 0) continue;
      const file = yamlFile(
        data.header,
        { document: d.record.id, statements: d.statements.map((s) => s.record) },
        (doc) => {
          const items = doc.get('statements');
          if (!isSeq(items)) return;
          d.statements.forEach((s, i) => {
            if (s.comment) (items.items[i] as YAMLMap).commentBefore = ` ${s.comment}`;
          });
        },
      );
      await put(`statements/${d.name}.yaml`, file);
    }
    for (const [name, entities] of Object.entries(data.entities))
      if (entities.length > 0) await put(`entities/${name}.yaml`, yamlFile(data.header, { entities }));
    if (existsSync(out)) rmdirSync(out);
    renameSync(staging, out);
    return written;
  } catch (cause) {
    rmSync(staging, { recursive: true, force: true });
    if (cause instanceof KgError) throw cause;
    throw new KgError(
      'OUTPUT_FAILED',
      `cannot write ${out}: ${(cause as Error).message}`,
      { file: out },
      { cause },
    );
  }
}

/** A YAML file of `content`, with the header comment; `edit` may add comments to its nodes. */
function yamlFile(header: string, content: object, edit?: (doc: Document) => void): string {
  const doc = new Document(content);
  doc.commentBefore = ` ${header}`;
  edit?.(doc);
  // No folding: a quote stays on one line (or a literal block), as written in the text.
  return doc.toString({ lineWidth: 0 });
}

function isFolder(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;
}
