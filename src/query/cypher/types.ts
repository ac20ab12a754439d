/** Value types as Neo4j 5 names them: valueType() and the type predicates (`x IS :: INTEGER NOT NULL`). */
import type { CypherType } from './ast';
import { typeName, type Value } from './values';

/** valueType(): the type Neo4j's type predicates name, e.g. `LIST<INTEGER NOT NULL> NOT NULL`. */
export function valueTypeName(v: Value): string {
  if (v === null) return 'NULL';
  const bare = (): string => {
    if (Array.isArray(v)) {
      // The elements' types in Neo4j's normal form: each once, in its order, NOT NULL unless a null is there.
      const items = v.filter((x) => x !== null);
      if (items.length === 0) return v.length === 0 ? 'LIST<NOTHING>' : 'LIST<NULL>';
      const suffix = items.length === v.length ? ' NOT NULL' : '';
      const inner = [...new Set(items.map((x) => valueTypeName(x).replace(/ NOT NULL$/, '')))];
      inner.sort((a, b) => typeRank(a) - typeRank(b) || (a < b ? -1 : 1));
      return `LIST<${inner.map((t) => t + suffix).join(' | ')}>`;
    }
    return typeName(v);
  };
  return `${bare()} NOT NULL`;
}

/** The order in which Neo4j lists the members of a union type (`valueType`). */
const TYPE_ORDER = [
  'BOOLEAN',
  'STRING',
  'INTEGER',
  'FLOAT',
  'DATE',
  'LOCAL TIME',
  'ZONED TIME',
  'LOCAL DATETIME',
  'ZONED DATETIME',
  'DURATION',
  'POINT',
  'NODE',
  'RELATIONSHIP',
  'MAP',
  'LIST',
  'PATH',
];

function typeRank(t: string): number {
  const i = TYPE_ORDER.indexOf(t.replace(/<.*$/, ''));
  return i < 0 ? TYPE_ORDER.length : i;
}

/** The types a property can hold: Neo4j's order above, up to the graph's own values. */
const PROPERTY_VALUES = new Set(TYPE_ORDER.slice(0, TYPE_ORDER.indexOf('NODE')));

/** `v IS :: type`: null is of every type not marked NOT NULL (and of NULL); lists by their elements. */
export function isOfType(v: Value, type: CypherType): boolean {
  return type.alternatives.some((alt) => {
    if (v === null) return alt.base === 'NULL' || (!alt.notNull && alt.base !== 'NOTHING');
    if (alt.base === 'ANY') return true;
    const base = typeName(v);
    if (alt.base === 'PROPERTY VALUE')
      return (
        PROPERTY_VALUES.has(base) ||
        (Array.isArray(v) && v.every((x) => x !== null && PROPERTY_VALUES.has(typeName(x))))
      );
    if (base !== alt.base) return false;
    return !alt.element || (v as Value[]).every((x) => isOfType(x, alt.element!));
  });
}
