import type { Command } from 'commander';
import { KgError } from '../../errors';
import { countGraph } from '../../load/load';
import { buildGraph } from '../../backends/memory/build-graph';
import { fileKeys } from '../../load/file-keys';
import { redactUri } from '../../backends/neo4j/connection';
import { DEFAULT_BATCH_SIZE, DEFAULT_CONCURRENCY, loadIntoNeo4j } from '../../backends/neo4j/load';
import {
  dataArguments,
  datasetName,
  datasetOption,
  formatOption,
  positiveInt,
  validateOrReport,
  type DataOptions,
} from '../shared';
import {
  backendOption,
  chooseBackend,
  neo4jArguments,
  onNeo4j,
  type Backend,
  type ConnectionOptions,
} from '../neo4j-options';
import { countTable, plural } from '../output';
import { terminalSafe } from '../../terminal';
import { reporter } from '../reporter';
import { progressBar } from '../progress';

interface LoadOptions extends DataOptions, ConnectionOptions {
  backend?: Backend;
  dataset?: string;
  batchSize: number;
  concurrency: number;
  prune?: boolean;
  incremental?: boolean;
  format: 'text' | 'json';
}

export function register(program: Command): void {
  neo4jArguments(dataArguments(program.command('load')))
    .description('validate the data and load it into a graph backend; print counts by kind and predicate')
    .addOption(backendOption('where to load the graph'))
    .addOption(datasetOption('the name this data set is loaded under in Neo4j'))
    .option('--batch-size <n>', 'rows per Neo4j transaction', positiveInt, DEFAULT_BATCH_SIZE)
    .option('--concurrency <n>', 'Neo4j transactions at once', positiveInt, DEFAULT_CONCURRENCY)
    .option('--prune', 'remove what this data set loaded into Neo4j before and no longer has')
    .option(
      '--incremental',
      'write only the statements of files changed since the last load of this data set, remove what is gone (implies --prune)',
    )
    .addOption(formatOption('the counts as one JSON object'))
    .action(async (paths: string[], options: LoadOptions) => {
      const { backend } = chooseBackend(options);
      if (options.incremental && backend !== 'neo4j')
        throw new KgError(
          'USAGE',
          '--incremental needs --backend neo4j (the in-memory graph is built whole every time)',
        );
      const loaded = await validateOrReport(paths, options);
      if (!loaded) return;
      // Neo4j stores the records the dataset gives: only the memory backend builds the graph.
      const counts = countGraph(backend === 'neo4j' ? loaded.dataset : buildGraph(loaded.dataset));
      let neo4j: Record<string, unknown> | undefined;
      const say: string[] = [];
      if (backend === 'neo4j') {
        const dataset = datasetName(options.dataset, loaded.dataset);
        const files = await fileKeys(loaded.dataset);
        const bar = progressBar('loading into Neo4j', 'rows');
        const { config, value: r } = await onNeo4j(options, (config) =>
          loadIntoNeo4j(loaded.dataset, config, {
            dataset,
            batchSize: options.batchSize,
            concurrency: options.concurrency,
            prune: options.prune,
            incremental: options.incremental,
            files,
            source: { folder: loaded.dataset.root, named: options.dataset !== undefined },
            onProgress: bar.update,
          }),
        ).finally(bar.stop);
        neo4j = { uri: redactUri(config.uri), database: config.database, ...r };
        say.push(
          `loaded data set '${terminalSafe(dataset)}' into ${redactUri(config.uri)} (database ${config.database}): ` +
            `${plural(r.entities, 'entity', 'entities')}, ${plural(r.statements, 'statement')}, ` +
            `${plural(r.documents, 'document')}, ${plural(r.mentions, 'mention')}`,
          // Why 36 transactions for 163 rows: a batch holds one kind or predicate.
          `  in ${plural(r.transactions, 'transaction')}: batches of one kind or predicate, at most ` +
            `${options.batchSize.toLocaleString('en')} rows each (--batch-size), ${options.concurrency} at a time (--concurrency); ` +
            `removed ${plural(r.removedRelationships, 'relationship')} and ${plural(r.removedNodes, 'node')}`,
        );
        if (r.files)
          say.push(
            `  incremental: ${plural(r.files.changed, 'file')} new or changed, ${r.files.unchanged} unchanged (skipped), ${r.files.removed} gone`,
          );
      } else {
        say.push(`loaded ${plural(counts.nodes, 'node')} and ${plural(counts.edges, 'edge')} into memory`);
      }
      const result = { backend, ...counts, ...(neo4j ? { neo4j } : {}) };
      if (options.format === 'json' && !reporter.json) {
        console.log(JSON.stringify(result, null, 2));
        return;
      }
      for (const line of say) reporter.say(line);
      reporter.say(countTable('nodes by kind', counts.byKind));
      reporter.say(countTable('edges by predicate', counts.byPredicate));
      reporter.result({ ok: true, ...result });
    });
}
