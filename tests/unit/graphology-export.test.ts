import Graph from 'graphology';
import fc from 'fast-check';
import {
  buildGraph,
  exportGraph,
  type Dataset,
  type StatementEntry,
  type Located,
  type Entity,
} from '../../src';

const where = { file: 'x.yaml', line: 1, col: 1 };

/** Datasets of random entities and statements between them, with awkward strings everywhere. */
const datasets = fc
  .record({
    names: fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 2, maxLength: 8 }),
    edges: fc.array(
      fc.record({
        s: fc.nat(),
        o: fc.nat(),
        quote: fc.string({ maxLength: 30 }),
        q: fc.array(fc.string(), { maxLength: 2 }),
      }),
      { maxLength: 20 },
    ),
  })
  .map(({ names, edges }): Dataset => {
    const entities = new Map<string, Located<Entity>>(
      names.map((name, i) => [
        `person:p${i}`,
        {
          record: { id: `person:p${i}`, kind: 'Person', name, aliases: [name, `${name}</script>&"`] },
          where,
          fields: {},
        },
      ]),
    );
    const statements = new Map<string, StatementEntry>();
    edges.forEach((e, i) => {
      const s = e.s % names.length;
      const o = (s + 1 + (e.o % (names.length - 1))) % names.length;
      statements.set(`s:${i}`, {
        record: {
          id: `s:${i}`,
          subject: `person:p${s}`,
          predicate: 'SUPPORTS',
          object: `person:p${o}`,
          quote: e.quote,
          qualifiers: e.q,
        },
        document: 'doc:d',
        span: { start: 0, end: e.quote.length },
        where,
        fields: {},
      });
    });
    const documents = new Map([
      [
        'doc:d',
        {
          record: { id: 'doc:d', title: 'T', date: '2025-08-21', language: 'nb', path: 'd.txt' },
          sourcePath: '/data/d.txt',
          where,
          fields: {},
        },
      ],
    ]);
    return { root: '/data', files: [], documents, entities, statements };
  });

test('round trip: Graph.from(JSON.parse(export)) is the same graph, and exports are byte-identical', () => {
  fc.assert(
    fc.property(datasets, (dataset) => {
      const graph = buildGraph(dataset);
      const text = exportGraph(graph, 'graphology');
      const back = Graph.from(JSON.parse(text) as ReturnType<typeof graph.export>);
      expect([back.type, back.multi]).toEqual(['directed', true]);
      expect(back.order).toBe(graph.order);
      expect(back.size).toBe(graph.size);
      expect(back.export()).toEqual(graph.export());
      expect(exportGraph(back as typeof graph, 'graphology')).toBe(text);
      expect(exportGraph(buildGraph(dataset), 'graphology')).toBe(text);
    }),
    { numRuns: 200 },
  );
});

test('parallel edges between the same two nodes both stay', () => {
  const base = fc.sample(datasets, { seed: 1, numRuns: 1 })[0]!;
  const first = [...base.entities.keys()][0]!;
  const second = [...base.entities.keys()][1]!;
  for (const id of ['s:a', 's:b']) {
    base.statements.set(id, {
      record: { id, subject: first, predicate: 'SUPPORTS', object: second, quote: 'q' },
      document: 'doc:d',
      span: { start: 0, end: 1 },
      where,
      fields: {},
    });
  }
  const graph = buildGraph(base);
  expect(graph.multi).toBe(true);
  expect(graph.hasEdge('s:a') && graph.hasEdge('s:b')).toBe(true);
  expect(graph.edges(first, second)).toEqual(expect.arrayContaining(['s:a', 's:b']));
});
