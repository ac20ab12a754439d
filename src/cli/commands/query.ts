import { Option, type Command } from 'commander';
import { KgError } from '../../errors';
import { readText } from '../../validate/read-text';
import { parseParams, queryNeo4j, type QueryResult } from '../../query/query';
import { queryGraphOffThread } from '../../query/cypher/off-thread';
import { formatResult, RESULT_FORMATS, type ResultFormat } from '../../query/format';
import { connectionConfig, loadOrReport, neo4jArguments, type ConnectionOptions } from '../shared';
import { reporter } from '../reporter';

const BACKENDS = ['memory', 'neo4j'] as const;

interface QueryCommandOptions extends ConnectionOptions {
  file?: string;
  param: string[];
  format: ResultFormat;
  write?: boolean;
  backend?: (typeof BACKENDS)[number];
  data: string[];
  root?: string;
}

export function register(program: Command): void {
  neo4jArguments(program.command('query'))
    .description(
      'run a Cypher query on the graph: in memory from the data files, or on Neo4j (read-only unless --write)',
    )
    .argument('[cypher]', 'the query (or --file)')
    .option('--file <file>', 'read the query from a file')
    .option(
      '--param <name=value>',
      'a query parameter; the value is JSON, or else a string (repeatable)',
      (v: string, all: string[]) => [...all, v],
      [],
    )
    .addOption(new Option('--format <format>', 'output format').choices(RESULT_FORMATS).default('table'))
    .option('--write', 'allow the query to write (Neo4j only)')
    .addOption(
      new Option(
        '--backend <backend>',
        'where to run it (default: neo4j when --uri or NEO4J_URI is set, else memory)',
      ).choices(BACKENDS),
    )
    .option(
      '--data <path>',
      'memory backend: a data file or folder (repeatable; default: graph-data)',
      (v: string, all: string[]) => [...all, v],
      [],
    )
    .option('--root <dir>', 'memory backend: the data folder document paths must stay inside')
    .action(async (cypher: string | undefined, options: QueryCommandOptions) => {
      if ((cypher === undefined) === (options.file === undefined)) {
        throw new KgError('USAGE', 'give the query as an argument or with --file, not both');
      }
      let text = cypher ?? '';
      if (options.file !== undefined) {
        // Read like a data file: a FIFO or device is refused, never opened to wait on.
        const read = await readText(options.file);
        if (!read.ok)
          throw new KgError('FILE_UNREADABLE', `cannot read ${options.file}: ${read.error.message}`);
        text = read.text;
      }
      const params = parseParams(options.param);
      const backend =
        options.backend ?? (options.uri !== undefined || process.env.NEO4J_URI ? 'neo4j' : 'memory');
      let result: QueryResult;
      if (backend === 'neo4j') {
        result = await queryNeo4j(text, connectionConfig(options), { params, write: options.write });
      } else {
        if (options.write)
          throw new KgError('USAGE', '--write needs --backend neo4j: the memory backend is read-only');
        const loaded = await loadOrReport(options.data.length > 0 ? options.data : ['graph-data'], options);
        if (!loaded) return;
        // On a worker thread: this one stays free to answer SIGINT and SIGTERM at once.
        result = await queryGraphOffThread(loaded.graph, text, {
          params,
          ...(options.file === undefined ? {} : { file: options.file }),
          ...(options.timeout === undefined ? {} : { timeoutSeconds: options.timeout }),
        });
      }
      if (reporter.json) reporter.result({ ok: true, ...result });
      else if (!reporter.quiet) process.stdout.write(formatResult(result, options.format));
    });
}
