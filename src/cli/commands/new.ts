import type { Command } from 'commander';
import { newDocument } from '../../annotate/new-document';
import { reporter } from '../reporter';

export function register(program: Command): void {
  const command = program.command('new').description('add a record to the data: kg new document FILE.txt');
  command
    .command('document')
    .description(
      'copy an article (UTF-8 text) into the data folder with its document record and an empty statements file, ready for kg annotate',
    )
    .argument('<file>', 'the article as plain text, e.g. 2025-08-21-security-guarantees.nb.txt')
    .option('--data <dir>', 'the data folder', 'graph-data')
    .option('--id <id>', 'the document id (default: doc: and the file name)')
    .option('--title <title>', 'the title (default: the first line of the text)')
    .option('--date <date>', 'the publication date, YYYY-MM-DD (default: from the file name)')
    .option('--language <tag>', 'the BCP 47 language tag (default: from the file name, as in .nb.txt)')
    .action(
      async (
        file: string,
        options: { data: string; id?: string; title?: string; date?: string; language?: string },
      ) => {
        const { data, ...rest } = options;
        const result = await newDocument(file, { data, ...rest });
        reporter.say(`added ${result.id}: ${result.files.join(', ')} (in ${data}/); kg annotate opens it`);
        reporter.result({ ok: true, ...result });
      },
    );
}
