import initSqlJs from 'sql.js';

/**
 * Builds DNA 3 databases (the Discourse Network Analyzer's SQLite files) for tests, with sql.js. The
 * tables are DNA 3's as the importer reads them, written here from DNA's layout (leifeld/dna,
 * `Sql.java`): the columns it reads and their keys, without DNA's colours, checks and permissions.
 */
const DDL = `
CREATE TABLE SETTINGS(Property TEXT PRIMARY KEY, Value TEXT NOT NULL);
CREATE TABLE CODERS(ID INTEGER PRIMARY KEY, Name TEXT NOT NULL);
CREATE TABLE DOCUMENTS(ID INTEGER PRIMARY KEY, Title TEXT NOT NULL, Text TEXT NOT NULL, Coder INTEGER,
  Author TEXT NOT NULL DEFAULT '', Source TEXT NOT NULL DEFAULT '', Section TEXT NOT NULL DEFAULT '',
  Notes TEXT NOT NULL DEFAULT '', Type TEXT NOT NULL DEFAULT '', Date INTEGER NOT NULL);
CREATE TABLE STATEMENTTYPES(ID INTEGER PRIMARY KEY, Label TEXT NOT NULL);
CREATE TABLE VARIABLES(ID INTEGER PRIMARY KEY, Variable TEXT NOT NULL, DataType TEXT NOT NULL,
  StatementTypeId INTEGER, UNIQUE (Variable, StatementTypeId));
CREATE TABLE STATEMENTS(ID INTEGER PRIMARY KEY, StatementTypeId INTEGER, DocumentId INTEGER,
  Start INTEGER NOT NULL, Stop INTEGER NOT NULL, Coder INTEGER);
CREATE TABLE ENTITIES(ID INTEGER PRIMARY KEY, VariableId INTEGER NOT NULL, Value TEXT NOT NULL DEFAULT '',
  ChildOf INTEGER, UNIQUE (VariableId, Value));
CREATE TABLE DATASHORTTEXT(ID INTEGER PRIMARY KEY, StatementId INTEGER NOT NULL, VariableId INTEGER NOT NULL,
  Entity INTEGER NOT NULL, UNIQUE (StatementId, VariableId));
CREATE TABLE DATALONGTEXT(ID INTEGER PRIMARY KEY, StatementId INTEGER NOT NULL, VariableId INTEGER NOT NULL,
  Value TEXT DEFAULT '', UNIQUE (StatementId, VariableId));
CREATE TABLE DATABOOLEAN(ID INTEGER PRIMARY KEY, StatementId INTEGER NOT NULL, VariableId INTEGER NOT NULL,
  Value INTEGER NOT NULL DEFAULT 1, UNIQUE (StatementId, VariableId));
CREATE TABLE DATAINTEGER(ID INTEGER PRIMARY KEY, StatementId INTEGER NOT NULL, VariableId INTEGER NOT NULL,
  Value INTEGER NOT NULL DEFAULT 0, UNIQUE (StatementId, VariableId));
CREATE TABLE ATTRIBUTEVARIABLES(ID INTEGER PRIMARY KEY, VariableId INTEGER NOT NULL, AttributeVariable TEXT NOT NULL,
  UNIQUE (VariableId, AttributeVariable));
CREATE TABLE ATTRIBUTEVALUES(ID INTEGER PRIMARY KEY, EntityId INTEGER NOT NULL, AttributeVariableId INTEGER NOT NULL,
  AttributeValue TEXT NOT NULL DEFAULT '', UNIQUE (EntityId, AttributeVariableId));
`;

export type DataType = 'short text' | 'long text' | 'boolean' | 'integer';

export interface DnaSpec {
  version?: string;
  coders: Record<number, string>;
  statementTypes: Record<number, string>;
  /** id → [name, data type, statement type]. */
  variables: Record<number, [string, DataType, number]>;
  /** id → [variable, value, childOf?]. */
  entities: Record<number, [number, string, number?]>;
  /** [entity, attribute name, value]; each attribute is declared for the entity's variable. */
  attributes?: [number, string, string][];
  documents: {
    id: number;
    title: string;
    text: string;
    coder: number;
    date: number;
    author?: string;
    source?: string;
    section?: string;
    notes?: string;
    type?: string;
  }[];
  /** `values`: variable id → an entity id (short text), a number (boolean, integer) or text (long text). */
  statements: {
    id: number;
    type: number;
    document: number;
    start: number;
    stop: number;
    coder: number;
    values: Record<number, number | string>;
  }[];
}

/** The bytes of a .dna file holding `spec`. */
export async function buildDna(spec: DnaSpec): Promise<Uint8Array> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run(DDL);
  const insert = (sql: string, rows: (number | string | null)[][]) => {
    const statement = db.prepare(sql);
    for (const row of rows) statement.run(row);
    statement.free();
  };
  if (spec.version) insert("INSERT INTO SETTINGS VALUES ('version', ?)", [[spec.version]]);
  insert(
    'INSERT INTO CODERS VALUES (?, ?)',
    Object.entries(spec.coders).map(([id, name]) => [Number(id), name]),
  );
  insert(
    'INSERT INTO STATEMENTTYPES VALUES (?, ?)',
    Object.entries(spec.statementTypes).map(([id, label]) => [Number(id), label]),
  );
  insert(
    'INSERT INTO VARIABLES VALUES (?, ?, ?, ?)',
    Object.entries(spec.variables).map(([id, v]) => [Number(id), ...v]),
  );
  insert(
    'INSERT INTO ENTITIES VALUES (?, ?, ?, ?)',
    Object.entries(spec.entities).map(([id, [variable, value, childOf]]) => [
      Number(id),
      variable,
      value,
      childOf ?? null,
    ]),
  );
  const attributeIds = new Map<string, number>();
  for (const [entity, name, value] of spec.attributes ?? []) {
    const variable = spec.entities[entity]![0];
    const key = `${variable}/${name}`;
    if (!attributeIds.has(key)) {
      attributeIds.set(key, attributeIds.size + 1);
      insert('INSERT INTO ATTRIBUTEVARIABLES VALUES (?, ?, ?)', [[attributeIds.size, variable, name]]);
    }
    insert('INSERT INTO ATTRIBUTEVALUES (EntityId, AttributeVariableId, AttributeValue) VALUES (?, ?, ?)', [
      [entity, attributeIds.get(key)!, value],
    ]);
  }
  insert(
    'INSERT INTO DOCUMENTS VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    spec.documents.map((d) => [
      d.id,
      d.title,
      d.text,
      d.coder,
      d.author ?? '',
      d.source ?? '',
      d.section ?? '',
      d.notes ?? '',
      d.type ?? '',
      d.date,
    ]),
  );
  const table: Record<DataType, string> = {
    'short text': 'DATASHORTTEXT (StatementId, VariableId, Entity)',
    'long text': 'DATALONGTEXT (StatementId, VariableId, Value)',
    boolean: 'DATABOOLEAN (StatementId, VariableId, Value)',
    integer: 'DATAINTEGER (StatementId, VariableId, Value)',
  };
  for (const s of spec.statements) {
    insert('INSERT INTO STATEMENTS VALUES (?, ?, ?, ?, ?, ?)', [
      [s.id, s.type, s.document, s.start, s.stop, s.coder],
    ]);
    for (const [variable, value] of Object.entries(s.values))
      insert(`INSERT INTO ${table[spec.variables[Number(variable)]![1]]} VALUES (?, ?, ?)`, [
        [s.id, Number(variable), value],
      ]);
  }
  const bytes = db.export();
  db.close();
  return bytes;
}
