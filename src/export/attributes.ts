import type { FactGraph } from '../backends/memory/build-graph';
import { ENTITY_KINDS, type EntityKind } from '../model/generated';
import { flatAttributes } from '../load/flatten';
import { isStatementNode } from '../model/claims';
import type { StatementAttributes } from '../backends/memory/build-graph';
import type { STATEMENT_NODE } from '../model/claims';

/** What a node is: an entity of a kind, or a statement another is about. */
export type NodeKind = EntityKind | typeof STATEMENT_NODE;

/** The type of an attribute column, as formats with typed columns (GraphML, GEXF) declare it. */
export type ColumnType = 'string' | 'boolean' | 'int' | 'double' | 'list';

export interface Column {
  name: string;
  type: ColumnType;
}

function typeOf(value: unknown): ColumnType {
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'double';
  return 'string';
}

/**
 * Every attribute name the graph's nodes (or edges) use, quantities and maps flattened as a property
 * graph holds them (src/load/flatten.ts), with one type each, sorted by name. A name
 * whose values disagree in type (never, with schema-valid data) falls back to string.
 */
export function attributeColumns(graph: FactGraph, of: 'node' | 'edge'): Column[] {
  const types = new Map<string, ColumnType>();
  const visit = (attributes: object) => {
    for (const [name, value] of Object.entries(attributes)) {
      if (value === undefined) continue;
      const t = typeOf(value);
      const seen = types.get(name);
      types.set(
        name,
        seen === undefined || seen === t ? t : seen === 'int' && t === 'double' ? 'double' : 'string',
      );
    }
  };
  if (of === 'node') graph.forEachNode((_, a) => visit(flatAttributes(a)));
  else graph.forEachEdge((_, a) => visit(flatAttributes(a)));
  return [...types].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, type]) => ({ name, type }));
}

/**
 * Attributes with the names a consumer reserves moved aside (`id` → `attr_id`), so the format's own
 * `id`, `source`, `label`, ... are never clobbered by data.
 */
export function withoutReserved(attributes: object, reserved: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    out[reserved.includes(name) ? `attr_${name}` : name] = value;
  }
  return out;
}

/** Columns of nodes or edges under the names withoutReserved gives them. */
export function columnsWithout(graph: FactGraph, of: 'node' | 'edge', reserved: readonly string[]): Column[] {
  return attributeColumns(graph, of).map(({ name, type }) => ({
    name: Object.keys(withoutReserved({ [name]: true }, reserved))[0]!,
    type,
  }));
}

/** A value with every object's keys sorted, deeply: the same bytes whatever order attributes were set in. */
export function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortedKeys((value as Record<string, unknown>)[k])]),
  );
}

/** One colour a kind (Okabe–Ito, distinguishable with colour-blindness), the same in every export. */
export const KIND_COLORS: Record<NodeKind, string> = {
  Person: '#E69F00',
  State: '#0072B2',
  Region: '#009E73',
  Organization: '#56B4E9',
  Group: '#CC79A7',
  Proposal: '#D55E00',
  Agreement: '#F0E442',
  Event: '#7F7F7F',
  Issue: '#000000',
  // Beyond Okabe–Ito's eight: Tol's wine, apart from them all.
  Concept: '#882255',
  // A claim another claim is about: pale, so the entities stand out.
  Statement: '#DDDDDD',
};

/** Black or white, whichever reads better on the kind's colour (WCAG relative luminance). */
export function kindTextColor(kind: NodeKind): '#000000' | '#FFFFFF' {
  const [r, g, b] = kindRgb(kind).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // Contrast with black (L + 0.05) / 0.05 against white 1.05 / (L + 0.05): equal at L ≈ 0.179.
  return luminance > 0.179 ? '#000000' : '#FFFFFF';
}

/** A kind's colour as r, g, b (0–255). */
export function kindRgb(kind: NodeKind): [number, number, number] {
  const hex = KIND_COLORS[kind] ?? '#999999';
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

/** The kinds in a stable order, for legends. */
export const KINDS_IN_ORDER = [...Object.keys(ENTITY_KINDS), 'Statement'] as NodeKind[];

/** A statement the document says does not hold: drawn dashed where the format has a style. */
export function isNegated(a: Pick<StatementAttributes, 'polarity'>): boolean {
  return a.polarity === 'negated';
}

/** A statement node's tie to one of its ends: `subject:<statement>` or `object:<statement>`. */
export interface ClaimTie {
  /** The tie's id, as Neo4j's SUBJECT and OBJECT relationships have it. */
  id: string;
  statement: string;
  role: 'subject' | 'object';
  end: string;
}

/** The ties of each statement node to its subject and object, by statement id, for the formats that draw them. */
export function claimTies(graph: FactGraph): ClaimTie[] {
  const ties: ClaimTie[] = [];
  for (const id of graph.nodes().sort()) {
    const a = graph.getNodeAttributes(id);
    if (!isStatementNode(a)) continue;
    for (const role of ['subject', 'object'] as const) {
      ties.push({ id: `${role}:${id}`, statement: id, role, end: a[role] });
    }
  }
  return ties;
}

/** The attribute that marks a tie among the edges of formats with typed columns (GEXF, GraphML). */
export const TIE_COLUMN: Column = { name: 'tie', type: 'boolean' };

/** The edges' columns (see columnsWithout), with `tie` among them when the graph has statement nodes. */
export function edgeColumnsWithTies(graph: FactGraph, reserved: readonly string[]): Column[] {
  const columns = columnsWithout(graph, 'edge', reserved);
  if (!graph.someNode((_, a) => isStatementNode(a))) return columns;
  return [...columns, TIE_COLUMN].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
