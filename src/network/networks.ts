/**
 * Discourse networks (Leifeld 2017; the Discourse Network Analyzer, leifeld/dna) of the stances of a data
 * set: the two-mode actor × concept network, and the one-mode actor networks of congruence (same stance
 * on a concept), conflict (opposite stances) and their difference, over a period or in time windows.
 * docs/discourse-networks.md has the definitions and formulas with a worked example.
 */
import { KgError } from '../errors';
import type { Dataset } from '../model/dataset';
import { period, windows, within, type Span } from './period';
import { collectStances, type ActorMode, type Skipped, type Stance } from './stances';

export const NETWORK_TYPES = ['affiliation', 'congruence', 'conflict', 'subtract'] as const;
export type NetworkType = (typeof NETWORK_TYPES)[number];
export const NORMALIZATIONS = ['none', 'average', 'jaccard', 'cosine'] as const;
export type Normalization = (typeof NORMALIZATIONS)[number];
/** What an affiliation cell holds: the signs taken (1 agree, 2 disagree, 3 both), or agree minus disagree counts. */
export const QUALIFIERS = ['sign', 'subtract'] as const;
export type Qualifier = (typeof QUALIFIERS)[number];

export interface NetworkOptions {
  type: NetworkType;
  /** Default person: the subject. */
  actors?: ActorMode;
  /** Affiliation only; default sign. */
  qualifier?: Qualifier;
  /** One-mode networks only; default none. */
  normalize?: Normalization;
  /** EDTF dates: the period from the first day `from` can mean to the last day `to` can mean. */
  from?: string;
  to?: string;
  /** Days: one network per window of `window` days, a window every `step` days (default: `window`). */
  window?: number;
  step?: number;
  /** Keep every actor (and concept) with a stance in the period in every network, tied or not. */
  isolates?: boolean;
}

export interface NetworkNode {
  id: string;
  /** The entity's name. */
  name: string;
  kind: string;
}

/** One network: a matrix with actors as rows and actors (one-mode) or concepts (affiliation) as columns. */
export interface Network extends Span {
  /** The stances counted in it. */
  stances: number;
  rows: NetworkNode[];
  columns: NetworkNode[];
  matrix: number[][];
}

export interface NetworkEdge {
  source: string;
  target: string;
  weight: number;
}

export interface DiscourseNetworks {
  type: NetworkType;
  actors: ActorMode;
  qualifier?: Qualifier;
  normalize: Normalization;
  /** The period (--from, --to); null: open. */
  from: string | null;
  to: string | null;
  window?: number;
  step?: number;
  isolates: boolean;
  /** The stances in the period. */
  stances: number;
  /** The SUPPORTS and REJECTS statements not counted, and why. */
  skipped: Skipped[];
  /** One network, or one per time window. */
  networks: Network[];
}

/** The bits of an actor's signs on a concept: the affiliation cell of the `sign` qualifier. */
const AGREE = 1;
const DISAGREE = 2;
const bits = (mask: number) => (mask & AGREE) + ((mask & DISAGREE) >> 1);

/**
 * Throws USAGE for options that do not go together (DNA would silently change them) and for a period
 * that is no EDTF date; returns the period.
 */
export function checkNetworkOptions(options: NetworkOptions): Span {
  const { type, normalize = 'none', qualifier, window, step } = options;
  if (type === 'affiliation' && normalize !== 'none')
    throw new KgError(
      'USAGE',
      `--normalize ${normalize} is for one-mode networks (congruence, conflict, subtract), not affiliation`,
    );
  if (type !== 'affiliation' && qualifier !== undefined)
    throw new KgError('USAGE', `--qualifier is for the affiliation network; ${type} is one already`);
  if (step !== undefined && window === undefined) throw new KgError('USAGE', '--step needs --window');
  for (const [flag, days] of [
    ['window', window],
    ['step', step],
  ] as const)
    if (days !== undefined && !(Number.isSafeInteger(days) && days >= 1))
      throw new KgError('USAGE', `--${flag} must be a whole number of days, at least 1`);
  return period(options.from, options.to);
}

/** The discourse networks of a data set's stances (docs/discourse-networks.md). */
export function discourseNetworks(dataset: Dataset, options: NetworkOptions): DiscourseNetworks {
  const span = checkNetworkOptions(options);
  const { type, window, actors = 'person', normalize = 'none' } = options;
  const all = collectStances(dataset, actors);
  const skipped = [...all.skipped];
  const stances: Stance[] = [];
  for (const s of all.stances) {
    if (within(span, s)) stances.push(s);
    else skipped.push({ statement: s.statement, reason: 'outside-period' });
  }
  const step = window === undefined ? undefined : (options.step ?? window);
  const spans = window === undefined ? [span] : windows(span, stances, window, step!);
  const node = (id: string): NetworkNode => {
    const entity = dataset.entities.get(id)?.record;
    return { id, name: entity?.name ?? id, kind: entity?.kind ?? '' };
  };
  const everyone = options.isolates
    ? {
        rows: sortNodes(new Set(stances.map((s) => s.actor)), node),
        columns: sortNodes(new Set(stances.map((s) => s.concept)), node),
      }
    : undefined;
  const qualifier = type === 'affiliation' ? (options.qualifier ?? 'sign') : undefined;
  const networks = spans.map((w) => {
    const inWindow = window === undefined ? stances : stances.filter((s) => within(w, s));
    const cells =
      type === 'affiliation' ? affiliation(inWindow, qualifier!) : oneMode(inWindow, type, normalize);
    const tied = (end: 0 | 1) => new Set([...cells.keys()].map((k) => splitKey(k)[end]));
    const rows = everyone?.rows ?? sortNodes(tied(0), node);
    const columns = type === 'affiliation' ? (everyone?.columns ?? sortNodes(tied(1), node)) : rows;
    const matrix = fill(cells, rows, columns);
    return { ...w, stances: inWindow.length, rows, columns, matrix };
  });
  return {
    type,
    actors,
    ...(qualifier === undefined ? {} : { qualifier }),
    normalize,
    from: span.start,
    to: span.end,
    ...(window === undefined ? {} : { window, step }),
    isolates: options.isolates ?? false,
    stances: stances.length,
    skipped,
    networks,
  };
}

/** The ties of a network: each nonzero cell, once for a pair of actors (a one-mode matrix is symmetric). */
export function networkEdges(result: DiscourseNetworks, network: Network): NetworkEdge[] {
  const edges: NetworkEdge[] = [];
  network.rows.forEach((row, i) =>
    network.columns.forEach((column, j) => {
      const weight = network.matrix[i]![j]!;
      if (weight !== 0 && (result.type === 'affiliation' || i < j))
        edges.push({ source: row.id, target: column.id, weight });
    }),
  );
  return edges;
}

/** The dense matrix of the nonzero cells (looked up by index: a key per cell of 2,000 actors is slow). */
function fill(cells: Map<string, number>, rows: NetworkNode[], columns: NetworkNode[]): number[][] {
  const index = (nodes: NetworkNode[]) => new Map(nodes.map((n, i) => [n.id, i]));
  const [r, c] = [index(rows), index(columns)];
  const matrix = rows.map(() => new Array<number>(columns.length).fill(0));
  for (const [k, v] of cells) {
    const [a, b] = splitKey(k);
    const i = r.get(a);
    const j = c.get(b);
    if (i !== undefined && j !== undefined) matrix[i]![j] = v;
  }
  return matrix;
}

const key = (a: string, b: string) => `${a}\n${b}`;
const splitKey = (k: string) => k.split('\n') as [string, string];

function sortNodes(ids: Set<string>, node: (id: string) => NetworkNode): NetworkNode[] {
  return [...ids]
    .map(node)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The nonzero cells of the actor × concept matrix, by key(actor, concept). */
function affiliation(stances: readonly Stance[], qualifier: Qualifier): Map<string, number> {
  const cells = new Map<string, number>();
  for (const s of stances) {
    const k = key(s.actor, s.concept);
    const cell = cells.get(k) ?? 0;
    cells.set(k, qualifier === 'sign' ? cell | (s.sign === 1 ? AGREE : DISAGREE) : cell + s.sign);
  }
  for (const [k, v] of cells) if (v === 0) cells.delete(k);
  return cells;
}

/**
 * The nonzero cells of a one-mode network, both ways, by key(actor, actor). For actors a ≠ b with signs
 * S(a, c) on concept c: congruence counts the pairs (x, y) of S(a, c) × S(b, c) with x = y, summed
 * over the concepts, conflict those with x ≠ y. Normalized as DNA's Exporter.computeOneModeMatrix does,
 * with n(a) = Σc |S(a, c)|: average divides by (n(a) + n(b)) / 2, jaccard by the union of the two
 * actors' (concept, sign) pairs, n(a) + n(b) - congruence, cosine by n(a) · n(b).
 */
function oneMode(
  stances: readonly Stance[],
  type: Exclude<NetworkType, 'affiliation'>,
  normalize: Normalization,
): Map<string, number> {
  const byConcept = new Map<string, Map<string, number>>();
  for (const s of stances) {
    let signs = byConcept.get(s.concept);
    if (!signs) byConcept.set(s.concept, (signs = new Map()));
    signs.set(s.actor, (signs.get(s.actor) ?? 0) | (s.sign === 1 ? AGREE : DISAGREE));
  }
  const activity = new Map<string, number>();
  const pairs = new Map<string, { same: number; opposite: number }>();
  for (const signs of byConcept.values()) {
    const held = [...signs];
    for (const [actor, mask] of held) activity.set(actor, (activity.get(actor) ?? 0) + bits(mask));
    for (let i = 0; i < held.length; i++)
      for (let j = i + 1; j < held.length; j++) {
        const [a, ma] = held[i]!;
        const [b, mb] = held[j]!;
        const k = a < b ? key(a, b) : key(b, a);
        const pair = pairs.get(k) ?? { same: 0, opposite: 0 };
        pair.same += bits(ma & mb);
        pair.opposite += (ma & AGREE && mb & DISAGREE ? 1 : 0) + (ma & DISAGREE && mb & AGREE ? 1 : 0);
        pairs.set(k, pair);
      }
  }
  const cells = new Map<string, number>();
  for (const [k, { same, opposite }] of pairs) {
    const raw = type === 'congruence' ? same : type === 'conflict' ? opposite : same - opposite;
    if (raw === 0) continue;
    const [a, b] = splitKey(k);
    const na = activity.get(a)!;
    const nb = activity.get(b)!;
    const norm =
      normalize === 'average'
        ? (na + nb) / 2
        : normalize === 'jaccard'
          ? na + nb - same
          : normalize === 'cosine'
            ? na * nb
            : 1;
    cells.set(k, raw / norm);
    cells.set(key(b, a), raw / norm);
  }
  return cells;
}
