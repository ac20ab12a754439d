import { readFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { KgError } from '../../errors';
import { parseParams, queryNeo4j } from '../../query/query';
import { formatResult, RESULT_FORMATS, type ResultFormat } from '../../query/format';
import { connectionConfig, neo4jArguments, type ConnectionOptions } from '../shared';
import { reporter } from '../reporter';

interface QueryCommandOptions extends ConnectionOptions {
  file?: string;
  param: string[];
  format: ResultFormat;
  write?: boolean;
}

export function register(program: Command): void {
  neo4jArguments(program.command('query'))
    .description('run a Cypher query on the Neo4j graph (read-only unless --write)')
    .argument('[cypher]', 'the query (or --file)')
    .option('--file <file>', 'read the query from a file')
    .option(
      '--param <name=value>',
      'a query parameter; the value is JSON, or else a string (repeatable)',
      (v: string, all: string[]) => [...all, v],
      [],
    )
    .addOption(new Option('--format <format>', 'output format').choices(RESULT_FORMATS).default('table'))
    .option('--write', 'allow the query to write')
    .action(async (cypher: string | undefined, options: QueryCommandOptions) => {
      if ((cypher === undefined) === (options.file === undefined)) {
        throw new KgError('USAGE', 'give the query as an argument or with --file, not both');
      }
      let text = cypher ?? '';
      if (options.file !== undefined) {
        try {
          text = await readFile(options.file, 'utf8');
        } catch (cause) {
          throw new KgError(
            'FILE_UNREADABLE',
            `cannot read ${options.file}: ${(cause as Error).message}`,
            {},
            { cause },
          );
        }
      }
      const result = await queryNeo4j(text, connectionConfig(options), {
        params: parseParams(options.param),
        write: options.write,
      });
      if (reporter.json) reporter.result({ ok: true, ...result });
      else if (!reporter.quiet) process.stdout.write(formatResult(result, options.format));
    });
}
