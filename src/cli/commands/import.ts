import { Option, type Command } from 'commander';
import pc from 'picocolors';
import { validate } from '../../validate/validate';
import { displayPath, formatProblem, plural, validationSummary } from '../output';
import { reporter } from '../reporter';

interface DnaOptions {
  out: string;
  statementType: string;
  language: string;
  person?: string;
  organization?: string;
  concept?: string;
  agreement?: string;
}

export function register(program: Command): void {
  const group = program.command('import').description("write a factgraph data set from another tool's data");
  group
    .command('dna')
    .description('import a Discourse Network Analyzer (DNA 3) database: documents, actors, concepts, stances')
    .argument('<file>', 'the .dna file (SQLite)')
    .requiredOption('-o, --out <dir>', 'the new data folder (must not exist, or be empty)')
    .option('--statement-type <label>', 'the statement type whose statements become stances', 'DNA Statement')
    .addOption(
      new Option('--language <tag>', 'BCP 47 language of the documents (DNA does not record it)').default(
        'und',
        'und: undetermined',
      ),
    )
    .option('--person <variable>', 'the variable holding the speaker (default: person)')
    .option(
      '--organization <variable>',
      'the variable holding whom the speaker speaks for (default: organization)',
    )
    .option('--concept <variable>', 'the variable holding the concept (default: concept)')
    .option(
      '--agreement <variable>',
      'the boolean or integer variable holding agreement (default: agreement)',
    )
    .action(async (file: string, options: DnaOptions) => {
      const variables = Object.fromEntries(
        (['person', 'organization', 'concept', 'agreement'] as const)
          .filter((role) => options[role] !== undefined)
          .map((role) => [role, options[role]!]),
      );
      // Loaded when the command runs: SQLite (sql.js) is for this command only, not every kg start.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { importDna } = require('../../import/dna') as typeof import('../../import/dna');
      const result = await importDna(file, options.out, {
        statementType: options.statementType,
        language: options.language,
        variables,
      });
      const { entities: e, statements: s } = result;
      reporter.say(
        `imported ${displayPath(file)}${result.dnaVersion ? ` (DNA ${result.dnaVersion})` : ''}, "${result.statementType}": ` +
          `${plural(result.documents, 'document')}, ` +
          `${plural(e.Person + e.Organization + e.Concept, 'entity', 'entities')} (${e.Person} Person, ${e.Organization} Organization, ${e.Concept} Concept), ` +
          `${plural(s.SUPPORTS + s.REJECTS, 'statement')} (${s.SUPPORTS} SUPPORTS, ${s.REJECTS} REJECTS) into ${displayPath(options.out)}`,
      );
      if (result.quotesExtended > 0)
        reporter.say(
          `${plural(result.quotesExtended, 'quote')} widened beyond DNA's span to occur once in the text (see the comments in statements/)`,
        );
      if (result.notImported.length > 0) {
        reporter.say('not imported:');
        for (const n of result.notImported)
          reporter.say(`  ${String(n.count).padStart(5)}  ${n.what}: ${n.reason}`);
      }
      // The data set is checked as `kg validate` would: an import that does not validate is a bug here.
      const validation = await validate([options.out]);
      if (!reporter.json)
        for (const p of [...validation.errors, ...validation.warnings])
          console.log(formatProblem(p, pc.isColorSupported));
      else reporter.problems([...validation.errors, ...validation.warnings]);
      reporter.say(validationSummary(validation.dataset, validation.errors.length));
      process.exitCode = validation.ok ? 0 : 1;
      reporter.result({ ok: validation.ok, out: displayPath(options.out), ...result });
    });
}
