import { MultiDirectedGraph } from 'graphology';
import type { FactGraph } from '../../src';
import { toNeo4jCsv } from '../../src/export/neo4j-csv';

/** `statements` SUPPORTS statements between `statements` persons, quoted in one document. */
function graphOf(statements: number): FactGraph {
  const g: FactGraph = new MultiDirectedGraph({ allowSelfLoops: false });
  g.replaceAttributes({
    documents: { 'doc:a': { title: 'A', date: '2025-08-21', language: 'nb', path: 'a.txt' } },
  });
  for (let i = 0; i < statements; i++) g.addNode(`person:p${i}`, { kind: 'Person', name: `P ${i}` } as never);
  for (let i = 0; i < statements; i++) {
    g.addDirectedEdgeWithKey(`s:${i}`, `person:p${i}`, `person:p${(i * 7 + 1) % statements}`, {
      predicate: 'SUPPORTS',
      quote: `q ${i}`,
      quoteStart: 0,
      quoteEnd: 3,
      document: 'doc:a',
      date: '2025-08-21',
    } as never);
  }
  return g;
}

/**
 * The array elements iterated (for-of, spread, Array.from) while `fn` runs: a count of work that does
 * not depend on the machine. Copying a growing list once per item, as an earlier version grouped the
 * relationships by file, makes it grow with the square of the items.
 */
function arraySteps(fn: () => void): number {
  const proto = Array.prototype as unknown as { [Symbol.iterator]: () => Iterator<unknown> };
  const original = proto[Symbol.iterator];
  let steps = 0;
  proto[Symbol.iterator] = function (this: unknown[]) {
    const it = original.call(this);
    return {
      next: () => {
        steps++;
        return it.next();
      },
      [Symbol.iterator]() {
        return this;
      },
    };
  };
  try {
    fn();
  } finally {
    proto[Symbol.iterator] = original;
  }
  return steps;
}

const exportSteps = (graph: FactGraph) =>
  arraySteps(() => {
    for (const chunks of Object.values(toNeo4jCsv(graph))) for (const _ of chunks);
  });

describe('neo4j-csv export', () => {
  // 100k statements once did not finish in minutes, 10k took half a second.
  test('its work grows in proportion to the statements, not their square', () => {
    const small = exportSteps(graphOf(500));
    const large = exportSteps(graphOf(2000));
    expect(small).toBeGreaterThan(500);
    // Four times the statements: four times the steps when linear, sixteen when quadratic.
    expect(large / small).toBeLessThan(5);
  });
});
