import { InvalidArgumentError, Option, type Command } from 'commander';
import { ValidationFailed } from '../errors';
import { loadGraph, type LoadResult } from '../load/load';
import { reporter } from './reporter';
import { progressBar } from './progress';
import type { ValidateOptions } from '../validate/validate';
import { defaultCacheDir } from '../validate/cache';
import { neo4jConfig, type Neo4jConfig } from '../backends/neo4j/connection';

export interface DataOptions {
  root?: string;
  /** False with --no-cache. */
  cache?: boolean;
  cacheDir?: string;
  workers?: number;
  strict?: boolean;
}

/** The `[paths...]` argument and the options every data command takes. */
export function dataArguments(command: Command): Command {
  return command
    .argument('[paths...]', 'data files or folders', ['graph-data'])
    .addOption(
      new Option(
        '--root <dir>',
        'the data folder document paths must stay inside (default: the folder holding all paths)',
      ),
    )
    .option('--no-cache', 'parse and check every file, and keep no results')
    .option(
      '--cache-dir <dir>',
      'keep checked files here by content, so unchanged files are not parsed again (default: $XDG_CACHE_HOME/factgraph or ~/.cache/factgraph)',
    )
    .option(
      '--workers <n>',
      'threads that parse and check files (default: the cores, from 2 MiB of data)',
      nonNegativeInt,
    )
    .option('--strict', 'a data path that is a FIFO, device or socket is an error, not a warning');
}

/** The validation options of the data flags, with progress bars for people at a terminal. */
export function validateOptions(options: DataOptions): ValidateOptions & { stop: () => void } {
  const files = progressBar('validating files', 'files');
  const crossFile = progressBar('checking across files', 'steps');
  return {
    ...(options.root === undefined ? {} : { root: options.root }),
    ...(options.workers === undefined ? {} : { workers: options.workers }),
    ...(options.strict ? { strict: true } : {}),
    ...(options.cache === false ? {} : { cacheDir: options.cacheDir ?? defaultCacheDir() }),
    onProgress: ({ phase, done, total }) => {
      if (phase === 'files') files.update(done, total);
      else {
        files.stop();
        crossFile.update(done, total);
      }
    },
    stop: () => {
      files.stop();
      crossFile.stop();
    },
  };
}

/** Loads the graph; invalid data is reported (every problem) and gives undefined with exit status 1. */
export async function loadOrReport(paths: string[], options: DataOptions): Promise<LoadResult | undefined> {
  const validation = validateOptions(options);
  try {
    const result = await loadGraph(paths, validation);
    validation.stop();
    reporter.problems(result.warnings);
    return result;
  } catch (e) {
    validation.stop();
    if (!(e instanceof ValidationFailed)) throw e;
    reporter.problems(e.errors);
    reporter.failure(e, 'nothing was loaded or written (kg validate prints the full report)');
    process.exitCode = e.exitCode;
    return undefined;
  }
}

export interface ConnectionOptions {
  uri?: string;
  username?: string;
  database?: string;
  timeout?: number;
}

/** Connection flags for commands that talk to Neo4j. The password comes only from NEO4J_PASSWORD, never argv. */
export function neo4jArguments(command: Command): Command {
  return command
    .option(
      '--uri <uri>',
      'Neo4j URI: bolt://, neo4j:// or neo4j+s:// (default: $NEO4J_URI or bolt://127.0.0.1:7687)',
    )
    .option('--username <name>', 'Neo4j user (default: $NEO4J_USERNAME or neo4j)')
    .option('--database <name>', 'Neo4j database (default: $NEO4J_DATABASE or neo4j)')
    .option(
      '--timeout <seconds>',
      'fail when connecting, a transaction or a memory query takes longer (default: $NEO4J_TIMEOUT, or none)',
      positiveNumber,
    );
}

/** The connection settings from the flags, then the environment. */
export function connectionConfig(options: ConnectionOptions): Neo4jConfig {
  const { timeout, ...rest } = options;
  return neo4jConfig(timeout === undefined ? rest : { ...rest, timeoutSeconds: timeout });
}

/** Flag values: a whole number of at least 1, or any number above 0. */
export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1)
    throw new InvalidArgumentError('must be a whole number of at least 1');
  return n;
}

export function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0)
    throw new InvalidArgumentError('must be a whole number of at least 0');
  return n;
}

export function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('must be a number above 0');
  return n;
}
