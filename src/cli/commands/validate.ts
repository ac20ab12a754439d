import type { Command } from 'commander';
import { validate } from '../../validate/validate';
import { dataArguments, formatOption, validateOptions, type DataOptions } from '../shared';
import { problemsJson, validationSummary } from '../output';
import { printProblems, reporter } from '../reporter';

export function register(program: Command): void {
  dataArguments(program.command('validate'))
    .description('check YAML syntax, the schema, references and quotes; print every problem')
    .addOption(formatOption('the problems as a JSON array'))
    .action(async (paths: string[], options: DataOptions & { format: 'text' | 'json' }) => {
      const validation = validateOptions(options);
      const result = await validate(paths, validation).finally(validation.stop);
      const problems = [...result.errors, ...result.warnings];
      const { files, documents, entities, statements } = result.dataset;
      process.exitCode = result.ok ? 0 : 1;
      if (options.format === 'json' && !reporter.json) {
        console.log(JSON.stringify(problemsJson(problems), null, 2));
        return;
      }
      // Problems are this command's output: stdout for people too.
      if (!reporter.json) printProblems(problems, console.log);
      else reporter.problems(problems);
      reporter.say(validationSummary(result.dataset, result.errors.length));
      reporter.result({
        ok: result.ok,
        files: files.length,
        documents: documents.size,
        entities: entities.size,
        statements: statements.size,
        errors: result.errors.length,
        warnings: result.warnings.length,
      });
    });
}
