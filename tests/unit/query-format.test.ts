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

describe('formatResult table', () => {
  const node = (id: string, labels: string[], properties: Record<string, string>) => ({
    elementId: id,
    labels,
    properties,
  });
  const putin = node('1', ['Entity', 'Person'], { id: 'person:vladimir-putin', name: 'Vladimir Putin' });
  const russia = node('2', ['Entity', 'State'], { id: 'state:russia', name: 'Russia' });
  const leads = {
    elementId: '3',
    type: 'LEADS',
    startNodeElementId: '1',
    endNodeElementId: '2',
    properties: { id: 's:putin-leads-russia' },
  };
  const long = 'Det ser ut til at Russland krever kontroll over hele Donbas-regionen, samt at kampene fryses';

  test('a node, a relationship and a path show their labels and name, not their JSON', () => {
    const table = formatResult(
      {
        columns: ['n', 'r', 'p', 'doc'],
        rows: [
          {
            n: putin,
            r: leads,
            p: { nodes: [russia, putin], relationships: [leads] },
            doc: node('4', ['Document'], { id: 'doc:x' }),
          },
        ],
      },
      'table',
    );
    expect(table).toContain("│ (:Person {name: 'Vladimir Putin'}) │");
    expect(table).toContain("│ [:LEADS {id: 's:putin-leads-russia'}] │");
    expect(table).toContain("│ (:State {name: 'Russia'})<-[:LEADS]-(:Person {name: 'Vladimir Putin'}) │");
    expect(table).toContain("│ (:Document {id: 'doc:x'}) │");
    expect(table).not.toContain('elementId');
  });

  test('long cells are cut with … to the width; short columns keep theirs; json and csv keep all', () => {
    const result = {
      columns: ['n', 'quote'],
      rows: [
        { n: 1, quote: long },
        { n: 22, quote: 'kort' },
      ],
    };
    const table = formatResult(result, 'table', { width: 40 });
    const lines = table.trimEnd().split('\n');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(40);
    expect(lines.some((l) => l.length === 40)).toBe(true);
    expect(table).toContain('│ 22 │ kort');
    expect(table).toContain('│ 1  │ Det ser ut til at Russland kre… │');
    expect(formatResult(result, 'table', { width: 200 })).toContain(long);
    expect(formatResult(result, 'table')).toContain(long);
    expect(formatResult(result, 'csv')).toContain(long);
    expect(formatResult(result, 'json')).toContain(long);
  });
});
