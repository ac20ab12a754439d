import neo4j from 'neo4j-driver';
import { DATE_PROPERTIES, type RecordType } from '../../model/edtf';
import { CDuration } from '../../query/cypher/temporal/duration';
import { fromDriverTemporal } from './temporal';

/** JSON as results are printed: what Neo4j values become. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * A graph attribute as a Neo4j property: integers as Neo4j integers (JS numbers would be stored as
 * floats), the record's date properties (src/model/edtf.ts) as Neo4j dates, so Cypher can compare and
 * subtract them.
 */
export function toNeo4jProperty(key: string, value: unknown, record: RecordType): unknown {
  if (typeof value === 'number' && Number.isInteger(value)) return neo4j.int(value);
  const date =
    typeof value === 'string' &&
    DATE_PROPERTIES[record].has(key) &&
    /^([+-]?\d{4,})-(\d\d)-(\d\d)$/.exec(value);
  if (date) return new neo4j.types.Date(Number(date[1]), Number(date[2]), Number(date[3]));
  return value;
}

/**
 * A Neo4j value as JSON, in one documented shape:
 * - integers as numbers when safe (|n| < 2^53), else as decimal strings;
 * - dates, times, datetimes and durations as ISO 8601 strings, as Neo4j's toString() prints them;
 *   points as { srid, x, y[, z] };
 * - a node as { elementId, labels, properties };
 * - a relationship as { elementId, type, startNodeElementId, endNodeElementId, properties };
 * - a path as { nodes: [node...], relationships: [relationship...] }, in path order.
 */
export function toJson(value: unknown): Json {
  if (value === null || value === undefined) return null;
  if (neo4j.isInt(value))
    return neo4j.integer.inSafeRange(value) ? neo4j.integer.toNumber(value) : neo4j.integer.toString(value);
  if (typeof value === 'bigint')
    return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (
    neo4j.isDate(value) ||
    neo4j.isDateTime(value) ||
    neo4j.isLocalDateTime(value) ||
    neo4j.isTime(value) ||
    neo4j.isLocalTime(value)
  ) {
    return (fromDriverTemporal(value) ?? value).toString();
  }
  if (neo4j.isDuration(value)) return isoDuration(value);
  if (neo4j.isPoint(value)) {
    const p: Record<string, Json> = { srid: toJson(value.srid), x: value.x, y: value.y };
    if (value.z !== undefined) p.z = value.z;
    return p;
  }
  if (neo4j.isNode(value))
    return { elementId: value.elementId, labels: [...value.labels], properties: toJson(value.properties) };
  if (neo4j.isRelationship(value)) {
    return {
      elementId: value.elementId,
      type: value.type,
      startNodeElementId: value.startNodeElementId,
      endNodeElementId: value.endNodeElementId,
      properties: toJson(value.properties),
    };
  }
  if (neo4j.isPath(value)) {
    return {
      nodes: [toJson(value.start), ...value.segments.map((s) => toJson(s.end))],
      relationships: value.segments.map((s) => toJson(s.relationship)),
    };
  }
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === 'object') {
    // Neo4j returns properties in no set order; sorted keys keep output stable.
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, toJson(v)]),
    );
  }
  return String(value);
}

/** A Neo4j duration as Neo4j prints it (`P1Y2M3DT4.5S`, `PT-1.5S`); the driver's own toString differs (`P1DT`). */
function isoDuration(d: { months: unknown; days: unknown; seconds: unknown; nanoseconds: unknown }): string {
  const n = (v: unknown) => BigInt(String(v));
  return CDuration.of(n(d.months), n(d.days), n(d.seconds), n(d.nanoseconds), 0).toString();
}
