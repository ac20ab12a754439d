import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Option, type Command } from 'commander';
import { EXPORT_FORMATS, writeExport, type ExportFormat } from '../../export';
import { KgError } from '../../errors';
import { dataArguments, loadOrReport, type DataOptions } from '../shared';
import { displayPath } from '../output';

export function register(program: Command): void {
  dataArguments(program.command('export'))
    .description('validate the data and write the graph in a format other tools open')
    .addOption(
      new Option('--format <format>', 'export format')
        .choices(Object.keys(EXPORT_FORMATS))
        .default('graphology'),
    )
    .option('--out <file>', 'output file (default: out/graph.<extension>)')
    .action(async (paths: string[], options: DataOptions & { format: ExportFormat; out?: string }) => {
      const loaded = await loadOrReport(paths, options);
      if (!loaded) return;
      const format = EXPORT_FORMATS[options.format];
      const out = options.out ?? `out/graph.${format.extension}`;
      try {
        await mkdir(dirname(out), { recursive: true });
      } catch (cause) {
        throw new KgError(
          'OUTPUT_FAILED',
          `cannot create the folder of ${out}: ${(cause as Error).message}`,
          {},
          { cause },
        );
      }
      await writeExport(loaded.graph, options.format, out);
      console.log(
        `wrote ${displayPath(out)} (${options.format}: ${loaded.graph.order} nodes, ${loaded.graph.size} edges), opens in ${format.opensWith}`,
      );
    });
}
