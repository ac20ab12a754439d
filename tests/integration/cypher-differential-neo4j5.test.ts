/**
 * Neo4j 5's read Cypher in bulk, on the memory engine and on the real Neo4j: hand-written queries for
 * each feature (procedures, label and type expressions, quantified paths, path selectors, WHERE inside
 * patterns, `CALL (x) { }` and `OPTIONAL CALL`, `||`, `IS ::`, string functions on code points, regex,
 * rounding, float formatting, what Neo4j 5 refuses) and generated ones over the article graph and a
 * generated graph. All run in one Neo4j session; every query must give the same rows on both backends,
 * or be refused by both. The mismatches are listed together, so one run shows them all.
 */
import type { Neo4jConfig } from '../../src/backends/neo4j/connection';
import { PropertyGraph, queryGraph } from '../../src/query/cypher';
import { articleGraphOnBoth, differences, generatedGraphOnBoth, random, type Case } from '../cypher-compare';
import { testNeo4j } from '../neo4j-helpers';

let config: Neo4jConfig;

/** The names the memory engine's SHOW FUNCTIONS / SHOW PROCEDURES lists, as a Cypher list's items. */
function listed(what: 'FUNCTIONS' | 'PROCEDURES'): string {
  return queryGraph(new PropertyGraph(), `SHOW ${what} YIELD name RETURN name`)
    .rows.map((r) => `'${String(r.name)}'`)
    .join(', ');
}

const VP = "{id: 'person:vladimir-putin'}";
const DT = "{id: 'person:donald-trump'}";
const VZ = "{id: 'person:volodymyr-zelensky'}";

/** Hand-written, over the article graph: one or more queries for every feature. */
const HAND: string[] = [
  // Procedures, standalone and in queries, with YIELD, WHERE and OPTIONAL CALL.
  "CALL db.labels() YIELD label WHERE label <> 'Dataset' RETURN label ORDER BY label",
  "CALL db.labels() YIELD label WHERE label <> 'Dataset' RETURN count(*) AS n",
  "MATCH (n:Person) WITH count(n) AS people CALL db.labels() YIELD label WHERE label IN ['Person', 'State'] RETURN people, label",
  "CALL db.relationshipTypes() YIELD relationshipType AS t WHERE t STARTS WITH 'S' AND EXISTS { ()-[r]->() WHERE type(r) = t } RETURN t",
  "CALL db.relationshipTypes() YIELD relationshipType AS t WITH t WHERE t IN ['SUPPORTS', 'LEADS', 'NOPE'] RETURN t ORDER BY t",
  "CALL db.propertyKeys() YIELD propertyKey WHERE propertyKey IN ['id', 'name', 'quote', 'nope'] RETURN propertyKey",
  "MATCH (p:Person) OPTIONAL CALL db.index.fulltext.queryRelationships('factgraph_quote', p.name) YIELD relationship RETURN p.id AS p, count(relationship) AS n",
  "CALL db.index.fulltext.queryRelationships('factgraph_quote', 'Putin') YIELD relationship RETURN type(relationship) AS t, count(*) AS n",
  "CALL db.index.fulltext.queryRelationships('factgraph_quote', 'garantier OR sikkerhet') YIELD relationship AS r RETURN r.id AS id",
  "CALL db.index.fulltext.queryNodes('factgraph_statement_quote', 'Putin') YIELD node RETURN node.id AS id",
  "UNWIND ['Putin', 'Trump', 'Zelenskyj'] AS who CALL db.index.fulltext.queryRelationships('factgraph_quote', who) YIELD relationship RETURN who, count(*) AS n",
  // Label and type expressions, in patterns and in WHERE and RETURN.
  'MATCH (n:Person|State) RETURN count(n) AS n',
  'MATCH (n:Entity&(Person|Organization)) RETURN n.id AS id',
  'MATCH (n:Entity&!(Person|Organization|State)) RETURN labels(n) AS l, count(*) AS c',
  'MATCH (a:Person)-[r:LEADS|MEMBER_OF]->(b:State|Organization) RETURN a.id AS a, type(r) AS t, b.id AS b',
  'MATCH (a)-[r:!MENTIONED_IN]->(b:Proposal) RETURN type(r) AS t, count(*) AS n',
  'MATCH (a:Person)-[r:!(MENTIONED_IN|SUBJECT|OBJECT)]-(b) RETURN a.id AS a, type(r) AS t, b.id AS b',
  'MATCH (n:Entity) WHERE n:!Person&!State RETURN count(*) AS n',
  'MATCH (n:Entity) RETURN n.id AS id, n:Person|Group AS pg, n:!Proposal AS np, n:Entity&State AS st',
  'MATCH ()-[r]->() RETURN r:SUPPORTS|REJECTS AS stance, count(*) AS n',
  'MATCH (n:Statement|Document) RETURN labels(n) AS l, count(*) AS c',
  'MATCH (a:Person)-[:SUPPORTS|PROPOSES|REJECTS]->(p:Proposal)<-[:VARIANT_OF]-(v) RETURN a.id AS a, p.id AS p, v.id AS v',
  'MATCH (n:%&!Statement&!Document&!Dataset) RETURN count(n) AS n',
  'MATCH (a:Region|State)-[r:LOCATED_IN|PART_OF|NEAR]-(b:Region|State) RETURN a.id AS a, type(r) AS t, b.id AS b',
  'MATCH (s:Statement)-[r:SUBJECT|OBJECT]->(e:!Statement) RETURN s.id AS s, type(r) AS t, e.id AS e',
  // Quantified relationships and quantified path patterns.
  'MATCH (a:Proposal)-[:VARIANT_OF]->{1,3}(b:Proposal) RETURN a.id AS a, b.id AS b',
  'MATCH (a)-[:PART_OF]->+(b) RETURN a.id AS a, b.id AS b',
  'MATCH (a:Proposal)-[:PART_OF|VARIANT_OF]->*(b:Proposal) RETURN a.id AS a, count(b) AS n',
  'MATCH p = (:Person)(()-[:LEADS]->()){1}(s:State) RETURN length(p) AS len, s.id AS s',
  'MATCH (a:Region)(()-[:LOCATED_IN|PART_OF]->()){1,2}(b) RETURN a.id AS a, b.id AS b',
  'MATCH (a:Entity)-[rs:CONCERNS]->{1,2}(b) RETURN a.id AS a, [r IN rs | type(r)] AS types, b.id AS b',
  'MATCH (a)-[:NEAR]-{1,3}(b) WHERE a.id < b.id RETURN a.id AS a, b.id AS b',
  'MATCH (a:Person)-[:SUPPORTS]->(x)-[:VARIANT_OF]->*(y) RETURN a.id AS a, x.id AS x, y.id AS y',
  'MATCH p = (a:Proposal)(()-[:VARIANT_OF|PART_OF]->()){2,}(b) RETURN a.id AS a, b.id AS b, length(p) AS len',
  'MATCH (a:Person)-[r:LEADS]->{0,1}(b) RETURN a.id AS a, b.id AS b, size(r) AS hops',
  // Quantified path patterns whose inner nodes carry labels, label expressions, properties and
  // variables (group variables: a list of each hop's node).
  'MATCH (a:Region)((:Region|State)-[:LOCATED_IN|PART_OF]->(:Region|State)){1,2}(b) RETURN a.id AS a, b.id AS b',
  'MATCH (a)((:Proposal)-[:VARIANT_OF]->(:Proposal)){1,3}(b) RETURN a.id AS a, b.id AS b',
  'MATCH p = (a:Person)((:Person)-[:SUPPORTS|REJECTS]->(:Proposal)){1}(b) RETURN a.id AS a, b.id AS b, length(p) AS len',
  'MATCH (a:Person)((:Person)-[:LEADS]->(:State)){1}(s) RETURN a.id AS a, s.id AS s',
  'MATCH (a)((:!Document)-[r:!MENTIONED_IN]->(:Proposal)){2}(b) RETURN a.id AS a, b.id AS b, size(r) AS n',
  'MATCH (a)((:Entity)-[:NEAR]-(:State)){1,3}(b:State) WHERE a.id < b.id RETURN a.id AS a, b.id AS b',
  `MATCH (a)((:Person)-[:!MENTIONED_IN]->(:Entity ${VP})){1}(b) RETURN a.id AS a, b.id AS b`,
  'MATCH (a:Proposal)((:Proposal)<-[:VARIANT_OF|PART_OF]-(:Proposal)){1,2}(b) RETURN a.id AS a, count(b) AS n',
  'MATCH (a)((x:Person)-[:LEADS]->(y)){1}(b) RETURN a.id AS a, [n IN x | n.id] AS x, b.id AS b',
  'MATCH (a:Region)((x)-[:LOCATED_IN|PART_OF]->(y:Region|State)){1,2}(b) RETURN a.id AS a, [n IN x | n.id] AS x, [n IN y | n.id] AS y, b.id AS b',
  'MATCH (a:Proposal)((x:Proposal)<-[r:VARIANT_OF|PART_OF]-(y)){1,2}(b) RETURN a.id AS a, [n IN x | n.id] AS x, [n IN y | n.id] AS y, size(r) AS n',
  'MATCH p = (a:Person)((x)-[:SUPPORTS]->(y:Proposal)){1}(b) RETURN a.id AS a, size(x) AS nx, y[0].id AS y, length(p) AS len',
  'MATCH (a)((x:Entity)-[:NEAR]-(y)){2}(b) WHERE a.id < b.id RETURN [n IN x | n.id] AS x, [n IN y | n.id] AS y',
  // Path selectors and shortest paths.
  `MATCH p = ANY SHORTEST (a:Person ${VP})-[:!MENTIONED_IN]-+(b:Person ${DT}) RETURN length(p) AS len`,
  `MATCH p = ALL SHORTEST (a:Person ${VP})-[:!MENTIONED_IN]-+(b:State) RETURN b.id AS b, length(p) AS len, [n IN nodes(p) | n.id] AS path`,
  `MATCH p = SHORTEST 1 (a:Person ${DT})-[:!MENTIONED_IN]-+(b:Person ${VZ}) RETURN length(p) AS len`,
  `MATCH p = SHORTEST 1 GROUPS (a:Person ${DT})-[:!MENTIONED_IN]-+(b:State {id: 'state:russia'}) RETURN [n IN nodes(p) | n.id] AS path`,
  `MATCH p = ANY (a:Person ${VP})-[:LEADS]->+(b) RETURN b.id AS b, length(p) AS len`,
  `MATCH p = ALL SHORTEST PATHS (a:Person ${VZ})--+(b:Document) RETURN length(p) AS len, count(*) AS n`,
  `MATCH p = ANY SHORTEST PATH (a:Person ${VZ})-->+(b:Proposal) RETURN b.id AS b, length(p) AS len`,
  `MATCH p = shortestPath((a:Person ${VP})-[:SUPPORTS|PROPOSES|VARIANT_OF|REJECTS*]-(b:Proposal)) RETURN b.id AS b, length(p) AS len`,
  `MATCH p = allShortestPaths((a:Person ${DT})-[:LEADS|SUPPORTS|REJECTS|CONCERNS*..4]-(b:Person ${VP})) RETURN [n IN nodes(p) | n.id] AS path`,
  `MATCH (a:Person ${VP}), (b:State) MATCH p = shortestPath((a)-[*..3]-(b)) RETURN b.id AS b, length(p) AS len`,
  // SHORTEST k and SHORTEST k GROUPS: which of equally long paths comes k-th is the server's choice,
  // so these read lengths and counts.
  `MATCH p = SHORTEST 2 (a:Person ${VP})-[:!MENTIONED_IN]-+(b:Person ${DT}) RETURN length(p) AS len ORDER BY len`,
  `MATCH p = SHORTEST 3 (a:Person ${DT})-[:!MENTIONED_IN]-+(b:State {id: 'state:russia'}) RETURN length(p) AS len ORDER BY len`,
  `MATCH p = SHORTEST 2 GROUPS (a:Person ${DT})-[:!MENTIONED_IN]-+(b:State {id: 'state:russia'}) RETURN length(p) AS len, count(*) AS n ORDER BY len`,
  `MATCH p = SHORTEST 3 GROUPS (a:Person ${VP})-[:!MENTIONED_IN]-+(b:Person ${VZ}) RETURN length(p) AS len, count(*) AS n ORDER BY len`,
  `MATCH p = SHORTEST 2 (a:Person ${VZ})-->+(b:Proposal) RETURN b.id AS b, length(p) AS len ORDER BY b, len`,
  `MATCH p = SHORTEST 2 GROUPS (a:Person ${VZ})-[:SUPPORTS|VARIANT_OF|PART_OF]-{1,4}(b:Proposal) RETURN b.id AS b, length(p) AS len, count(*) AS n ORDER BY b, len`,
  `MATCH p = ANY 2 PATHS (a:Person ${VP})-[:LEADS]->+(b) RETURN b.id AS b, length(p) AS len`,
  'MATCH p = SHORTEST 0 (a)-->+(b) RETURN p',
  // WHERE inside node and relationship patterns.
  "MATCH (p:Person WHERE p.name STARTS WITH 'V')-[r:LEADS]->(s) RETURN p.id AS p, s.id AS s",
  "MATCH (a:Entity WHERE a.name CONTAINS 'NATO') RETURN a.id AS id",
  "MATCH (a:Person)-[r WHERE r.certainty = 'certain']->(b) RETURN a.id AS a, type(r) AS t, b.id AS b",
  "MATCH (a:Person) RETURN a.id AS a, [(a)-[r WHERE r.polarity = 'negated']->(b) | b.id] AS negated",
  "MATCH (a:Person) WHERE EXISTS { (a)-[:LEADS]->(s:State WHERE s.name STARTS WITH 'U') } RETURN a.id AS a",
  'MATCH (a:Person WHERE a.id IS NOT NULL)-[r:SUPPORTS WHERE r.quoteStart > 1000]->(b) RETURN a.id AS a, r.quoteStart AS q',
  "OPTIONAL MATCH (p:Person WHERE p.name = 'Nobody') RETURN p",
  'MATCH (a:Person)-[r:!MENTIONED_IN WHERE r.polarity IS NOT NULL]->(b WHERE b:Proposal) RETURN a.id AS a, r.polarity AS pol, b.id AS b',
  // CALL (x) { }, CALL () { }, OPTIONAL CALL, COUNT { } and COLLECT { }.
  'MATCH (p:Person) CALL (p) { MATCH (p)-[r]->(x) RETURN count(r) AS out } RETURN p.id AS p, out',
  'MATCH (p:Person) OPTIONAL CALL (p) { MATCH (p)-[:LEADS]->(s) RETURN s.id AS s } RETURN p.id AS p, s',
  'CALL () { MATCH (n:State) RETURN n.id AS id } RETURN id',
  'MATCH (p:Person) CALL (p) { MATCH (p)-[:SUPPORTS]->(x) RETURN x.id AS x UNION MATCH (p)-[:REJECTS]->(x) RETURN x.id AS x } RETURN p.id AS p, x',
  'MATCH (p:Person) OPTIONAL CALL (p) { MATCH (p)-[:SUPPORTS]->(x) RETURN x.id AS x ORDER BY x LIMIT 1 } RETURN p.id AS p, x ORDER BY p',
  "UNWIND ['Person', 'State'] AS l CALL (l) { MATCH (n:Entity) WHERE l IN labels(n) RETURN count(n) AS c } RETURN l, c",
  'MATCH (p:Person) CALL (*) { RETURN p.name AS name } RETURN name',
  "MATCH (s:State) CALL (s) { WITH s WHERE s.name STARTS WITH 'U' RETURN s.name AS n } RETURN n",
  'MATCH (p:Person) RETURN p.id AS p, COUNT { (p)-->() } AS out, COLLECT { MATCH (p)-[:LEADS]->(s) RETURN s.id } AS leads',
  'MATCH (p:Person) OPTIONAL CALL (p) { MATCH (p)-[r:REJECTS|DOUBTS]->(x) RETURN type(r) AS t, x.id AS x } RETURN p.id AS p, t, x',
  'CALL () { RETURN 1 AS one UNION RETURN 2 AS one } RETURN sum(one) AS s',
  'MATCH (d:Document) CALL (d) { MATCH (e)-[:MENTIONED_IN]->(d) RETURN count(e) AS mentions } RETURN d.id AS d, mentions',
  'MATCH (p:Person) WHERE COUNT { (p)-[:!MENTIONED_IN]->() } > 2 RETURN p.id AS p',
  'MATCH (p:Person) OPTIONAL CALL (p) { MATCH (p)-[:NOPE]->(x) RETURN x } RETURN p.id AS p, x',
  // || and IS ::.
  "MATCH (n:State) RETURN n.id || ':' || n.name AS s ORDER BY s",
  'MATCH (n:Person) RETURN n.aliases || [n.name] AS names, n.id AS id',
  'MATCH (n:Person) RETURN n.name || null AS x, [] || [n.id] AS l ORDER BY n.id LIMIT 2',
  'MATCH (n:Entity) RETURN n.id AS id, n.aliases IS :: LIST<STRING NOT NULL> AS a, n.description IS :: STRING AS d, n.anonymous IS :: BOOLEAN NOT NULL AS an',
  'MATCH ()-[r:SUPPORTS|REJECTS]->() RETURN r.id AS id, r.quoteStart IS :: INTEGER AS i, r.quoteStart IS :: FLOAT AS f, r.attributedTo IS :: LIST<ANY> AS l, r.asserted :: BOOLEAN AS b',
  'MATCH (n) WHERE n.id IS :: STRING AND NOT n:Dataset RETURN labels(n)[0] AS l, count(*) AS c',
  'MATCH (n:Person) RETURN n IS :: NODE AS node, n.name IS :: NODE AS no, [n] IS :: LIST<NODE> AS l',
  'MATCH p = (:Person)-[r]->() RETURN p IS :: PATH AS path, r IS :: RELATIONSHIP AS rel LIMIT 1',
  'MATCH (n:Entity) RETURN n.name IS :: STRING | INTEGER AS si, count(*) AS c',
  // Strings on code points, regex (Java semantics), rounding and float formatting.
  'MATCH (n:Person) RETURN n.name AS name, substring(n.name, 2, 3) AS s, left(n.name, 4) AS l, right(n.name, 3) AS r, reverse(n.name) AS rv',
  "MATCH (n:Region) RETURN n.id AS id, split(n.name, ' ') AS words, replace(n.name, 'o', 'ø') AS r, toUpper(n.name) AS u, lower(n.name) AS lo",
  "MATCH (n:Entity) WHERE n.name =~ '.*[Zz].*' RETURN n.id AS id",
  "MATCH (n:Entity) WHERE n.name =~ '(?i)^u.*' RETURN n.id AS id",
  "MATCH (n:Entity) WHERE n.name =~ '.*\\\\d+.*' RETURN n.id AS id",
  "MATCH (n:Entity) WHERE n.name =~ '^\\\\w+ \\\\w+$' RETURN n.name AS name",
  "MATCH (n:Entity) WHERE n.name =~ '.*(ss|tt).*' RETURN n.name AS name",
  "MATCH (n:Entity) WHERE any(a IN n.aliases WHERE a =~ '(?i).*ukraina.*') RETURN n.id AS id",
  "MATCH (n:Entity) RETURN n.id AS id, char_length(n.name) AS c, size(n.description) AS d, btrim(n.name, '.') AS b, normalize(n.name, NFD) = n.name AS nfd",
  'MATCH (n:Person) RETURN n.id AS id, isEmpty(n.aliases) AS e, toStringOrNull(n.aliases) AS s, valueType(n.aliases) AS t',
  'MATCH ()-[r]->() WHERE r.quoteStart IS NOT NULL RETURN r.id AS id, r.quoteStart / 7.0 AS f, toString(r.quoteStart / 3.0) AS s, round(r.quoteStart / 7.0, 2) AS r2, sqrt(r.quoteStart) AS sq',
  'MATCH ()-[r]->() WHERE r.quoteEnd IS NOT NULL RETURN r.id AS id, r.quoteEnd % 7 AS m, r.quoteEnd / 7 AS i, ceil(r.quoteEnd / 9.0) AS c, floor(r.quoteEnd / 9.0) AS f, r.quoteEnd / 1000.0 AS e',
  "RETURN substring('😀abc', 1, 2) AS a, left('𝄞x', 1) AS b, size('𝄞') AS c, reverse('𝄞ab') AS d, split('a😀b😀c', '😀') AS e, replace('😀😀', '😀', 'x') AS f",
  "RETURN toUpper('straße') AS a, toLower('İ') AS b, trim('\\u00a0x\\u00a0') AS c, ltrim('  x') AS d, rtrim('x  ') AS e",
  'RETURN round(2.5) AS a, round(-2.5) AS b, round(3.14159, 3) AS c, round(-0.0) AS d, round(1.0E15 + 0.5) AS e',
  // round() with a precision and each rounding mode, over halves, near-halves and both signs.
  "UNWIND [2.5, -2.5, 3.5, 0.125, -0.125, 2.675, -2.675, 1.005, 9.995, 0.05, -0.15, 123.456, 1.0E-5, 7.0, -0.0, 1.0E20, 12345.678901] AS x UNWIND ['UP', 'DOWN', 'CEILING', 'FLOOR', 'HALF_UP', 'HALF_DOWN', 'HALF_EVEN'] AS mode UNWIND [0, 1, 2, 3] AS p RETURN x, mode, p, round(x, p, mode) AS r",
  'UNWIND [2.5, -2.5, 0.5, -0.5, 2.675, 1.0E20, -1.0E20, 0.045] AS x UNWIND [0, 1, 2] AS p RETURN x, p, round(x, p) AS r, round(x) AS r0',
  "RETURN round(2.5, 0, 'HALF_EVEN') AS a, round(7, 1, 'UP') AS b, round(2.55, 1.9, 'DOWN') AS c, round(2.5, 1, null) AS d, round(null, 1, 'UP') AS e",
  "RETURN round(2.5, 0, 'UNNECESSARY') AS x",
  "RETURN round(2.5, 0, 'half_even') AS x",
  "RETURN round(2.5, -1, 'UP') AS x",
  "MATCH ()-[r]->() WHERE r.quoteStart IS NOT NULL RETURN r.id AS id, round(r.quoteStart / 7.0, 1, 'HALF_EVEN') AS e, round(r.quoteStart / 7.0, 2, 'CEILING') AS c, round(-r.quoteStart / 9.0, 0, 'FLOOR') AS f",
  'RETURN toString(1.0E-4) AS a, toString(123456789012.0) AS b, toString(0.1) AS c, toString(2.0 / 3) AS d, toString(1.0E300 * 10) AS e, 1.0 / 3 AS f',
  "RETURN 7 / 2 AS a, -7 / 2 AS b, 7 % -3 AS c, -7 % 3 AS d, 2 ^ 10 AS e, 7.5 % 2 AS f, toInteger(-2.7) AS g, toInteger('0x1F') AS h",
  "RETURN 'Ærø' =~ 'ærø' AS a, 'a.b' =~ 'a\\\\.b' AS b, 'ab' =~ 'a|b' AS c, 'AB' =~ '(?i)ab' AS d, 'x\ny' =~ 'x.y' AS e, 'x\ny' =~ '(?s)x.y' AS f",
  // SHOW INDEXES and SHOW CONSTRAINTS: the schema the load creates, in the columns that must match
  // (ids, read counts and times are the server's own).
  "SHOW INDEXES YIELD name, state, populationPercent, type, entityType, labelsOrTypes, properties, indexProvider, owningConstraint, options, failureMessage, createStatement WHERE name STARTS WITH 'factgraph_' OR type = 'LOOKUP'",
  "SHOW CONSTRAINTS YIELD name, type, entityType, labelsOrTypes, properties, ownedIndex, propertyType, options, createStatement WHERE name STARTS WITH 'factgraph_'",
  'SHOW RANGE INDEXES YIELD name, owningConstraint ORDER BY name DESC SKIP 3 LIMIT 5',
  "SHOW INDEXES YIELD name, type WHERE type = 'FULLTEXT' RETURN name, type ORDER BY name",
  'SHOW FULLTEXT INDEXES YIELD name, labelsOrTypes AS on RETURN name, size(on) AS n',
  'SHOW LOOKUP INDEXES YIELD name, entityType, options, createStatement',
  "SHOW LOOKUP INDEXES WHERE name STARTS WITH 'index_' RETURN name, entityType",
  'SHOW INDEXES RETURN name',
  "SHOW UNIQUE CONSTRAINTS YIELD name WHERE name ENDS WITH '_LEADS'",
  "SHOW NODE UNIQUE CONSTRAINTS YIELD name, labelsOrTypes WHERE name STARTS WITH 'factgraph_'",
  "SHOW RELATIONSHIP UNIQUE CONSTRAINTS YIELD name WHERE name STARTS WITH 'factgraph_' RETURN count(*) AS n",
  'SHOW KEY CONSTRAINTS YIELD name',
  "SHOW CONSTRAINTS YIELD name, type WHERE name STARTS WITH 'factgraph_' RETURN type, count(*) AS n",
  "SHOW INDEXES YIELD * WHERE name = 'factgraph_entity_name' RETURN name, type, createStatement",
  // SHOW FUNCTIONS and SHOW PROCEDURES: what the engine lists, as Neo4j lists it (every column, one row a signature).
  `SHOW FUNCTIONS YIELD * WHERE name IN [${listed('FUNCTIONS')}]`,
  `SHOW PROCEDURES YIELD * WHERE name IN [${listed('PROCEDURES')}]`,
  "SHOW FUNCTIONS YIELD name, signature, argumentDescription WHERE name STARTS WITH 'round' OR name = 'substring'",
  "SHOW BUILT IN FUNCTIONS YIELD name, category WHERE name IN ['toLower', 'date.truncate', 'count'] RETURN name, category",
  // What Neo4j 5 refuses, refused alike.
  'MATCH (p:Person) WHERE exists(p.name) RETURN p.id AS id',
  'MATCH (p:Person) RETURN size((p)-->()) AS n',
  'MATCH (p:Person) RETURN p.id AS id, nosuchfunction(p) AS x',
  "RETURN 'a' + 1 AND true AS x",
  'MATCH (p:Person) RETURN p.id AS id ORDER BY nonexistent',
  'CALL no.such.procedure()',
  'MATCH (p:Person) WITH p.name RETURN 1 AS x',
  "RETURN [1, 2]['a'] AS x",
];

/**
 * Generated read queries over a graph's own labels, types and properties, for Neo4j 5's syntax: label
 * and type expressions, quantified relationships and paths, path selectors, WHERE inside patterns,
 * scoped and optional subqueries, ||, IS ::, string functions, regex and numbers.
 */
function generate(memory: PropertyGraph, seed: number, count: number): Case[] {
  const r = random(seed);
  const labels = [...new Set(memory.nodes.flatMap((n) => n.labels))].filter((l) => l !== 'Entity').sort();
  const types = [...new Set(memory.rels.map((x) => x.type))].sort();
  const key = memory.nodes.some((n) => n.properties.has('uid')) ? 'uid' : 'id';
  const keyValue = () => {
    const v = r.pick(memory.nodes).properties.get(key);
    return typeof v === 'bigint' ? String(v) : `'${String(v)}'`;
  };
  const numericRelKey = memory.rels.some((x) => x.properties.has('w')) ? 'w' : 'quoteStart';
  const names = [
    ...new Set(memory.nodes.map((n) => n.properties.get('name')).filter((v) => typeof v === 'string')),
  ] as string[];
  const letter = () => r.pick(names).charAt(r.int(3)) || 'a';
  const label = () => r.pick(labels);
  const type = () => r.pick(types);
  const labelExpr = () =>
    r.pick([
      () => `${label()}|${label()}`,
      () => `!${label()}`,
      () => `(${label()}|${label()})&!${label()}`,
      () => `%&!${label()}`,
      () => label(),
    ])();
  const typeExpr = () =>
    r.pick([() => `${type()}|${type()}`, () => `!${type()}`, () => `!(${type()}|${type()})`, () => type()])();
  const arrow = (inner: string) => r.pick([`-[${inner}]->`, `<-[${inner}]-`, `-[${inner}]-`]);
  // Bounded: every path up to the bound is enumerated, and on a dense graph unbounded ones are many.
  const bounds = () => r.pick(['{1,2}', '{2}', '{1,3}', '{0,2}', '{0,1}']);
  const regex = () =>
    r.pick([
      `'(?i)${letter()}.*'`,
      `'.*${letter()}.*'`,
      "'^[A-Za-z]+\\\\d*$'",
      "'.*\\\\s.*'",
      `'[${letter()}${letter()}].*'`,
      "'.*(an|er|on).*'",
      "'\\\\w{3,6}'",
    ]);
  const float = () => {
    const x = (r.int(2000000) - 1000000) / 10 ** r.int(7);
    return r.int(4) === 0 ? `${Math.trunc(x)}.5` : x.toFixed(r.int(8));
  };
  const templates: (() => Case)[] = [
    () => ({
      query: `MATCH (a:${labelExpr()})${arrow(`r:${typeExpr()}`)}(b:${labelExpr()}) RETURN a.${key} AS a, type(r) AS t, b.${key} AS b`,
    }),
    () => ({
      query: `MATCH (a) WHERE a:${labelExpr()} AND NOT a:Dataset RETURN a.${key} AS a, a:${label()}|${label()} AS x`,
    }),
    () => ({
      query: `MATCH ()-[r]->() WHERE r:${typeExpr()} RETURN type(r) AS t, count(*) AS n`,
    }),
    () => ({
      query: `MATCH (a:${label()})${arrow(`:${typeExpr()}`)}${bounds()}(b) RETURN a.${key} AS a, b.${key} AS b`,
    }),
    () => ({
      query: `MATCH p = (a:${label()})(()${arrow(`:${type()}|${type()}`)}()){1,${1 + r.int(3)}}(b) RETURN a.${key} AS a, b.${key} AS b, length(p) AS len`,
    }),
    () => ({
      query: `MATCH (a:${label()})-[rs:${typeExpr()}]->${bounds()}(b) RETURN a.${key} AS a, size(rs) AS n, count(*) AS c`,
    }),
    () => ({
      query: `MATCH p = ${r.pick(['ANY SHORTEST', 'SHORTEST 1', 'ANY'])} (a {${key}: ${keyValue()}})${arrow(`:${typeExpr()}`)}+(b:${label()} {${key}: ${keyValue()}}) RETURN b.${key} AS b, length(p) AS len`,
    }),
    () => ({
      query: `MATCH p = ${r.pick(['ALL SHORTEST', 'SHORTEST 1 GROUPS'])} (a {${key}: ${keyValue()}})${arrow(`:${typeExpr()}`)}+(b {${key}: ${keyValue()}}) RETURN [n IN nodes(p) | n.${key}] AS path`,
    }),
    () => ({
      query: `MATCH (a:${label()} WHERE a.name STARTS WITH '${letter().toUpperCase()}' OR a.name CONTAINS '${letter()}')${arrow(`r:${type()}|${type()} WHERE r.${numericRelKey} ${r.pick(['>', '<', '<>'])} ${r.int(1200)}`)}(b) RETURN a.${key} AS a, r.${numericRelKey} AS x, b.${key} AS b`,
    }),
    () => ({
      query: `MATCH (a:${label()}) OPTIONAL CALL (a) { MATCH (a)${arrow(`:${typeExpr()}`)}(b) RETURN b.${key} AS b } RETURN a.${key} AS a, b`,
    }),
    () => ({
      query: `MATCH (a:${label()}) CALL (a) { MATCH (a)--(b) RETURN b ORDER BY b.${key} LIMIT ${1 + r.int(3)} } RETURN a.${key} AS a, b.${key} AS b`,
    }),
    () => ({
      query: `MATCH (a:${label()}) CALL (a) { MATCH (a)${arrow(`r:${typeExpr()}`)}() RETURN count(r) AS n } RETURN a.${key} AS a, n, COUNT { (a)--(:${label()}) } AS m`,
    }),
    () => ({
      query: `MATCH (a:${label()}) RETURN a.${key} AS k, a.name || '/' || toString(a.${key}) AS s, a.name IS :: STRING AS str, a.${r.pick(['score', 'aliases', 'tags', 'name'])} IS :: ${r.pick(['INTEGER | FLOAT', 'LIST<STRING>', 'STRING NOT NULL', 'FLOAT'])} AS t`,
    }),
    () => ({
      query: `MATCH (a:${label()}) RETURN a.name AS n, substring(a.name, ${r.int(4)}, ${r.int(5)}) AS s, left(a.name, ${r.int(5)}) AS l, right(a.name, ${r.int(5)}) AS r, reverse(a.name) AS rv, split(a.name, '${letter()}') AS sp`,
    }),
    () => ({
      query: `MATCH (a:${label()}) RETURN a.name AS n, replace(a.name, '${letter()}', '😀') AS r, btrim(a.name, '${letter()}') AS b, lower(a.name) AS lo, upper(a.name) AS up, char_length(a.name) AS c, valueType(a.name) AS t`,
    }),
    () => ({
      query: `MATCH (a:${label()}) WHERE a.name =~ ${regex()} RETURN a.${key} AS k`,
    }),
    () => {
      const xs = Array.from({ length: 6 }, float);
      return {
        query: `UNWIND [${xs.join(', ')}] AS x RETURN x, round(x) AS r, round(x, ${r.int(4)}) AS rp, toString(x) AS s, toString(x / 3) AS s3, ceil(x) AS c, floor(x) AS f, toInteger(x) AS i, sign(x) AS sg`,
      };
    },
    () => ({
      query: `MATCH (a:${label()}) WHERE EXISTS { (a)${arrow(`:${typeExpr()}`)}(:${labelExpr()}) } RETURN a.${key} AS a`,
    }),
    () => ({
      query: `MATCH (a:${label()}) RETURN a.${key} AS a, COLLECT { MATCH (a)${arrow(`r:${typeExpr()}`)}(b) RETURN type(r) } AS types`,
      lists: true,
    }),
    () => ({
      query: `MATCH (n) WHERE NOT n:Dataset RETURN n:${labelExpr()} AS x, count(*) AS n`,
    }),
  ];
  return Array.from({ length: count }, (_, i) => templates[i % templates.length]!());
}

describe('the article graph', () => {
  let memory: PropertyGraph;

  beforeAll(async () => {
    config = testNeo4j();
    memory = await articleGraphOnBoth(config);
  });

  test(`${HAND.length} hand-written Neo4j 5 queries: the same rows, or refused by both`, async () => {
    const { diffs } = await differences(
      config,
      memory,
      HAND.map((query) => ({ query })),
    );
    expect(diffs).toEqual([]);
  }, 300_000);

  test('200 generated Neo4j 5 queries: the same rows', async () => {
    const { diffs, found } = await differences(config, memory, generate(memory, 20261202, 200));
    expect(diffs).toEqual([]);
    expect(found).toBeGreaterThan(100);
  }, 600_000);
});

describe('a generated graph', () => {
  let memory: PropertyGraph;

  beforeAll(async () => {
    memory = await generatedGraphOnBoth(config, 11);
  });

  test('200 generated Neo4j 5 queries: the same rows', async () => {
    const { diffs, found } = await differences(config, memory, generate(memory, 77, 200));
    expect(diffs).toEqual([]);
    expect(found).toBeGreaterThan(100);
  }, 600_000);
});
