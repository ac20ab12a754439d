// The part of the `edtf` package (inukshuk/edtf.js, which ships no types) that src/model/edtf.ts uses.
declare module 'edtf' {
  /** One date of a parse: `values` are year, month (0-based), day, hours, minutes, seconds as written. */
  export interface ParsedDate {
    type: 'Date' | 'Year' | 'Season' | 'Decade' | 'Century';
    level: number;
    values: number[];
    /** Bits of the digits written X (unspecified). */
    unspecified?: number;
    approximate?: boolean;
    uncertain?: boolean;
  }
  export interface ParsedInterval {
    type: 'Interval';
    level: number;
    /** Lower and upper end; Infinity for an open end (`..`), null for an unknown (empty) one. */
    values: [ParsedDate | number | null, ParsedDate | number | null];
  }
  export type Parsed = ParsedDate | ParsedInterval;
  export function parse(input: string, constraints?: { level?: number }): Parsed;
  /** The date object of a parse; `min` and `max` are its first and last millisecond (UTC). */
  export default function edtf(parsed: Parsed): { min: number; max: number };
}
