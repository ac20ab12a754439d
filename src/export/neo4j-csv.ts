import { stringify } from 'csv-stringify/sync';
import { KgError } from '../errors';
import type { FactGraph } from '../backends/memory/build-graph';
import { ENTITY_KINDS } from '../model/generated';
import { DATE_PROPERTIES, type RecordType } from '../model/edtf';
import {
  EDGE_RESERVED,
  graphRecords,
  MENTIONED_IN,
  NEO4J_SHAPE,
  type EndLabel,
  type RelationshipRecord,
} from '../load/canonical';
import type { Column, ColumnType } from './attributes';
import { map, type Chunks } from './chunks';
import type { ExportFormatSpec, SerializeOptions } from './format-spec';

/**
 * The data set the files belong to when the caller names none (the CLI names it as `kg load` does:
 * `--dataset`, else the data folder's name).
 */
export const DEFAULT_DATASET = 'graph-data';

/** neo4j-admin cannot escape its array delimiter inside an element, so one of these is chosen per graph. */
const ARRAY_DELIMITERS = [
  [';', ';'],
  ['|', '|'],
  ['\u001f', 'U+001F'],
] as const;

type Cell = string | number | undefined;

/** The column's neo4j-admin header type: the property types `kg load` gives (integers, dates, lists). */
function headerType({ name, type }: Column, record: RecordType): string {
  if (type === 'list') return 'string[]';
  if (type === 'int') return 'long';
  if (type === 'double' || type === 'boolean') return type;
  return DATE_PROPERTIES[record].has(name) ? 'date' : 'string';
}

const header = (column: Column, record: RecordType) => `${column.name}:${headerType(column, record)}`;

function typeOf(value: unknown): ColumnType {
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'double';
  return 'string';
}

/** The columns of some records' properties (the loader's own, id and data set, left out), sorted. */
function columnsOf(records: { props: Record<string, unknown> }[], own: readonly string[]): Column[] {
  const types = new Map<string, ColumnType>();
  for (const { props } of records) {
    for (const [name, value] of Object.entries(props)) {
      if (value === undefined || own.includes(name)) continue;
      const t = typeOf(value);
      const seen = types.get(name);
      types.set(
        name,
        seen === undefined || seen === t ? t : seen === 'int' && t === 'double' ? 'double' : 'string',
      );
    }
  }
  return [...types].sort(([a], [b]) => compareIds(a, b)).map(([name, type]) => ({ name, type }));
}

/** Rows a call to stringify. */
const CSV_BATCH = 1000;

/**
 * A CSV file: the header as is, then the rows with every string quoted, so that an empty string ("")
 * stays a property and only a missing value (an empty field) is none. Values are the exact text: no
 * guard against spreadsheet formulas (`=cmd|...`), which belongs to CSV meant for spreadsheets; these
 * files are for neo4j-admin, which must store what the data says.
 */
function* csv(head: string[], rows: Iterable<Cell[]>): Chunks {
  yield stringify([head]);
  // A batch at a time: each record ends with its own line break, so batches join into the same text.
  let batch: Cell[][] = [];
  for (const row of rows) {
    batch.push(row);
    if (batch.length === CSV_BATCH) {
      yield stringify(batch, { quoted_string: true });
      batch = [];
    }
  }
  if (batch.length > 0) yield stringify(batch, { quoted_string: true });
}

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The first array delimiter no list element contains: [character, how neo4j-admin is told it]. */
function arrayDelimiter(listElements: string[]): readonly [string, string] {
  const delimiter = ARRAY_DELIMITERS.find(([c]) => !listElements.some((e) => e.includes(c)));
  if (!delimiter) {
    throw new KgError('INVALID_DATA', 'no array delimiter for neo4j-admin: lists hold ";", "|" and U+001F');
  }
  return delimiter;
}

const hasLineBreak = (value: unknown): boolean =>
  Array.isArray(value) ? value.some(hasLineBreak) : typeof value === 'string' && /[\n\r]/.test(value);

const shellQuote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

/** import.sh: the neo4j-admin command for the files, with the options that keep every value exact. */
function importScript(dataset: string, imports: string[], delimiter: string, multiline: boolean): string {
  return [
    '#!/bin/sh',
    `# Imports this folder (data set ${JSON.stringify(dataset)}) with neo4j-admin into a Neo4j 5 database`,
    '# that does not exist yet or is empty, the server stopped:',
    '#   NEO4J_HOME=/path/to/neo4j sh import.sh [--overwrite-destination ...]',
    '# Options given go to neo4j-admin ($NEO4J_ADMIN, else the one on the PATH); the database is',
    '# $NEO4J_DATABASE, else neo4j. Then `kg load --backend neo4j` on the same data (with the same',
    '# --dataset, if one was given to the export) creates the constraints and indexes, and changes nothing',
    "# else but the :Dataset node's loadedAt and source (the data folder it was loaded from).",
    'set -eu',
    'cd "$(dirname "$0")"',
    'exec "${NEO4J_ADMIN:-neo4j-admin}" database import full \\',
    ...imports.map((option) => `  ${shellQuote(option)} \\`),
    `  --array-delimiter=${shellQuote(delimiter)} \\`,
    `  --multiline-fields=${multiline} --trim-strings=false --ignore-empty-strings=false --legacy-style-quoting=false \\`,
    '  "$@" "${NEO4J_DATABASE:-neo4j}"',
    '',
  ].join('\n');
}

/**
 * A folder for `neo4j-admin database import full` that gives the graph `kg load --backend neo4j` gives,
 * from the same records (src/load/canonical.ts): `:Entity:<Kind>` nodes (a file a kind), `:Document`
 * nodes, `:Statement` nodes, a `:Dataset` node, a relationship of the predicate's type a statement (a file
 * a kind of end), the `SUBJECT` and `OBJECT` ties of the statement nodes, `MENTIONED_IN` from each entity
 * to the documents whose statements mention it, with the same ids, `datasets`/`dataset` and property
 * types; and `import.sh`, the import command. The `:Dataset` node has no `loadedAt`: the files are the
 * same for the same graph. Constraints and indexes are not imported: `kg load` creates them. One
 * difference neo4j-admin forces: an empty list (schema-valid, e.g. `qualifiers: []`) becomes no property,
 * as the importer cannot store empty arrays (neo4j/neo4j#13566).
 */
export function toNeo4jCsv(
  graph: FactGraph,
  { dataset = DEFAULT_DATASET }: SerializeOptions = {},
): Record<string, Chunks> {
  const records = graphRecords(graph, dataset, (_key, value) => value);
  const byId = <T extends { id: string }>(list: T[]) => [...list].sort((a, b) => compareIds(a.id, b.id));
  const documents = byId(records.documents);
  const entities = byId(records.entities);
  const statements = byId(records.statements);
  const relationships = byId(records.relationships);

  // Multi-line fields slow neo4j-admin's parsing down a lot: asked for only when a value has a line break.
  const all = [...documents, ...entities, ...statements, ...relationships];
  const multiline =
    hasLineBreak(dataset) ||
    all.some(({ id, props }) => hasLineBreak(id) || Object.values(props).some(hasLineBreak));
  const [separator, delimiterArgument] = arrayDelimiter([
    dataset,
    ...all.flatMap(({ props }) =>
      Object.values(props).flatMap((v) => (Array.isArray(v) ? (v as unknown[]).map(String) : [])),
    ),
  ]);
  const cells = (props: Record<string, unknown>, columns: Column[]): Cell[] =>
    columns.map(({ name, type }) => {
      const value = props[name];
      if (value === undefined) return undefined;
      if (type === 'list') return (value as unknown[]).join(separator);
      return typeof value === 'number' ? value : String(value);
    });

  // Files are filled as they are written; what can fail (kinds, the delimiter) is checked before.
  const files: Record<string, Chunks> = {};
  const imports: string[] = [];
  const add = (option: string, file: string, head: string[], rows: Iterable<Cell[]>) => {
    files[file] = csv(head, rows);
    imports.push(`--${option}=${file}`);
  };
  /** A node file: the id in its id space, the properties, the owners. */
  const nodeFile = (
    option: string,
    file: string,
    space: EndLabel,
    rows: { id: string; props: Record<string, unknown> }[],
    record: RecordType,
    owners: 'datasets' | 'dataset',
  ) => {
    const columns = columnsOf(rows, ['id', owners]);
    add(
      option,
      file,
      [
        `id:ID(${space})`,
        ...columns.map((c) => header(c, record)),
        `${owners}:string${owners === 'datasets' ? '[]' : ''}`,
      ],
      map(rows, (n) => [n.id, ...cells(n.props, columns), dataset]),
    );
  };

  nodeFile('nodes=Document', 'documents.csv', 'Document', documents, 'document', 'datasets');
  add(
    'nodes=Dataset',
    'dataset.csv',
    ['name:ID(Dataset)', 'documents:string[]', 'entities:long', 'statements:long', 'shape:long'],
    [
      [
        dataset,
        documents.map((d) => d.id).join(separator),
        entities.length,
        graph.size + statements.filter((s) => s.props.asserted === false).length,
        NEO4J_SHAPE,
      ],
    ],
  );
  for (const kind of [...new Set(entities.map((n) => n.kind))].sort(compareIds)) {
    // The kind becomes a label on the command line: only the schema's own kinds get there.
    if (!Object.hasOwn(ENTITY_KINDS, kind)) {
      throw new KgError('INVALID_DATA', `unknown entity kind ${JSON.stringify(kind)}`);
    }
    const ofKind = entities.filter((n) => n.kind === kind);
    nodeFile(`nodes=Entity:${kind}`, `entities-${kind}.csv`, 'Entity', ofKind, 'entity', 'datasets');
  }
  if (statements.length > 0)
    nodeFile('nodes=Statement', 'statement-nodes.csv', 'Statement', statements, 'statement', 'dataset');
  /** The relationship files: one for each pair of end id spaces (and MENTIONED_IN its own). */
  const groups = new Map<string, RelationshipRecord<unknown>[]>();
  for (const r of relationships) {
    const file =
      r.type === MENTIONED_IN
        ? 'mentioned-in.csv'
        : r.from === 'Statement'
          ? `statement-${r.to === 'Statement' ? 'statement' : 'entity'}-ties.csv`
          : r.to === 'Statement'
            ? 'statements-about-statements.csv'
            : 'statements.csv';
    const group = groups.get(file);
    if (group) group.push(r);
    else groups.set(file, [r]);
  }
  // Mentions first: neo4j-admin links each relationship into its end nodes' chains of relationship
  // groups (one a type, walked from the head), and a node's groups are chained in the order the import
  // meets their types. The mentions, 2 of 3 relationships, then find theirs first instead of after every
  // predicate's: in a profile of the import of 1M statements, that walk went from a fifth of the samples
  // to 1.5 % (docs/performance.md).
  for (const file of [
    'mentioned-in.csv',
    'statements.csv',
    'statements-about-statements.csv',
    'statement-entity-ties.csv',
    'statement-statement-ties.csv',
  ]) {
    const rows = groups.get(file);
    if (!rows && file !== 'statements.csv' && file !== 'mentioned-in.csv') continue;
    const list = rows ?? [];
    const columns = columnsOf(list, EDGE_RESERVED);
    const first = list[0];
    // A mention has one type and no id (its ends are its key).
    const mentions = file === 'mentioned-in.csv';
    add(
      mentions ? `relationships=${MENTIONED_IN}` : 'relationships',
      file,
      [
        `:START_ID(${first?.from ?? 'Entity'})`,
        `:END_ID(${first?.to ?? (mentions ? 'Document' : 'Entity')})`,
        ...(mentions ? [] : [':TYPE', 'id:string']),
        ...columns.map((c) => header(c, 'statement')),
        'dataset:string',
      ],
      map(list, (r) => [
        r.subject,
        r.object,
        ...(mentions ? [] : [r.type, r.id]),
        ...cells(r.props, columns),
        dataset,
      ]),
    );
  }
  files['import.sh'] = [importScript(dataset, imports, delimiterArgument, multiline)];
  return files;
}

export const NEO4J_CSV_FORMAT = {
  extension: '',
  opensWith: 'neo4j-admin database import full (run import.sh in the folder)',
  serialize: toNeo4jCsv,
} as const satisfies ExportFormatSpec;
