import { parseParams } from '../../src/query/query';
import { formatResult } from '../../src/query/format';

describe('parseParams', () => {
  test('values are JSON when they parse as JSON, else text', () => {
    expect(parseParams(['n=3', 'ids=["a","b"]', 'name=Meloni', 'eq=a=b'])).toEqual({
      n: 3,
      ids: ['a', 'b'],
      name: 'Meloni',
      eq: 'a=b',
    });
  });

  test('__proto__, constructor and prototype are plain parameter names, never a prototype', () => {
    const params = parseParams([
      '__proto__={"polluted":true}',
      'constructor={"prototype":{"polluted":true}}',
    ]);
    expect(Object.hasOwn(params, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(params)).toBe(Object.prototype);
    expect(params.polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('a pair without a name is a usage error', () => {
    expect(() => parseParams(['=3'])).toThrow(expect.objectContaining({ code: 'USAGE' }));
  });
});

describe('formatResult csv', () => {
  test('text that a spreadsheet would run as a formula is defused; numbers are left alone', () => {
    const csv = formatResult(
      {
        columns: ['name', 'n'],
        rows: [
          { name: "=cmd|' /C calc'!A1", n: -5 },
          { name: '+1+1', n: 2.5 },
          { name: '@SUM(A1)', n: 0 },
          { name: '-2+3', n: null },
          { name: 'Zelenskyj, "Kyiv"', n: 1 },
        ],
      },
      'csv',
    );
    expect(csv.split('\n')).toEqual([
      'name,n',
      `'=cmd|' /C calc'!A1,-5`,
      "'+1+1,2.5",
      "'@SUM(A1),0",
      "'-2+3,null",
      '"Zelenskyj, ""Kyiv""",1',
      '',
    ]);
  });
});
