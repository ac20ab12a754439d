import type { SourcePosition } from '../errors';
import type { DocumentRecord, Entity, StatementRecord } from './generated';

/** A record as written in a data file, with where it and each of its fields were written. */
export interface Located<T> {
  record: T;
  where: SourcePosition;
  fields: Partial<Record<string, SourcePosition>>;
}

export interface DocumentEntry extends Located<DocumentRecord> {
  /** Absolute path of the source text. */
  sourcePath: string;
  /** The source text, normalized as quotes are matched against it (NFC, LF); absent if unreadable. */
  text?: string;
}

export interface StatementEntry extends Located<StatementRecord> {
  /** The document the statement quotes (its file's `document`). */
  document: string;
  /** Where the quote is in the document's normalized text, once found. */
  span?: { start: number; end: number };
  /** Where the sourceQuote ("ifølge Reuters") is, once found. */
  sourceSpan?: { start: number; end: number };
}

/** Everything the data files define, keyed by id, in the order the (sorted) files define it. */
export interface Dataset {
  /** The data folder: document paths must stay inside it. */
  root: string;
  files: string[];
  documents: Map<string, DocumentEntry>;
  entities: Map<string, Located<Entity>>;
  statements: Map<string, StatementEntry>;
}

/**
 * Whether `id` names a statement (a claim about a claim, a condition). An id is taken once across the
 * sections (a second definition is a DUPLICATE_ID and is not registered), so an entity's id is never a
 * statement's: the small map of entities answers for most ids, sparing a look-up among a million
 * statements, each a cache miss there.
 */
export function isStatementId(dataset: Pick<Dataset, 'entities' | 'statements'>, id: unknown): id is string {
  return typeof id === 'string' && !dataset.entities.has(id) && dataset.statements.has(id);
}
