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

  test('a WHERE inside the group runs on each iteration, reading its elements and outer variables', () => {
    // Each hop must go to someone younger: 1(40) > 2(20), but 2(20) < 3(50).
    expect(
      ends('MATCH (x {n: 1})((p)-[:K]->(q) WHERE q.age < p.age){1,3}(y) RETURN x.n AS a, y.n AS b'),
    ).toEqual(['1>2']);
    // An outer variable bound later in the same pattern: checked once the match is complete.
    expect(
      ends(
        'MATCH (x {n: 1})((p)-[:K]->(q) WHERE q.age < z.age){1,2}(y), (z {n: 3}) RETURN x.n AS a, y.n AS b',
      ),
    ).toEqual(['1>2', '1>5']);
    // Inline WHEREs inside the group's elements are the group's.
    expect(
      ends(
        'MATCH (x {n: 1})((p)-[r:K WHERE r IS NOT NULL]->(q WHERE q.age > 30)){1,2}(y) RETURN x.n AS a, y.n AS b',
      ),
    ).toEqual(['1>3', '1>5']);
  });

  test('a group of several relationships repeats as a whole; its named elements are lists', () => {
    const rows = queryGraph(
      g,
      'MATCH (s {n: 1})((a)-[r:K]->(b)-[:K]->(c)){1,2}(t) RETURN [n IN a | n.n] AS a, [n IN c | n.n] AS c, size(r) AS k, t.n AS t ORDER BY a, c',
    ).rows;
    expect(rows).toEqual([
      { a: [1], c: [3], k: 1, t: 3 },
      { a: [1], c: [3], k: 1, t: 3 },
    ]);
    // Juxtaposed groups meet at one node.
    expect(
      ends('MATCH (x {n: 1}) ((p)-[:K]->(q)){1} (m) ((u)-[:K]->(v)){2} (y) RETURN x.n AS a, y.n AS b'),
    ).toEqual(['1>4', '1>4']);
  });

  test('a path selector picks from the paths the whole pattern matches, each pair of ends', () => {
    const lengths = queryGraph(
      g,
      'MATCH p = ALL SHORTEST (a {n: 1})((x)-[:K]->(y) WHERE y.age > 0){1,}(b {n: 3}) RETURN length(p) AS len',
    ).rows;
    expect(lengths).toEqual([{ len: 2 }, { len: 2 }]);
    // The clause's WHERE filters the selected paths; it does not pick longer ones.
    expect(
      queryGraph(g, 'MATCH p = ANY SHORTEST (a {n: 1})-[:K]->+(b {n: 4}) WHERE length(p) > 3 RETURN p').rows,
    ).toEqual([]);
  });

  test('what Neo4j 5 refuses in quantified path patterns is a syntax error', () => {
    for (const q of [
      'MATCH ((a)-[*1..2]->(b)){1,2} RETURN a',
      'MATCH (((a)-->(b)){1,2}){1,2} RETURN a',
      'MATCH ((a:P)){1,2} RETURN a',
      'MATCH (x)((a)-->(b)){0}(y) RETURN x',
      'MATCH ((a)-->(b)){1,2}, (a) RETURN a',
      'MATCH (a)-[*1..2]->(b)((c)-->(d)){1,2}(e) RETURN a',
      'MATCH p = shortestPath((a)((x)-->(y)){1,5}(b)) RETURN p',
      'MATCH p = ANY SHORTEST (a)-->+(b), (b)-->(c) RETURN p',
    ]) {
      expect([q, queryError(g, q).code]).toEqual([q, 'CYPHER_SYNTAX']);
    }
  });
});
