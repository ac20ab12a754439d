import { join, relative } from 'node:path';
import { validate, type KgError } from '../src';

export const ROOT = join(__dirname, '..');
export const FIXTURES = join(__dirname, 'fixtures');
export const BASE = join(FIXTURES, 'base');

/** Problems as the CLI prints them, paths relative to tests/fixtures. */
export function formatted(errors: readonly KgError[]): string[] {
  return errors.map((e) => e.format((f) => relative(FIXTURES, f)));
}

/** Validates one fixture file together with the shared base data set. */
export async function validateWithBase(file: string) {
  return validate([BASE, file], { root: FIXTURES });
}
