import type { Command } from 'commander';
import pc from 'picocolors';
import { countGraph } from '../../load/load';
import { coverage } from '../../query/coverage';
import { dataArguments, loadOrReport, type DataOptions } from '../shared';
import { countTable } from '../output';

export function register(program: Command): void {
  dataArguments(program.command('stats'))
    .description(
      'counts by kind and predicate; with --coverage, which sentences of each document the statements quote',
    )
    .option('--coverage', 'list every sentence of each document and the statements that quote it')
    .action(async (paths: string[], options: DataOptions & { coverage?: boolean }) => {
      const loaded = await loadOrReport(paths, options);
      if (!loaded) return;
      if (!options.coverage) {
        const counts = countGraph(loaded.graph);
        console.log(countTable('nodes by kind', counts.byKind));
        console.log(countTable('edges by predicate', counts.byPredicate));
        return;
      }
      for (const doc of coverage(loaded.dataset)) {
        console.log(pc.bold(`${doc.document}: ${doc.covered} of ${doc.factual} sentences quoted`));
        doc.sentences.forEach((s, i) => {
          const mark = s.heading
            ? pc.dim('heading')
            : s.statements.length
              ? pc.green(`${s.statements.length} stmt`)
              : pc.red('UNCOVERED');
          console.log(`${String(i + 1).padStart(3)}  ${mark.padEnd(20)} ${s.text}`);
          for (const id of s.statements) console.log(`       ${pc.dim(id)}`);
        });
        if (doc.covered < doc.factual) process.exitCode = 1;
      }
    });
}
