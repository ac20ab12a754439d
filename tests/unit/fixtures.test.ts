import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASE, FIXTURES, formatted, validateWithBase } from '../helpers';
import { validate } from '../../src';

const invalidDir = join(FIXTURES, 'invalid');
const validDir = join(FIXTURES, 'valid');
const cases = (dir: string) =>
  readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();

test('the base data set is valid on its own', async () => {
  const result = await validate([BASE], { root: FIXTURES });
  expect(formatted(result.errors)).toEqual([]);
});

describe('invalid fixtures give exactly their expected errors', () => {
  test('there are at least 25 cases, each with its .errors file', () => {
    const yaml = cases(invalidDir);
    expect(yaml.length).toBeGreaterThanOrEqual(25);
    if (!process.env.UPDATE_FIXTURES) {
      for (const f of yaml) expect(existsSync(join(invalidDir, f.replace(/\.ya?ml$/, '.errors')))).toBe(true);
    }
  });

  test.each(cases(invalidDir))('%s', async (name) => {
    const result = await validateWithBase(join(invalidDir, name));
    const actual = formatted(result.errors);
    const expectedFile = join(invalidDir, name.replace(/\.ya?ml$/, '.errors'));
    if (process.env.UPDATE_FIXTURES) writeFileSync(expectedFile, actual.map((l) => `${l}\n`).join(''));
    const expected = readFileSync(expectedFile, 'utf8').split('\n').filter(Boolean);
    expect(result.ok).toBe(false);
    expect(actual).toEqual(expected);
  });
});

test('no fixture polluted a prototype (proto-keys.yaml, merges, params)', () => {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty('polluted');
});

describe('valid fixtures give no error', () => {
  test.each(cases(validDir))('%s', async (name) => {
    const result = await validateWithBase(join(validDir, name));
    expect(formatted(result.errors)).toEqual([]);
    expect(result.ok).toBe(true);
  });
});
