import { stringify } from 'csv-stringify/sync';
import Table from 'cli-table3';
import { terminalSafe } from '../terminal';
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
  if (format === 'csv') {
    // Spreadsheets run cells that start with = + - @ as formulas (`=cmd|' /C calc'!A1`): such text
    // gets a leading apostrophe. Numbers stay numbers, so -5 is not touched.
    const csvRows = result.rows.map((r) =>
      result.columns.map((c) => (typeof r[c] === 'number' ? (r[c] as number) : cell(r[c]))),
    );
    return stringify([result.columns, ...csvRows], { escape_formulas: true });
  }
  // For a terminal: a cell's control characters are shown escaped, never sent as they are.
  const rows = result.rows.map((r) => result.columns.map((c) => terminalSafe(cell(r[c]))));
  const head = result.columns.map(terminalSafe);
  const table = new Table({ head, style: { head: [], border: [] }, wordWrap: true });
  table.push(...rows);
  return `${table.toString()}\n${result.rows.length} row${result.rows.length === 1 ? '' : 's'}\n`;
}
