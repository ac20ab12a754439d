import { loadGraph, type FactGraph } from '../../src';
import { PREDICATES } from '../../src/model/generated';
import { loadIntoNeo4j } from '../../src/backends/neo4j/load';
import { readCanonicalFromNeo4j } from '../../src/backends/neo4j/read-graph';
import { canonicalFromGraph } from '../../src/load/canonical';
import type { Neo4jConfig } from '../../src/backends/neo4j/connection';
import { cypher, resetNeo4j, testNeo4j } from '../neo4j-helpers';

let config: Neo4jConfig;
let graph: FactGraph;

beforeAll(async () => {
  config = testNeo4j();
  await resetNeo4j(config);
  graph = (await loadGraph(['graph-data'])).graph;
});

/** Every node and relationship with every property, as a sorted list of strings. */
async function snapshot(): Promise<string[]> {
  const nodes = await cypher(
    config,
    'MATCH (n) WHERE NOT n:Dataset RETURN labels(n) AS l, properties(n) AS p',
  );
  const rels = await cypher(
    config,
    'MATCH (a)-[r]->(b) RETURN type(r) AS t, a.id AS a, b.id AS b, properties(r) AS p',
  );
  return [...nodes, ...rels]
    .map((x) =>
      JSON.stringify(x, (_, v: unknown) =>
        v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort()) : v,
      ),
    )
    .sort();
}

test('the in-memory and the Neo4j graph are the same: nodes, edges, every property', async () => {
  await loadIntoNeo4j(graph, config, { dataset: 'article' });
  expect(await readCanonicalFromNeo4j(config, 'article')).toEqual(canonicalFromGraph(graph));
});

test('loading the same data twice leaves the same graph', async () => {
  await loadIntoNeo4j(graph, config, { dataset: 'article' });
  const first = await snapshot();
  const again = await loadIntoNeo4j(graph, config, { dataset: 'article', batchSize: 7 });
  expect(again.removedRelationships).toBe(0);
  expect(await snapshot()).toEqual(first);
  expect(await cypher(config, 'MATCH (n:Entity) RETURN count(n) AS n')).toEqual([{ n: entityCount() }]);
});

/** The graph's entity nodes: its other nodes are the statements that claims are about, or nobody asserts. */
function entityCount(): number {
  return graph.filterNodes((_, a) => a.kind !== 'Statement').length;
}

/** The article's graph with one statement dropped, one changed in predicate and ends, and one entity gone. */
function edited(): FactGraph {
  const g = graph.copy();
  g.dropEdge('s:meloni-proposes-24h-plan');
  const changed = 's:zelensky-rejects-china-role';
  const attrs = g.getEdgeAttributes(changed);
  g.dropEdge(changed);
  g.addDirectedEdgeWithKey(changed, 'person:volodymyr-zelensky', 'state:russia', {
    ...attrs,
    predicate: 'RESPONDS_TO',
  });
  g.dropNode('agreement:nato-article-5');
  return g;
}

test('a changed statement replaces its old relationship; without --prune nothing else is removed', async () => {
  await loadIntoNeo4j(graph, config, { dataset: 'article' });
  const r = await loadIntoNeo4j(edited(), config, { dataset: 'article' });
  expect(r.removedRelationships).toBe(1);
  expect(
    await cypher(
      config,
      "MATCH (a)-[r {id: 's:zelensky-rejects-china-role'}]->(b) RETURN type(r) AS t, b.id AS b",
    ),
  ).toEqual([{ t: 'RESPONDS_TO', b: 'state:russia' }]);
  expect(
    await cypher(config, "MATCH ()-[r {id: 's:meloni-proposes-24h-plan'}]->() RETURN count(r) AS n"),
  ).toEqual([{ n: 1 }]);
  expect(
    await cypher(config, "MATCH (n:Entity {id: 'agreement:nato-article-5'}) RETURN count(n) AS n"),
  ).toEqual([{ n: 1 }]);
});

test('--prune removes what this data set no longer has, and nothing of another data set', async () => {
  await resetNeo4j(config);
  // Another data set that shares some entities of the registry (state:russia, person:giorgia-meloni, ...).
  const other = (await loadGraph(['tests/fixtures/base'])).graph;
  other.forEachNode(
    (id) => graph.hasNode(id) && other.replaceNodeAttributes(id, graph.getNodeAttributes(id)),
  );
  await loadIntoNeo4j(other, config, { dataset: 'other' });
  const otherBefore = await readCanonicalFromNeo4j(config, 'other');
  await loadIntoNeo4j(graph, config, { dataset: 'article' });

  const pruned = edited();
  const r = await loadIntoNeo4j(pruned, config, { dataset: 'article', prune: true });
  expect(r.removedNodes).toBe(1);
  expect(await readCanonicalFromNeo4j(config, 'article')).toEqual(canonicalFromGraph(pruned));
  expect(await readCanonicalFromNeo4j(config, 'other')).toEqual(otherBefore);

  // Pruning everything of the article leaves the shared entity to the other data set.
  const empty = pruned.nullCopy();
  empty.replaceAttributes({ documents: {} });
  await loadIntoNeo4j(empty, config, { dataset: 'article', prune: true });
  expect(await cypher(config, "MATCH (n:Entity {id: 'state:russia'}) RETURN n.datasets AS d")).toEqual([
    { d: ['other'] },
  ]);
  expect(await readCanonicalFromNeo4j(config, 'other')).toEqual(otherBefore);
  expect(await cypher(config, 'MATCH (n:Entity) WHERE "article" IN n.datasets RETURN count(n) AS n')).toEqual(
    [{ n: 0 }],
  );
});

test('into an empty database every relationship is created, again every one merged: the same graph; so with concurrent batches', async () => {
  await resetNeo4j(config);
  const created = await loadIntoNeo4j(graph, config, { dataset: 'article', batchSize: 50 });
  expect(await readCanonicalFromNeo4j(config, 'article')).toEqual(canonicalFromGraph(graph));
  const first = await snapshot();
  // A relationship a statement somebody asserts, two ties (SUBJECT, OBJECT) a statement node, and the mentions.
  const statementNodes = graph.order - entityCount();
  const relationships = graph.size + 2 * statementNodes + created.mentions;
  // Every statement is loaded, the six that nobody asserts as statement nodes only.
  expect(created.statements).toBe(graph.size + 6);
  expect(await cypher(config, 'MATCH ()-[r]->() RETURN count(r) AS n')).toEqual([{ n: relationships }]);

  // Some relationships there, some not (say, after an interrupted load): created and merged in one load.
  await cypher(config, 'MATCH ()-[r:MENTIONED_IN]->() DELETE r');
  await loadIntoNeo4j(graph, config, { dataset: 'article', batchSize: 7 });
  expect(await snapshot()).toEqual(first);
  // Mentions as loads before shape 3 left them, with an id: loaded again, keyed by their ends, without.
  await cypher(config, "MATCH (a)-[r:MENTIONED_IN]->(b) SET r.id = 'mention:' + a.id + '@' + b.id");
  await loadIntoNeo4j(graph, config, { dataset: 'article', batchSize: 7 });
  expect(await snapshot()).toEqual(first);
  expect(
    await cypher(config, 'MATCH ()-[r:MENTIONED_IN]->() WHERE r.id IS NOT NULL RETURN count(r) AS n'),
  ).toEqual([{ n: 0 }]);

  await resetNeo4j(config);
  await loadIntoNeo4j(graph, config, { dataset: 'article', batchSize: 5, concurrency: 3 });
  expect(await snapshot()).toEqual(first);
  await loadIntoNeo4j(graph, config, { dataset: 'article', batchSize: 5, concurrency: 3 });
  expect(await snapshot()).toEqual(first);
  expect(await cypher(config, 'MATCH ()-[r]->() RETURN count(r) AS n')).toEqual([{ n: relationships }]);
});

test('a mention the data set has twice (two loads of it at once) is one again after a re-run; the schema is what the README says', async () => {
  await resetNeo4j(config);
  await loadIntoNeo4j(graph, config, { dataset: 'article' });
  const first = await snapshot();
  // Mentions have no uniqueness constraint: a copy, as a second load creating it meanwhile would leave.
  const [copied] = await cypher(
    config,
    `MATCH (a)-[r:MENTIONED_IN]->(b) WITH a, r, b LIMIT 1
     CREATE (a)-[c:MENTIONED_IN]->(b) SET c = properties(r) RETURN a.id AS a, b.id AS b`,
  );
  const copies = 'MATCH (:Entity {id: $a})-[r:MENTIONED_IN]->(:Document {id: $b}) RETURN count(r) AS n';
  expect(await cypher(config, copies, copied)).toEqual([{ n: 2 }]);
  await loadIntoNeo4j(graph, config, { dataset: 'article', batchSize: 7 });
  expect(await snapshot()).toEqual(first);

  const names = (await cypher(config, 'SHOW INDEXES YIELD name RETURN name')).map((r) => String(r.name));
  expect(names).toContain('factgraph_quote');
  expect(names).toContain('factgraph_statement_quote');
  expect(names).toContain('factgraph_statement_key_SUPPORTS');
  expect(names).not.toContain('factgraph_statement_key_MENTIONED_IN');
  expect(names).not.toContain('factgraph_dataset_SUPPORTS');
});

test('a quote index an earlier version made for fewer predicates is made again for all of them', async () => {
  await resetNeo4j(config);
  await cypher(config, 'DROP INDEX factgraph_quote IF EXISTS');
  await cypher(
    config,
    'CREATE FULLTEXT INDEX factgraph_quote FOR ()-[r:SUPPORTS|REJECTS]-() ON EACH [r.quote]',
  );
  await loadIntoNeo4j(graph, config, { dataset: 'article' });
  await cypher(config, 'CALL db.awaitIndexes(300)');
  const [index] = await cypher(
    config,
    "SHOW FULLTEXT INDEXES YIELD name, labelsOrTypes WHERE name = 'factgraph_quote' RETURN labelsOrTypes AS types",
  );
  expect((index?.types as string[]).sort()).toEqual(Object.keys(PREDICATES).sort());
  const hits = await cypher(
    config,
    "CALL db.index.fulltext.queryRelationships('factgraph_quote', 'bakkestyrker') YIELD relationship RETURN type(relationship) AS t",
  );
  expect(hits.map((h) => h.t)).toContain('PARTICIPATES_IN');
});
