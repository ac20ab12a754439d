import { MultiDirectedGraph } from 'graphology';
import type { FactGraph } from '../../src';
import { loadGraph } from '../../src';
import { loadIntoNeo4j } from '../../src/backends/neo4j/load';
import { readCanonicalFromNeo4j } from '../../src/backends/neo4j/read-graph';
import { canonicalFromGraph } from '../../src/load/canonical';
import type { Neo4jConfig } from '../../src/backends/neo4j/connection';
import { cypher, resetNeo4j, testNeo4j } from '../neo4j-helpers';
import { hostileGraph } from '../hostile-graph';

let config: Neo4jConfig;

beforeAll(async () => {
  config = testNeo4j();
  await resetNeo4j(config);
});

const PAYLOADS = [
  "x'}) DETACH DELETE n //",
  'x"}) MATCH (m) DETACH DELETE m //',
  '`) DETACH DELETE n //',
  "\\'; DROP CONSTRAINT factgraph_entity_id //",
];

/** A graph whose ids, names, quotes and every other text are Cypher injection attempts. */
function injectionGraph(): FactGraph {
  const g: FactGraph = new MultiDirectedGraph({ allowSelfLoops: false });
  g.replaceAttributes({
    documents: {
      [`doc:${PAYLOADS[0]}`]: { title: PAYLOADS[1]!, date: '2025-08-21', language: 'nb', path: PAYLOADS[2]! },
    },
  });
  PAYLOADS.forEach((p, i) =>
    g.addNode(`person:${p}`, { kind: 'Person', name: p, aliases: [p], role: PAYLOADS[(i + 1) % 4] }),
  );
  PAYLOADS.forEach((p, i) =>
    g.addDirectedEdgeWithKey(`s:${p}`, `person:${p}`, `person:${PAYLOADS[(i + 1) % 4]}`, {
      predicate: 'SUPPORTS',
      quote: p,
      quoteStart: 0,
      quoteEnd: p.length,
      document: `doc:${PAYLOADS[0]}`,
      date: '2025-08-21',
      attributedTo: [`person:${p}`],
      qualifiers: PAYLOADS,
      hedging: p,
    }),
  );
  return g;
}

test('Cypher injection: payloads in ids, names, quotes and every text are stored as data, and change no query', async () => {
  const article = (await loadGraph(['graph-data'])).graph;
  await loadIntoNeo4j(article, config, { dataset: 'article' });
  const before = await readCanonicalFromNeo4j(config, 'article');
  for (const [dataset, graph] of [
    ['injection', injectionGraph()],
    ['hostile', hostileGraph()],
  ] as const) {
    await loadIntoNeo4j(graph, config, { dataset });
    expect(await readCanonicalFromNeo4j(config, dataset)).toEqual(canonicalFromGraph(graph));
  }
  // Nothing else was deleted or changed, and the constraints are all there.
  expect(await readCanonicalFromNeo4j(config, 'article')).toEqual(before);
  const constraints = await cypher(
    config,
    "SHOW CONSTRAINTS YIELD name WHERE name STARTS WITH 'factgraph_' RETURN count(*) AS n",
  );
  expect(constraints[0]!.n).toBeGreaterThan(20);
});

test('a label or relationship type outside the schema never reaches a query', async () => {
  const g = injectionGraph();
  g.mergeNodeAttributes(`person:${PAYLOADS[0]}`, { kind: 'Person`) DETACH DELETE n //' as never });
  await expect(loadIntoNeo4j(g, config, { dataset: 'bad-label' })).rejects.toThrow(/refusing unknown label/);
  const h = injectionGraph();
  h.mergeEdgeAttributes(`s:${PAYLOADS[0]}`, { predicate: 'SUPPORTS]->() DETACH DELETE n //' as never });
  await expect(loadIntoNeo4j(h, config, { dataset: 'bad-type' })).rejects.toThrow(
    /refusing unknown relationship type/,
  );
  expect(await cypher(config, "MATCH (n:Entity) WHERE 'article' IN n.datasets RETURN count(n) AS n")).toEqual(
    [{ n: 47 }],
  );
});

test('two loads of different data sets into one database at the same time: both complete, neither harms the other', async () => {
  await resetNeo4j(config);
  const article = (await loadGraph(['graph-data'])).graph;
  // The base fixtures share entities with the article (state:russia, ...), described the same way.
  const other = (await loadGraph(['tests/fixtures/base'])).graph;
  other.forEachNode(
    (id) => article.hasNode(id) && other.replaceNodeAttributes(id, article.getNodeAttributes(id)),
  );
  await Promise.all([
    loadIntoNeo4j(article, config, { dataset: 'article', batchSize: 5 }),
    loadIntoNeo4j(other, config, { dataset: 'other', batchSize: 1 }),
    loadIntoNeo4j(injectionGraph(), config, { dataset: 'injection', batchSize: 2 }),
  ]);
  expect(await readCanonicalFromNeo4j(config, 'article')).toEqual(canonicalFromGraph(article));
  expect(await readCanonicalFromNeo4j(config, 'other')).toEqual(canonicalFromGraph(other));
  expect(await readCanonicalFromNeo4j(config, 'injection')).toEqual(canonicalFromGraph(injectionGraph()));
});
