import { basename } from 'node:path';
import { Option, type Command } from 'commander';
import { countGraph } from '../../load/load';
import { redactUri } from '../../backends/neo4j/connection';
import { loadIntoNeo4j } from '../../backends/neo4j/load';
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
import { reporter } from '../reporter';
import { progressBar } from '../progress';

interface LoadOptions extends DataOptions, ConnectionOptions {
  backend: 'memory' | 'neo4j';
  dataset?: string;
  batchSize: number;
  prune?: boolean;
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
    .option('--batch-size <n>', 'rows per Neo4j transaction', positiveInt, 1000)
    .option('--prune', 'remove what this data set loaded into Neo4j before and no longer has')
    .action(async (paths: string[], options: LoadOptions) => {
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
          prune: options.prune,
          onProgress: bar.update,
        }).finally(bar.stop);
        neo4j = { uri: redactUri(config.uri), database: config.database, ...r };
        reporter.say(
          `loaded data set '${dataset}' into ${redactUri(config.uri)} (database ${config.database}): ` +
            `${r.entities} entities, ${r.statements} statements, ${r.documents} documents, ${r.mentions} mentions ` +
            `in ${r.transactions} transactions; removed ${r.removedRelationships} relationships and ${r.removedNodes} nodes`,
        );
      } else {
        reporter.say(`loaded ${counts.nodes} nodes and ${counts.edges} edges into memory`);
      }
      reporter.say(countTable('nodes by kind', counts.byKind));
      reporter.say(countTable('edges by predicate', counts.byPredicate));
      reporter.result({ ok: true, backend: options.backend, ...counts, ...(neo4j ? { neo4j } : {}) });
    });
}
