import type { FactGraph } from '../backends/memory/build-graph';
import { ENTITY_KINDS, type EntityKind } from '../model/generated';

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
 * Every attribute name the graph's nodes (or edges) use, with one type each, sorted by name. A name
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
  if (of === 'node') graph.forEachNode((_, a) => visit(a));
  else graph.forEachEdge((_, a) => visit(a));
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
export const KIND_COLORS: Record<EntityKind, string> = {
  Person: '#E69F00',
  State: '#0072B2',
  Region: '#009E73',
  Organization: '#56B4E9',
  Group: '#CC79A7',
  Proposal: '#D55E00',
  Agreement: '#F0E442',
  Event: '#7F7F7F',
};

/** A kind's colour as r, g, b (0–255). */
export function kindRgb(kind: EntityKind): [number, number, number] {
  const hex = KIND_COLORS[kind] ?? '#999999';
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

/** The kinds in a stable order, for legends. */
export const KINDS_IN_ORDER = Object.keys(ENTITY_KINDS) as EntityKind[];
