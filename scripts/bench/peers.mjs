// The peers of the bench: what a user would run instead of factgraph, on the same data in the same run.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { CACHE, clearNeo4j, dist, NEO4J, ROOT, timed } from './common.mjs';

const require = createRequire(import.meta.url);
const NEO4J_IMPORT = process.env.BENCH_NEO4J_IMPORT ?? '/tmp/neo4j-bench/import';
/** Sizes the Python peer runs at: beyond, it would take most of an hour. */
export const PYTHON_UP_TO = 100_000;

/** The Python pipeline, in the bench's own virtual environment (made once, not timed). */
export function pythonPeer(ctx) {
  const venv = join(CACHE, 'venv');
  const python = join(venv, 'bin', 'python');
  if (!existsSync(python)) {
    execFileSync('python3', ['-m', 'venv', venv], { stdio: 'inherit' });
    execFileSync(python, ['-m', 'pip', 'install', '-q', 'pyyaml', 'jsonschema', 'networkx'], {
      stdio: 'inherit',
    });
  }
  const out = execFileSync(
    python,
    [
      join(ROOT, 'scripts', 'bench', 'python-peer.py'),
      join(ROOT, 'schema', 'data-file.schema.json'),
      ctx.dir,
    ],
    { encoding: 'utf8', maxBuffer: 16 << 20 },
  );
  const r = JSON.parse(out.trim().split('\n').pop());
  if (r.errors > 0) throw new Error(`the Python peer found ${r.errors} schema errors in valid data`);
  return { seconds: r.seconds, edges: r.edges };
}

/** A column of a neo4j-admin CSV header as a Cypher expression over `row`, typed as the import types it. */
function columnValue(column) {
  const type = column.slice(column.lastIndexOf(':') + 1);
  const v = `row.\`${column}\``;
  if (type === 'long') return `toInteger(${v})`;
  if (type === 'date') return `date(${v})`;
  if (type === 'boolean') return `toBoolean(${v})`;
  if (type === 'string[]') return `split(${v}, ';')`;
  return v;
}

/** How LOAD CSV finds a node of an id space: its label, and the properties its id is. */
const ID_SPACES = {
  Entity: (v) => `:Entity {id: ${v}}`,
  Document: (v) => `:Document {id: ${v}}`,
  Dataset: (v) => `:Dataset {name: ${v}}`,
  Statement: (v) => `:Statement {id: ${v}, dataset: row.\`dataset:string\`}`,
};

/**
 * Neo4j's own LOAD CSV of the neo4j-csv export's rows into the same server, with the constraints and
 * indexes `kg load` makes, one `CALL { } IN TRANSACTIONS` a file: what a Neo4j user would write. LOAD CSV
 * cannot take a relationship type from a row, so the rows are first split by type (not timed).
 */
export async function loadCsvPeer(ctx) {
  const csv = join(ctx.outDir, 'neo4j-csv');
  if (!existsSync(join(csv, 'import.sh'))) throw new Error('run the neo4j-csv export stage first');
  const { parse } = require('csv-parse/sync');
  const { stringify } = require('csv-stringify/sync');
  const folder = join(NEO4J_IMPORT, 'factgraph-bench');
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  // import.sh lists the files: --nodes=LABELS=FILE, --relationships=[TYPE=]FILE.
  const script = readFileSync(join(csv, 'import.sh'), 'utf8');
  const loads = [];
  for (const [, what, spec] of script.matchAll(/'--(nodes|relationships)=([^']+)'/g)) {
    const [labels, file] = spec.includes('=') ? spec.split('=') : [undefined, spec];
    const rows = parse(readFileSync(join(csv, file)), { relax_quotes: false });
    const [head, ...body] = rows;
    const props = (skip) =>
      head
        .map((c, i) => [c, i])
        .filter(([c]) => !skip(c))
        .map(([c]) => `\`${c.slice(0, c.indexOf(':'))}\`: ${columnValue(c)}`)
        .join(', ');
    if (what === 'nodes') {
      writeFileSync(join(folder, file), readFileSync(join(csv, file)));
      const idColumn = head.find((c) => c.includes(':ID('));
      const key = idColumn.slice(0, idColumn.indexOf(':'));
      const rest = props((c) => c === idColumn);
      loads.push(
        `LOAD CSV WITH HEADERS FROM 'file:///factgraph-bench/${file}' AS row CALL { WITH row ` +
          `CREATE (n:${labels} {\`${key}\`: row.\`${idColumn}\`${rest ? `, ${rest}` : ''}}) } IN TRANSACTIONS OF 10000 ROWS`,
      );
      continue;
    }
    const start = head.find((c) => c.startsWith(':START_ID('));
    const end = head.find((c) => c.startsWith(':END_ID('));
    const typeAt = head.indexOf(':TYPE');
    const space = (c) => ID_SPACES[/\((\w+)\)/.exec(c)[1]];
    const byType = new Map();
    for (const row of body) {
      const type = typeAt < 0 ? labels : row[typeAt];
      if (!byType.has(type)) byType.set(type, []);
      byType.get(type).push(row);
    }
    const rest = props((c) => c === start || c === end || c === ':TYPE');
    for (const [type, typed] of byType) {
      const part = `${file.replace(/\.csv$/, '')}-${type}.csv`;
      writeFileSync(join(folder, part), stringify([head, ...typed]));
      loads.push(
        `LOAD CSV WITH HEADERS FROM 'file:///factgraph-bench/${part}' AS row CALL { WITH row ` +
          `MATCH (a${space(start)(`row.\`${start}\``)}) MATCH (b${space(end)(`row.\`${end}\``)}) ` +
          `CREATE (a)-[:\`${type}\` {${rest}}]->(b) } IN TRANSACTIONS OF 10000 ROWS`,
      );
    }
  }
  await clearNeo4j();
  const neo4j = require('neo4j-driver');
  const driver = neo4j.driver(NEO4J.uri, neo4j.auth.basic(NEO4J.username, NEO4J.password));
  try {
    const { ensureSchema } = dist('backends/neo4j/load.js');
    await ensureSchema(driver, NEO4J.database);
    const session = driver.session({ database: NEO4J.database });
    try {
      const result = await timed(async () => {
        for (const load of loads) await session.run(load);
      });
      const [rels] = (await session.run('MATCH ()-[r]->() RETURN count(r) AS n')).records;
      // This process only waits: the CPU is the server's.
      return { ...result, cpuSeconds: undefined, relationships: rels.get('n').toNumber() };
    } finally {
      await session.close();
    }
  } finally {
    await driver.close();
  }
}
