// Renders bench/results.json as the Markdown table of docs/performance.md, so the page shows exactly
// the figures of the last run (a test compares them):  node scripts/bench-table.mjs [results.json]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..');
const PARTS = [
  ['filesSeconds', '… of which files (workers)'],
  ['crossFileSeconds', '… of which checks across files'],
  ['graphSeconds', '… of which building the graph'],
  ['importSeconds', '… of which import proper (no JVM start)'],
];

const seconds = (s) => `${s < 10 ? s.toFixed(2) : Math.round(s)} s`;

/** The table: a row a stage, a column a size; a cell is seconds (CPU seconds) · peak RSS · × floor · × peer. */
export async function benchTable(results) {
  const sizes = Object.keys(results.sizes).sort(
    (a, b) => results.sizes[a].statements - results.sizes[b].statements,
  );
  // Stage order: the size that ran the most stages first, then whatever others add.
  const byStages = [...sizes].sort(
    (a, b) => Object.keys(results.sizes[b].stages).length - Object.keys(results.sizes[a].stages).length,
  );
  const names = [...new Set(byStages.flatMap((s) => Object.keys(results.sizes[s].stages)))];
  const rows = [];
  for (const name of names) {
    const stage = (s) => results.sizes[s].stages[name];
    rows.push([
      name,
      ...sizes.map((s) => {
        const r = stage(s);
        if (!r) return 'not run';
        if (r.error) return 'failed';
        return [
          // CPU time (worker threads included) where measured: steadier than wall time on a busy machine.
          r.cpuSeconds === undefined
            ? seconds(r.seconds)
            : `${seconds(r.seconds)} (${seconds(r.cpuSeconds)} CPU)`,
          `${r.maxRssMiB} MiB`,
          ...(r.floorRatio ? [`${r.floorRatio}×`] : []),
          ...(r.peerRatio ? [`${r.peerRatio}× peer`] : []),
        ].join(' · ');
      }),
    ]);
    for (const [key, label] of PARTS) {
      if (sizes.some((s) => stage(s)?.[key] !== undefined))
        rows.push([
          label,
          ...sizes.map((s) => (stage(s)?.[key] === undefined ? '' : seconds(stage(s)[key]))),
        ]);
    }
  }
  const head = ['stage', ...sizes.map((s) => `${s} (${results.sizes[s].statements.toLocaleString('en')})`)];
  const line = (cells) => `| ${cells.join(' | ')} |`;
  // Laid out as Prettier lays out the docs, so the page and this output stay byte-equal.
  const md = [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
  return (await prettier.format(md, { parser: 'markdown' })).trim();
}

/** The machine, the span of dates the figures were measured in, and the load average then. */
export function benchMachine(results) {
  const m = results.machine;
  const runs = Object.values(results.sizes).flatMap((s) => Object.values(s.stages));
  const span = [...new Set(runs.map((r) => r.date.slice(0, 10)))].sort();
  const loads = runs.map((r) => r.loadAverage).filter((l) => l !== undefined);
  const load = loads.length
    ? `; load average ${Math.min(...loads)}–${Math.max(...loads)} as the stages ended` +
      (loads.length < runs.length ? ` (${loads.length} of ${runs.length} stages recorded it)` : '')
    : '';
  return `${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}, ${m.platform}; measured ${span.join(' to ')}${load}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const results = JSON.parse(readFileSync(process.argv[2] ?? join(ROOT, 'bench', 'results.json'), 'utf8'));
  console.log(`${benchMachine(results)}\n\n${await benchTable(results)}`);
}
