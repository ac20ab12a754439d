import { basename } from 'node:path';
import { Argument, InvalidArgumentError, Option, type Command } from 'commander';
import { ValidationFailed } from '../errors';
import type { LoadResult } from '../load/load';
import { buildGraph } from '../backends/memory/build-graph';
import { reporter } from './reporter';
import { progressBar } from './progress';
import { validate, type ValidateOptions, type ValidationResult } from '../validate/validate';
import { defaultCacheDir } from '../validate/cache';
import type { Dataset } from '../model/dataset';

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
  return dataOptions(
    command.addArgument(
      new Argument('[paths...]', 'data files or folders').default(['graph-data'], 'graph-data'),
    ),
  );
}

/** The options of every command that reads the data files: one definition, so they never drift apart. */
export function dataOptions(command: Command): Command {
  return command
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

/** `-f, --format text|json`: what the command prints on stdout, as text for people or as JSON. */
export function formatOption(json: string): Option {
  return new Option('-f, --format <format>', `text, or json: ${json}`)
    .choices(['text', 'json'])
    .default('text');
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

/** `--dataset NAME`, of `kg load --backend neo4j` and of the neo4j-csv export: one default for both. */
export function datasetOption(what: string): Option {
  return new Option('--dataset <name>', `${what} (default: the data folder's name)`);
}

/**
 * The data set's name in Neo4j: the one given, else the data folder's name. `kg load` and the neo4j-csv
 * export both ask here, so the load that follows an import finds the data set the import made.
 */
export function datasetName(given: string | undefined, dataset: Dataset): string {
  return given ?? basename(dataset.root);
}

/**
 * Validates the data, for a command that needs the records and not the graph; invalid data is reported
 * (every problem) and gives undefined with exit status 1.
 */
export async function validateOrReport(
  paths: string[],
  options: DataOptions,
): Promise<ValidationResult | undefined> {
  const validation = validateOptions(options);
  const result = await validate(paths, validation).finally(validation.stop);
  if (result.ok) {
    reporter.problems(result.warnings);
    return result;
  }
  const failed = new ValidationFailed(result.errors);
  reporter.problems(failed.errors);
  reporter.failure(failed, 'nothing was loaded or written (kg validate prints the full report)');
  process.exitCode = failed.exitCode;
  return undefined;
}

/** Validates the data and builds the graph of it; invalid data is reported as by validateOrReport. */
export async function loadOrReport(paths: string[], options: DataOptions): Promise<LoadResult | undefined> {
  const result = await validateOrReport(paths, options);
  if (!result) return undefined;
  return { graph: buildGraph(result.dataset), dataset: result.dataset, warnings: result.warnings };
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

/** The parser of a repeatable option: every value, in order (no default, so none shows in --help). */
export function collect(value: string, all: string[] | undefined): string[] {
  return [...(all ?? []), value];
}

export function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('must be a number above 0');
  return n;
}
