import { PropertyGraph, queryGraph } from '../../src/query/cypher';
import { queryError } from '../helpers';

const g = new PropertyGraph();
const value = (expr: string) => queryGraph(g, `RETURN ${expr} AS x`).rows[0]!.x;

describe('round() as Neo4j 5 rounds', () => {
  test('each rounding mode, on both signs (the values Neo4j 5.26 gives)', () => {
    const cases: [string, number][] = [
      ["round(2.5, 0, 'HALF_EVEN')", 2],
      ["round(3.5, 0, 'HALF_EVEN')", 4],
      ["round(-2.5, 0, 'HALF_EVEN')", -2],
      ["round(0.25, 1, 'HALF_EVEN')", 0.2],
      ["round(0.15, 1, 'HALF_EVEN')", 0.2],
      ["round(-2.5, 0, 'HALF_UP')", -3],
      ["round(-2.5, 0, 'HALF_DOWN')", -2],
      ["round(2.51, 0, 'HALF_DOWN')", 3],
      ["round(2.1, 0, 'UP')", 3],
      ["round(-2.1, 0, 'UP')", -3],
      ["round(2.9, 0, 'DOWN')", 2],
      ["round(-2.1, 0, 'CEILING')", -2],
      ["round(-2.1, 0, 'FLOOR')", -3],
      ["round(0.004, 1, 'UP')", 0.1],
      ["round(-0.004, 1, 'FLOOR')", -0.1],
      ["round(9.96, 1, 'HALF_UP')", 10],
      ["round(2.0, 0, 'UNNECESSARY')", 2],
      ["round(2.55, 1.9, 'DOWN')", 2.5],
    ];
    for (const [expr, expected] of cases) expect([expr, value(expr)]).toEqual([expr, expected]);
  });

  test('the decimal text is rounded, not the binary value; one argument is Java Math.round', () => {
    expect(value('round(2.675, 2)')).toBe(2.68);
    expect(value('round(1.005, 2)')).toBe(1.01);
    expect(value('round(-2.5, 0)')).toBe(-2);
    expect(value('round(-2.5)')).toBe(-2);
    expect(value('round(1.0E20, 0)')).toBe(2 ** 63);
    expect(value("round(1.0E20, 0, 'HALF_UP')")).toBe(1e20);
    expect(Object.is(value('round(-0.04, 1)'), 0)).toBe(true);
    expect(value("round(1.0 / 0, 2, 'UP')")).toBe(Infinity);
    expect(value('round(2.5, 1, null)')).toBeNull();
  });

  test('an unknown mode, a negative precision and a needed rounding under UNNECESSARY are refused', () => {
    expect(queryError(g, "RETURN round(2.5, 0, 'half_even') AS x").message).toContain('HALF_EVEN');
    expect(queryError(g, 'RETURN round(2.5, -1) AS x').message).toContain('negative');
    expect(queryError(g, "RETURN round(2.5, 0, 'UNNECESSARY') AS x").message).toContain('rounding necessary');
  });
});
