import type { FactGraph } from '../../backends/memory/build-graph';
import { KgError } from '../../errors';
import { graphRecords, type GraphRecords } from '../../load/canonical';
import type { Dataset } from '../../model/dataset';
import { DATE_PROPERTIES, type RecordType } from '../../model/edtf';
import type { QueryResult } from '../query';
import { cypherError, CypherFault } from './errors';
import { compile, type Row } from './evaluate';
import { PropertyGraph } from './graph';
import { parseQuery } from './parse/clauses';
import { dataDate } from './temporal/parse';
import { fromPlain, toJson, type Value } from './values';

export { PropertyGraph } from './graph';

/** An attribute as the memory engine stores it: as toNeo4jProperty stores it in Neo4j (dates typed). */
function toCypherProperty(key: string, value: unknown, record: RecordType): Value {
  if (typeof value === 'string' && DATE_PROPERTIES[record].has(key)) return dataDate(value) ?? value;
  return fromPlain(value);
}

/** The data set name the memory view records as the owner, as `kg load` names a folder's data set. */
export const MEMORY_DATASET = 'graph-data';

const views = new WeakMap<FactGraph | Dataset, Map<string, PropertyGraph>>();

/**
 * The property graph Neo4j would hold after `loadIntoNeo4j(graph, ..., { dataset })`, built from the same
 * records the Neo4j loader writes (except the `:Dataset` bookkeeping node): of a FactGraph, or of a
 * validated dataset without building its FactGraph. Cached per graph or dataset.
 */
export function propertyGraph(source: FactGraph | Dataset, dataset = MEMORY_DATASET): PropertyGraph {
  let byDataset = views.get(source);
  if (!byDataset) views.set(source, (byDataset = new Map()));
  const cached = byDataset.get(dataset);
  if (cached) return cached;
  const view = recordsGraph(plainRecords(source, dataset));
  byDataset.set(dataset, view);
  return view;
}

/** The records with their values as the data has them: what a worker thread is sent (recordsGraph). */
export function plainRecords(source: FactGraph | Dataset, dataset = MEMORY_DATASET): GraphRecords<unknown> {
  return graphRecords(source, dataset, (_key, value) => value);
}

/** The property graph of plainRecords, values converted as the Neo4j loader converts them (dates typed). */
export function recordsGraph(records: GraphRecords<unknown>): PropertyGraph {
  const view = new PropertyGraph();
  const nodes = new Map<string, ReturnType<PropertyGraph['addNode']>>();
  const toMap = (props: Record<string, unknown>, record: RecordType) => {
    const map = new Map<string, Value>();
    for (const key in props) {
      const value = toCypherProperty(key, props[key], record);
      if (value !== null) map.set(key, value);
    }
    return map;
  };
  // Documents, entities and statements are keyed apart: an entity and a document may share an id.
  for (const d of records.documents)
    nodes.set(`d:${d.id}`, view.addNode(`d:${d.id}`, d.labels, toMap(d.props, 'document')));
  for (const e of records.entities)
    nodes.set(`e:${e.id}`, view.addNode(`e:${e.id}`, e.labels, toMap(e.props, 'entity')));
  for (const s of records.statements)
    nodes.set(`s:${s.id}`, view.addNode(`s:${s.id}`, s.labels, toMap(s.props, 'statement')));
  const key = { Document: 'd', Entity: 'e', Statement: 's' } as const;
  for (const r of records.relationships) {
    const start = nodes.get(`${key[r.from]}:${r.subject}`);
    const end = nodes.get(`${key[r.to]}:${r.object}`);
    if (!start || !end) throw new Error(`relationship ${r.id} has a missing end`);
    view.addRel(r.id, r.type, start, end, toMap(r.props, 'statement'));
  }
  return view;
}

export interface CypherOptions {
  params?: Record<string, unknown>;
  /** Names the query in error positions (a --file path); `<query>` by default. */
  file?: string;
  /** The query fails with QUERY_TIMEOUT once it has run this long (any size; default: no limit). */
  timeoutSeconds?: number;
  /** Asked as the query runs; true stops it with INTERRUPTED (a flag another thread sets, say). */
  isCancelled?: () => boolean;
}

/** Steps between looks at the clock and the cancellation flag: a look costs more than a step. */
const GUARD_EVERY = 4096;

/** The guard of a run: throws once the deadline has passed or the run is cancelled. */
function guard(options: CypherOptions): (() => void) | undefined {
  const { timeoutSeconds, isCancelled } = options;
  if (timeoutSeconds === undefined && isCancelled === undefined) return undefined;
  const deadline = timeoutSeconds === undefined ? Infinity : performance.now() + timeoutSeconds * 1000;
  let steps = 0;
  return () => {
    if (++steps % GUARD_EVERY !== 0) return;
    if (performance.now() > deadline)
      throw new KgError(
        'QUERY_TIMEOUT',
        `the query ran longer than --timeout (${timeoutSeconds} s) and was stopped`,
      );
    if (isCancelled?.()) throw new KgError('INTERRUPTED', 'the query was cancelled before it finished');
  };
}

/** Runs already-parsed text on a property graph: the rows as Cypher values. */
function execute(
  view: PropertyGraph,
  text: string,
  options: CypherOptions,
  allowCreate: boolean,
): { columns: string[]; rows: Row[] } {
  const file = options.file ?? '<query>';
  let phase: 'compile' | 'run' = 'compile';
  try {
    const params = new Map(Object.entries(options.params ?? {}).map(([k, v]) => [k, fromPlain(v)]));
    const compiled = compile(parseQuery(text, allowCreate), view, new Set(params.keys()));
    phase = 'run';
    const rows = compiled.run([[]], { graph: view, params, guard: guard(options) });
    return { columns: compiled.columns, rows };
  } catch (e) {
    if (e instanceof CypherFault) {
      const code = phase === 'run' && e.code === 'CYPHER_SYNTAX' ? 'CYPHER_RUNTIME' : e.code;
      throw cypherError(code, e.message, text, e.at, file);
    }
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      throw new KgError('CYPHER_RUNTIME', 'the query nests or recurses too deeply', {
        file,
        line: 1,
        col: 1,
      });
    }
    throw e;
  }
}

/**
 * Runs a read-only Cypher query on the in-memory graph, giving what `queryNeo4j` gives for the same
 * query on the same data loaded into Neo4j: the columns and the rows as JSON values in the same shapes.
 * Errors are KgErrors placed at line:col of the query: CYPHER_SYNTAX, CYPHER_UNSUPPORTED, CYPHER_WRITE
 * (writes are refused) and CYPHER_RUNTIME.
 */
export function queryGraph(
  graph: FactGraph | Dataset | PropertyGraph,
  cypher: string,
  options: CypherOptions = {},
): QueryResult {
  const view = graph instanceof PropertyGraph ? graph : propertyGraph(graph);
  const { columns, rows } = execute(view, cypher, options, false);
  return {
    columns,
    rows: rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, toJson(r[i] ?? null)]))),
  };
}

/**
 * The setup-only path: runs a query that may CREATE nodes and relationships in `view`. For building
 * test graphs (the openCypher TCK's setup steps, the benchmark's generator), never for user queries.
 */
export function runSetup(view: PropertyGraph, cypher: string, params: Record<string, unknown> = {}): void {
  execute(view, cypher, { params }, true);
}

/** Runs a query and gives the raw Cypher values, for comparing them by Cypher's rules (the TCK runner). */
export function queryValues(
  view: PropertyGraph,
  cypher: string,
  params: Record<string, unknown> = {},
): { columns: string[]; rows: Value[][] } {
  return execute(view, cypher, { params }, false);
}
