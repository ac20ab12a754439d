import initSqlJs, { type Database, type SqlValue } from 'sql.js';
import { KgError } from '../../errors';

/**
 * A DNA 3 database (the Discourse Network Analyzer's SQLite file) as plain rows: the tables the importer
 * reads, keyed and typed. The layout is DNA 3's (`dna/src/main/java/sql/Sql.java` in leifeld/dna).
 */
export interface DnaDatabase {
  /** DNA's `version` setting, e.g. 3.0.7, when the file records it. */
  version: string | undefined;
  coders: Map<number, string>;
  documents: DnaDocument[];
  statementTypes: DnaStatementType[];
  variables: DnaVariable[];
  statements: DnaStatement[];
  entities: Map<number, DnaEntity>;
  /** Each statement's values by variable id: an entity id (short text), a number, or text. */
  values: Map<number, Map<number, DnaValue>>;
}

export interface DnaDocument {
  id: number;
  title: string;
  text: string;
  coder: number | null;
  author: string;
  source: string;
  section: string;
  notes: string;
  type: string;
  /** Unix time in seconds, UTC. */
  date: number;
}

export interface DnaStatementType {
  id: number;
  label: string;
}

export type DnaDataType = 'short text' | 'long text' | 'boolean' | 'integer';

export interface DnaVariable {
  id: number;
  name: string;
  dataType: DnaDataType;
  statementType: number;
}

export interface DnaStatement {
  id: number;
  statementType: number;
  document: number;
  /** UTF-16 offsets into the document's text, as Java's Swing selection gives them; stop exclusive. */
  start: number;
  stop: number;
  coder: number | null;
}

export interface DnaEntity {
  id: number;
  variable: number;
  value: string;
  childOf: number | null;
  /** Attribute values by attribute name (Type, Alias, Notes, and the user's own). */
  attributes: Map<string, string>;
}

export type DnaValue =
  { kind: 'entity'; entity: number } | { kind: 'number'; value: number } | { kind: 'text'; value: string };

/** The tables a DNA 3 database has, and the importer reads. */
const REQUIRED_TABLES = [
  'CODERS',
  'DOCUMENTS',
  'STATEMENTTYPES',
  'VARIABLES',
  'STATEMENTS',
  'ENTITIES',
  'DATASHORTTEXT',
  'DATALONGTEXT',
  'DATABOOLEAN',
  'DATAINTEGER',
];

const SQLITE_MAGIC = 'SQLite format 3\u0000';

/** Reads a DNA 3 database from the bytes of its file; `file` names it in errors. */
export async function readDna(bytes: Uint8Array, file: string): Promise<DnaDatabase> {
  if (Buffer.from(bytes.subarray(0, 16)).toString('latin1') !== SQLITE_MAGIC)
    throw new KgError('NOT_A_DNA_DATABASE', `${file} is not a DNA database: not an SQLite file`, { file });
  const SQL = await initSqlJs();
  let db: Database;
  try {
    db = new SQL.Database(bytes);
  } catch (cause) {
    throw new KgError('NOT_A_DNA_DATABASE', `${file} is not a readable SQLite file`, { file }, { cause });
  }
  try {
    const tables = new Set(
      rows(db, "SELECT name FROM sqlite_master WHERE type = 'table'").map((r) => text(r.name)),
    );
    const missing = REQUIRED_TABLES.filter((t) => !tables.has(t));
    if (missing.length > 0)
      throw new KgError(
        'NOT_A_DNA_DATABASE',
        `${file} is not a DNA 3 database: it has no table ${missing.join(', ')} (DNA 2 files must be opened and saved in DNA 3 first)`,
        { file },
      );
    return readTables(db, tables.has('SETTINGS'), tables.has('ATTRIBUTEVALUES'));
  } catch (cause) {
    if (cause instanceof KgError) throw cause;
    throw new KgError(
      'NOT_A_DNA_DATABASE',
      `${file} is not a DNA 3 database: ${(cause as Error).message}`,
      { file },
      { cause },
    );
  } finally {
    db.close();
  }
}

function readTables(db: Database, hasSettings: boolean, hasAttributes: boolean): DnaDatabase {
  const version = hasSettings
    ? rows(db, "SELECT Value FROM SETTINGS WHERE Property = 'version'").map((r) => text(r.Value))[0]
    : undefined;
  const coders = new Map(rows(db, 'SELECT ID, Name FROM CODERS').map((r) => [int(r.ID), text(r.Name)]));
  const documents = rows(
    db,
    'SELECT ID, Title, Text, Coder, Author, Source, Section, Notes, Type, Date FROM DOCUMENTS ORDER BY ID',
  ).map((r) => ({
    id: int(r.ID),
    title: text(r.Title),
    text: text(r.Text),
    coder: r.Coder === null ? null : int(r.Coder),
    author: text(r.Author),
    source: text(r.Source),
    section: text(r.Section),
    notes: text(r.Notes),
    type: text(r.Type),
    date: int(r.Date),
  }));
  const statementTypes = rows(db, 'SELECT ID, Label FROM STATEMENTTYPES ORDER BY ID').map((r) => ({
    id: int(r.ID),
    label: text(r.Label),
  }));
  const variables = rows(db, 'SELECT ID, Variable, DataType, StatementTypeId FROM VARIABLES ORDER BY ID').map(
    (r) => ({
      id: int(r.ID),
      name: text(r.Variable),
      dataType: text(r.DataType) as DnaDataType,
      statementType: int(r.StatementTypeId),
    }),
  );
  const statements = rows(
    db,
    'SELECT ID, StatementTypeId, DocumentId, Start, Stop, Coder FROM STATEMENTS ORDER BY ID',
  ).map((r) => ({
    id: int(r.ID),
    statementType: int(r.StatementTypeId),
    document: int(r.DocumentId),
    start: int(r.Start),
    stop: int(r.Stop),
    coder: r.Coder === null ? null : int(r.Coder),
  }));
  const entities = new Map<number, DnaEntity>(
    rows(db, 'SELECT ID, VariableId, Value, ChildOf FROM ENTITIES ORDER BY ID').map((r) => [
      int(r.ID),
      {
        id: int(r.ID),
        variable: int(r.VariableId),
        value: text(r.Value),
        childOf: r.ChildOf === null ? null : int(r.ChildOf),
        attributes: new Map(),
      },
    ]),
  );
  if (hasAttributes)
    for (const r of rows(
      db,
      `SELECT v.EntityId, a.AttributeVariable, v.AttributeValue FROM ATTRIBUTEVALUES v
       JOIN ATTRIBUTEVARIABLES a ON a.ID = v.AttributeVariableId ORDER BY v.ID`,
    ))
      entities.get(int(r.EntityId))?.attributes.set(text(r.AttributeVariable), text(r.AttributeValue));
  const values = new Map<number, Map<number, DnaValue>>();
  const put = (statement: SqlValue | undefined, variable: SqlValue | undefined, value: DnaValue) => {
    const id = int(statement);
    const map = values.get(id) ?? new Map<number, DnaValue>();
    map.set(int(variable), value);
    values.set(id, map);
  };
  for (const r of rows(db, 'SELECT StatementId, VariableId, Entity FROM DATASHORTTEXT ORDER BY ID'))
    put(r.StatementId, r.VariableId, { kind: 'entity', entity: int(r.Entity) });
  for (const table of ['DATABOOLEAN', 'DATAINTEGER'])
    for (const r of rows(db, `SELECT StatementId, VariableId, Value FROM ${table} ORDER BY ID`))
      put(r.StatementId, r.VariableId, { kind: 'number', value: int(r.Value) });
  for (const r of rows(db, 'SELECT StatementId, VariableId, Value FROM DATALONGTEXT ORDER BY ID'))
    put(r.StatementId, r.VariableId, { kind: 'text', value: r.Value === null ? '' : text(r.Value) });
  return { version, coders, documents, statementTypes, variables, statements, entities, values };
}

function rows(db: Database, sql: string): Record<string, SqlValue>[] {
  const [result] = db.exec(sql);
  if (!result) return [];
  return result.values.map((row) => Object.fromEntries(result.columns.map((c, i) => [c, row[i] ?? null])));
}

function int(value: SqlValue | undefined): number {
  return typeof value === 'number' ? value : Number(value);
}

function text(value: SqlValue | undefined): string {
  return value === null || value === undefined ? '' : typeof value === 'string' ? value : String(value);
}
