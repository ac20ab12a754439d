import type Ajv from 'ajv/dist/2020';
import type { ErrorObject } from 'ajv/dist/2020';
import { parseEdtf } from '../model/edtf';
import type { ErrorCode } from '../errors';

/**
 * The schema's own keywords, checked in the same pass as the standard ones so that their problems are
 * positioned and collected like every other. The bundle keeps them for editors, which ignore them.
 */
export function addClaimKeywords(ajv: Ajv): void {
  ajv.addKeyword({
    keyword: 'edtf',
    schemaType: 'boolean',
    errors: true,
    validate: function edtf(this: unknown, enabled: boolean, value: unknown): boolean {
      const self = edtf as KeywordFunction;
      // Other types (a fraction, a list) are the `type` keyword's to report.
      if (!enabled || !(typeof value === 'string' || Number.isInteger(value))) return true;
      const parsed = parseEdtf(value as string | number);
      if (parsed.ok) return true;
      self.errors = [keywordError('edtf', parsed.message)];
      return false;
    },
  });
  ajv.addKeyword({
    keyword: 'quantityRange',
    schemaType: 'boolean',
    errors: true,
    validate: function quantityRange(this: unknown, enabled: boolean, value: unknown): boolean {
      const self = quantityRange as KeywordFunction;
      if (!enabled || value === null || typeof value !== 'object') return true;
      const q = value as Record<string, unknown>;
      const num = (k: string) => (typeof q[k] === 'number' ? (q[k] as number) : undefined);
      const [v, min, max] = [num('value'), num('min'), num('max')];
      let problem: [string, string] | undefined;
      if (v !== undefined && (min !== undefined || max !== undefined)) {
        problem = [min !== undefined ? 'min' : 'max', "give either 'value' or 'min'/'max', not both"];
      } else if (min !== undefined && max !== undefined && min > max) {
        problem = ['min', `'min' ${min} is above 'max' ${max}`];
      }
      if (!problem) return true;
      self.errors = [keywordError('quantityRange', problem[1], problem[0])];
      return false;
    },
  });
}

interface KeywordFunction {
  (this: unknown, schema: boolean, data: unknown): boolean;
  errors?: Partial<ErrorObject>[];
}

function keywordError(keyword: string, message: string, field?: string): Partial<ErrorObject> {
  return { keyword, message, params: field === undefined ? {} : { field } };
}

/** The code of a problem one of these keywords found, and the field of the value it is at. */
export function describeClaimKeyword(
  e: ErrorObject,
): { code: ErrorCode; message: string; field?: string } | undefined {
  const field = (e.params as { field?: string }).field;
  if (e.keyword === 'edtf') return { code: 'INVALID_EDTF', message: e.message ?? 'not an EDTF date' };
  if (e.keyword === 'quantityRange')
    return { code: 'QUANTITY_RANGE', message: e.message ?? 'impossible range', ...(field ? { field } : {}) };
  return undefined;
}
