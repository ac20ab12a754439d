import { Option, type Command } from 'commander';
import { join } from 'node:path';
import { KgError } from '../../errors';
import { isChunks, streamChunks, writeOutput } from '../../export';
import { dataKey } from '../../load/file-keys';
import {
  checkNetworkFormat,
  checkNetworkOptions,
  discourseNetworks,
  describeNetworks,
  networkEdges,
  networkExtension,
  serializeNetworks,
  NETWORK_FORMATS,
  NETWORK_TYPES,
  NORMALIZATIONS,
  QUALIFIERS,
  type NetworkFormat,
  type NetworkOptions,
  type SkipReason,
} from '../../network';
import { dataArguments, positiveInt, validateOrReport, type DataOptions } from '../shared';
import { displayPath, plural, printedPath, validationSummary } from '../output';
import { reporter } from '../reporter';

interface NetworkCommandOptions extends DataOptions, Omit<NetworkOptions, 'type'> {
  type: NetworkOptions['type'];
  format: NetworkFormat;
  out?: string;
  force?: boolean;
}

const SKIPPED: Record<SkipReason, string> = {
  unasserted: 'asserted by nobody',
  claim: 'about a claim, not a concept',
  'no-organization': 'without an organization (onBehalfOf)',
  'outside-period': 'dated outside the period',
};

export function register(program: Command): void {
  dataArguments(program.command('network'))
    .description(
      'discourse networks of the stances (SUPPORTS, REJECTS): actors × concepts, or actors tied by agreement or conflict',
    )
    .addOption(
      new Option('--type <type>', 'affiliation (actor × concept), congruence, conflict, or subtract')
        .choices(NETWORK_TYPES)
        .makeOptionMandatory(),
    )
    .addOption(
      new Option(
        '--actors <actors>',
        'person: the subject; organization: whom the subject speaks for (onBehalfOf), or the subject if it is one',
      )
        .choices(['person', 'organization'])
        .default('person'),
    )
    .addOption(
      new Option(
        '--qualifier <qualifier>',
        'affiliation cells: sign (1 agree, 2 disagree, 3 both) or subtract (agree minus disagree statements)',
      ).choices(QUALIFIERS),
    )
    .option('--from <date>', 'count stances dated from this day (EDTF: 2025, 2025-08, 2025-08-21)')
    .option('--to <date>', 'count stances dated up to this day (EDTF; 2025-08 is up to August 31)')
    .option('--window <days>', 'one network per time window of this many days', positiveInt)
    .option('--step <days>', 'days from one window to the next (default: --window)', positiveInt)
    .addOption(
      new Option('--normalize <how>', 'weights of one-mode networks, as in DNA')
        .choices(NORMALIZATIONS)
        .default('none'),
    )
    .option('--isolates', 'keep every actor (and concept) with a stance in the period, tied or not')
    .addOption(new Option('-f, --format <format>', 'output format').choices(NETWORK_FORMATS).default('csv'))
    .option(
      '-o, --out <path>',
      'output file (- for standard output), or folder for CSV matrices of time windows (default: out/<type>.<extension>)',
    )
    .option('--force', 'replace a symbolic link, file or folder at the output that kg did not write')
    .action(async (paths: string[], options: NetworkCommandOptions) => {
      const windowed = options.window !== undefined;
      const extension = networkExtension(options.format, windowed);
      const toStdout = options.out === '-';
      if (toStdout && reporter.json)
        throw new KgError(
          'USAGE',
          '--out - writes the network to standard output, where --json writes its result',
        );
      if (toStdout && !extension)
        throw new KgError(
          'USAGE',
          'CSV matrices of time windows are a folder of files: give --out a folder, not -',
        );
      checkNetworkOptions(options);
      checkNetworkFormat(options.format, windowed);
      // The networks are counted from the records: no graph is built.
      const validated = await validateOrReport(paths, options);
      if (!validated) return;
      const { dataset } = validated;
      const result = discourseNetworks(dataset, options);
      const output = serializeNetworks(result, options.format);
      if (toStdout) {
        if (isChunks(output)) await streamChunks(output, process.stdout);
        return;
      }
      reporter.say(validationSummary(dataset, 0));
      const name = extension ? `${options.type}.${extension}` : options.type;
      const path = await writeOutput(
        output,
        options.out ?? join('out', name),
        { format: `network-${options.format}`, name },
        {
          force: options.force,
          protect: [...dataset.files, ...[...dataset.documents.values()].map((d) => d.sourcePath)],
          data: await dataKey(dataset),
        },
      );
      const skipped: Partial<Record<SkipReason, number>> = {};
      for (const s of result.skipped) skipped[s.reason] = (skipped[s.reason] ?? 0) + 1;
      const networks = result.networks.map((n) => ({
        start: n.start,
        end: n.end,
        stances: n.stances,
        actors: n.rows.length,
        ...(result.type === 'affiliation' ? { concepts: n.columns.length } : {}),
        ties: networkEdges(result, n).length,
      }));
      reporter.say(`${describeNetworks(result)}: ${plural(result.stances, 'stance')}`);
      if (result.skipped.length)
        reporter.say(
          `not counted: ${Object.entries(SKIPPED)
            .flatMap(([reason, why]) => {
              const n = skipped[reason as SkipReason];
              return n ? [`${n} ${why}`] : [];
            })
            .join(', ')}`,
        );
      for (const n of networks)
        reporter.say(
          `${n.start || n.end ? `${n.start ?? '..'} to ${n.end ?? '..'}: ` : ''}${plural(n.stances, 'stance')}, ${plural(n.actors, 'actor')}${n.concepts === undefined ? '' : `, ${plural(n.concepts, 'concept')}`}, ${plural(n.ties, 'tie')}`,
        );
      reporter.say(`wrote ${printedPath(path)}`);
      reporter.result({
        ok: true,
        output: displayPath(path),
        stances: result.stances,
        skipped: result.skipped,
        networks,
      });
    });
}
