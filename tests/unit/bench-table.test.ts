import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers';

test('docs/performance.md shows the figures of bench/results.json, as scripts/bench-table.mjs renders them', () => {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'bench-table.mjs')], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  const [machine, , ...table] = r.stdout.trim().split('\n');
  const page = readFileSync(join(ROOT, 'docs', 'performance.md'), 'utf8');
  const shown = /<!-- bench-table -->\n\n([^]*?)\n\n<!-- \/bench-table -->/.exec(page)?.[1];
  expect(shown).toBe(table.join('\n'));
  expect(page).toContain(`Machine: ${machine}.`);
});
