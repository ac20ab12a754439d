import { Option, type Command } from 'commander';
import { KgError } from '../../errors';
import { readText } from '../../validate/read-text';
import { parseParams, queryNeo4j, type QueryResult } from '../../query/query';
import { queryGraphOffThread } from '../../query/cypher/off-thread';
import { formatResult, RESULT_FORMATS, type ResultFormat } from '../../query/format';
import { collect, dataOptions, validateOrReport, type DataOptions } from '../shared';
import {
  backendOption,
  chooseBackend,
  describeNeo4j,
  neo4jArguments,
  onNeo4j,
  type Backend,
  type ConnectionOptions,
} from '../neo4j-options';
import { displayPath, plural } from '../output';
import { reporter } from '../reporter';

interface QueryCommandOptions extends ConnectionOptions, DataOptions {
  file?: string;
  param?: string[];
  format: ResultFormat;
  write?: boolean;
  backend?: Backend;
  data?: string[];
}

export function register(program: Command): void {
  dataOptions(neo4jArguments(program.command('query')))
    .description(
      'run a Cypher query on the graph: in memory from the data files, or on Neo4j (read-only unless --write)',
    )
    .argument('[cypher]', 'the query (or --file)')
    .option('--file <file>', 'read the query from a file')
    .option(
      '-p, --param <name=value>',
      'a query parameter; the value is JSON, or else a string (repeatable)',
      collect,
    )
    .addOption(new Option('-f, --format <format>', 'output format').choices(RESULT_FORMATS).default('table'))
    .option('--write', 'allow the query to write (Neo4j only)')
    .addOption(backendOption('where to run it'))
    .option(
      '--data <path>',
      'memory backend: a data file or folder (repeatable; default: graph-data)',
      collect,
    )
    .action(async (cypher: string | undefined, options: QueryCommandOptions) => {
      if (cypher === undefined && options.file === undefined)
        throw new KgError('USAGE', 'no query: give it as an argument (in single quotes) or with --file FILE');
      if (cypher !== undefined && options.file !== undefined)
        throw new KgError('USAGE', 'give the query as an argument or with --file, not both');
      let text = cypher ?? '';
      if (options.file !== undefined) {
        // Read like a data file: a FIFO or device is refused, never opened to wait on.
        const read = await readText(options.file);
        if (!read.ok)
          throw new KgError('FILE_UNREADABLE', `cannot read ${options.file}: ${read.error.message}`);
        text = read.text;
      }
      const params = parseParams(options.param ?? []);
      const { backend, explicit } = chooseBackend(options);
      let result: QueryResult;
      let answered: string;
      if (backend === 'neo4j') {
        const run = await onNeo4j(options, (config) =>
          queryNeo4j(text, config, { params, write: options.write }),
        );
        result = run.value;
        answered = describeNeo4j(run.config);
      } else {
        if (options.write)
          throw new KgError('USAGE', '--write needs --backend neo4j: the memory backend is read-only');
        const validated = await validateOrReport(options.data ?? ['graph-data'], options);
        if (!validated) return;
        // On a worker thread: this one stays free to answer SIGINT and SIGTERM at once. The engine reads
        // the records the dataset gives, as Neo4j stores them: no FactGraph is built.
        result = await queryGraphOffThread(validated.dataset, text, {
          params,
          ...(options.file === undefined ? {} : { file: options.file }),
          ...(options.timeout === undefined ? {} : { timeoutSeconds: options.timeout }),
        });
        // Said when the rule chose memory: after loading Neo4j, this is where a person looks for it.
        answered = `memory (${displayPath(validated.dataset.root)}/)${explicit ? '' : ' · --backend neo4j asks Neo4j'}`;
      }
      if (reporter.json) reporter.result({ ok: true, ...result });
      else if (!reporter.quiet) {
        process.stdout.write(formatResult(result, options.format, { width: process.stdout.columns }));
        console.error(`${plural(result.rows.length, 'row')} · ${answered}`);
      }
    });
}
