import { stringify } from 'csv-stringify/sync';
import Table from 'cli-table3';
import type { QueryResult } from './query';
import type { Json } from '../backends/neo4j/values';

export const RESULT_FORMATS = ['table', 'json', 'csv'] as const;
export type ResultFormat = (typeof RESULT_FORMATS)[number];

/** A cell as text: strings as they are, everything else as compact JSON. */
function cell(value: Json | undefined): string {
  return typeof value === 'string' ? value : JSON.stringify(value ?? null);
}

/** Query results as a table for people, JSON (an array of row objects) or CSV with a header row. */
export function formatResult(result: QueryResult, format: ResultFormat): string {
  if (format === 'json') return `${JSON.stringify(result.rows, null, 2)}\n`;
  const rows = result.rows.map((r) => result.columns.map((c) => cell(r[c])));
  if (format === 'csv') return stringify([result.columns, ...rows]);
  const table = new Table({ head: result.columns, style: { head: [], border: [] }, wordWrap: true });
  table.push(...rows);
  return `${table.toString()}\n${result.rows.length} row${result.rows.length === 1 ? '' : 's'}\n`;
}
