import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FAULT_CAMPAIGN, faultCounts } from '../fault-campaign-table';
import { FIXTURES, ROOT } from '../helpers';

const page = readFileSync(join(ROOT, 'docs', 'guarantees.md'), 'utf8');

/** The rows of the Markdown tables in a piece of the page, each a list of trimmed cells. */
const tableRows = (text: string) =>
  text
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|[\s|-]+\|$/.test(line))
    .map((line) =>
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    );

test('the guarantees page shows the fault campaign’s table and its counts, as the campaign has them', () => {
  const section = /<!-- fault-campaign -->([^]*)<!-- \/fault-campaign -->/.exec(page)?.[1];
  expect(section).toBeDefined();
  const rows = tableRows(section!);
  const counts = rows.filter((r) => r.length === 2);
  const faults = rows.filter((r) => r.length === 3);
  expect(counts).toEqual([
    ['area', 'faults'],
    ...faultCounts().map(([area, n]) => [area, String(n)]),
    ['all', String(FAULT_CAMPAIGN.length)],
  ]);
  expect(faults).toEqual([
    ['area', 'fault', 'expected state'],
    ...FAULT_CAMPAIGN.map(({ area, fault, state }) => [area, fault, state]),
  ]);
});

test('the guarantees page counts the fixtures there are', () => {
  const yaml = (dir: string) => readdirSync(join(FIXTURES, dir)).filter((f) => /\.ya?ml$/.test(f)).length;
  expect(page).toContain(`${yaml('invalid')} broken or hostile YAML files`);
  expect(page).toContain(`${yaml('valid')} tricky but valid files`);
});
