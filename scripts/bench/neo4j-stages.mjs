// The bench's Neo4j stages beside LOAD CSV (./peers.mjs): the driver load first after a server start and
// warm, and KGX loading the same graph.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { CACHE, clearNeo4j, dist, NEO4J, ROOT, timed } from './common.mjs';

const require = createRequire(import.meta.url);

/**
 * The data, valid, from the cache the earlier stages filled (not timed): the dataset, which is what
 * `kg load --backend neo4j` hands the load (it builds no graphology graph).
 */
async function datasetOf(ctx) {
  const { validate } = dist('index.js');
  const result = await validate([ctx.dir], { cacheDir: ctx.cacheDir });
  if (!result.ok) throw new Error(`${ctx.dir} does not validate: ${result.errors[0]?.message}`);
  return result.dataset;
}

/**
 * `kg load --backend neo4j`'s work on an emptied database: what Neo4j and the load do for a new data set.
 * `before` runs after the emptying, untimed.
 */
export async function driverLoad(ctx, before = () => {}) {
  const dataset = await datasetOf(ctx);
  await clearNeo4j();
  before();
  const { loadIntoNeo4j } = dist('backends/neo4j/load.js');
  return timed(async () => {
    const r = await loadIntoNeo4j(dataset, NEO4J, { dataset: `bench-${ctx.size}` });
    return { transactions: r.transactions, relationships: r.writtenRelationships };
  });
}

/**
 * The driver load after the bench server is stopped and started again ($BENCH_NEO4J_HOME, default
 * /tmp/neo4j-bench, the folder docs/performance.md starts it in): the first load after a start pays for
 * the server's cold JIT and page cache.
 */
export const driverLoadAfterStart = (ctx) =>
  driverLoad(ctx, () => {
    const env = {
      ...process.env,
      NEO4J_HOME_DIR: process.env.BENCH_NEO4J_HOME ?? '/tmp/neo4j-bench',
      NEO4J_BOLT_PORT: new URL(NEO4J.uri).port,
      NEO4J_PASSWORD: NEO4J.password,
    };
    for (const command of ['stop', 'start'])
      execFileSync('bash', [join(ROOT, 'scripts', 'neo4j', 'neo4j.sh'), command], { env, stdio: 'pipe' });
  });

/**
 * The bench's Python (the virtual environment ./peers.mjs makes for the Python peer), with kgx 2.6.0 and
 * the Biolink model it reads installed once, not timed.
 */
function kgxPython() {
  const venv = join(CACHE, 'venv');
  const python = join(venv, 'bin', 'python');
  if (!existsSync(python)) execFileSync('python3', ['-m', 'venv', venv], { stdio: 'inherit' });
  try {
    execFileSync(python, ['-c', 'import kgx, biolink_model'], { stdio: 'ignore' });
  } catch {
    execFileSync(python, ['-m', 'pip', 'install', '-q', 'kgx==2.6.0', 'biolink-model'], { stdio: 'inherit' });
  }
  return python;
}

/** A TSV cell: KGX reads lists joined by `|`, and a tab or line break would end the cell or the row. */
const cell = (v) =>
  v === undefined || v === null ? '' : (Array.isArray(v) ? v.join('|') : String(v)).replace(/[\t\r\n]/g, ' ');

function tsv(path, columns, rows) {
  const lines = [columns.join('\t')];
  for (const row of rows) lines.push(columns.map((c) => cell(row[c])).join('\t'));
  writeFileSync(path, `${lines.join('\n')}\n`);
}

/**
 * KGX 2.6 (`kgx transform` to its Neo4j sink) loading the same graph, written as KGX TSV (not timed):
 * entities and documents as nodes of category `biolink:NamedThing` plus their kind, the statements and
 * the mentions as edges with their properties. kgx's own constraint (`CREATE CONSTRAINT ... ON ...
 * ASSERT`, Neo4j 4 syntax) fails on Neo4j 5 and kgx only logs it: without it every node MERGE scans
 * every node, so the bench makes it in Neo4j 5 syntax first, as a user would who noticed.
 */
export async function kgxPeer(ctx) {
  const dataset = await datasetOf(ctx);
  const { graphRecords } = dist('load/canonical.js');
  const records = graphRecords(dataset, `bench-${ctx.size}`, (_key, value) => value);
  const folder = join(CACHE, 'out', ctx.size, 'kgx');
  mkdirSync(folder, { recursive: true });
  const nodes = [
    ...records.entities.map((e) => ({ ...e.props, category: ['biolink:NamedThing', e.kind] })),
    ...records.documents.map((d) => ({ ...d.props, category: ['biolink:NamedThing', 'Document'] })),
  ];
  // A mention's properties have no id (Neo4j keys it by its ends): KGX is given the record's.
  const edges = records.relationships.map((r) => ({
    ...r.props,
    id: r.id,
    subject: r.subject,
    predicate: r.type,
    object: r.object,
  }));
  const columnsOf = (rows, first) => [...new Set([...first, ...rows.flatMap((r) => Object.keys(r))])];
  const nodesTsv = join(folder, 'nodes.tsv');
  const edgesTsv = join(folder, 'edges.tsv');
  tsv(nodesTsv, columnsOf(nodes, ['id', 'category']), nodes);
  tsv(edgesTsv, columnsOf(edges, ['id', 'subject', 'predicate', 'object']), edges);

  const python = kgxPython();
  await clearNeo4j();
  const neo4j = require('neo4j-driver');
  const driver = neo4j.driver(NEO4J.uri, neo4j.auth.basic(NEO4J.username, NEO4J.password));
  try {
    await driver.executeQuery(
      'CREATE CONSTRAINT kgx_named_thing_id IF NOT EXISTS FOR (n:`biolink:NamedThing`) REQUIRE n.id IS UNIQUE',
      {},
      { database: NEO4J.database },
    );
    const out = execFileSync(
      python,
      [join(ROOT, 'scripts', 'bench', 'kgx-peer.py'), nodesTsv, edgesTsv, NEO4J.uri, NEO4J.password],
      { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'ignore'] },
    );
    const r = JSON.parse(out.trim().split('\n').pop());
    const { records: counted } = await driver.executeQuery(
      'MATCH ()-[r]->() RETURN count(r) AS n',
      {},
      { database: NEO4J.database },
    );
    return {
      seconds: r.seconds,
      relationships: counted[0].get('n').toNumber(),
      written: edges.length,
      errors: r.errors,
    };
  } finally {
    await driver.close();
  }
}
