#!/usr/bin/env node
// Cypher on the memory backend against Neo4j on the same generated graph (100,000 nodes, 1,000,000
// relationships): a one-hop pattern with a property filter, a two-hop pattern and an aggregation, each
// timed after a warm-up (median of the timed runs). Prints a table and writes bench/cypher-results.json.
//
//   npm run build && node scripts/bench-cypher.mjs [--runs 5] [--edges 1000000]
//
// Neo4j: NEO4J_URI (default bolt://127.0.0.1:27687), NEO4J_USERNAME, NEO4J_PASSWORD (default
// factgraph-test). The graph is loaded there in batches (UNWIND) unless it is already; a database that
// holds anything else is refused, never emptied.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { prng } from './corpus.mjs';

const require = createRequire(import.meta.url);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const neo4j = require('neo4j-driver');
const { PropertyGraph, queryGraph } = require(join(ROOT, 'dist/query/cypher/index.js'));

const args = process.argv.slice(2);
const option = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const RUNS = option('runs', 5);
const EDGES = option('edges', 1_000_000);
const PEOPLE = Math.round(EDGES / 14);
const COMPANIES = Math.round(EDGES / 33);
const KNOWS = Math.round(EDGES * 0.7);
const WORKS_AT = EDGES - KNOWS;
const CITIES = 50;

function generate() {
  // The same pseudo-random graph every run.
  const rnd = prng(1);
  const int = (n) => Math.floor(rnd() * n);
  const people = Array.from({ length: PEOPLE }, (_, i) => ({
    id: i,
    name: `person${i}`,
    age: 18 + int(73),
    city: `city${int(CITIES)}`,
  }));
  const companies = Array.from({ length: COMPANIES }, (_, i) => ({
    id: PEOPLE + i,
    name: `company${i}`,
    city: `city${int(CITIES)}`,
  }));
  const knows = Array.from({ length: KNOWS }, () => {
    const a = int(PEOPLE);
    return { a, b: (a + 1 + int(PEOPLE - 1)) % PEOPLE, since: 1990 + int(35) };
  });
  const worksAt = Array.from({ length: WORKS_AT }, () => ({
    a: int(PEOPLE),
    b: PEOPLE + int(COMPANIES),
    since: 1990 + int(35),
  }));
  return { people, companies, knows, worksAt };
}

const QUERIES = [
  {
    name: 'one hop, property filter',
    cypher: "MATCH (a:Person {city: 'city7'})-[:KNOWS]->(b:Person) WHERE b.age > 60 RETURN count(*) AS n",
  },
  {
    name: 'two hops',
    cypher:
      'MATCH (a:Person)-[:KNOWS]->(b:Person)-[:WORKS_AT]->(c:Company) WHERE a.age < 25 RETURN count(*) AS n',
  },
  {
    name: 'aggregation',
    cypher:
      'MATCH (p:Person)-[w:WORKS_AT]->(c:Company) RETURN c.city AS city, count(*) AS employees, ' +
      'avg(p.age) AS age, min(w.since) AS first ORDER BY employees DESC, city LIMIT 10',
  },
];

function buildMemory(data) {
  const g = new PropertyGraph();
  const nodes = [];
  const props = (o) => new Map(Object.entries(o).map(([k, v]) => [k, typeof v === 'number' ? BigInt(v) : v]));
  for (const p of data.people) nodes.push(g.addNode(null, ['Bench', 'Person'], props(p)));
  for (const c of data.companies) nodes.push(g.addNode(null, ['Bench', 'Company'], props(c)));
  for (const r of data.knows) g.addRel(null, 'KNOWS', nodes[r.a], nodes[r.b], props({ since: r.since }));
  for (const r of data.worksAt) g.addRel(null, 'WORKS_AT', nodes[r.a], nodes[r.b], props({ since: r.since }));
  return g;
}

async function loadNeo4j(driver, data) {
  const run = (q, params = {}) =>
    driver.executeQuery(q, params, { database: process.env.NEO4J_DATABASE || 'neo4j' });
  const count = async (q) => Number((await run(q)).records[0].get(0));
  const foreign = await count('MATCH (n) WHERE NOT n:Bench RETURN count(n)');
  if (foreign > 0) {
    throw new Error(
      `the Neo4j database holds ${foreign} nodes that are not the benchmark's; use an empty one`,
    );
  }
  const rels = await count('MATCH (:Bench)-[r]->(:Bench) RETURN count(r)');
  const nodes = await count('MATCH (n:Bench) RETURN count(n)');
  if (rels === EDGES && nodes === PEOPLE + COMPANIES) return 'already loaded';
  await run('MATCH (n:Bench) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS').catch(async () => {
    // executeQuery runs in a managed transaction; IN TRANSACTIONS needs an auto-commit one.
    const session = driver.session();
    try {
      await session.run('MATCH (n:Bench) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
    } finally {
      await session.close();
    }
  });
  await run('CREATE INDEX bench_id IF NOT EXISTS FOR (n:Bench) ON (n.id)');
  await run('CALL db.awaitIndexes(300)');
  const batches = async (rows, query) => {
    for (let i = 0; i < rows.length; i += 20000) {
      await run(query, { rows: rows.slice(i, i + 20000).map(toInts) });
    }
  };
  const toInts = (o) =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'number' ? neo4j.int(v) : v]));
  const t = performance.now();
  await batches(data.people, 'UNWIND $rows AS row CREATE (n:Bench:Person) SET n = row');
  await batches(data.companies, 'UNWIND $rows AS row CREATE (n:Bench:Company) SET n = row');
  await batches(
    data.knows,
    'UNWIND $rows AS row MATCH (a:Bench {id: row.a}), (b:Bench {id: row.b}) CREATE (a)-[:KNOWS {since: row.since}]->(b)',
  );
  await batches(
    data.worksAt,
    'UNWIND $rows AS row MATCH (a:Bench {id: row.a}), (b:Bench {id: row.b}) CREATE (a)-[:WORKS_AT {since: row.since}]->(b)',
  );
  return `loaded in ${((performance.now() - t) / 1000).toFixed(1)} s`;
}

/** Equal, floats within 1e-9 relative: the two engines sum in different orders. */
function close(a, b) {
  if (typeof a === 'number' && typeof b === 'number')
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => close(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    return ka.join() === Object.keys(b).join() && ka.every((k) => close(a[k], b[k]));
  }
  return a === b;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function time(fn) {
  const t = performance.now();
  const result = await fn();
  return { seconds: (performance.now() - t) / 1000, result };
}

const config = {
  uri: process.env.NEO4J_URI || 'bolt://127.0.0.1:27687',
  username: process.env.NEO4J_USERNAME || 'neo4j',
  password: process.env.NEO4J_PASSWORD || 'factgraph-test',
};

let data = generate();
const built = await time(() => buildMemory(data));
console.log(
  `memory: built ${PEOPLE + COMPANIES} nodes and ${EDGES} relationships in ${built.seconds.toFixed(1)} s`,
);
const memory = built.result;
const driver = neo4j.driver(config.uri, neo4j.auth.basic(config.username, config.password), {
  disableLosslessIntegers: true,
});
const results = [];
try {
  console.log(`neo4j: ${await loadNeo4j(driver, data)} (${config.uri})`);
  // The generator's rows are loaded into both; let them go so they do not weigh on the timed runs.
  data = null;
  for (const q of QUERIES) {
    const runMemory = () => queryGraph(memory, q.cypher).rows;
    const runNeo4j = async () =>
      (await driver.executeQuery(q.cypher, {}, { routing: neo4j.routing.READ })).records.map((r) =>
        r.toObject(),
      );
    // Warm-up: the JIT, Neo4j's plan cache and page cache, the memory engine's property indexes.
    for (let i = 0; i < 2; i++) {
      runMemory();
      await runNeo4j();
    }
    const m = [];
    const n = [];
    let mRows;
    let nRows;
    for (let i = 0; i < RUNS; i++) {
      const a = await time(runMemory);
      const b = await time(runNeo4j);
      m.push(a.seconds);
      n.push(b.seconds);
      mRows = a.result;
      nRows = b.result;
    }
    const same = close(mRows, nRows);
    if (!same)
      console.error(
        `${q.name}: different results\n  memory: ${JSON.stringify(mRows)}\n  neo4j:  ${JSON.stringify(nRows)}`,
      );
    results.push({
      query: q.name,
      cypher: q.cypher,
      memorySeconds: median(m),
      neo4jSeconds: median(n),
      ratio: median(m) / median(n),
      sameResult: same,
      rows: mRows.length,
    });
  }
} finally {
  await driver.close();
}

const header = ['query', 'memory s', 'neo4j s', 'memory / neo4j', 'same result'];
const table = results.map((r) => [
  r.query,
  r.memorySeconds.toFixed(3),
  r.neo4jSeconds.toFixed(3),
  r.ratio.toFixed(2),
  r.sameResult ? 'yes' : 'NO',
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
for (const row of [header, ...table]) console.log(row.map((c, i) => c.padEnd(widths[i])).join('  '));

const out = join(ROOT, 'bench', 'cypher-results.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify(
    {
      graph: { nodes: PEOPLE + COMPANIES, relationships: EDGES },
      runs: RUNS,
      machine: {
        cpus: cpus().length,
        cpu: cpus()[0]?.model,
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        node: process.version,
      },
      results,
    },
    null,
    2,
  )}\n`,
);
console.log(`wrote ${out}`);
if (results.some((r) => !r.sameResult)) process.exitCode = 1;
