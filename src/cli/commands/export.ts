import { Option, type Command } from 'commander';
import { KgError } from '../../errors';
import {
  EXPORT_FORMATS,
  defaultOutput,
  streamExport,
  writeExport,
  writeExportSet,
  type ExportFormat,
} from '../../export';
import { dataKey } from '../../load/file-keys';
import { dataArguments, datasetName, datasetOption, loadOrReport, type DataOptions } from '../shared';
import { displayPath, printedPath, validationSummary } from '../output';
import { reporter } from '../reporter';
import { progressBar } from '../progress';

interface ExportOptions extends DataOptions {
  format?: ExportFormat;
  all?: boolean;
  out?: string;
  outDir: string;
  force?: boolean;
  dataset?: string;
}

export function register(program: Command): void {
  dataArguments(program.command('export'))
    .description('validate the data and write the graph in formats other tools open')
    .addOption(new Option('-f, --format <format>', 'export format').choices(Object.keys(EXPORT_FORMATS)))
    .option('--all', 'write every format into --out-dir, as one set')
    .option(
      '-o, --out <path>',
      'output file (- for standard output), or folder for folder formats (default: <out-dir>/graph.<extension>)',
    )
    .option('--out-dir <dir>', 'folder for the default output paths', 'out')
    .option(
      '--force',
      'replace a symbolic link, file or folder at the output that is not an earlier export (never the data read, never a device)',
    )
    .addOption(
      datasetOption('neo4j-csv: the data set the files load as, the name `kg load --backend neo4j` takes'),
    )
    .action(async (paths: string[], options: ExportOptions) => {
      if (Boolean(options.all) === (options.format !== undefined))
        throw new KgError('USAGE', 'give --format FORMAT or --all');
      if (options.dataset !== undefined && options.format !== undefined && options.format !== 'neo4j-csv')
        throw new KgError(
          'USAGE',
          `--dataset names the data set of the neo4j-csv export; ${options.format} has none`,
        );
      if (options.all && options.out)
        throw new KgError('USAGE', '--out names one output; with --all use --out-dir');
      const toStdout = options.out === '-';
      if (toStdout && reporter.json)
        throw new KgError(
          'USAGE',
          '--out - writes the export to standard output, where --json writes its result',
        );
      if (toStdout && !EXPORT_FORMATS[options.format!].extension)
        throw new KgError('USAGE', `${options.format} is a folder of files: give --out a folder, not -`);
      const loaded = await loadOrReport(paths, options);
      if (!loaded) return;
      if (toStdout) {
        await streamExport(loaded.graph, options.format!, process.stdout);
        return;
      }
      reporter.say(validationSummary(loaded.dataset, 0));
      const { dataset } = loaded;
      const output = {
        force: options.force,
        protect: [...dataset.files, ...[...dataset.documents.values()].map((d) => d.sourcePath)],
        data: await dataKey(dataset),
        dataset: datasetName(options.dataset, dataset),
      };
      const bar = progressBar('exporting', 'formats');
      const formats = options.all ? (Object.keys(EXPORT_FORMATS) as ExportFormat[]) : [options.format!];
      const written = await (
        options.all
          ? writeExportSet(loaded.graph, formats, options.outDir, {
              ...output,
              onFormat: (done) => bar.update(done, formats.length),
            })
          : writeExport(
              loaded.graph,
              options.format!,
              options.out ?? defaultOutput(options.format!, options.outDir),
              output,
            ).then((path) => [{ format: options.format!, path }])
      ).finally(bar.stop);
      // Said once the bar is gone: a line printed under a bar on the same terminal would break it.
      const outputs = written.map(({ format, path }) => ({
        format,
        path: displayPath(path),
        opensWith: EXPORT_FORMATS[format].opensWith,
      }));
      for (const { format, path } of written)
        reporter.say(
          `wrote ${printedPath(path).padEnd(28)} ${format.padEnd(11)} opens in ${EXPORT_FORMATS[format].opensWith}`,
        );
      reporter.result({ ok: true, nodes: loaded.graph.order, edges: loaded.graph.size, outputs });
    });
}
