/**
 * Discourse networks of the small debate in tests/fixtures/network, computed by hand (the signs each
 * actor takes on each concept are in the comment below), and properties of any network (fast-check).
 */
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import {
  csvMatrix,
  discourseNetworks,
  KgError,
  networkEdges,
  validate,
  type Dataset,
  type DiscourseNetworks,
  type NetworkOptions,
} from '../../src';
import { FIXTURES } from '../helpers';

/*
 * The stances of the debate (S(a, c): the signs actor a takes on concept c), over the whole period:
 *
 *            carbon tax   nuclear power          subsidies   n(a)
 *   Alice    +            -  (day 1), + (day 2)              3
 *   Bob      +            +                                  2
 *   Carol    -            -  (a negated SUPPORTS)  +         3
 *   Dave     + (Greens)   -  (dated 2025-03)                 2
 *   Greens                                       -           1
 *
 * Not counted: Bob's support for the subsidies (asserted: false, only what Alice rejects) and Alice's
 * REJECTS of that claim (its object is a statement, not a concept).
 */
let dataset: Dataset;
beforeAll(async () => {
  const result = await validate([join(FIXTURES, 'network')]);
  expect(result.errors).toEqual([]);
  dataset = result.dataset;
});

/** The matrix by row and column names, with the cells rounded to 10 places. */
function byName(result: DiscourseNetworks, i = 0): Record<string, Record<string, number>> {
  const n = result.networks[i]!;
  return Object.fromEntries(
    n.rows.map((r, ri) => [
      r.name,
      Object.fromEntries(n.columns.map((c, ci) => [c.name, Math.round(n.matrix[ri]![ci]! * 1e10) / 1e10])),
    ]),
  );
}

/** The ties as `A–B: weight`, names sorted within a pair. */
function ties(result: DiscourseNetworks, i = 0): Record<string, number> {
  const n = result.networks[i]!;
  const name = new Map([...n.rows, ...n.columns].map((x) => [x.id, x.name]));
  return Object.fromEntries(
    networkEdges(result, n).map((e) => [
      `${name.get(e.source)}–${name.get(e.target)}`,
      Math.round(e.weight * 1e10) / 1e10,
    ]),
  );
}

const net = (options: NetworkOptions) => discourseNetworks(dataset, options);

describe('the networks of the debate, by hand', () => {
  test('affiliation: 1 agree, 2 disagree, 3 both', () => {
    const result = net({ type: 'affiliation' });
    expect(result.stances).toBe(11);
    expect(result.skipped).toEqual([
      { statement: 's:bob-supports-subsidies', reason: 'unasserted' },
      { statement: 's:alice-rejects-bob-claim', reason: 'claim' },
    ]);
    expect(byName(result)).toEqual({
      Alice: { 'Carbon tax': 1, 'Nuclear power': 3, Subsidies: 0 },
      Bob: { 'Carbon tax': 1, 'Nuclear power': 1, Subsidies: 0 },
      Carol: { 'Carbon tax': 2, 'Nuclear power': 2, Subsidies: 1 },
      Dave: { 'Carbon tax': 1, 'Nuclear power': 2, Subsidies: 0 },
      Greens: { 'Carbon tax': 0, 'Nuclear power': 0, Subsidies: 2 },
    });
  });

  test('affiliation --qualifier subtract: agree minus disagree statements (Alice on nuclear power: 0, no tie)', () => {
    expect(ties(net({ type: 'affiliation', qualifier: 'subtract' }))).toEqual({
      'Alice–Carbon tax': 1,
      'Bob–Carbon tax': 1,
      'Bob–Nuclear power': 1,
      'Carol–Carbon tax': -1,
      'Carol–Nuclear power': -1,
      'Carol–Subsidies': 1,
      'Dave–Carbon tax': 1,
      'Dave–Nuclear power': -1,
      'Greens–Subsidies': -1,
    });
  });

  test('congruence: the pairs of equal signs, summed over the concepts (Greens agree with nobody: dropped)', () => {
    const result = net({ type: 'congruence' });
    expect(byName(result)).toEqual({
      Alice: { Alice: 0, Bob: 2, Carol: 1, Dave: 2 },
      Bob: { Alice: 2, Bob: 0, Carol: 0, Dave: 1 },
      Carol: { Alice: 1, Bob: 0, Carol: 0, Dave: 1 },
      Dave: { Alice: 2, Bob: 1, Carol: 1, Dave: 0 },
    });
  });

  test('conflict: the pairs of opposite signs', () => {
    expect(ties(net({ type: 'conflict' }))).toEqual({
      'Alice–Bob': 1,
      'Alice–Carol': 2,
      'Alice–Dave': 1,
      'Bob–Carol': 2,
      'Bob–Dave': 1,
      'Carol–Dave': 1,
      'Carol–Greens': 1,
    });
  });

  test('subtract: congruence minus conflict (Bob–Dave and Carol–Dave cancel out: no tie)', () => {
    expect(ties(net({ type: 'subtract' }))).toEqual({
      'Alice–Bob': 1,
      'Alice–Carol': -1,
      'Alice–Dave': 1,
      'Bob–Carol': -2,
      'Carol–Greens': -1,
    });
  });

  test('--isolates keeps the actors without a tie', () => {
    expect(Object.keys(byName(net({ type: 'congruence', isolates: true })))).toEqual([
      'Alice',
      'Bob',
      'Carol',
      'Dave',
      'Greens',
    ]);
  });

  /** Each congruence tie with its weight w and the activities n(a), n(b), counted by hand above. */
  const congruent: [string, number, number, number][] = [
    ['Alice–Bob', 2, 3, 2],
    ['Alice–Carol', 1, 3, 3],
    ['Alice–Dave', 2, 3, 2],
    ['Bob–Dave', 1, 2, 2],
    ['Carol–Dave', 1, 3, 2],
  ];
  test.each<[NetworkOptions['normalize'], (w: number, na: number, nb: number) => number]>([
    ['average', (w, na, nb) => w / ((na + nb) / 2)], // Alice–Bob: 2 / 2.5 = 0.8
    ['jaccard', (w, na, nb) => w / (na + nb - w)], // the union of (concept, sign) pairs; Alice–Carol: 1 / 5
    ['cosine', (w, na, nb) => w / (na * nb)], // as DNA computes it; Alice–Bob: 2 / 6
  ])('normalize %s', (normalize, divided) => {
    expect(ties(net({ type: 'congruence', normalize }))).toEqual(
      Object.fromEntries(
        congruent.map(([pair, w, na, nb]) => [pair, Math.round(divided(w, na, nb) * 1e10) / 1e10]),
      ),
    );
  });

  test('normalize jaccard on conflict: the same divisor', () => {
    expect(ties(net({ type: 'conflict', normalize: 'jaccard' }))).toMatchObject({
      'Alice–Carol': 0.4, // 2 / (3 + 3 - 1)
      'Bob–Carol': 0.4, // 2 / (2 + 3 - 0)
      'Carol–Greens': 0.25, // 1 / (3 + 1 - 0)
    });
  });

  test('a negated SUPPORTS is disagreement: Carol stands with Alice against nuclear power on day 1', () => {
    const day1 = net({ type: 'congruence', to: '2025-03-01' });
    expect(ties(day1)).toEqual({ 'Alice–Bob': 1, 'Alice–Carol': 1, 'Alice–Dave': 1, 'Bob–Dave': 1 });
    expect(byName(net({ type: 'affiliation', to: '2025-03-01' })).Carol).toEqual({
      'Carbon tax': 2,
      'Nuclear power': 2,
    });
  });

  test('--actors organization: the organization spoken for, or the subject that is one; the rest listed', () => {
    const result = net({ type: 'affiliation', actors: 'organization' });
    expect(byName(result)).toEqual({
      Greens: { 'Carbon tax': 1, Subsidies: 2 },
      Union: { 'Carbon tax': 3, Subsidies: 0 },
    });
    expect(result.skipped.filter((s) => s.reason === 'no-organization').map((s) => s.statement)).toEqual([
      's:alice-supports-tax',
      's:alice-rejects-nuclear',
      's:bob-supports-nuclear',
      's:carol-does-not-support-nuclear',
      's:dave-rejects-nuclear',
      's:alice-supports-nuclear',
      's:carol-supports-subsidies',
    ]);
    // The Union holds both signs on the carbon tax; the Greens (Dave) agree with one of them.
    expect(ties(net({ type: 'congruence', actors: 'organization' }))).toEqual({ 'Greens–Union': 1 });
    expect(ties(net({ type: 'conflict', actors: 'organization' }))).toEqual({ 'Greens–Union': 1 });
  });
});

describe('the period and time windows', () => {
  test('a partial date counts only in a period holding every day it can mean', () => {
    // Dave's rejection of nuclear power is dated 2025-03: in March, not in its first half.
    expect(net({ type: 'affiliation', from: '2025-03', to: '2025-03' }).stances).toBe(11);
    const half = net({ type: 'affiliation', from: '2025-03-01', to: '2025-03-15' });
    expect(half.stances).toBe(10);
    expect(half.skipped).toContainEqual({ statement: 's:dave-rejects-nuclear', reason: 'outside-period' });
    expect([half.from, half.to]).toEqual(['2025-03-01', '2025-03-15']);
  });

  test('windows of 7 days every 7: from the first day of the earliest stance to the last of the latest', () => {
    const result = net({ type: 'congruence', window: 7 });
    expect(result.step).toBe(7);
    expect(result.networks.map((n) => [n.start, n.end, n.stances])).toEqual([
      ['2025-03-01', '2025-03-07', 7],
      ['2025-03-08', '2025-03-14', 3],
      ['2025-03-15', '2025-03-21', 0],
      ['2025-03-22', '2025-03-28', 0],
      ['2025-03-29', '2025-04-04', 0],
    ]);
    expect(ties(result, 0)).toEqual({ 'Alice–Bob': 1, 'Alice–Carol': 1, 'Alice–Dave': 1, 'Bob–Dave': 1 });
    expect(ties(result, 1)).toEqual({});
    expect(ties(net({ type: 'conflict', window: 7 }), 1)).toEqual({ 'Carol–Greens': 1 });
  });

  test('overlapping windows (14 days every 7) count a stance in each window it is in', () => {
    const result = net({ type: 'affiliation', window: 14, step: 7, to: '2025-03-14' });
    expect(result.networks.map((n) => [n.start, n.end, n.stances])).toEqual([
      ['2025-03-01', '2025-03-14', 10],
      ['2025-03-08', '2025-03-21', 3],
    ]);
  });

  test('--isolates gives every window the same rows: the actors of the whole period', () => {
    const result = net({ type: 'conflict', window: 7, isolates: true });
    for (const n of result.networks)
      expect(n.rows.map((r) => r.name)).toEqual(['Alice', 'Bob', 'Carol', 'Dave', 'Greens']);
  });
});

describe('options that do not go together are usage errors', () => {
  test.each<[NetworkOptions, RegExp]>([
    [{ type: 'affiliation', normalize: 'jaccard' }, /one-mode networks/],
    [{ type: 'congruence', qualifier: 'subtract' }, /--qualifier is for the affiliation/],
    [{ type: 'congruence', step: 3 }, /--step needs --window/],
    [{ type: 'congruence', window: 0 }, /--window must be a whole number/],
    [{ type: 'congruence', from: '2025-13' }, /--from: .*not an EDTF/],
    [{ type: 'congruence', from: '2025-04', to: '2025-03' }, /is after --to/],
  ])('%j', (options, message) => {
    let error: unknown;
    try {
      net(options);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KgError);
    expect(error).toMatchObject({ code: 'USAGE', message: expect.stringMatching(message) });
  });
});

/** A data set of stances only: actors a0..a5 on concepts c0..c3, all on one day. */
function stanceDataset(
  stances: { actor: number; concept: number; agree: boolean; negated: boolean }[],
): Dataset {
  const where = { file: 'generated.yaml', line: 1, col: 1 };
  const entity = (id: string, kind: 'Person' | 'Concept') => [
    id,
    { record: { id, kind, name: id }, where, fields: {} },
  ];
  return {
    root: '/',
    files: [],
    documents: new Map([
      [
        'doc:d',
        {
          record: { id: 'doc:d', title: 'd', date: '2025-01-01', language: 'en', path: 'd.txt' },
          where,
          fields: {},
          sourcePath: '/d.txt',
        },
      ],
    ]),
    entities: new Map([
      ...[0, 1, 2, 3, 4, 5].map((i) => entity(`person:a${i}`, 'Person')),
      ...[0, 1, 2, 3].map((i) => entity(`concept:c${i}`, 'Concept')),
    ] as [string, never][]),
    statements: new Map(
      stances.map((s, i) => [
        `s:${i}`,
        {
          record: {
            id: `s:${i}`,
            subject: `person:a${s.actor}`,
            predicate: s.agree ? 'SUPPORTS' : 'REJECTS',
            object: `concept:c${s.concept}`,
            quote: 'q',
            ...(s.negated ? { polarity: 'negated' as const } : {}),
          },
          where,
          fields: {},
          document: 'doc:d',
        },
      ]),
    ),
  };
}

const arbitraryStances = fc.array(
  fc.record({
    actor: fc.integer({ min: 0, max: 5 }),
    concept: fc.integer({ min: 0, max: 3 }),
    agree: fc.boolean(),
    negated: fc.boolean(),
  }),
  { maxLength: 40 },
);

/** Every cell of a one-mode network by actor pair, 0 where there is no tie. */
function cells(result: DiscourseNetworks): Map<string, number> {
  const n = result.networks[0]!;
  const out = new Map<string, number>();
  n.rows.forEach((r, i) => n.columns.forEach((c, j) => out.set(`${r.id} ${c.id}`, n.matrix[i]![j]!)));
  return out;
}

describe('properties of any network', () => {
  test('one-mode matrices are symmetric with a zero diagonal; subtract = congruence - conflict', () => {
    fc.assert(
      fc.property(arbitraryStances, (stances) => {
        const data = stanceDataset(stances);
        const of = (type: NetworkOptions['type']) => cells(discourseNetworks(data, { type, isolates: true }));
        const [congruence, conflict, subtract] = [of('congruence'), of('conflict'), of('subtract')];
        for (const [k, v] of congruence) {
          const [a, b] = k.split(' ');
          expect(congruence.get(`${b} ${a}`)).toBe(v);
          if (a === b) expect(v).toBe(0);
          expect(subtract.get(k)).toBe(v - conflict.get(k)!);
        }
      }),
    );
  });

  test('normalized congruence and conflict are in [0, 1], subtract in [-1, 1]', () => {
    fc.assert(
      fc.property(
        arbitraryStances,
        fc.constantFrom('average', 'jaccard', 'cosine' as const),
        (stances, normalize) => {
          const data = stanceDataset(stances);
          for (const type of ['congruence', 'conflict', 'subtract'] as const)
            for (const v of cells(discourseNetworks(data, { type, normalize, isolates: true })).values()) {
              expect(v).toBeGreaterThanOrEqual(type === 'subtract' ? -1 : 0);
              expect(v).toBeLessThanOrEqual(1);
            }
        },
      ),
    );
  });

  test('negating every stance leaves congruence and conflict as they are and flips every affiliation sign', () => {
    fc.assert(
      fc.property(arbitraryStances, (stances) => {
        const flipped = stances.map((s) => ({ ...s, negated: !s.negated }));
        for (const type of ['congruence', 'conflict'] as const)
          expect(cells(discourseNetworks(stanceDataset(flipped), { type }))).toEqual(
            cells(discourseNetworks(stanceDataset(stances), { type })),
          );
        const swap = [0, 2, 1, 3];
        const before = discourseNetworks(stanceDataset(stances), { type: 'affiliation' }).networks[0]!;
        const after = discourseNetworks(stanceDataset(flipped), { type: 'affiliation' }).networks[0]!;
        expect(after.matrix).toEqual(before.matrix.map((row) => row.map((v) => swap[v])));
      }),
    );
  });
});

test('the CSV matrix quotes the names that need it; a name two nodes share gets its id', () => {
  const node = (id: string, name: string) => ({ id, name, kind: 'Person' });
  const rows = [node('person:a', 'Smith, "Jo"'), node('person:b', 'Lee'), node('person:c', 'Lee')];
  const csv = csvMatrix({
    start: null,
    end: null,
    stances: 3,
    rows,
    columns: rows,
    matrix: [
      [0, 1, 0],
      [1, 0, 2],
      [0, 2, 0],
    ],
  });
  expect(parse(csv)).toEqual([
    ['', 'Smith, "Jo"', 'Lee (person:b)', 'Lee (person:c)'],
    ['Smith, "Jo"', '0', '1', '0'],
    ['Lee (person:b)', '1', '0', '2'],
    ['Lee (person:c)', '0', '2', '0'],
  ]);
});
