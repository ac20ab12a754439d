import { stringify } from 'csv-stringify/sync';
import { KgError } from '../errors';
import type { FactGraph } from '../backends/memory/build-graph';
import { DATE_FIELDS, ENTITY_KINDS } from '../model/generated';
import { NEO4J_SHAPE } from '../load/canonical';
import { attributeColumns, type Column } from './attributes';
import { map, type Chunks } from './chunks';
import type { ExportFormatSpec } from './format-spec';

/** The data set the files belong to, as `kg load --backend neo4j --dataset` records it. */
export const DEFAULT_DATASET = 'graph-data';

/** As loadIntoNeo4j names it; not imported, which would load neo4j-driver with every export. */
const MENTIONED_IN = 'MENTIONED_IN';

/** Property names the loader sets itself; data of those names is kept as `attr_<name>`. */
const NODE_RESERVED = ['id', 'datasets'];
const RELATIONSHIP_RESERVED = ['id', 'dataset'];

/** neo4j-admin cannot escape its array delimiter inside an element, so one of these is chosen per graph. */
const ARRAY_DELIMITERS = [
  [';', ';'],
  ['|', '|'],
  ['\u001f', 'U+001F'],
] as const;

type Cell = string | number | undefined;

const dateFields = new Set(DATE_FIELDS);

/** The column's neo4j-admin header type: the property types `kg load` gives (integers, dates, lists). */
function headerType({ name, type }: Column): string {
  if (type === 'list') return 'string[]';
  if (type === 'int') return 'long';
  if (type === 'double' || type === 'boolean') return type;
  return dateFields.has(name) ? 'date' : 'string';
}

const header = (column: Column, reserved: string[]) =>
  `${reserved.includes(column.name) ? `attr_${column.name}` : column.name}:${headerType(column)}`;

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
    '# $NEO4J_DATABASE, else neo4j. Then `kg load --backend neo4j` on the same data creates the constraints',
    "# and indexes, and changes nothing else but the :Dataset node's loadedAt.",
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

/** As loadIntoNeo4j: an entity mentions a document when it is a statement's subject, object, attributedTo or reportedBy there. */
function mentionRows(graph: FactGraph, dataset: string): Iterable<Cell[]> {
  const mentions = new Set<string>();
  graph.forEachEdge((_, a, subject, object) => {
    for (const entity of [subject, object, a.attributedTo, a.reportedBy]) {
      if (entity !== undefined) mentions.add(`${entity}\u0000${a.document}`);
    }
  });
  return map([...mentions].sort(compareIds), (m) => {
    const [entity, document] = m.split('\u0000') as [string, string];
    return [entity, document, `mention:${entity}@${document}`, dataset];
  });
}

/**
 * A folder for `neo4j-admin database import full` that gives the graph `kg load --backend neo4j` gives:
 * `:Entity:<Kind>` nodes (a file a kind), `:Document` nodes, a `:Dataset` node, a relationship of the
 * predicate's type a statement (statements.csv, `:TYPE` column), `MENTIONED_IN` from each entity to the
 * documents whose statements mention it, with the same ids, `datasets`/`dataset` and property types;
 * and `import.sh`, the import command. The `:Dataset` node has no `loadedAt`: the files are the same
 * for the same graph. Constraints and indexes are not imported: `kg load` creates them. One difference
 * neo4j-admin forces: an empty list (schema-valid, e.g. `qualifiers: []`) becomes no property, as the
 * importer cannot store empty arrays (neo4j/neo4j#13566).
 */
export function toNeo4jCsv(graph: FactGraph, dataset = DEFAULT_DATASET): Record<string, Chunks> {
  const documents = Object.entries(graph.getAttribute('documents')).sort(([a], [b]) => compareIds(a, b));
  const nodes = graph
    .mapNodes((id, attributes) => ({ id, attributes }))
    .sort((a, b) => compareIds(a.id, b.id));
  const edges = graph
    .mapEdges((id, attributes, source, target) => ({ id, attributes, source, target }))
    .sort((a, b) => compareIds(a.id, b.id));

  const nodeColumns = attributeColumns(graph, 'node').filter((c) => c.name !== 'kind');
  const edgeColumns = attributeColumns(graph, 'edge').filter((c) => c.name !== 'predicate');
  // Document fields are all text (dates as dates) in the schema.
  const documentColumns: Column[] = [...new Set(documents.flatMap(([, d]) => Object.keys(d)))]
    .sort(compareIds)
    .map((name) => ({ name, type: 'string' }));

  // Multi-line fields slow neo4j-admin's parsing down a lot: asked for only when a value has a line break.
  const multiline =
    hasLineBreak(dataset) ||
    [...documents.map(([id, attributes]) => ({ id, attributes })), ...nodes, ...edges].some(
      ({ id, attributes }) => hasLineBreak(id) || Object.values(attributes).some(hasLineBreak),
    );
  const [separator, delimiterArgument] = arrayDelimiter([
    dataset,
    ...documents.map(([id]) => id),
    ...[...nodes, ...edges].flatMap(({ attributes }) =>
      Object.values(attributes).flatMap((v) => (Array.isArray(v) ? (v as unknown[]).map(String) : [])),
    ),
  ]);
  const cells = (attributes: object, columns: Column[]): Cell[] =>
    columns.map(({ name, type }) => {
      const value = (attributes as Record<string, unknown>)[name];
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

  add(
    'nodes=Document',
    'documents.csv',
    ['id:ID(Document)', ...documentColumns.map((c) => header(c, NODE_RESERVED)), 'datasets:string[]'],
    documents.map(([id, d]) => [id, ...cells(d, documentColumns), dataset]),
  );
  add(
    'nodes=Dataset',
    'dataset.csv',
    ['name:ID(Dataset)', 'documents:string[]', 'entities:long', 'statements:long', 'shape:long'],
    [[dataset, documents.map(([id]) => id).join(separator), graph.order, graph.size, NEO4J_SHAPE]],
  );
  for (const kind of [...new Set(nodes.map((n) => n.attributes.kind))].sort(compareIds)) {
    // The kind becomes a label on the command line: only the schema's own kinds get there.
    if (!Object.hasOwn(ENTITY_KINDS, kind)) {
      throw new KgError('INVALID_DATA', `unknown entity kind ${JSON.stringify(kind)}`);
    }
    const ofKind = nodes.filter((n) => n.attributes.kind === kind);
    const columns = nodeColumns.filter((c) => ofKind.some((n) => Object.hasOwn(n.attributes, c.name)));
    add(
      `nodes=Entity:${kind}`,
      `entities-${kind}.csv`,
      ['id:ID(Entity)', ...columns.map((c) => header(c, NODE_RESERVED)), 'datasets:string[]'],
      map(ofKind, (n) => [n.id, ...cells(n.attributes, columns), dataset]),
    );
  }
  add(
    'relationships',
    'statements.csv',
    [
      ':START_ID(Entity)',
      ':END_ID(Entity)',
      ':TYPE',
      'id:string',
      ...edgeColumns.map((c) => header(c, RELATIONSHIP_RESERVED)),
      'dataset:string',
    ],
    map(edges, (e) => [
      e.source,
      e.target,
      e.attributes.predicate,
      e.id,
      ...cells(e.attributes, edgeColumns),
      dataset,
    ]),
  );
  add(
    `relationships=${MENTIONED_IN}`,
    'mentioned-in.csv',
    [':START_ID(Entity)', ':END_ID(Document)', 'id:string', 'dataset:string'],
    mentionRows(graph, dataset),
  );
  files['import.sh'] = [importScript(dataset, imports, delimiterArgument, multiline)];
  return files;
}

export const NEO4J_CSV_FORMAT = {
  extension: '',
  opensWith: 'neo4j-admin database import full (run import.sh in the folder)',
  serialize: toNeo4jCsv,
} as const satisfies ExportFormatSpec;
