import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers';

const TCK = join(ROOT, 'tests', 'vendor', 'opencypher-tck');

test('the openCypher TCK: at least 90% of the scenarios of the nine target features pass', () => {
  if (!existsSync(join(TCK, 'features'))) throw new Error(`the openCypher TCK is missing at ${TCK}`);
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'tck.mjs'), '--tck', TCK], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(r.stderr).toBe('');
  const lines = r.stdout.trim().split('\n');
  const last = /^TCK: (\d+) passed, (\d+) failed, (\d+) skipped$/.exec(lines[lines.length - 1] ?? '');
  expect(last).not.toBeNull();
  const [passed, failed, skipped] = last!.slice(1).map(Number) as [number, number, number];
  // One line per target feature, before the total.
  expect(lines.slice(0, -1).map((l) => l.split(/\s+/)[0])).toEqual([
    'clauses/match',
    'clauses/match-where',
    'clauses/return',
    'clauses/return-orderby',
    'clauses/return-skip-limit',
    'clauses/with',
    'clauses/with-where',
    'clauses/unwind',
    'expressions/aggregation',
  ]);
  expect(passed / (passed + failed + skipped)).toBeGreaterThanOrEqual(0.9);
});
