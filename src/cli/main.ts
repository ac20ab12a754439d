#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import pc from 'picocolors';
import { KgError } from '../errors';
import { reporter } from './reporter';
import { exitOnSignals } from './interrupt';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { version } = require('../../package.json') as { version: string };

const program = new Command('kg')
  .description('factgraph: validate annotated facts in YAML and load them as a knowledge graph')
  .version(version)
  .option('--json', 'print one JSON object on stdout: the result, or { ok: false, error }')
  .option('--quiet', 'print nothing but problems')
  .option('--verbose', 'print the stack trace behind an error')
  .exitOverride();

exitOnSignals();
program.hook('preAction', (_, action) => reporter.configure(action.optsWithGlobals()));
// A usage error comes before any action: commander's own errors are reported like every other error
// (`error USAGE ...`, or the JSON result with --json), by fail() below.
const jsonRequested = process.argv.includes('--json');
program.configureOutput({
  writeErr: (text) => void (jsonRequested || process.stderr.write(text)),
  outputError: () => undefined,
});

/**
 * The commands, in the order help lists them, each file loaded only when its command is registered:
 * together they load the Neo4j driver, the Cypher engine and every exporter, ~0.5 s of CPU that a
 * `kg validate` has no use for.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- loaded on demand, see above */
const COMMANDS: Record<string, () => { register: (program: Command) => void }> = {
  validate: () => require('./commands/validate') as typeof import('./commands/validate'),
  load: () => require('./commands/load') as typeof import('./commands/load'),
  unload: () => require('./commands/unload') as typeof import('./commands/unload'),
  export: () => require('./commands/export') as typeof import('./commands/export'),
  stats: () => require('./commands/stats') as typeof import('./commands/stats'),
  query: () => require('./commands/query') as typeof import('./commands/query'),
  network: () => require('./commands/network') as typeof import('./commands/network'),
  cache: () => require('./commands/cache') as typeof import('./commands/cache'),
  import: () => require('./commands/import') as typeof import('./commands/import'),
  annotate: () => require('./commands/annotate') as typeof import('./commands/annotate'),
  new: () => require('./commands/new') as typeof import('./commands/new'),
  quotes: () => require('./commands/quotes') as typeof import('./commands/quotes'),
};
/* eslint-enable @typescript-eslint/no-require-imports */

// The command is the first argument that is not an option (the global options take no value). Any other
// (help, a typo that commander suggests a command for, none) registers them all.
const asked = process.argv.slice(2).find((a) => !a.startsWith('-'));
const wanted = asked !== undefined && Object.hasOwn(COMMANDS, asked) ? [asked] : Object.keys(COMMANDS);
for (const name of wanted) COMMANDS[name]!().register(program);

/** Reports why the command stopped; returns the exit status. */
function fail(e: unknown): number {
  if (e instanceof CommanderError) {
    // Help and version are not errors; every other command-line mistake is a usage error.
    if (e.exitCode === 0) return 0;
    reporter.configure({ json: jsonRequested });
    reporter.failure(usageError(e), '(kg --help lists the commands, kg COMMAND --help their options)');
    return 2;
  }
  const verbose = program.opts<{ verbose?: boolean }>().verbose === true;
  if (e instanceof KgError) {
    reporter.failure(e, verbose ? (e.cause instanceof Error ? e.cause.stack : e.stack) : undefined);
    return e.exitCode;
  }
  if (reporter.json) {
    console.log(
      JSON.stringify({
        ok: false,
        error: { code: 'INTERNAL', message: String((e as Error).message ?? e), exitCode: 70 },
      }),
    );
    return 70;
  }
  console.error(pc.red(`internal error: ${(e as Error).message ?? String(e)}`));
  if (verbose) console.error((e as Error).stack);
  else console.error('(run with --verbose for the stack trace; please report it)');
  return 70;
}

/** Commander's message in the house style: `unknown option '--formt' (did you mean --format?)`. */
function usageError(e: CommanderError): KgError {
  // Without a command, commander has shown the help on stderr already.
  if (e.code === 'commander.help') return new KgError('USAGE', 'no command given');
  const message = e.message.replace(/^error: /, '').replace(/\n\(Did you mean (.*)\)$/, ' (did you mean $1)');
  return new KgError('USAGE', message);
}

// Exit at once on failure: a half-open connection (a server that never answered) must not keep us alive.
program.parseAsync(process.argv).catch((e: unknown) => process.exit(fail(e)));
