import type Ajv from 'ajv/dist/2020';
import type { ErrorObject, KeywordCxt } from 'ajv/dist/2020';
import { parseEdtf } from '../model/edtf';
import { MIN_QUOTE_LETTERS, enoughLetters, quoteLetters } from './quotes';
import type { ErrorCode } from '../errors';

/** What a check of the schema's own keywords finds: why, and the field of the value it is at. */
export interface Problem {
  message: string;
  field?: string;
}

/**
 * The checks of the schema's own keywords, by keyword. The compiled validators call them by name from
 * this module, so the code ajv generates for them can also be written out ahead of time (the build's
 * precompiled validators require this file).
 */
export const CLAIM_CHECKS = {
  edtf(value: unknown): Problem | undefined {
    // Other types (a fraction, a list) are the `type` keyword's to report.
    if (typeof value !== 'string' && !Number.isInteger(value)) return undefined;
    const parsed = parseEdtf(value as string | number);
    return parsed.ok ? undefined : { message: parsed.message };
  },
  quoteLength(value: unknown): Problem | undefined {
    // An empty one is minLength's to report.
    if (typeof value !== 'string' || value === '' || enoughLetters(value)) return undefined;
    const letters = quoteLetters(value);
    return {
      message:
        `${letters} letter${letters === 1 ? '' : 's'} or digit${letters === 1 ? '' : 's'}: a quote needs at least ` +
        `${MIN_QUOTE_LETTERS} to stand as evidence; quote more of the sentence`,
    };
  },
  quantityRange(value: unknown): Problem | undefined {
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
  },
};

/**
 * The schema's own keywords (`"edtf": true`), checked in the same pass as the standard ones so that
 * their problems are positioned and collected like every other. The bundle keeps them for editors,
 * which ignore them. Each calls its check in CLAIM_CHECKS: a problem fails the keyword with the
 * problem's message, and its field (if any) as the error's `params.field`.
 */
export function addClaimKeywords(ajv: Ajv): void {
  // Required here, as ajv itself (schema-check.ts): a worker running the precompiled validators needs neither.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Name, _ } = require('ajv/dist/2020') as typeof import('ajv/dist/2020');
  for (const keyword of Object.keys(CLAIM_CHECKS) as (keyof typeof CLAIM_CHECKS)[]) {
    ajv.addKeyword({
      keyword,
      schemaType: 'boolean',
      code(cxt: KeywordCxt) {
        if (cxt.schema !== true) return;
        const { gen, data } = cxt;
        const check = gen.scopeValue('keyword', {
          ref: CLAIM_CHECKS[keyword],
          code: _`require("./keywords").CLAIM_CHECKS.${new Name(keyword)}`,
        });
        const problem = gen.const('problem', _`${check}(${data})`);
        cxt.setParams({ problem });
        cxt.pass(_`${problem} === undefined`);
      },
      error: {
        message: ({ params }) => _`${params.problem}.message`,
        params: ({ params }) =>
          _`${params.problem}.field === undefined ? {} : {field: ${params.problem}.field}`,
      },
    });
  }
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
