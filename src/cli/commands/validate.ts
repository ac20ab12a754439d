import { Option, type Command } from 'commander';
import pc from 'picocolors';
import { validate } from '../../validate/validate';
import { dataArguments, type DataOptions } from '../shared';
import { formatProblem, plural, problemsJson } from '../output';

export function register(program: Command): void {
  dataArguments(program.command('validate'))
    .description('check YAML syntax, the schema, references and quotes; print every problem')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (paths: string[], options: DataOptions & { format: 'text' | 'json' }) => {
      const result = await validate(paths, options);
      const problems = [...result.errors, ...result.warnings];
      if (options.format === 'json') {
        console.log(JSON.stringify(problemsJson(problems), null, 2));
      } else {
        for (const p of problems) console.log(formatProblem(p, pc.isColorSupported));
        const { files, documents, entities, statements } = result.dataset;
        const what = `${plural(files.length, 'file')}: ${plural(documents.size, 'document')}, ${plural(entities.size, 'entity', 'entities')}, ${plural(statements.size, 'statement')}`;
        console.log(
          result.ok
            ? pc.green(`valid: ${what}`)
            : pc.red(`invalid: ${plural(result.errors.length, 'error')} in ${what}`),
        );
      }
      process.exitCode = result.ok ? 0 : 1;
    });
}
