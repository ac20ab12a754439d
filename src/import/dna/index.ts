import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { KgError } from '../../errors';
import { writeDataset } from '../write-dataset';
import { convertDna, type DnaImportOptions, type DnaImportSummary } from './convert';
import { readDna } from './read';

export type { DnaImportOptions, DnaImportSummary, NotImported } from './convert';

export interface DnaImportResult extends DnaImportSummary {
  /** The files written, relative to the output folder. */
  files: string[];
}

/**
 * Imports a DNA 3 database (`.dna`, the Discourse Network Analyzer's SQLite file) as a factgraph data
 * set in `out` (a new or empty folder): documents, sources, entities and statements, in graph-data's
 * layout. What the data set cannot carry is counted in the result's `notImported`.
 */
export async function importDna(
  file: string,
  out: string,
  options: DnaImportOptions = {},
): Promise<DnaImportResult> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'PATH_NOT_FOUND' : 'FILE_UNREADABLE';
    throw new KgError(code, `cannot read ${file}: ${(cause as Error).message}`, { file }, { cause });
  }
  const name = basename(file);
  const dna = await readDna(bytes, file);
  const { documents, entities, summary } = convertDna(dna, name, options);
  const files = await writeDataset(out, {
    header: `Imported from ${name}${dna.version ? ` (DNA ${dna.version})` : ''} by kg import dna, statement type "${summary.statementType}".`,
    documents: documents.map((d) => ({
      ...d,
      statements: d.statements.map((s) => ({ record: s.record, ...(s.extended && { comment: s.extended }) })),
    })),
    entities: { people: entities.Person, organizations: entities.Organization, concepts: entities.Concept },
  });
  return { ...summary, files };
}
