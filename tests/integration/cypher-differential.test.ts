/**
 * The memory Cypher engine against the real Neo4j, over the same graphs: the query files and generated
 * read queries must give the same rows (in order where the query has ORDER BY). Element ids are each
 * backend's own and are left out of the comparison; label lists are compared as sets.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import neo4j from 'neo4j-driver';
import { loadGraph, KgError } from '../../src';
import { loadIntoNeo4j } from '../../src/backends/neo4j/load';
import { readCanonicalFromNeo4j } from '../../src/backends/neo4j/read-graph';
import type { FactGraph } from '../../src/backends/memory/build-graph';
import { canonicalFromGraph } from '../../src/load/canonical';
import type { Neo4jConfig } from '../../src/backends/neo4j/connection';
import { parseParams, queryNeo4j } from '../../src/query/query';
import { PropertyGraph, propertyGraph, queryGraph, runSetup } from '../../src/query/cypher';
import { articleGraphOnBoth, comparable, generatedGraph, random } from '../cypher-compare';
import { BASE, FIXTURES, ROOT } from '../helpers';
import { resetNeo4j, testNeo4j } from '../neo4j-helpers';

let config: Neo4jConfig;

/** Runs a query on both backends and expects the same columns and rows. */
async function same(
  memory: PropertyGraph,
  query: string,
  params: Record<string, unknown> = {},
  lists = false,
): Promise<number> {
  const ordered = /\bORDER\s+BY\b/i.test(query);
  const fromNeo4j = await queryNeo4j(query, config, { params });
  const fromMemory = queryGraph(memory, query, { params });
  // kg query --format json: keys in RETURN order on both backends.
  for (const result of [fromNeo4j, fromMemory])
    for (const row of result.rows) expect(Object.keys(row)).toEqual(result.columns);
  expect({ query, ...comparable(fromMemory, ordered, lists) }).toEqual({
    query,
    ...comparable(fromNeo4j, ordered, lists),
  });
  return fromNeo4j.rows.length;
}

/** Runs a write on the test Neo4j (building the generated graph). */
async function write(query: string): Promise<void> {
  const driver = neo4j.driver(config.uri, neo4j.auth.basic(config.username, config.password));
  try {
    await driver.executeQuery(query, {}, { database: config.database });
  } finally {
    await driver.close();
  }
}

const QUERIES = join(ROOT, 'queries');

/** The parameters of a query file's `// Example:` line. */
function exampleParams(text: string): Record<string, unknown> {
  const line = text.split('\n').find((l) => l.startsWith('// Example: ')) ?? '';
  const words = line.slice('// Example: '.length).trim().split(/\s+/);
  return parseParams(words.flatMap((w, i) => (words[i - 1] === '--param' ? [w] : [])));
}

/** Cypher text of a generated literal. */
function literal(v: unknown): string {
  if (typeof v === 'string') return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (Array.isArray(v)) return `[${v.map(literal).join(', ')}]`;
  return String(v);
}

/**
 * Read queries over a graph's own labels, types, property names and values: single and multi-hop
 * patterns both ways, type alternatives, variable length, OPTIONAL MATCH, WHERE with every operator,
 * aggregation, WITH ... WHERE, ORDER BY / SKIP / LIMIT, UNWIND, CASE, comprehensions, shortest paths.
 */
function generate(memory: PropertyGraph, seed: number, count: number): { query: string; lists: boolean }[] {
  const r = random(seed);
  const labels = [...new Set(memory.nodes.flatMap((n) => n.labels))].sort();
  const types = [...new Set(memory.rels.map((x) => x.type))].sort();
  const strings = (key: string) =>
    [
      ...new Set(memory.nodes.map((n) => n.properties.get(key)).filter((v) => typeof v === 'string')),
    ] as string[];
  const nodeKeys = [...new Set(memory.nodes.flatMap((n) => [...n.properties.keys()]))].sort();
  const relKeys = [...new Set(memory.rels.flatMap((x) => [...x.properties.keys()]))].sort();
  // toString takes no list: the source chains (attributedTo, reportedBy) are lists.
  const scalarRelKeys = relKeys.filter((k) => memory.rels.every((x) => !Array.isArray(x.properties.get(k))));
  const names = strings('name');
  const keys = strings(memory.nodes.some((n) => n.properties.has('uid')) ? 'name' : 'id');
  const key = memory.nodes.some((n) => n.properties.has('uid')) ? 'uid' : 'id';
  const keyValue = () => {
    const n = r.pick(memory.nodes);
    const v = n.properties.get(key);
    return typeof v === 'bigint' ? Number(v) : (v as string);
  };
  const label = () => r.pick(labels);
  const type = () => r.pick(types);
  const typeAlt = () => [type(), type()].join('|');
  const arrow = (t: string) => r.pick([`-[r:${t}]->`, `<-[r:${t}]-`, `-[r:${t}]-`]);
  const op = () => r.pick(['=', '<>', '<', '>', '<=', '>=']);
  const prefix = () => (r.pick(names) ?? 'a').slice(0, 1 + r.int(3));
  const templates: (() => { query: string; lists?: boolean })[] = [
    () => ({
      query: `MATCH (a:${label()})${arrow(type())}(b) RETURN a.${key} AS a, type(r) AS t, b.${key} AS b`,
    }),
    () => ({
      query: `MATCH (a:${label()})-[r:${typeAlt()}]->(b:${label()}) WHERE a.name ${op()} ${literal(r.pick(names))} RETURN a.name AS a, b.name AS b, r.${r.pick(relKeys)} AS p`,
    }),
    () => ({
      query: `MATCH (a)-[r]->(b) WHERE a.name STARTS WITH ${literal(prefix())} OR b.name CONTAINS ${literal(prefix().toLowerCase())} RETURN a.${key} AS a, b.${key} AS b, type(r) AS t`,
    }),
    () => ({
      query: `MATCH (a:${label()}) WHERE a.name ENDS WITH ${literal((r.pick(names) ?? 'x').slice(-2))} OR a.name =~ ${literal(`(?i)${prefix()}.*`)} RETURN a.name AS name`,
    }),
    () => ({
      query: `MATCH (a:${label()}) WHERE a.${r.pick(nodeKeys)} IS ${r.pick(['NULL', 'NOT NULL'])} RETURN a.${key} AS k, a.${r.pick(nodeKeys)} AS p`,
    }),
    () => ({
      query: `MATCH (a:${label()})-[r]-(b) RETURN labels(b) AS l, count(*) AS n, count(DISTINCT a) AS d, min(b.name) AS lo, max(b.name) AS hi`,
      lists: true,
    }),
    () => ({
      query: `MATCH (a)-[r:${typeAlt()}]->(b) RETURN type(r) AS t, count(r) AS n, collect(DISTINCT a.${key}) AS from`,
      lists: true,
    }),
    () => ({
      query: `MATCH (a:${label()}) OPTIONAL MATCH (a)-[r:${type()}]->(b) RETURN a.${key} AS a, b.${key} AS b`,
    }),
    () => ({
      query: `MATCH (a:${label()})-[r]-(b) WITH a, count(r) AS n WHERE n ${op()} ${1 + r.int(4)} RETURN a.${key} AS a, n ORDER BY n DESC, a SKIP ${r.int(2)} LIMIT ${1 + r.int(6)}`,
    }),
    () => ({
      query: `MATCH (a {${key}: ${literal(keyValue())}})-[:${typeAlt()}*1..${1 + r.int(3)}]-(b) RETURN DISTINCT b.${key} AS b`,
    }),
    () => ({
      query: `MATCH p = (a:${label()})-[*1..2]->(b) RETURN a.${key} AS a, length(p) AS len, [n IN nodes(p) | n.${key}] AS path, [x IN relationships(p) | type(x)] AS types`,
    }),
    () => ({
      query: `MATCH (a:${label()}) WHERE (a)-[:${type()}]-() RETURN a.${key} AS a ORDER BY a`,
    }),
    () => ({
      query: `MATCH (a:${label()}) WHERE NOT (a)-->(:${label()}) RETURN count(a) AS n`,
    }),
    () => ({
      query: `MATCH (a:${label()})-[r]->(b) RETURN a.${key} AS a, CASE WHEN r.${r.pick(relKeys)} IS NULL THEN 'none' ELSE 'some' END AS has, [x IN [a.name, b.name, r.${r.pick(scalarRelKeys)}] WHERE x IS NOT NULL | toString(x)] AS xs`,
    }),
    () => ({
      query: `MATCH (a:${label()}) UNWIND [a.name, a.${r.pick(nodeKeys)}, ${r.int(5)}] AS x WITH x WHERE x IS NOT NULL RETURN x, count(*) AS n`,
    }),
    () => ({
      query: `MATCH (a:${label()}), (b:${label()}) WHERE a.${key} IN ${literal([keyValue(), keyValue(), keyValue()])} AND a <> b RETURN a.${key} AS a, count(b) AS n`,
    }),
    () => ({
      query: `MATCH (a:${label()})-[r]->(b) WITH a, r, b ORDER BY r.${r.pick(relKeys)}, a.${key}, b.${key}, type(r) SKIP ${r.int(3)} LIMIT ${2 + r.int(8)} RETURN a.${key} AS a, b.${key} AS b, type(r) AS t`,
      lists: false,
    }),
    () => ({
      query: `MATCH (a {${key}: ${literal(keyValue())}}), (b {${key}: ${literal(keyValue())}}) WHERE a <> b MATCH p = allShortestPaths((a)-[*..6]-(b)) RETURN [n IN nodes(p) | n.${key}] AS path`,
    }),
    () => ({
      query: `MATCH (a:${label()})-[r]->(b) RETURN a, r, b`,
    }),
    () => ({
      query: `MATCH (a:${label()}) RETURN a.${key} AS k, size(keys(a)) AS nk, properties(a) AS props, toUpper(coalesce(a.name, '')) AS up, size(coalesce(a.name, '')) AS len`,
    }),
    () => ({
      query: `MATCH (a)-[r:${type()}]->(b) RETURN DISTINCT labels(a) AS la, labels(b) AS lb`,
      lists: true,
    }),
    () => ({
      query: `MATCH (a:${label()})-[r1]->(b)-[r2]->(c) WHERE r1 <> r2 RETURN a.${key} AS a, b.${key} AS b, c.${key} AS c, type(r1) AS t1, type(r2) AS t2`,
    }),
    () => ({
      query: `UNWIND ${literal([r.int(9), 'x', r.int(9) + 0.5, null, true, keys.slice(0, 2)])} AS v RETURN v ORDER BY v`,
    }),
  ];
  const out: { query: string; lists: boolean }[] = [];
  for (let i = 0; i < count; i++) {
    const q = templates[i % templates.length]!();
    out.push({ query: q.query, lists: q.lists ?? false });
  }
  return out;
}

/** Neo4j 5 features over the article graph: procedures, label expressions, type predicates, functions. */
const NEO4J5_QUERIES = [
  "CALL db.labels() YIELD label WHERE label <> 'Dataset' RETURN label",
  "CALL db.labels() YIELD label AS l WHERE l STARTS WITH 'P' RETURN l ORDER BY l",
  // Neo4j also lists the types its full-text index names that no relationship has yet.
  'CALL db.relationshipTypes() YIELD relationshipType AS t WHERE EXISTS { ()-[r]->() WHERE type(r) = t } RETURN t',
  'CALL db.relationshipTypes() YIELD relationshipType AS t MATCH ()-[r]->() WHERE type(r) = t RETURN t, count(r) AS n',
  "MATCH (p:Person) CALL db.labels() YIELD label WHERE label = 'Person' RETURN p.name AS name, label",
  // The schema's virtual nodes and relationships: a query reads no more of them than labels and types.
  "CALL db.schema.visualization() YIELD nodes RETURN [n IN nodes WHERE labels(n)[0] <> 'Dataset' | labels(n)[0]] AS names",
  'CALL db.schema.visualization() YIELD relationships UNWIND relationships AS r RETURN DISTINCT type(r) AS type',
  "CALL db.schema.nodeTypeProperties() YIELD nodeType, nodeLabels, propertyName, propertyTypes, mandatory WHERE nodeType <> ':`Dataset`' RETURN nodeType, nodeLabels, propertyName, propertyTypes, mandatory",
  'CALL db.schema.relTypeProperties() YIELD relType, propertyName, propertyTypes, mandatory RETURN relType, propertyName, propertyTypes, mandatory',
  "CALL db.index.fulltext.queryRelationships('factgraph_quote', 'Donbas') YIELD relationship, score WHERE score > 0 RETURN type(relationship) AS t, relationship.id AS id",
  "MATCH (e:Entity {id: 'person:vladimir-putin'}) CALL db.index.fulltext.queryRelationships('factgraph_quote', 'Putin') YIELD relationship AS r WHERE startNode(r) = e RETURN r.id AS id",
  'MATCH (n:Person|Group) RETURN n.id AS id',
  'MATCH (n:Entity&!Person) RETURN count(n) AS n',
  // (Neo4j holds a :Dataset node the memory view leaves out.)
  'MATCH (n:!Entity&!Dataset) RETURN labels(n) AS labels, count(*) AS n',
  'MATCH (n:%) WHERE NOT n:Dataset RETURN count(n) AS n',
  'MATCH (n:(Person|Organization)&Entity) RETURN n.id AS id',
  'MATCH (n) WHERE n:Person|Group RETURN n.name AS name',
  'MATCH (n) WHERE n:!(Entity|Dataset) RETURN count(n) AS n',
  'MATCH ()-[r:!MENTIONED_IN&!SUBJECT&!OBJECT]->() RETURN type(r) AS t, count(r) AS n',
  'MATCH (a:Person)-[r:SUPPORTS|PROPOSES]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b',
  'MATCH ()-[r]->() WHERE r:SUBJECT|OBJECT RETURN type(r) AS t, count(*) AS n',
  'MATCH ()-[r:%]->() RETURN count(r) AS n',
  'MATCH (p:Person) RETURN [x IN [p] WHERE x:Person | x.name] AS names',
  'MATCH (n:Entity) WHERE n.name IS :: STRING NOT NULL RETURN count(n) AS n',
  'MATCH (n:Entity) RETURN n.id AS id, n.anonymous IS :: BOOLEAN AS b, n.name IS NOT :: INTEGER AS s, n.aliases IS :: LIST<STRING> AS l',
  'MATCH ()-[r]->() WHERE r.dateFrom IS :: DATE RETURN r.id AS id, r.dateFrom IS :: DATE NOT NULL AS d',
  "MATCH (n:Person) RETURN n.name || ' (' || n.id || ')' AS label, [n.name] || labels(n) AS l",
  "MATCH (n:Person) RETURN lower(n.name) AS l, upper(n.name) AS u, char_length(n.name) AS c, btrim('  ' + n.name + ' ') AS b, normalize(n.name) AS nf, normalize(n.name, NFKD) = n.name AS d",
  'MATCH (n:Entity) RETURN n.id AS id, isEmpty(n.name) AS e, toStringOrNull(n.aliases) AS s, toIntegerOrNull(n.name) AS i, valueType(n.name) AS t, valueType(n.aliases) AS ta',
  'MATCH (d:Document) RETURN valueType(d) AS t, valueType(d.date) AS dt',
  // The data's dates are DATEs on both backends: components, truncation, comparison with other instants.
  "MATCH (d:Document) RETURN d.id AS id, d.date.week AS week, d.date.dayOfWeek AS dow, d.date.quarter AS q, date.truncate('month', d.date) AS month, datetime({date: d.date, timezone: 'Europe/Oslo'}) AS start, toString(d.date) AS text",
  "MATCH ()-[r]->() WHERE r.dateFrom IS NOT NULL RETURN r.id AS id, r.dateFrom.ordinalDay AS day, r.dateFrom < date('2025-08-20') AS early, localdatetime({date: r.dateFrom}) AS at ORDER BY r.dateFrom, id",
  'MATCH ()-[r:SUBJECT]->() RETURN valueType(r) AS t LIMIT 1',
  // Shortest paths with their ends given inline, the textbook form.
  "MATCH p = shortestPath((a:Entity {id: 'person:vladimir-putin'})-[*]-(b:Entity {id: 'person:donald-trump'})) RETURN length(p) AS len",
  "MATCH p = allShortestPaths((a:Person {id: 'person:vladimir-putin'})-[*..4]-(b:State)) RETURN b.id AS b, [n IN nodes(p) | n.id] AS path",
  'MATCH p = shortestPath((a:Person)-[:SUPPORTS|PROPOSES*]->(b:Proposal)) RETURN a.id AS a, b.id AS b, length(p) AS len',
  // Quantified path patterns and quantified relationships.
  'MATCH p = (()-[:VARIANT_OF]->()){1,2} RETURN [n IN nodes(p) | n.id] AS path',
  'MATCH (a:Proposal)(()-[:VARIANT_OF]->()){1,3}(b) RETURN a.id AS a, b.id AS b',
  'MATCH (a)-[:VARIANT_OF|PART_OF]->{1,2}(b:Proposal) RETURN a.id AS a, b.id AS b',
  'MATCH (a:Person)-[:SUPPORTS]->+(b) RETURN a.id AS a, count(b) AS n',
  'MATCH (a:Person)-[r:MENTIONED_IN]->{0,1}(b) RETURN a.id AS a, b.id AS b, size(r) AS hops',
];

/** Lucene queries on the quotes' full-text index: terms, phrases, operators, wildcards, fuzzy, fields. */
const SEARCHES = [
  'sikkerhetsgarantier',
  'Donbas',
  '"kollektiv sikkerhet"',
  'sikkerhet*',
  'Putin AND Trump',
  'Putin -Trump',
  '+Zelenskyj +Trump',
  'Ukraina OR Russland',
  '(Putin OR Trump) AND NOT Zelenskyj',
  'quote:Donbas',
  'ukrain~1',
  'Ukr?ina',
  'europeiske ledere',
  'NATO',
];

describe('the article graph', () => {
  let memory: PropertyGraph;

  beforeAll(async () => {
    config = testNeo4j();
    memory = await articleGraphOnBoth(config);
  });

  const files = readdirSync(QUERIES)
    .filter((f) => f.endsWith('.cypher'))
    .sort();

  test.each(files)('queries/%s: the same rows', async (file) => {
    const text = readFileSync(join(QUERIES, file), 'utf8');
    const rows = await same(memory, text, exampleParams(text));
    expect(rows).toBeGreaterThan(0);
  });

  test.each(NEO4J5_QUERIES.map((q) => [q]))('Neo4j 5: %s', async (query) => {
    expect(await same(memory, query, {}, true)).toBeGreaterThan(0);
  });

  test.each(SEARCHES.map((q) => [q]))('full-text search %s: the same relationships', async (text) => {
    await same(
      memory,
      "CALL db.index.fulltext.queryRelationships('factgraph_quote', $text) YIELD relationship AS r, score RETURN r.id AS id",
      { text },
    );
  });

  test('full-text search: the best match first, as in Neo4j', async () => {
    for (const text of ['sikkerhetsgarantier', 'Putin Trump', 'Ukraina']) {
      await same(
        memory,
        "CALL db.index.fulltext.queryRelationships('factgraph_quote', $text) YIELD relationship AS r, score WITH r, score ORDER BY score DESC LIMIT 1 RETURN r.id AS id",
        { text },
      );
    }
  });

  test('db.propertyKeys: the keys in use, as Neo4j lists them (which also keeps the keys of deleted data)', async () => {
    const memoryKeys = queryGraph(memory, 'CALL db.propertyKeys()').rows.map((r) => r.propertyKey);
    const inUse = await queryNeo4j(
      'MATCH (n) WHERE NOT n:Dataset UNWIND keys(n) AS k RETURN k UNION MATCH ()-[r]->() UNWIND keys(r) AS k RETURN k',
      config,
    );
    expect([...memoryKeys].sort()).toEqual(inUse.rows.map((r) => r.k).sort());
    const all = (await queryNeo4j('CALL db.propertyKeys()', config)).rows.map((r) => r.propertyKey);
    expect(all).toEqual(expect.arrayContaining(memoryKeys));
  });

  test('a procedure Neo4j has and the memory engine does not: CYPHER_UNSUPPORTED naming --backend neo4j', () => {
    let error: unknown;
    try {
      queryGraph(memory, 'CALL db.indexes()');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KgError);
    expect((error as KgError).code).toBe('CYPHER_UNSUPPORTED');
    expect((error as KgError).message).toContain('--backend neo4j');
  });

  test('220 generated read queries: the same rows', async () => {
    const queries = generate(memory, 20260817, 220);
    let nonEmpty = 0;
    for (const { query, lists } of queries) if ((await same(memory, query, {}, lists)) > 0) nonEmpty++;
    // The generator must test something: most queries find rows.
    expect(nonEmpty).toBeGreaterThan(queries.length / 2);
  });
});

/** Queries over every field and shape of the claim model (tests/fixtures/valid/claims-every-field.yaml). */
const CLAIM_QUERIES = [
  // Claims about claims: the relationship points at the :Statement node, tied to its subject and object.
  `MATCH (who:Entity)-[r]->(c:Statement)-[:SUBJECT]->(s:Entity), (c)-[:OBJECT]->(o)
   RETURN r.id AS claim, type(r) AS predicate, who.name AS who, c.id AS about, c.predicate AS itsPredicate,
          s.name AS itsSubject, coalesce(o.name, o.id) AS itsObject, c.asserted AS asserted
   ORDER BY claim`,
  // Nobody asserts an `asserted: false` statement: a node, and no relationship.
  `MATCH (c:Statement) OPTIONAL MATCH ()-[r {id: c.id}]->() WHERE type(r) = c.predicate
   RETURN c.id AS id, c.asserted AS asserted, count(r) AS relationships, c.name AS name ORDER BY id`,
  `MATCH ()-[r]->() WHERE r.conditionOn IS NOT NULL MATCH (c:Statement {id: r.conditionOn})
   RETURN r.id AS id, r.condition AS condition, c.id AS on, c.predicate AS onPredicate ORDER BY id`,
  // EDTF dates: the text, and DATE bounds that ranges compare.
  `MATCH ()-[r]->() WHERE r.dateFrom <= date('2025-08-31') AND (r.dateTo IS NULL OR r.dateTo >= date('2025-08-01'))
   RETURN r.id AS id, r.date AS date, r.dateFrom AS dateFrom, r.dateTo AS dateTo, r.dateFrom.year AS year
   ORDER BY id`,
  `MATCH (x) WHERE x.saidOnFrom IS NOT NULL
   RETURN x.id AS id, x.saidOn AS saidOn, x.saidOnFrom AS saidOnFrom, x.saidOnTo AS saidOnTo,
          x.saidOnFrom.year AS year, x.saidOnTo.day AS day ORDER BY id`,
  `MATCH (e:Entity) WHERE e.dateFrom IS NOT NULL OR e.proposedOnFrom IS NOT NULL
   RETURN e.id AS id, e.date AS date, e.dateFrom AS dateFrom, e.dateTo AS dateTo, e.proposedOn AS proposedOn,
          e.proposedOnFrom AS proposedOnFrom, e.proposedOnTo AS proposedOnTo ORDER BY id`,
  // "Which had more than 10 injured, says who": the flattened quantities.
  `MATCH (s)-[r]->(o) WHERE r.injuredMin > 10
   RETURN s.name AS who, o.name AS what, r.injuredMin AS injuredAtLeast, r.injuredMax AS injuredAtMost,
          r.killedMin AS killedMin, r.killedMax AS killedMax, r.hoursMin AS hours, r.hoursUnit AS unit,
          r.measures AS measures, r.quantities AS quantities, r.reportedBy AS reportedBy`,
  // Polarity, certainty, modality, extent, source chain and quotes, on relationships and statement nodes.
  `MATCH (x) WHERE x:Statement RETURN x.id AS id, x.polarity AS polarity, x.certainty AS certainty,
     x.modality AS modality, x.extent AS extent, x.hedging AS hedging, x.attributedTo AS attributedTo,
     x.reportedBy AS reportedBy, x.sourceQuote AS sourceQuote, x.attributedTo[0] AS original ORDER BY id`,
  `MATCH ()-[r]->() WHERE r.quote IS NOT NULL RETURN r.id AS id, r.polarity AS polarity, r.certainty AS certainty,
     r.modality AS modality, r.extent AS extent, r.asserted AS asserted, r.attributedTo AS attributedTo,
     r.reportedBy AS reportedBy, size(r.reportedBy) AS outlets, r.sourceQuote AS sourceQuote ORDER BY id`,
  `MATCH (e:Entity) WHERE e.anonymous OR e:Issue RETURN e.id AS id, labels(e) AS labels, e.anonymous AS anonymous ORDER BY id`,
  `MATCH (e:Entity)-[m:MENTIONED_IN]->(d:Document) RETURN e.id AS entity, d.id AS document, d.date AS date ORDER BY entity, document`,
  'MATCH (n) WHERE NOT n:Dataset RETURN n ORDER BY n.id',
  'MATCH ()-[r]->() RETURN r ORDER BY r.id',
];

describe('the claims fixture: every field and shape of the claim model', () => {
  let memory: PropertyGraph;
  let graph: FactGraph;

  beforeAll(async () => {
    config = testNeo4j();
    await resetNeo4j(config);
    ({ graph } = await loadGraph([BASE, join(FIXTURES, 'valid', 'claims-every-field.yaml')], {
      root: FIXTURES,
    }));
    await loadIntoNeo4j(graph, config, { dataset: 'claims' });
    memory = propertyGraph(graph, 'claims');
  });

  test('Neo4j holds the graph: every node, statement node and relationship with every property', async () => {
    expect(await readCanonicalFromNeo4j(config, 'claims')).toEqual(canonicalFromGraph(graph));
  });

  test.each(CLAIM_QUERIES.map((q) => [q.split('\n')[0]!, q]))('%s ...: the same rows', async (_, query) => {
    expect(await same(memory, query)).toBeGreaterThan(0);
  });

  test('120 generated read queries: the same rows', async () => {
    const queries = generate(memory, 15, 120);
    let nonEmpty = 0;
    for (const { query, lists } of queries) if ((await same(memory, query, {}, lists)) > 0) nonEmpty++;
    expect(nonEmpty).toBeGreaterThan(queries.length / 2);
  });
});

describe('a generated graph', () => {
  const memory = new PropertyGraph();

  beforeAll(async () => {
    await resetNeo4j(config);
    const create = generatedGraph(7);
    await write(create);
    runSetup(memory, create);
  });

  test('120 generated read queries: the same rows', async () => {
    const queries = generate(memory, 4242, 120);
    let nonEmpty = 0;
    for (const { query, lists } of queries) if ((await same(memory, query, {}, lists)) > 0) nonEmpty++;
    expect(nonEmpty).toBeGreaterThan(queries.length / 2);
  });
});
