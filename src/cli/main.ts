#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import pc from 'picocolors';
import { KgError } from '../errors';
import { register as registerValidate } from './commands/validate';
import { register as registerLoad } from './commands/load';
import { register as registerExport } from './commands/export';
import { register as registerStats } from './commands/stats';
import { register as registerQuery } from './commands/query';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { version } = require('../../package.json') as { version: string };

const program = new Command('kg')
  .description('factgraph: validate annotated facts in YAML and load them as a knowledge graph')
  .version(version)
  .option('--verbose', 'print the stack trace behind an error')
  .exitOverride()
  .showHelpAfterError('(run kg --help for usage)');

for (const register of [registerValidate, registerLoad, registerExport, registerStats, registerQuery])
  register(program);

program.parseAsync(process.argv).catch((e: unknown) => {
  if (e instanceof CommanderError) {
    // Help and version are not errors; every other command-line mistake is a usage error.
    process.exitCode = e.exitCode === 0 ? 0 : 2;
    return;
  }
  const verbose = program.opts<{ verbose?: boolean }>().verbose === true;
  if (e instanceof KgError) {
    console.error(pc.red(e.format()));
    if (verbose) console.error(e.cause instanceof Error ? e.cause.stack : e.stack);
    process.exitCode = e.exitCode;
    return;
  }
  console.error(pc.red(`internal error: ${(e as Error).message ?? String(e)}`));
  if (verbose) console.error((e as Error).stack);
  else console.error('(run with --verbose for the stack trace; please report it)');
  process.exitCode = 70;
});
