import { PropertyGraph, queryGraph, runSetup } from '../../src/query/cypher';
import { queryError } from '../helpers';

const g = new PropertyGraph();
runSetup(
  g,
  `CREATE (a:P {n: 1, age: 40})-[:K]->(b:P {n: 2, age: 20})-[:K]->(c:P {n: 3, age: 50})-[:K]->(d:Q {n: 4}),
          (a)-[:K]->(e:P {n: 5, age: 45})-[:K]->(c)`,
);
const ends = (q: string) =>
  queryGraph(g, q)
    .rows.map((r) => `${String(r.a)}>${String(r.b)}`)
    .sort();

describe('quantified path patterns whose inner nodes carry labels and properties', () => {
  test('every hop’s ends must match the group’s node patterns', () => {
    expect(ends('MATCH (x {n: 1})((:P)-[:K]->(:P)){1,3}(y) RETURN x.n AS a, y.n AS b')).toEqual([
      '1>2',
      '1>3',
      '1>3',
      '1>5',
    ]);
    // The last hop into the Q node fails the inner :P.
    expect(ends('MATCH (x:P)((:P)-[:K]->(:Q)){1}(y) RETURN x.n AS a, y.n AS b')).toEqual(['3>4']);
    expect(ends('MATCH (x)((:P)-[:K]->(:P {age: 50})){1,2}(y) RETURN x.n AS a, y.n AS b')).toEqual([
      '2>3',
      '5>3',
    ]);
    // Walked from the bound right end, the inner patterns keep their sides.
    expect(ends('MATCH (x)((:P)<-[:K]-(:P)){1,2}(y {n: 1}) RETURN x.n AS a, y.n AS b')).toEqual([
      '2>1',
      '3>1',
      '3>1',
      '5>1',
    ]);
  });

  test('a named inner node is a group variable: the list of its node in each hop', () => {
    // x and y as lists of the hops' node numbers, one row a path, in path order.
    const groups = (pattern: string) =>
      queryGraph(g, `MATCH ${pattern} RETURN [n IN x | n.n] AS x, [n IN y | n.n] AS y ORDER BY x, y`).rows;
    expect(groups('(a {n: 1})((x:P)-[:K]->(y:P)){2}(b)')).toEqual([
      { x: [1, 2], y: [2, 3] },
      { x: [1, 5], y: [5, 3] },
    ]);
    // Walked from the bound right end, the lists are still in the pattern's order.
    expect(groups('(a)((x)<-[:K]-(y)){2}(b {n: 1})')).toEqual([
      { x: [3, 2], y: [2, 1] },
      { x: [3, 5], y: [5, 1] },
    ]);
  });

  test('what is not here yet is CYPHER_UNSUPPORTED', () => {
    for (const q of [
      'MATCH (a)((:P)-[:K]->() WHERE true){1,2}(b) RETURN a',
      'MATCH (a)((:P)-[:K]->()-[:K]->()){1,2}(b) RETURN a',
      'MATCH p = ANY SHORTEST (a)((:P)-[:K]->()){1,2}(b) RETURN p',
    ]) {
      expect([q, queryError(g, q).code]).toEqual([q, 'CYPHER_UNSUPPORTED']);
    }
  });
});
