/**
 * Quantified path patterns and path selectors on the memory engine and on the real Neo4j 5: a WHERE
 * inside the group, groups of several relationships, juxtaposed groups, a node twice in a group, path
 * selectors over all of these, and what Neo4j refuses; hand-written over the article graph and a
 * generated graph, and generated over both. Every query must give Neo4j's rows, or be refused by both.
 */
import type { Neo4jConfig } from '../../src/backends/neo4j/connection';
import type { PropertyGraph } from '../../src/query/cypher';
import type { CNode } from '../../src/query/cypher/values';
import { articleGraphOnBoth, differences, generatedGraphOnBoth, random, type Case } from '../cypher-compare';
import { testNeo4j } from '../neo4j-helpers';

let config: Neo4jConfig;

const VP = "{id: 'person:vladimir-putin'}";
const DT = "{id: 'person:donald-trump'}";
const VZ = "{id: 'person:volodymyr-zelensky'}";
const RU = "{id: 'state:russia'}";
const NOT_MENTIONS = '[:!MENTIONED_IN]';

/** Hand-written, over the article graph: every form of quantified path pattern and path selector. */
const ARTICLE: string[] = [
  // A WHERE inside the group: per iteration, reading the group's elements and outer variables.
  'MATCH (a:Person)((x)-[r:!MENTIONED_IN]->(y) WHERE r.quoteStart > 1000){1,2}(b) RETURN a.id AS a, b.id AS b, size(r) AS n',
  'MATCH ((x:Region|State)-[r:LOCATED_IN|PART_OF|NEAR]-(y) WHERE x.id < y.id){1,3} RETURN [n IN x | n.id] AS x, [n IN y | n.id] AS y',
  'MATCH (a:Proposal)((x)-[:VARIANT_OF|PART_OF]-(y) WHERE y.id <> a.id){1,3}(b:Proposal) RETURN a.id AS a, b.id AS b, size(x) AS n',
  "MATCH (a:Person)((x)-[r]->(y) WHERE type(r) IN ['SUPPORTS', 'REJECTS', 'PROPOSES']){1}(b) RETURN a.id AS a, type(r[0]) AS t, b.id AS b",
  `MATCH (a)((x)-[:LEADS]->(y) WHERE y.id <> s.id){1}(b), (s:State ${RU}) RETURN a.id AS a, b.id AS b`,
  `MATCH (p:Person ${VP}) MATCH (p)((x)-${NOT_MENTIONS}-(y) WHERE y <> p){1,2}(q:State) RETURN q.id AS q, count(*) AS n`,
  'MATCH (a:Person)((x WHERE x:Person|Proposal)-[r:!MENTIONED_IN WHERE r.polarity IS NOT NULL]->(y)){1,2}(b) RETURN a.id AS a, b.id AS b, size(r) AS n',
  "MATCH (a)((x)-[r:SUPPORTS|REJECTS {polarity: 'affirmed'}]->(y:Proposal) WHERE r.certainty <> 'unknown'){1}(b) RETURN a.id AS a, b.id AS b",
  'MATCH (a:Proposal)((x)-[:VARIANT_OF|PART_OF]-(y) WHERE EXISTS { (y)<-[:SUPPORTS|PROPOSES]-() }){1,2}(b) RETURN a.id AS a, b.id AS b',
  "MATCH (a:Person)((x)-[r]-(y) WHERE r.certainty = 'certain' AND NOT y:Document){2}(b) RETURN a.id AS a, b.id AS b, [t IN r | type(t)] AS types",
  'MATCH (a:Person)((x)-[r:!MENTIONED_IN]-(y) WHERE x.name < y.name OR y.name IS NULL){1,3}(b:State) RETURN a.id AS a, b.id AS b, count(*) AS n',
  // Groups of several relationships; their named elements are lists, one element an iteration.
  'MATCH (a:Region)((x)-[:LOCATED_IN]->(s:State)<-[:LOCATED_IN|CONCERNS]-(y)){1,2}(b) WHERE a <> b RETURN a.id AS a, b.id AS b, [n IN s | n.id] AS via',
  'MATCH ((s:Statement)-[:SUBJECT]->(e)-[:CONTROLS]->(t:Region)){1} RETURN [n IN s | n.id] AS s, [n IN e | n.id] AS e, [n IN t | n.id] AS t',
  'MATCH (a:Region)((x)-[:LOCATED_IN]->(m)-[:PROPOSES|WORKS_ON|BELIEVES]->(y)){1,2}(b) RETURN a.id AS a, [n IN m | n.id] AS m, b.id AS b',
  'MATCH (a:Person)((x)-[:LEADS|REPRESENTS]->(s)-[:CONTROLS]->(o)<-[:CONTROLS]-(t)){1}(b) RETURN a.id AS a, b.id AS b',
  'MATCH ((x:Proposal)-[r1:!MENTIONED_IN]->(m)<-[r2:!MENTIONED_IN]-(y:Proposal) WHERE x.id < y.id AND type(r1) = type(r2)){1} RETURN [n IN x | n.id] AS x, [n IN m | n.id] AS m, [n IN y | n.id] AS y',
  `MATCH p = (a:Person ${VP})((x)-${NOT_MENTIONS}-(m)-${NOT_MENTIONS}-(y)){1,2}(b:State) RETURN b.id AS b, length(p) AS len, [n IN nodes(p) | n.id] AS path`,
  'MATCH p = (a:Proposal)((x)-[r:VARIANT_OF|PART_OF]-(y)-[s]-(z:Person)){1}(b) RETURN a.id AS a, [t IN relationships(p) | type(t)] AS types, b.id AS b',
  'MATCH (a:State)((x)-[r:WORKS_ON|SUPPORTS]->(p)<-[s:VARIANT_OF]-(v)){1}(b) RETURN a.id AS a, [t IN r | type(t)] AS r, [t IN s | type(t)] AS s, b.id AS b',
  'MATCH ((x:Region|State)-[:NEAR]-(y)-[:NEAR]-(z)){1} RETURN size(x) AS n, count(*) AS c',
  'MATCH (a)((x)-[:LOCATED_IN|CONCERNS|VARIANT_OF]-(y)){1,3}(b) WHERE all(n IN y WHERE n:Region|State) AND size(x) = 2 RETURN a.id AS a, b.id AS b',
  'MATCH (p:Person) OPTIONAL MATCH (p)((x)-[:LEADS]->(s)-[:MEMBER_OF|PART_OF]->(o)){1}(q) RETURN p.id AS p, [n IN o | n.id] AS o',
  `MATCH (a:Person ${VP})((x)-${NOT_MENTIONS}->(y)){2}(b) UNWIND y AS n RETURN n.id AS id, count(*) AS c`,
  'MATCH (a:State)((x)-[:WORKS_ON|PROPOSES]->(y)<-[:VARIANT_OF|PART_OF]-(z)-[:CONCERNS|PART_OF]->(w)){1}(b) RETURN a.id AS a, b.id AS b, [n IN z | n.id] AS z',
  // Juxtaposed and consecutive groups, with simple relationships, and zero iterations.
  'MATCH (x:Person) ((a)-[:SUPPORTS|REJECTS|PROPOSES]->(b)){1} (y:Proposal) ((c)-[:VARIANT_OF|PART_OF]->(d)){1,} (z) RETURN x.id AS x, y.id AS y, z.id AS z',
  'MATCH (x:Region) ((a)-[:LOCATED_IN|PART_OF]->(b)){1} ((c)-[:LOCATED_IN|PART_OF|NEAR]-(d)){1,2} (z) RETURN x.id AS x, z.id AS z',
  'MATCH p = (x:Person) ((a)-[:LEADS]->(b)){1} (y) ((c)-[:NEAR|LOCATED_IN|PART_OF]-(d)){1,2} (z) RETURN x.id AS x, y.id AS y, z.id AS z, length(p) AS len',
  'MATCH (a:State)-[:WORKS_ON]->(p)((x)-[:VARIANT_OF|PART_OF]-(y)){1,2}(q)<-[:WORKS_ON|PROPOSES]-(b:State) RETURN a.id AS a, p.id AS p, q.id AS q, b.id AS b',
  `MATCH (s:State ${RU}), (a:Person)((x)-${NOT_MENTIONS}->(y)){1,2}(s) RETURN a.id AS a, count(*) AS n`,
  'MATCH (a:Person)((x)-[:LEADS]->(y)){0,1}(b) RETURN a.id AS a, b.id AS b, size(x) AS n',
  'MATCH (a:Proposal)((x)-[:VARIANT_OF]->(y))*(b) RETURN a.id AS a, b.id AS b, size(y) AS n',
  'MATCH (a:Proposal)((x)-[:VARIANT_OF|PART_OF]->(y:Proposal))+(b) RETURN a.id AS a, b.id AS b, [n IN y | n.id] AS y',
  // A node twice in one group: the same node in each iteration.
  'MATCH ((a)-[r]->(a)){1,2} RETURN count(*) AS n',
  'MATCH (x)((a)-[:NEAR]-(b)-[:NEAR]-(a)){1}(y) RETURN x.id AS x, y.id AS y',
  'MATCH ((a:State)-[r1]->(m)<-[r2]-(a)){1} RETURN [n IN a | n.id] AS a, [n IN m | n.id] AS m, type(r1[0]) AS t',
  'MATCH ((a:Proposal)-[r1]-(m)-[r2]-(a)){1} RETURN [n IN a | n.id] AS a, [n IN m | n.id] AS m',
  // Path selectors over constrained groups and patterns of several relationships.
  `MATCH p = ANY SHORTEST (a:Person ${VP})((x)-${NOT_MENTIONS}-(y) WHERE NOT y:Document){1,}(b:Person ${DT}) RETURN length(p) AS len`,
  `MATCH p = ALL SHORTEST (a:Person ${VP})((x)-[r]-(y) WHERE type(r) <> 'MENTIONED_IN'){1,}(b:State) RETURN b.id AS b, length(p) AS len, [n IN nodes(p) | n.id] AS path`,
  `MATCH p = SHORTEST 1 (a:Person ${DT})-${NOT_MENTIONS}-(m)-${NOT_MENTIONS}-+(b:Person ${VZ}) RETURN length(p) AS len`,
  `MATCH p = SHORTEST 2 GROUPS (a:Person ${DT})((x)-${NOT_MENTIONS}-(y)-${NOT_MENTIONS}-(z)){1,3}(b:State ${RU}) RETURN length(p) AS len, count(*) AS n ORDER BY len`,
  `MATCH p = ANY SHORTEST (a:Person ${VP})((x)-${NOT_MENTIONS}->(y)){1,}(b) RETURN b.id AS b, length(p) AS len`,
  'MATCH p = ALL SHORTEST (a:Person)((x)-[:LEADS|MEMBER_OF|PART_OF]->(y)){1,}(b) RETURN a.id AS a, b.id AS b, length(p) AS len',
  `MATCH p = ANY SHORTEST (a:Person ${VP})-${NOT_MENTIONS}-+(b:Person ${DT}) WHERE length(p) > 3 RETURN length(p) AS len`,
  `MATCH p = ANY SHORTEST (a:Person ${VP})-${NOT_MENTIONS}-+(b:Person ${DT}) WHERE length(p) < 4 RETURN length(p) AS len`,
  `MATCH p = ANY SHORTEST ((a:Person ${VP})-${NOT_MENTIONS}-+(b:Person ${DT}) WHERE a.id <> b.id) RETURN length(p) AS len`,
  `MATCH p = SHORTEST 1 (a:Person ${VP})-${NOT_MENTIONS}-{2,}(b:State) RETURN b.id AS b, length(p) AS len`,
  'MATCH p = ANY (a:Proposal)((x)-[:VARIANT_OF]->(y)){1,}(b) RETURN a.id AS a, b.id AS b, length(p) AS len',
  `MATCH p = SHORTEST 3 (a:Person ${VP})((x)-${NOT_MENTIONS}-(y))+(b:Person ${DT}) RETURN length(p) AS len ORDER BY len`,
  `MATCH p = ANY SHORTEST (a:Person ${VP})-${NOT_MENTIONS}-(m WHERE NOT m:State)-${NOT_MENTIONS}-+(b:Person ${DT}) RETURN length(p) AS len`,
  `MATCH p = ALL SHORTEST (a:Person ${VZ})((x)-[r:!MENTIONED_IN]-(y) WHERE r.polarity IS NULL OR r.polarity = 'affirmed'){1,6}(b:Proposal) RETURN b.id AS b, length(p) AS len, count(*) AS n`,
  `MATCH (a:Person ${VP}) MATCH p = SHORTEST 1 GROUPS (a)((x)-${NOT_MENTIONS}-(y)){1,4}(b:Person) RETURN b.id AS b, length(p) AS len, count(*) AS n`,
  // What Neo4j 5.26 refuses, refused alike.
  'MATCH ((a)-[*1..2]->(b)){1,2} RETURN count(*) AS n',
  'MATCH (((a)-->(b)){1,2}){1,2} RETURN count(*) AS n',
  'MATCH ((a:Person)){1,2} RETURN count(*) AS n',
  'MATCH (x)((a)-->(b)){0}(y) RETURN count(*) AS n',
  'MATCH (x)-->{0}(y) RETURN count(*) AS n',
  'MATCH ((a)-->(b)){1,2}, (a) RETURN count(*) AS n',
  'MATCH (a)((a)-->(b)){1,2} RETURN count(*) AS n',
  'MATCH (a)-[*1..2]->(b)((c)-->(d)){1,2}(e) RETURN count(*) AS n',
  'MATCH p = shortestPath((a:Person)((x)-->(y)){1,5}(b:State)) RETURN p',
  'MATCH p = shortestPath((a:Person)-->{1,5}(b:State)) RETURN p',
  'MATCH p = shortestPath((a:Person)-[:LEADS]->(m)-->(b:State)) RETURN p',
  'MATCH (a:Person), (b:State) MATCH p = shortestPath((a)-[*2..4]-(b)) RETURN p',
  'MATCH (a:Person), (b:State) MATCH p = allShortestPaths((a)-[*3..]-(b)) RETURN p',
  'MATCH p = ANY SHORTEST (a:Person)-->+(b), (b)-->(c) RETURN p',
  'MATCH TRAIL (a)-->+(b) RETURN count(*) AS n',
  'MATCH REPEATABLE ELEMENTS (a)-->(b) RETURN count(*) AS n',
  'MATCH DIFFERENT RELATIONSHIPS (a)-->(b) RETURN count(*) AS n',
  'MATCH ((a)-->(b)){1,2} ((c)-->(d) WHERE c.id > a.id){1,2} RETURN count(*) AS n',
];

/** Hand-written, over the generated graph (uid, name, score; X, Y, Z with w). */
const GENERATED: string[] = [
  'MATCH (a:A {uid: 0})((x)-[r:X]->(y) WHERE r.w > 3){1,3}(b) RETURN b.uid AS b, [n IN y | n.uid] AS y',
  'MATCH (a:B)((x)-[r]->(y) WHERE r.w < x.uid % 10){2}(b:C) RETURN a.uid AS a, b.uid AS b',
  'MATCH (a {uid: 1})((x)-[:X|Y]->(m)<-[:Z]-(y)){1,2}(b) RETURN b.uid AS b, [n IN m | n.uid] AS m',
  'MATCH (a:D)((x)-[r:Y]-(y:A|B) WHERE y.score IS NOT NULL AND y.score > a.score){1,2}(b) RETURN a.uid AS a, b.uid AS b, size(r) AS n',
  'MATCH (x {uid: 2}) ((a)-[:X]->(b)){1} (y) ((c)<-[:Y]-(d)){1,2} (z) RETURN y.uid AS y, z.uid AS z',
  'MATCH ((a)-[:X]->(b)-[:Y]->(a)){1} RETURN [n IN a | n.uid] AS a, [n IN b | n.uid] AS b',
  'MATCH p = SHORTEST 1 (a {uid: 3})((x)-[r:X|Y]->(y) WHERE r.w >= 2)+(b {uid: 40}) RETURN length(p) AS len',
  'MATCH p = ALL SHORTEST (a {uid: 5})((x)-[:X]-(m)-[:Y|Z]-(y)){1,}(b {uid: 17}) RETURN [n IN nodes(p) | n.uid] AS path',
  'MATCH p = SHORTEST 2 GROUPS (a {uid: 7})-[:Z]->(m)((x)-[:X|Y]->(y)){1,}(b:D) RETURN b.uid AS b, length(p) AS len, count(*) AS n',
  'MATCH p = ANY SHORTEST (a {uid: 9})((x)-[r]-(y) WHERE NOT y:C){1,}(b {uid: 33}) RETURN length(p) AS len',
  'MATCH (a:A {uid: 0})((x)-[:X]->(y) WHERE x.uid < y.uid){1,}(b) RETURN b.uid AS b, size(x) AS n',
  'MATCH (s:C {uid: 11}) MATCH (a)((x)-[:Y]->(y) WHERE y.uid <> s.uid){1,2}(s) RETURN a.uid AS a, count(*) AS n',
];

/**
 * Generated quantified path patterns over a graph's own labels and types: WHEREs in groups, groups of
 * two relationships, juxtaposed groups, path selectors over them (lengths and counts where which of
 * equally short paths is picked is the server's choice).
 */
function generate(memory: PropertyGraph, seed: number, count: number): Case[] {
  const r = random(seed);
  const labels = [...new Set(memory.nodes.flatMap((n) => n.labels))]
    .filter((l) => l !== 'Entity' && l !== 'Dataset')
    .sort();
  const types = [...new Set(memory.rels.map((x) => x.type))].filter((t) => t !== 'MENTIONED_IN').sort();
  const key = memory.nodes.some((n) => n.properties.has('uid')) ? 'uid' : 'id';
  const keyed = memory.nodes.filter((n) => !n.labels.includes('Dataset') && n.properties.has(key));
  const num = memory.rels.some((x) => x.properties.has('w')) ? 'w' : 'quoteStart';
  // Each query is built around one relationship of the graph, walked its way, so that most find rows.
  const rels = memory.rels.filter((x) => types.includes(x.type));
  let focus = r.pick(rels);
  const labelOf = (n: CNode) => r.pick(n.labels.filter((l) => labels.includes(l)).concat(r.pick(labels)));
  const label = () => labelOf(focus.start);
  const endLabel = () => labelOf(focus.end);
  const keyOf = (n: CNode) => {
    const v = n.properties.get(key);
    return typeof v === 'bigint' ? String(v) : `'${String(v)}'`;
  };
  const keyValue = () => keyOf(focus.start);
  const endKey = () => keyOf(r.int(2) === 0 ? focus.end : r.pick(keyed));
  const types2 = () => `${focus.type}|${r.pick(types)}`;
  const arrow = (inner: string) => r.pick([`-[${inner}]->`, `-[${inner}]->`, `-[${inner}]-`]);
  const bounds = () => r.pick(['{1,2}', '{2}', '{1,3}', '{0,2}', '{1}']);
  const cmp = () => r.pick(['>', '<', '<>', '>='] as const);
  const ids = (v: string) => `[n IN ${v} | n.${key}] AS ${v}`;
  const templates: (() => Case)[] = [
    () => ({
      query: `MATCH (a:${label()})((x)${arrow(`r:${types2()}`)}(y) WHERE r.${num} ${cmp()} ${r.int(1000)}){1,${1 + r.int(3)}}(b) RETURN a.${key} AS a, b.${key} AS b, size(r) AS n`,
    }),
    () => ({
      query: `MATCH (a:${label()})((x)${arrow(`:${types2()}`)}(y:${endLabel()}|${label()}) WHERE x.${key} <> a.${key}){1,2}(b) RETURN a.${key} AS a, ${ids('y')}`,
    }),
    () => ({
      query: `MATCH (a:${label()})((x)${arrow(`:${types2()}`)}(m)${arrow(`:${types2()}`)}(y)){1,2}(b) RETURN a.${key} AS a, ${ids('m')}, b.${key} AS b`,
    }),
    () => ({
      query: `MATCH (a:${label()}) ((x)${arrow(`:${types2()}`)}(y))${bounds()} (m:${endLabel()}) ((u)${arrow(`:${types2()}`)}(v))${bounds()} (b) RETURN a.${key} AS a, m.${key} AS m, b.${key} AS b`,
    }),
    () => ({
      query: `MATCH p = (a {${key}: ${keyValue()}})((x)${arrow(`r:${types2()}`)}(y) WHERE y.name IS NOT NULL){1,3}(b) RETURN b.${key} AS b, length(p) AS len, [n IN nodes(p) | n.${key}] AS path`,
    }),
    () => ({
      query: `MATCH p = ${r.pick(['ANY SHORTEST', 'SHORTEST 1', 'SHORTEST 2'])} (a {${key}: ${keyValue()}})((x)${arrow(`:${types2()}`)}(y) WHERE NOT y:${label()}){1,6}(b {${key}: ${endKey()}}) RETURN length(p) AS len ORDER BY len`,
    }),
    () => ({
      query: `MATCH p = ${r.pick(['ALL SHORTEST', 'SHORTEST 1 GROUPS', 'SHORTEST 2 GROUPS'])} (a {${key}: ${keyValue()}})((x)${arrow(`:${types2()}`)}(m)${arrow('')}(y)){1,3}(b:${endLabel()}) RETURN b.${key} AS b, length(p) AS len, count(*) AS n`,
    }),
    () => ({
      query: `MATCH p = ALL SHORTEST (a {${key}: ${keyValue()}})${arrow(`:${types2()}`)}(m:${endLabel()})((x)${arrow('')}(y)){1,}(b {${key}: ${endKey()}}) RETURN [n IN nodes(p) | n.${key}] AS path`,
    }),
    () => ({
      query: `MATCH (a:${label()})((x)${arrow(`r:${types2()}`)}(y)${arrow('')}(x)){1}(b) RETURN a.${key} AS a, count(*) AS n`,
    }),
  ];
  return Array.from({ length: count }, (_, i) => {
    focus = r.pick(rels);
    return templates[i % templates.length]!();
  });
}

describe('the article graph', () => {
  let memory: PropertyGraph;

  beforeAll(async () => {
    config = testNeo4j();
    memory = await articleGraphOnBoth(config);
  });

  test(`${ARTICLE.length} hand-written queries: Neo4j's rows, or refused by both`, async () => {
    const { diffs, found } = await differences(
      config,
      memory,
      ARTICLE.map((query) => ({ query })),
    );
    expect(diffs).toEqual([]);
    expect(found).toBeGreaterThan(44);
  }, 300_000);

  test('90 generated queries: the same rows', async () => {
    const { diffs, found } = await differences(config, memory, generate(memory, 20261203, 90));
    expect(diffs).toEqual([]);
    expect(found).toBeGreaterThan(20);
  }, 600_000);
});

describe('a generated graph', () => {
  let memory: PropertyGraph;

  beforeAll(async () => {
    memory = await generatedGraphOnBoth(config, 11);
  });

  test(`${GENERATED.length} hand-written queries: Neo4j's rows`, async () => {
    const { diffs, found } = await differences(
      config,
      memory,
      GENERATED.map((query) => ({ query })),
    );
    expect(diffs).toEqual([]);
    expect(found).toBeGreaterThan(6);
  }, 300_000);

  test('90 generated queries: the same rows', async () => {
    const { diffs, found } = await differences(config, memory, generate(memory, 78, 90));
    expect(diffs).toEqual([]);
    expect(found).toBeGreaterThan(30);
  }, 600_000);
});
