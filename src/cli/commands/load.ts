import { Option, type Command } from 'commander';
import { countGraph } from '../../load/load';
import { dataArguments, loadOrReport, type DataOptions } from '../shared';
import { countTable } from '../output';

export function register(program: Command): void {
  dataArguments(program.command('load'))
    .description('validate the data and load it into a graph backend; print counts by kind and predicate')
    .addOption(
      new Option('--backend <backend>', 'where to load the graph').choices(['memory']).default('memory'),
    )
    .action(async (paths: string[], options: DataOptions) => {
      const loaded = await loadOrReport(paths, options);
      if (!loaded) return;
      const counts = countGraph(loaded.graph);
      console.log(`loaded ${counts.nodes} nodes and ${counts.edges} edges into memory`);
      console.log(countTable('nodes by kind', counts.byKind));
      console.log(countTable('edges by predicate', counts.byPredicate));
    });
}
