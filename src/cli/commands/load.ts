import { basename } from 'node:path';
import { Option, type Command } from 'commander';
import { KgError } from '../../errors';
import { countGraph } from '../../load/load';
import { fileKeys } from '../../load/file-keys';
import { redactUri } from '../../backends/neo4j/connection';
import { DEFAULT_BATCH_SIZE, DEFAULT_CONCURRENCY, loadIntoNeo4j } from '../../backends/neo4j/load';
import {
  connectionConfig,
  dataArguments,
  loadOrReport,
  neo4jArguments,
  positiveInt,
  type ConnectionOptions,
  type DataOptions,
} from '../shared';
import { countTable } from '../output';
import { terminalSafe } from '../../terminal';
import { reporter } from '../reporter';
import { progressBar } from '../progress';

interface LoadOptions extends DataOptions, ConnectionOptions {
  backend: 'memory' | 'neo4j';
  dataset?: string;
  batchSize: number;
  concurrency: number;
  prune?: boolean;
  incremental?: boolean;
}

export function register(program: Command): void {
  neo4jArguments(dataArguments(program.command('load')))
    .description('validate the data and load it into a graph backend; print counts by kind and predicate')
    .addOption(
      new Option('--backend <backend>', 'where to load the graph')
        .choices(['memory', 'neo4j'])
        .default('memory'),
    )
    .option(
      '--dataset <name>',
      'the name this data set is loaded under in Neo4j (default: the data folder name)',
    )
    .option('--batch-size <n>', 'rows per Neo4j transaction', positiveInt, DEFAULT_BATCH_SIZE)
    .option('--concurrency <n>', 'Neo4j transactions at once', positiveInt, DEFAULT_CONCURRENCY)
    .option('--prune', 'remove what this data set loaded into Neo4j before and no longer has')
    .option(
      '--incremental',
      'write only the statements of files changed since the last load of this data set, remove what is gone (implies --prune)',
    )
    .action(async (paths: string[], options: LoadOptions) => {
      if (options.incremental && options.backend !== 'neo4j')
        throw new KgError(
          'USAGE',
          '--incremental needs --backend neo4j (the in-memory graph is built whole every time)',
        );
      const loaded = await loadOrReport(paths, options);
      if (!loaded) return;
      const counts = countGraph(loaded.graph);
      let neo4j: Record<string, unknown> | undefined;
      if (options.backend === 'neo4j') {
        const config = connectionConfig(options);
        const dataset = options.dataset ?? basename(loaded.dataset.root);
        const bar = progressBar('loading into Neo4j', 'rows');
        const r = await loadIntoNeo4j(loaded.graph, config, {
          dataset,
          batchSize: options.batchSize,
          concurrency: options.concurrency,
          prune: options.prune,
          incremental: options.incremental,
          files: await fileKeys(loaded.dataset),
          onProgress: bar.update,
        }).finally(bar.stop);
        neo4j = { uri: redactUri(config.uri), database: config.database, ...r };
        reporter.say(
          `loaded data set '${terminalSafe(dataset)}' into ${redactUri(config.uri)} (database ${config.database}): ` +
            `${r.entities} entities, ${r.statements} statements, ${r.documents} documents, ${r.mentions} mentions ` +
            `in ${r.transactions} transactions; removed ${r.removedRelationships} relationships and ${r.removedNodes} nodes`,
        );
        if (r.files)
          reporter.say(
            `incremental: ${r.files.changed} files new or changed, ${r.files.unchanged} unchanged (skipped), ${r.files.removed} gone`,
          );
      } else {
        reporter.say(`loaded ${counts.nodes} nodes and ${counts.edges} edges into memory`);
      }
      reporter.say(countTable('nodes by kind', counts.byKind));
      reporter.say(countTable('edges by predicate', counts.byPredicate));
      reporter.result({ ok: true, backend: options.backend, ...counts, ...(neo4j ? { neo4j } : {}) });
    });
}
