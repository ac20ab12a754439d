import type { Command } from 'commander';
import { redactUri } from '../../backends/neo4j/connection';
import { DEFAULT_BATCH_SIZE } from '../../backends/neo4j/load';
import { unloadFromNeo4j } from '../../backends/neo4j/unload';
import { positiveInt } from '../shared';
import { neo4jArguments, onNeo4j, type ConnectionOptions } from '../neo4j-options';
import { plural } from '../output';
import { reporter } from '../reporter';

export function register(program: Command): void {
  neo4jArguments(program.command('unload'))
    .description('remove a data set from Neo4j: its statements, and the entities and documents only it has')
    .requiredOption('--dataset <name>', 'the data set, as kg load named it (by default its data folder name)')
    .option('--batch-size <n>', 'rows per Neo4j transaction', positiveInt, DEFAULT_BATCH_SIZE)
    .action(async (options: ConnectionOptions & { dataset: string; batchSize: number }) => {
      const { config, value: r } = await onNeo4j(options, (config) =>
        unloadFromNeo4j(config, options.dataset, { batchSize: options.batchSize }),
      );
      reporter.say(
        `removed data set '${r.dataset}' from ${redactUri(config.uri)} (database ${config.database}): ` +
          `${plural(r.removedRelationships, 'relationship')} and ${plural(r.removedNodes, 'node')}; ` +
          'entities and documents other data sets have stay',
      );
      reporter.result({ ok: true, neo4j: { uri: redactUri(config.uri), database: config.database, ...r } });
    });
}
