// Neo4j's own SHOW FUNCTIONS / SHOW PROCEDURES rows (YIELD *) for the functions and procedures the
// memory engine implements, captured from a running server into src/query/cypher/show-catalog.json,
// which the engine's SHOW commands answer from.
//
//   npm run build && NEO4J_URI=bolt://127.0.0.1:7687 NEO4J_PASSWORD=... node scripts/show-catalog.mjs [--check]
//
// --check compares the committed file with the server's rows instead of writing it (exit 1 if they differ).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import neo4j from 'neo4j-driver';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..');
const FILE = join(ROOT, 'src', 'query', 'cypher', 'show-catalog.json');
const require = createRequire(import.meta.url);
const { implemented } = require(join(ROOT, 'dist', 'query', 'cypher', 'show.js'));
const { BUILT_INS } = require(join(ROOT, 'dist', 'query', 'cypher', 'procedures.js'));

/** Plain JSON of a driver value (the catalog holds strings, booleans, lists and maps). */
const plain = (v) =>
  Array.isArray(v)
    ? v.map(plain)
    : v !== null && typeof v === 'object'
      ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]))
      : v;

async function capture() {
  const driver = neo4j.driver(
    process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687',
    neo4j.auth.basic(process.env.NEO4J_USERNAME ?? 'neo4j', process.env.NEO4J_PASSWORD ?? 'factgraph-dev'),
  );
  try {
    const rows = async (query) =>
      (await driver.executeQuery(query, {}, { database: process.env.NEO4J_DATABASE ?? 'neo4j' })).records.map(
        (r) => plain(r.toObject()),
      );
    const procedures = new Set(BUILT_INS.map((p) => p.name));
    return {
      functions: (await rows('SHOW FUNCTIONS YIELD *')).filter((r) => r.isBuiltIn && implemented(r.name)),
      procedures: (await rows('SHOW PROCEDURES YIELD *')).filter((r) => procedures.has(r.name)),
    };
  } finally {
    await driver.close();
  }
}

const text = `${JSON.stringify(await capture(), null, 2)}\n`;
if (process.argv.includes('--check')) {
  if (readFileSync(FILE, 'utf8') !== text) {
    console.error(
      `${FILE} differs from the server's SHOW FUNCTIONS / SHOW PROCEDURES: run scripts/show-catalog.mjs`,
    );
    process.exit(1);
  }
  console.log('same');
} else {
  writeFileSync(FILE, text);
  console.log(`wrote ${FILE}`);
}
