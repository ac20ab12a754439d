import { Option, type Command } from 'commander';
import { KgError } from '../../errors';
import { EXPORT_FORMATS, defaultOutput, writeExport, type ExportFormat } from '../../export';
import { dataArguments, loadOrReport, type DataOptions } from '../shared';
import { displayPath, validationSummary } from '../output';
import { reporter } from '../reporter';
import { progressBar } from '../progress';

interface ExportOptions extends DataOptions {
  format?: ExportFormat;
  all?: boolean;
  out?: string;
  outDir: string;
}

export function register(program: Command): void {
  dataArguments(program.command('export'))
    .description('validate the data and write the graph in formats other tools open')
    .addOption(new Option('-f, --format <format>', 'export format').choices(Object.keys(EXPORT_FORMATS)))
    .option('--all', 'write every format into --out-dir')
    .option(
      '-o, --out <path>',
      'output file, or folder for folder formats (default: <out-dir>/graph.<extension>)',
    )
    .option('--out-dir <dir>', 'folder for the default output paths', 'out')
    .action(async (paths: string[], options: ExportOptions) => {
      if (Boolean(options.all) === (options.format !== undefined))
        throw new KgError('USAGE', 'give --format FORMAT or --all');
      if (options.all && options.out)
        throw new KgError('USAGE', '--out names one output; with --all use --out-dir');
      const loaded = await loadOrReport(paths, options);
      if (!loaded) return;
      reporter.say(validationSummary(loaded.dataset, 0));
      const formats = options.all ? (Object.keys(EXPORT_FORMATS) as ExportFormat[]) : [options.format!];
      const outputs = [];
      // Said once the bar is gone: a line printed under a bar on the same terminal would break it.
      const said: string[] = [];
      const bar = progressBar('exporting', 'formats');
      try {
        for (const [i, format] of formats.entries()) {
          bar.update(i, formats.length);
          const out = options.out ?? defaultOutput(format, options.outDir);
          await writeExport(loaded.graph, format, out);
          const { opensWith } = EXPORT_FORMATS[format];
          outputs.push({ format, path: displayPath(out), opensWith });
          said.push(`wrote ${displayPath(out).padEnd(28)} ${format.padEnd(11)} opens in ${opensWith}`);
        }
        bar.update(formats.length, formats.length);
      } finally {
        bar.stop();
        for (const line of said) reporter.say(line);
      }
      reporter.result({ ok: true, nodes: loaded.graph.order, edges: loaded.graph.size, outputs });
    });
}
