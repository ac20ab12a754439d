/**
 * Cypher values in memory: integers are bigints and floats are numbers (Cypher keeps the two apart:
 * 1 and 1.0 print differently, integer division truncates), maps are Maps, and graph elements, paths
 * and temporal values are classes (temporal/). Equality, comparison and the global sort order follow the openCypher rules.
 */
import type { Json } from '../../backends/neo4j/values';
import {
  isTemporal,
  temporalCompare,
  temporalEquals,
  temporalHashKey,
  temporalOrder,
  temporalRank,
  type TemporalValue,
} from './temporal/compare';
import { CDuration } from './temporal/duration';
import { CDate, CDateTime, CLocalDateTime, CLocalTime, CTime } from './temporal/instants';

export { CDate, CDateTime, CLocalDateTime, CLocalTime, CTime } from './temporal/instants';
export { CDuration } from './temporal/duration';
export { isTemporal } from './temporal/compare';

/** Properties as a plain object, for reading them fast (see CNode.fast). */
export type FastProperties = Record<string, Value | undefined>;

// Objects made from a prototype with no properties (not Object.prototype) keep V8's fast layout, yet
// no inherited name (constructor, __proto__, ...) can be mistaken for a property.
const NO_INHERITED = Object.create(null) as object;

function fastProperties(properties: Map<string, Value>): FastProperties {
  const fast = Object.create(NO_INHERITED) as FastProperties;
  for (const [k, v] of properties) fast[k] = v;
  return fast;
}

export interface CNode {
  readonly id: number;
  /** The node's key in its graph (`e:<id>` for an entity of the data, `_<n>` for one a query made). */
  readonly key: string;
  labels: string[];
  /**
   * The same labels as bits (PropertyGraph.labelBit): a label test needs no load of the labels array,
   * which on a large graph is a cache miss per node visited.
   */
  readonly labelBits: number;
  properties: Map<string, Value>;
  /** The same properties as an object: read on every row, a Map lookup costs noticeably more. */
  readonly fast: FastProperties;
  /** Outgoing and incoming relationships, in creation order. */
  out: CRel[];
  in: CRel[];
  /** The same, by type number (PropertyGraph.typeId), so an expansion visits only the types it wants. */
  outByType: CRel[][];
  inByType: CRel[][];
}

export interface CRel {
  readonly id: number;
  readonly key: string;
  readonly type: string;
  /** The type's number in its graph (PropertyGraph.typeId). */
  readonly typeId: number;
  readonly start: CNode;
  readonly end: CNode;
  properties: Map<string, Value>;
  readonly fast: FastProperties;
}

/** Distinguishes nodes and relationships from maps and lists at run time. */
export const NODE = Symbol('node');
export const REL = Symbol('rel');

export class CPath {
  /** nodes.length === rels.length + 1; rels[i] joins nodes[i] and nodes[i + 1], either way. */
  constructor(
    readonly nodes: CNode[],
    readonly rels: CRel[],
  ) {}
}

export type Value =
  | null
  | boolean
  | bigint
  | number
  | string
  | Value[]
  | Map<string, Value>
  | CNode
  | CRel
  | CPath
  | TemporalValue;

export function isNode(v: unknown): v is CNode {
  return typeof v === 'object' && v !== null && (v as { [NODE]?: true })[NODE] === true;
}

export function isRel(v: unknown): v is CRel {
  return typeof v === 'object' && v !== null && (v as { [REL]?: true })[REL] === true;
}

export function makeNode(
  id: number,
  key: string,
  labels: string[],
  labelBits: number,
  properties: Map<string, Value>,
): CNode {
  const fast = fastProperties(properties);
  return {
    [NODE]: true,
    id,
    key,
    labels,
    labelBits,
    properties,
    fast,
    out: [],
    in: [],
    outByType: [],
    inByType: [],
  } as CNode;
}

export function makeRel(
  id: number,
  key: string,
  type: string,
  typeId: number,
  start: CNode,
  end: CNode,
  properties: Map<string, Value>,
): CRel {
  return {
    [REL]: true,
    id,
    key,
    type,
    typeId,
    start,
    end,
    properties,
    fast: fastProperties(properties),
  } as CRel;
}

export type TypeName =
  | 'NULL'
  | 'BOOLEAN'
  | 'INTEGER'
  | 'FLOAT'
  | 'STRING'
  | 'LIST'
  | 'MAP'
  | 'NODE'
  | 'RELATIONSHIP'
  | 'PATH'
  | 'DATE'
  | 'LOCAL TIME'
  | 'ZONED TIME'
  | 'LOCAL DATETIME'
  | 'ZONED DATETIME'
  | 'DURATION';

export function typeName(v: Value): TypeName {
  if (v === null) return 'NULL';
  switch (typeof v) {
    case 'boolean':
      return 'BOOLEAN';
    case 'bigint':
      return 'INTEGER';
    case 'number':
      return 'FLOAT';
    case 'string':
      return 'STRING';
  }
  if (Array.isArray(v)) return 'LIST';
  if (v instanceof Map) return 'MAP';
  if (v instanceof CPath) return 'PATH';
  if (v instanceof CDate) return 'DATE';
  if (v instanceof CLocalTime) return 'LOCAL TIME';
  if (v instanceof CTime) return 'ZONED TIME';
  if (v instanceof CLocalDateTime) return 'LOCAL DATETIME';
  if (v instanceof CDateTime) return 'ZONED DATETIME';
  if (v instanceof CDuration) return 'DURATION';
  if (isNode(v)) return 'NODE';
  return 'RELATIONSHIP';
}

/** A graph attribute (JSON-like, numbers undistinguished) as a Cypher value: whole numbers are integers. */
export function fromPlain(v: unknown): Value {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : v;
  if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'bigint') return v;
  if (Array.isArray(v)) return v.map(fromPlain);
  if (isTemporal(v) || v instanceof Map) return v as Value;
  if (typeof v === 'object') {
    return new Map(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, fromPlain(x)]));
  }
  return String(v);
}

function sortedEntries(m: Map<string, Value>): [string, Value][] {
  return [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A value as printed, in the Neo4j backend's JSON shapes (see backends/neo4j/values.ts toJson). */
export function toJson(v: Value): Json {
  if (v === null) return null;
  switch (typeof v) {
    case 'bigint':
      return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v.toString();
    case 'number':
    case 'string':
    case 'boolean':
      return v;
  }
  if (Array.isArray(v)) return v.map(toJson);
  if (v instanceof Map) return Object.fromEntries(sortedEntries(v).map(([k, x]) => [k, toJson(x)]));
  if (isTemporal(v)) return v.toString();
  if (v instanceof CPath) return { nodes: v.nodes.map(toJson), relationships: v.rels.map(toJson) };
  if (isNode(v)) return { elementId: String(v.id), labels: [...v.labels], properties: toJson(v.properties) };
  return {
    elementId: String(v.id),
    type: v.type,
    startNodeElementId: String(v.start.id),
    endNodeElementId: String(v.end.id),
    properties: toJson(v.properties),
  };
}

/**
 * `=` in Cypher: null when either side is (or, in lists and maps, holds) null that decides it; values
 * of different types are unequal; integers and floats compare by value.
 */
export function equals(a: Value, b: Value): boolean | null {
  if (a === null || b === null) return null;
  const ta = typeof a;
  const tb = typeof b;
  if ((ta === 'bigint' || ta === 'number') && (tb === 'bigint' || tb === 'number')) {
    return compareNumbers(a as bigint | number, b as bigint | number) === 0;
  }
  if (ta !== 'object' || tb !== 'object') return a === b;
  if (Array.isArray(a)) {
    if (!Array.isArray(b)) return false;
    if (a.length !== b.length) return false;
    let unknown = false;
    for (let i = 0; i < a.length; i++) {
      const e = equals(a[i]!, b[i]!);
      if (e === false) return false;
      if (e === null) unknown = true;
    }
    return unknown ? null : true;
  }
  if (a instanceof Map) {
    if (!(b instanceof Map) || a.size !== b.size) return false;
    let unknown = false;
    for (const [k, x] of a) {
      if (!b.has(k)) return false;
      const e = equals(x, b.get(k)!);
      if (e === false) return false;
      if (e === null) unknown = true;
    }
    return unknown ? null : true;
  }
  if (isTemporal(a)) return isTemporal(b) && temporalEquals(a, b);
  if (a instanceof CPath) {
    if (!(b instanceof CPath) || a.rels.length !== b.rels.length) return false;
    return a.nodes.every((n, i) => n === b.nodes[i]) && a.rels.every((r, i) => r === b.rels[i]);
  }
  return a === b;
}

/** Numbers compared exactly, integers against floats included. NaN is not handled here. */
export function compareNumbers(a: bigint | number, b: bigint | number): number {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  const x = Number(a);
  const y = Number(b);
  if (x !== y) return x < y ? -1 : 1;
  // Equal as doubles: large integers may still differ.
  if (typeof a === 'bigint' && Number.isFinite(y) && Number.isInteger(y)) {
    const by = BigInt(y);
    return a < by ? -1 : a > by ? 1 : 0;
  }
  if (typeof b === 'bigint' && Number.isFinite(x) && Number.isInteger(x)) {
    const bx = BigInt(x);
    return bx < b ? -1 : bx > b ? 1 : 0;
  }
  return 0;
}

/**
 * `<`, `>`, ...: a number below, at or above 0, or null when the two are not comparable (different
 * types, NaN, or a null inside a list that decides it).
 */
export function compare(a: Value, b: Value): number | null {
  if (a === null || b === null) return null;
  const ta = typeof a;
  const tb = typeof b;
  if ((ta === 'bigint' || ta === 'number') && (tb === 'bigint' || tb === 'number')) {
    if (Number.isNaN(a) || Number.isNaN(b)) return null;
    return compareNumbers(a as bigint | number, b as bigint | number);
  }
  if (ta === 'string' && tb === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (ta === 'boolean' && tb === 'boolean') return a === b ? 0 : a ? 1 : -1;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = compare(a[i]!, b[i]!);
      if (c === null) return null;
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  if (isTemporal(a) && isTemporal(b)) return temporalCompare(a, b);
  return null;
}

/** The rank of each type in ORDER BY (ascending): maps first, temporal values after paths, null last. */
function orderRank(v: Value): number {
  switch (typeName(v)) {
    case 'MAP':
      return 0;
    case 'NODE':
      return 1;
    case 'RELATIONSHIP':
      return 2;
    case 'LIST':
      return 3;
    case 'PATH':
      return 4;
    case 'DATE':
    case 'LOCAL TIME':
    case 'ZONED TIME':
    case 'LOCAL DATETIME':
    case 'ZONED DATETIME':
    case 'DURATION':
      return 5;
    case 'STRING':
      return 6;
    case 'BOOLEAN':
      return 7;
    case 'INTEGER':
    case 'FLOAT':
      return 8;
    case 'NULL':
      return 9;
  }
}

/** The total order ORDER BY uses: across types by rank, within a type by value; NaN above all numbers. */
export function orderCompare(a: Value, b: Value): number {
  const ra = orderRank(a);
  const rb = orderRank(b);
  if (ra !== rb) return ra - rb;
  switch (ra) {
    case 0: {
      const ea = sortedEntries(a as Map<string, Value>);
      const eb = sortedEntries(b as Map<string, Value>);
      for (let i = 0; i < Math.min(ea.length, eb.length); i++) {
        const [ka, va] = ea[i]!;
        const [kb, vb] = eb[i]!;
        if (ka !== kb) return ka < kb ? -1 : 1;
        const c = orderCompare(va, vb);
        if (c !== 0) return c;
      }
      return ea.length - eb.length;
    }
    case 1:
    case 2:
      return (a as CNode).id - (b as CNode).id;
    case 3: {
      const la = a as Value[];
      const lb = b as Value[];
      for (let i = 0; i < Math.min(la.length, lb.length); i++) {
        const c = orderCompare(la[i]!, lb[i]!);
        if (c !== 0) return c;
      }
      return la.length - lb.length;
    }
    case 4: {
      const pa = a as CPath;
      const pb = b as CPath;
      const la: Value[] = [];
      const lb: Value[] = [];
      pa.nodes.forEach((n, i) => la.push(n, ...(pa.rels[i] ? [pa.rels[i]] : [])));
      pb.nodes.forEach((n, i) => lb.push(n, ...(pb.rels[i] ? [pb.rels[i]] : [])));
      return orderCompare(la, lb);
    }
    case 8: {
      const na = Number.isNaN(a);
      const nb = Number.isNaN(b);
      if (na || nb) return na && nb ? 0 : na ? 1 : -1;
      return compareNumbers(a as bigint | number, b as bigint | number);
    }
    case 5: {
      const [x, y] = [a as TemporalValue, b as TemporalValue];
      return temporalRank(x) - temporalRank(y) || temporalOrder(x, y);
    }
    case 9:
      return 0;
    default:
      return compare(a, b) ?? 0;
  }
}

/**
 * A string that is the same for equivalent values (DISTINCT, grouping keys): null equals null, 1 equals
 * 1.0, NaN equals NaN, graph elements by identity.
 */
export function hashKey(v: Value): string {
  if (v === null) return 'n';
  switch (typeof v) {
    case 'boolean':
      return v ? 'T' : 'F';
    case 'bigint':
      return `#${v}`;
    case 'number':
      return Number.isInteger(v) ? `#${BigInt(v)}` : `#${v}`;
    case 'string':
      return `s${JSON.stringify(v)}`;
  }
  if (Array.isArray(v)) return `[${v.map(hashKey).join(',')}]`;
  if (v instanceof Map)
    return `{${sortedEntries(v)
      .map(([k, x]) => `${JSON.stringify(k)}:${hashKey(x)}`)
      .join(',')}}`;
  if (isTemporal(v)) return `t${temporalHashKey(v)}`;
  if (v instanceof CPath)
    return `p${v.nodes.map((n) => n.id).join(',')}/${v.rels.map((r) => r.id).join(',')}`;
  if (isNode(v)) return `N${v.id}`;
  return `R${(v as CRel).id}`;
}

/**
 * A map whose keys are equivalent as hashKey says, without building key text for the usual keys:
 * primitives and graph elements are Map keys themselves (SameValueZero already treats NaN as NaN and
 * elements by identity; an integral float becomes the integer it equals), other values their hashKey.
 */
export class ValueMap<T> {
  private readonly direct = new Map<Value, T>();
  private readonly hashed = new Map<string, T>();

  get(v: Value): T | undefined {
    if (typeof v !== 'object' || v === null) return this.direct.get(canonicalNumber(v));
    return isNode(v) || isRel(v) ? this.direct.get(v) : this.hashed.get(hashKey(v));
  }

  set(v: Value, t: T): void {
    if (typeof v !== 'object' || v === null) this.direct.set(canonicalNumber(v), t);
    else if (isNode(v) || isRel(v)) this.direct.set(v, t);
    else this.hashed.set(hashKey(v), t);
  }
}

function canonicalNumber(v: Value): Value {
  return typeof v === 'number' && Number.isInteger(v) ? BigInt(v) : v;
}
