import type Ajv from 'ajv/dist/2020';
import type { ErrorObject } from 'ajv/dist/2020';
import { parseEdtf } from '../model/edtf';
import { MIN_QUOTE_LETTERS, enoughLetters, quoteLetters } from './quotes';
import type { ErrorCode } from '../errors';

/** What a check of the schema's own keywords finds: why, and the field of the value it is at. */
interface Problem {
  message: string;
  field?: string;
}

interface KeywordFunction {
  (this: unknown, schema: boolean, data: unknown): boolean;
  errors?: Partial<ErrorObject>[];
}

/** A boolean keyword (`"edtf": true`) whose check says what is wrong with a value, or nothing. */
function addCheck(ajv: Ajv, keyword: string, check: (value: unknown) => Problem | undefined): void {
  const validate: KeywordFunction = function (enabled, value) {
    const problem = enabled ? check(value) : undefined;
    if (!problem) return true;
    validate.errors = [
      { keyword, message: problem.message, params: problem.field ? { field: problem.field } : {} },
    ];
    return false;
  };
  ajv.addKeyword({ keyword, schemaType: 'boolean', errors: true, validate });
}

/**
 * The schema's own keywords, checked in the same pass as the standard ones so that their problems are
 * positioned and collected like every other. The bundle keeps them for editors, which ignore them.
 */
export function addClaimKeywords(ajv: Ajv): void {
  addCheck(ajv, 'edtf', (value) => {
    // Other types (a fraction, a list) are the `type` keyword's to report.
    if (typeof value !== 'string' && !Number.isInteger(value)) return undefined;
    const parsed = parseEdtf(value as string | number);
    return parsed.ok ? undefined : { message: parsed.message };
  });
  addCheck(ajv, 'quoteLength', (value) => {
    // An empty one is minLength's to report.
    if (typeof value !== 'string' || value === '' || enoughLetters(value)) return undefined;
    const letters = quoteLetters(value);
    return {
      message:
        `${letters} letter${letters === 1 ? '' : 's'} or digit${letters === 1 ? '' : 's'}: a quote needs at least ` +
        `${MIN_QUOTE_LETTERS} to stand as evidence; quote more of the sentence`,
    };
  });
  addCheck(ajv, 'quantityRange', (value) => {
    if (value === null || typeof value !== 'object') return undefined;
    const q = value as Record<string, unknown>;
    const num = (k: string) => (typeof q[k] === 'number' ? (q[k] as number) : undefined);
    const [v, min, max] = [num('value'), num('min'), num('max')];
    if (v !== undefined && (min !== undefined || max !== undefined)) {
      return {
        field: min !== undefined ? 'min' : 'max',
        message: "give either 'value' or 'min'/'max', not both",
      };
    }
    if (min !== undefined && max !== undefined && min > max) {
      return { field: 'min', message: `'min' ${min} is above 'max' ${max}` };
    }
    return undefined;
  });
}

/** The code of a problem one of these keywords found, and the field of the value it is at. */
export function describeClaimKeyword(
  e: ErrorObject,
): { code: ErrorCode; message: string; field?: string } | undefined {
  const field = (e.params as { field?: string }).field;
  if (e.keyword === 'edtf') return { code: 'INVALID_EDTF', message: e.message ?? 'not an EDTF date' };
  if (e.keyword === 'quoteLength') return { code: 'QUOTE_TOO_SHORT', message: e.message ?? 'too short' };
  if (e.keyword === 'quantityRange')
    return { code: 'QUANTITY_RANGE', message: e.message ?? 'impossible range', ...(field ? { field } : {}) };
  return undefined;
}
