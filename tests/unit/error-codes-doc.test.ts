import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CODES } from '../../src';
import { ROOT } from '../helpers';

test('the CLI reference lists every error code with its exit status, and no other', () => {
  const page = readFileSync(join(ROOT, 'docs', 'cli.md'), 'utf8');
  const rows = [...page.matchAll(/^\| `([A-Z0-9_]+)`\s*\| (\d+)\s+\|/gm)].map((m) => [m[1], Number(m[2])]);
  expect(Object.fromEntries(rows)).toEqual(
    Object.fromEntries(Object.entries(ERROR_CODES).map(([code, { exit }]) => [code, exit])),
  );
});
