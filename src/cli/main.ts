#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import pc from 'picocolors';
import { KgError } from '../errors';
import { reporter } from './reporter';
import { exitOnSignals } from './interrupt';
import { register as registerValidate } from './commands/validate';
import { register as registerLoad } from './commands/load';
import { register as registerExport } from './commands/export';
import { register as registerStats } from './commands/stats';
import { register as registerQuery } from './commands/query';
import { register as registerCache } from './commands/cache';
import { register as registerUnload } from './commands/unload';
import { register as registerNetwork } from './commands/network';
import { register as registerImport } from './commands/import';
import { register as registerAnnotate } from './commands/annotate';
import { register as registerNew } from './commands/new';
import { register as registerQuotes } from './commands/quotes';

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

for (const register of [
  registerValidate,
  registerLoad,
  registerUnload,
  registerExport,
  registerStats,
  registerQuery,
  registerNetwork,
  registerCache,
  registerImport,
  registerAnnotate,
  registerNew,
  registerQuotes,
])
  register(program);

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
