import neo4j, { type Integer } from 'neo4j-driver';
import { KgError } from '../../errors';
import { ENTITY_KINDS, PREDICATES } from '../../model/generated';
import { MENTIONED_IN, OBJECT, SUBJECT, type RelationshipRecord } from '../../load/canonical';

// What the driver load sends: names put into query text, and the batches of rows with their queries.

/**
 * Only names from the schema's own tables are ever put into query text; everything else is a
 * parameter. Anything else here is a bug, not bad data (validation rejects unknown kinds first).
 */
export function label(kind: string): string {
  if (!Object.hasOwn(ENTITY_KINDS, kind))
    throw new KgError('NEO4J_ERROR', `refusing unknown label ${JSON.stringify(kind)}`);
  return `\`${kind}\``;
}

export function relType(type: string): string {
  if (!Object.hasOwn(PREDICATES, type) && ![MENTIONED_IN, SUBJECT, OBJECT].includes(type)) {
    throw new KgError('NEO4J_ERROR', `refusing unknown relationship type ${JSON.stringify(type)}`);
  }
  return `\`${type}\``;
}

/** Rows one transaction writes, and how many nodes or relationships that is. */
export interface Batch {
  params: { rows: unknown[] } & Record<string, unknown>;
  size: number;
}

/** A property name as query text: only plain names; others (none the schema allows) go in a map. */
const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The batches of one relationship type, and the queries that create and merge them. Rows are sent as
 * lists, not maps, grouped by subject (its node is looked up once for all its relationships in a
 * batch), each object once a batch (`$objects`, which rows point into):
 * `[subject, [[object's place in $objects, value of key 1, value of key 2, ...], ...]]`, with the keys,
 * the union of the rows' property names, written once in the query. A key a row lacks is null there,
 * which sets nothing; the data set is a parameter of its own. A missing end, as with MATCH, writes
 * nothing.
 */
export function relationshipBatches(
  type: string,
  rows: RelationshipRecord<unknown>[],
  dataset: string,
  batchSize: number,
): { batches: Iterable<Batch>; create: string; merge: string } {
  const names = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r.props)) if (k !== 'dataset') names.add(k);
  const keys = [...names].filter((k) => PLAIN_NAME.test(k)).sort();
  const others = [...names].filter((k) => !PLAIN_NAME.test(k));
  const bySubject = [...rows].sort((a, b) => (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0));
  for (const r of rows)
    if (r.props.dataset !== dataset)
      throw new KgError('NEO4J_ERROR', `relationship ${r.id} is not of ${dataset}`);
  function* batches(): Generator<Batch> {
    const places: Integer[] = [];
    let rowsOf: unknown[] = [];
    let objects = new Map<string, Integer>();
    let last: [string, unknown[][]] | undefined;
    let size = 0;
    for (const r of bySubject) {
      if (size === batchSize) {
        yield { params: { rows: rowsOf, objects: [...objects.keys()] }, size };
        rowsOf = [];
        objects = new Map();
        size = 0;
        last = undefined;
      }
      if (last?.[0] !== r.subject) {
        last = [r.subject, []];
        rowsOf.push(last);
      }
      let place = objects.get(r.object);
      if (place === undefined) {
        place = places[objects.size] ??= neo4j.int(objects.size);
        objects.set(r.object, place);
      }
      const values: unknown[] = [place, ...keys.map((k) => r.props[k] ?? null)];
      if (others.length) values.push(Object.fromEntries(others.map((k) => [k, r.props[k] ?? null])));
      last[1].push(values);
      size++;
    }
    if (size) yield { params: { rows: rowsOf, objects: [...objects.keys()] }, size };
  }
  const to = rows[0]?.to ?? 'Entity';
  if (rows.some((r) => r.to !== to))
    throw new KgError('NEO4J_ERROR', `relationships of type ${type} to mixed ends`);
  // A statement node is its data set's: looked up with it.
  const target =
    to === 'Statement' ? 'Statement {dataset: $dataset, id: $objects[i]}' : `${to} {id: $objects[i]}`;
  const props = ['dataset: $dataset', ...keys.map((k, i) => `\`${k}\`: item[${i + 1}]`)].join(', ');
  const ends = `CALL {
       UNWIND range(0, size($objects) - 1) AS i
       OPTIONAL MATCH (n:${target})
       WITH i, n ORDER BY i
       RETURN collect([n]) AS objects
     }
     UNWIND $rows AS row
     MATCH (s:Entity {id: row[0]})
     UNWIND row[1] AS item
     WITH s, item, objects[item[0]][0] AS o
     WHERE o IS NOT NULL`;
  const extra = others.length ? ` SET r += item[${keys.length + 1}]` : '';
  // A statement is merged on its id, a mention (no id) on its ends.
  const idAt = keys.indexOf('id');
  if (idAt < 0 && type !== MENTIONED_IN)
    throw new KgError('NEO4J_ERROR', `relationships of type ${type} without ids`);
  const key = idAt < 0 ? 'dataset: $dataset' : `dataset: $dataset, id: item[${idAt + 1}]`;
  return {
    batches: batches(),
    create: `${ends} CREATE (s)-[r:${relType(type)} {${props}}]->(o)${extra}`,
    merge: `${ends} MERGE (s)-[r:${relType(type)} {${key}}]->(o) SET r = {${props}}${extra}`,
  };
}
