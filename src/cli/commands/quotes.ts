import type { Command } from 'commander';
import pc from 'picocolors';
import { validate } from '../../validate/validate';
import { quoteStatuses, type QuoteState } from '../../validate/quote-status';
import { terminalSafe } from '../../terminal';
import { dataArguments, formatOption, validateOptions, type DataOptions } from '../shared';
import { reporter } from '../reporter';
import { displayPath, printedPath } from '../output';

const COLORS: Record<QuoteState, (s: string) => string> = {
  found: pc.green,
  moved: pc.yellow,
  ambiguous: pc.yellow,
  orphaned: pc.red,
};

export function register(program: Command): void {
  dataArguments(program.command('quotes'))
    .description(
      'with --check: where each quote stands in its document: found, moved (elsewhere, exactly once), ambiguous or orphaned',
    )
    .option('--check', 'report every quote that is not found where it was; exit 1 if there is one')
    .option('--against <rev>', 'where the quotes were: the source texts at this git revision (e.g. HEAD)')
    .addOption(formatOption('every quote with its status, as a JSON object'))
    .action(
      async (
        paths: string[],
        options: DataOptions & { check?: boolean; against?: string; format: 'text' | 'json' },
      ) => {
        const validation = validateOptions(options);
        const { dataset } = await validate(paths, validation).finally(validation.stop);
        const quotes = await quoteStatuses(dataset, options.against);
        const counts: Record<QuoteState, number> = { found: 0, moved: 0, ambiguous: 0, orphaned: 0 };
        for (const q of quotes) counts[q.status]++;
        const ok = counts.found === quotes.length;
        if (options.check && !ok) process.exitCode = 1;
        const shown = quotes.map((q) => ({ ...q, file: displayPath(q.file) }));
        if (options.format === 'json' && !reporter.json) {
          console.log(JSON.stringify({ ok, counts, quotes: shown }, null, 2));
          return;
        }
        for (const q of quotes) {
          if (q.status === 'found') continue;
          const where = q.spans.map((s) => `${s.start}-${s.end}`).join(', ');
          reporter.say(
            `${printedPath(q.file)}:${q.line}:${q.col}: ${COLORS[q.status](q.status)} ${terminalSafe(q.statement)} ${q.field}` +
              (where ? ` (now at ${where})` : ''),
          );
        }
        reporter.say(
          `${quotes.length} quotes: ${counts.found} found, ${counts.moved} moved, ${counts.ambiguous} ambiguous, ${counts.orphaned} orphaned`,
        );
        reporter.result({ ok, counts, quotes: shown });
      },
    );
}
