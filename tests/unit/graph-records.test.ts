import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildGraph, validate } from '../../src';
import { graphRecords } from '../../src/load/canonical';
import { toNeo4jProperty } from '../../src/backends/neo4j/values';
import { propertyGraph } from '../../src/query/cypher';
import { BASE, FIXTURES, generateCorpus, ROOT } from '../helpers';

const tmp = mkdtempSync(join(tmpdir(), 'factgraph-records-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A generated corpus (scripts/corpus.mjs): claims about claims, unasserted ones, sources, quantities. */
function corpus(): string {
  return generateCorpus(join(tmp, 'corpus'), ['--statements', '3000', '--seed', '7']);
}

// The records every backend stores, made from the dataset without a graph, are those made by reading the
// FactGraph buildGraph makes of it (what exports and hand-made graphs still go through), in the same order.
describe.each([
  ['the article data', () => ({ paths: [join(ROOT, 'graph-data')] })],
  [
    'the claims fixtures',
    () => ({ paths: [BASE, join(FIXTURES, 'valid', 'claims-every-field.yaml')], root: FIXTURES }),
  ],
  ['a generated corpus', () => ({ paths: [corpus()] })],
])('records from the dataset equal records from its FactGraph: %s', (_name, data) => {
  test('plain values, and Neo4j values', async () => {
    const { paths, root } = data() as { paths: string[]; root?: string };
    const result = await validate(paths, { ...(root === undefined ? {} : { root }) });
    expect(result.errors).toEqual([]);
    const graph = buildGraph(result.dataset);
    const plain = graphRecords(result.dataset, 'd', (_k, v) => v);
    expect(plain).toEqual(graphRecords(graph, 'd', (_k, v) => v));
    expect(plain.statements.length + plain.relationships.length).toBeGreaterThan(0);
    expect(graphRecords(result.dataset, 'd', toNeo4jProperty)).toEqual(
      graphRecords(graph, 'd', toNeo4jProperty),
    );
    // The memory Cypher engine's view: the same nodes and relationships in the same order.
    const view = (g: Parameters<typeof propertyGraph>[0]) => {
      const v = propertyGraph(g, 'd');
      return {
        nodes: v.nodes.map((n) => [n.key, n.labels, [...n.properties]]),
        rels: v.rels.map((r) => [r.key, r.type, r.start.key, r.end.key, [...r.properties]]),
      };
    };
    expect(view(result.dataset)).toEqual(view(graph));
  });
});
