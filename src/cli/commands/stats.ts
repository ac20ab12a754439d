import type { Command } from 'commander';
import pc from 'picocolors';
import { countGraph } from '../../load/load';
import { coverage } from '../../query/coverage';
import { dataArguments, formatOption, loadOrReport, type DataOptions } from '../shared';
import { countTable, plural } from '../output';
import { reporter } from '../reporter';

export function register(program: Command): void {
  dataArguments(program.command('stats'))
    .description(
      'counts by kind and predicate; with --coverage, which sentences of each document the statements quote',
    )
    .option('--coverage', 'list every sentence of each document and the statements that quote it')
    .addOption(formatOption('the counts (and coverage) as one JSON object'))
    .action(
      async (paths: string[], options: DataOptions & { coverage?: boolean; format: 'text' | 'json' }) => {
        const loaded = await loadOrReport(paths, options);
        if (!loaded) return;
        const counts = countGraph(loaded.graph);
        const documents = options.coverage ? coverage(loaded.dataset) : undefined;
        const ok = documents?.every((d) => d.covered === d.factual) ?? true;
        if (!ok) process.exitCode = 1;
        if (options.format === 'json' && !reporter.json) {
          console.log(JSON.stringify({ ...counts, ...(documents ? { coverage: documents } : {}) }, null, 2));
          return;
        }
        if (!documents) {
          reporter.say(countTable('nodes by kind', counts.byKind));
          reporter.say(countTable('edges by predicate', counts.byPredicate));
          reporter.result({ ok: true, ...counts });
          return;
        }
        for (const doc of documents) {
          reporter.say(
            pc.bold(`${doc.document}: ${doc.covered} of ${plural(doc.factual, 'sentence')} quoted`),
          );
          doc.sentences.forEach((s, i) => {
            const mark = s.heading
              ? pc.dim('heading')
              : s.statements.length
                ? pc.green(`${s.statements.length} stmt`)
                : pc.red('UNCOVERED');
            reporter.say(`${String(i + 1).padStart(3)}  ${mark.padEnd(20)} ${s.text}`);
            for (const id of s.statements) reporter.say(`       ${pc.dim(id)}`);
          });
        }
        reporter.result({ ok, ...counts, coverage: documents });
      },
    );
}
