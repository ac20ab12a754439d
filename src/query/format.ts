import { stringify } from 'csv-stringify/sync';
import Table from 'cli-table3';
import stringWidth from 'string-width';
import type { QueryResult } from './query';
import type { Json } from '../backends/neo4j/values';

export const RESULT_FORMATS = ['table', 'json', 'csv'] as const;
export type ResultFormat = (typeof RESULT_FORMATS)[number];

export interface FormatOptions {
  /** Table only: the width to fit, in terminal columns; longer cells are cut with "…". No limit when absent. */
  width?: number;
}

/** A cell as text: strings as they are, everything else as compact JSON (the full value). */
function cell(value: Json | undefined): string {
  return typeof value === 'string' ? value : JSON.stringify(value ?? null);
}

type JsonObject = { [key: string]: Json };
const isObject = (v: Json | undefined): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isNode = (v: Json | undefined): v is JsonObject & { labels: string[]; properties: JsonObject } =>
  isObject(v) && Array.isArray(v.labels) && isObject(v.properties) && 'elementId' in v;
const isRelationship = (v: Json | undefined): v is JsonObject & { type: string; properties: JsonObject } =>
  isObject(v) && typeof v.type === 'string' && isObject(v.properties) && 'startNodeElementId' in v;
const isPath = (v: Json | undefined): v is { nodes: JsonObject[]; relationships: JsonObject[] } =>
  isObject(v) && Array.isArray(v.nodes) && Array.isArray(v.relationships) && Object.keys(v).length === 2;

/** The one property that names a node or relationship for a person: its name, else title, else id. */
function naming(properties: JsonObject): string {
  const key = ['name', 'title', 'id'].find((k) => typeof properties[k] === 'string');
  return key === undefined ? '' : ` {${key}: '${properties[key] as string}'}`;
}

/**
 * A table cell: nodes, relationships and paths in Cypher's pattern form with their labels and name
 * (`(:Person {name: 'Vladimir Putin'})`), not their whole JSON; everything else as `cell`.
 */
function tableCell(value: Json | undefined): string {
  if (isNode(value)) {
    // Every entity is also an :Entity: its kind says more in the width a table has.
    const labels = value.labels.length > 1 ? value.labels.filter((l) => l !== 'Entity') : value.labels;
    return `(${labels.map((l) => `:${l}`).join('')}${naming(value.properties)})`;
  }
  if (isRelationship(value)) return `[:${value.type}${naming(value.properties)}]`;
  if (isPath(value)) {
    let text = tableCell(value.nodes[0]);
    value.relationships.forEach((r, i) => {
      const forward = r.startNodeElementId === value.nodes[i]?.elementId;
      const step = `[:${String(r.type)}]`;
      text += `${forward ? `-${step}->` : `<-${step}-`}${tableCell(value.nodes[i + 1])}`;
    });
    return text;
  }
  if (Array.isArray(value) && value.some((v) => isNode(v) || isRelationship(v) || isPath(v)))
    return `[${value.map(tableCell).join(', ')}]`;
  return cell(value);
}

/**
 * Column widths (padding included) that fit `width` with the borders: the widest columns are narrowed
 * to one common cap, the narrow ones keep their width. Undefined when everything fits as it is.
 */
function fitColumns(natural: number[], width: number): number[] | undefined {
  const borders = natural.length + 1;
  const sum = (cap: number) => natural.reduce((total, w) => total + Math.min(w, cap), 0);
  if (sum(Infinity) + borders <= width) return undefined;
  // At least one character and the "…" besides the padding.
  let cap = Math.max(...natural);
  while (cap > 4 && sum(cap) + borders > width) cap--;
  return natural.map((w) => Math.min(w, cap));
}

/** Query results as a table for people, JSON (an array of row objects) or CSV with a header row. */
export function formatResult(result: QueryResult, format: ResultFormat, options: FormatOptions = {}): string {
  if (format === 'json') return `${JSON.stringify(result.rows, null, 2)}\n`;
  if (format === 'csv') {
    // Spreadsheets run cells that start with = + - @ as formulas (`=cmd|' /C calc'!A1`): such text
    // gets a leading apostrophe. Numbers stay numbers, so -5 is not touched.
    const csvRows = result.rows.map((r) =>
      result.columns.map((c) => (typeof r[c] === 'number' ? (r[c] as number) : cell(r[c]))),
    );
    return stringify([result.columns, ...csvRows], { escape_formulas: true });
  }
  const rows = result.rows.map((r) => result.columns.map((c) => tableCell(r[c])));
  const natural = result.columns.map(
    (c, i) =>
      Math.max(...[c, ...rows.map((r) => r[i]!)].flatMap((text) => text.split('\n').map(stringWidth))) + 2,
  );
  const colWidths = options.width === undefined ? undefined : fitColumns(natural, options.width);
  const table = new Table({
    head: result.columns,
    style: { head: [], border: [] },
    ...(colWidths ? { colWidths, wordWrap: false } : {}),
  });
  table.push(...rows);
  return `${table.toString()}\n`;
}
