/**
 * EDTF level 1 (ISO 8601-2) dates of statements and entities: `2022`, `2025-08`, `2025-08-21~`,
 * `2025-08?`, `2025-08-20/2025-08-21`, `2025-08-21/..`. The `edtf` package parses; this module holds the
 * project's rules on top of it: level 1 at most, an integer is a year (YAML reads `2022` unquoted as
 * one), an impossible day is refused (the package rolls `2025-02-29` over into March), and the bounds
 * are calendar dates (`YYYY-MM-DD`) that a backend stores as its DATE type so that ranges can be queried.
 */
import edtf, { parse, type ParsedDate } from 'edtf';
import { DATE_FIELDS, EDTF_FIELDS } from './generated';

/** The first and last day a date can mean; null for an open or unknown end of an interval. */
export interface EdtfBounds {
  from: string | null;
  to: string | null;
}

export type EdtfResult = ({ ok: true; text: string } & EdtfBounds) | { ok: false; message: string };

/** The EDTF text a field's value stands for: an integer is a year. */
export function edtfText(value: string | number): string {
  if (typeof value === 'string') return value;
  const digits = String(Math.abs(value));
  // Years of more than four digits take EDTF's `Y` prefix.
  if (digits.length > 4) return `Y${value}`;
  return `${value < 0 ? '-' : ''}${digits.padStart(4, '0')}`;
}

/**
 * Parsed values by what was written: a data set repeats few dates (most are its documents' days), and the
 * grammar (nearley) costs ~0.1 ms a parse, which at 100k statements with two dates each was 20 s of a load.
 */
const parsedByText = new Map<string, Readonly<EdtfResult>>();
const PARSED_KEPT = 10_000;

/** Parses an EDTF level 1 value; a failure says why in words an annotator can act on. */
export function parseEdtf(value: string | number): Readonly<EdtfResult> {
  const key = typeof value === 'number' ? `number:${value}` : value;
  let result = parsedByText.get(key);
  if (result === undefined) {
    if (parsedByText.size >= PARSED_KEPT) parsedByText.clear();
    result = Object.freeze(parseOnce(value));
    parsedByText.set(key, result);
  }
  return result;
}

function parseOnce(value: string | number): EdtfResult {
  if (typeof value === 'number' && !Number.isInteger(value)) {
    return { ok: false, message: `${value} is not a year; write a date such as 2025-08-21` };
  }
  const text = edtfText(value);
  return plainDate(text) ?? parseByGrammar(text);
}

const PLAIN_DATE = /^(\d{4})(?:-(\d\d)(?:-(\d\d))?)?$/;

/**
 * A plain `YYYY`, `YYYY-MM` or `YYYY-MM-DD` of a day that exists, bounded without the grammar: most
 * dates are these, and each distinct one cost a nearley parse (~0.1-0.4 ms; 2,000 distinct dates at
 * 100k statements). Anything else, a month 13 or a 30 February included, is left to the grammar, so
 * the answer is the grammar's (a test compares the two).
 */
function plainDate(text: string): EdtfResult | undefined {
  const m = PLAIN_DATE.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  if (m[2] === undefined) return { ok: true, text, from: isoDate(year, 1, 1), to: isoDate(year, 12, 31) };
  const month = Number(m[2]);
  if (month < 1 || month > 12) return undefined;
  const last = daysInMonth(year, month);
  if (m[3] === undefined)
    return { ok: true, text, from: isoDate(year, month, 1), to: isoDate(year, month, last) };
  const day = Number(m[3]);
  if (day < 1 || day > last) return undefined;
  const iso = isoDate(year, month, day);
  return { ok: true, text, from: iso, to: iso };
}

/** Parses with the `edtf` package's grammar (exported for the test that checks `plainDate` against it). */
export function parseByGrammar(text: string): EdtfResult {
  let parsed;
  try {
    parsed = parse(text, { level: 1 });
  } catch {
    // The grammar refuses 2025-02-30 as it refuses any other text: say why when a day is the reason.
    for (const [, y, m, d] of text.matchAll(/(\d{4})-(\d\d)-(\d\d)/g)) {
      const last = Number(m) >= 1 && Number(m) <= 12 ? daysInMonth(Number(y), Number(m)) : 31;
      if (Number(d) > last)
        return { ok: false, message: `${JSON.stringify(text)}: ${y}-${m} has ${last} days` };
    }
    return { ok: false, message: `${JSON.stringify(text)} is not an EDTF level 1 date` };
  }
  // An open or unknown end of an interval bounds nothing.
  const sides = (parsed.type === 'Interval' ? parsed.values : [parsed, parsed]).map((side) =>
    typeof side === 'object' ? side : null,
  );
  if (!sides[0] && !sides[1])
    return { ok: false, message: `${JSON.stringify(text)}: an interval needs a date at one end at least` };
  for (const side of sides) {
    const impossible = side && impossibleDay(side);
    if (impossible) return { ok: false, message: `${JSON.stringify(text)}: ${impossible}` };
  }
  const from = sides[0] ? bounds(sides[0]).from : null;
  const to = sides[1] ? bounds(sides[1]).to : null;
  if (from !== null && to !== null && compareIsoDates(from, to) > 0) {
    return { ok: false, message: `${JSON.stringify(text)} ends before it begins` };
  }
  return { ok: true, text, from, to };
}

/** Why a fully written day does not exist (2025-02-30), or undefined. */
function impossibleDay(d: ParsedDate): string | undefined {
  if (d.type !== 'Date' || d.values.length < 3 || d.unspecified) return undefined;
  const [year, month, day] = d.values as [number, number, number];
  const last = daysInMonth(year, month + 1);
  return day > last ? `${pad(year, 4)}-${pad(month + 1, 2)} has ${last} days` : undefined;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The first and last day of one date (not an interval). */
function bounds(d: ParsedDate): { from: string; to: string } {
  const [year, month, day] = d.values;
  if (d.type === 'Year') return { from: isoDate(year!, 1, 1), to: isoDate(year!, 12, 31) };
  // A time of day is kept to its written day, whatever its offset from UTC.
  if (d.type === 'Date' && d.values.length > 3 && !d.unspecified) {
    const iso = isoDate(year!, month! + 1, day!);
    return { from: iso, to: iso };
  }
  const { min, max } = edtf(d);
  return { from: utcDay(min), to: utcDay(max) };
}

function utcDay(ms: number): string {
  const d = new Date(ms);
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** `YYYY-MM-DD`, with a sign and more digits for years outside 0-9999, as Neo4j's date() reads them. */
export function isoDate(year: number, month: number, day: number): string {
  const y = year >= 0 && year <= 9999 ? pad(year, 4) : `${year < 0 ? '-' : '+'}${pad(Math.abs(year), 6)}`;
  return `${y}-${pad(month, 2)}-${pad(day, 2)}`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Orders two dates isoDate wrote. */
export function compareIsoDates(a: string, b: string): number {
  const key = (s: string) => {
    const m = /^([+-]?)(\d+)-(\d\d)-(\d\d)$/.exec(s)!;
    const year = Number(m[2]) * (m[1] === '-' ? -1 : 1);
    return year * 10000 + Number(m[3]) * 100 + Number(m[4]);
  };
  return key(a) - key(b);
}

/**
 * The names of the properties that hold an EDTF field's first and last day. The same strings each time:
 * a name made anew had to be looked up among the property names for each of a million statements.
 */
export function boundNames(field: string): Readonly<{ from: string; to: string }> {
  let names = namesByField.get(field);
  if (names === undefined) {
    names = Object.freeze({ from: `${field}From`, to: `${field}To` });
    namesByField.set(field, names);
  }
  return names;
}

const namesByField = new Map<string, Readonly<{ from: string; to: string }>>();

/** What a record is: a document's `date` is a calendar date, an event's or a statement's EDTF text. */
export type RecordType = 'document' | 'entity' | 'statement';

/**
 * The property names a backend stores as its DATE type, by record: the calendar date fields, and each
 * EDTF field's first and last day (`dateFrom`, `dateTo`, `saidOnFrom`, ...). The EDTF text itself stays text.
 */
export const DATE_PROPERTIES: Record<RecordType, ReadonlySet<string>> = {
  document: new Set(DATE_FIELDS.document),
  entity: new Set([
    ...DATE_FIELDS.entity,
    ...EDTF_FIELDS.entity.flatMap((f) => Object.values(boundNames(f))),
  ]),
  statement: new Set([
    ...DATE_FIELDS.statement,
    ...EDTF_FIELDS.statement.flatMap((f) => Object.values(boundNames(f))),
  ]),
};
