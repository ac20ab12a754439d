import { createWriteStream, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { KgError } from '../errors';
import {
  MANIFEST,
  checkFileTarget,
  checkFolderTarget,
  cleanStale,
  tempPath,
  type Manifest,
  type OutputOptions,
  type OwnNames,
} from './output-target';
import type { Chunks } from './chunks';
import { unfinished } from './unfinished';
import type { FactGraph } from '../backends/memory/build-graph';
import { toGraphologyJson } from './graphology';
import { GEXF_FORMAT } from './gexf';
import { GRAPHML_FORMAT } from './graphml';
import { DOT_FORMAT } from './dot';
import { MERMAID_FORMAT } from './mermaid';
import { HTML_FORMAT } from './html';
import { CYTOSCAPE_FORMAT } from './cytoscape';
import { NEO4J_CSV_FORMAT } from './neo4j-csv';
import { TURTLE_FORMAT } from './turtle';
import { JSONLD_FORMAT } from './jsonld';
import { WEB_ANNOTATION_FORMAT } from './web-annotation';
import type { ExportFormatSpec, ExportOutput, SerializeOptions } from './format-spec';

export type { ExportFormatSpec, ExportOutput, SerializeOptions } from './format-spec';

/** An output with its pieces joined: a file's text, or a folder's texts by file name. */
export type JoinedOutput<T extends ExportOutput> = T extends Chunks ? string : Record<keyof T, string>;

/** Every export format: its file extension, what opens it, and how it is written. */
export const EXPORT_FORMATS = {
  graphology: {
    extension: 'json',
    opensWith: 'graphology (Graph.from), sigma.js',
    serialize: toGraphologyJson,
  },
  gexf: GEXF_FORMAT,
  graphml: GRAPHML_FORMAT,
  cytoscape: CYTOSCAPE_FORMAT,
  dot: DOT_FORMAT,
  mermaid: MERMAID_FORMAT,
  'neo4j-csv': NEO4J_CSV_FORMAT,
  turtle: TURTLE_FORMAT,
  jsonld: JSONLD_FORMAT,
  'web-annotation': WEB_ANNOTATION_FORMAT,
  html: HTML_FORMAT,
} as const satisfies Record<string, ExportFormatSpec>;

export type ExportFormat = keyof typeof EXPORT_FORMATS;

export function isExportFormat(name: string): name is ExportFormat {
  return Object.hasOwn(EXPORT_FORMATS, name);
}

/** The default output path of a format under a folder: `out/graph.gexf`, `out/neo4j-csv/`. */
export function defaultOutput(format: ExportFormat, folder = 'out'): string {
  const { extension } = EXPORT_FORMATS[format] as ExportFormatSpec;
  return extension ? join(folder, `graph.${extension}`) : join(folder, format);
}

type Serialized<F extends ExportFormat> = ReturnType<(typeof EXPORT_FORMATS)[F]['serialize']>;

export function isChunks(output: ExportOutput): output is Chunks {
  return Symbol.iterator in output;
}

/**
 * The graph in the given format as one string, or a folder's files as strings: for graphs whose export
 * fits in a string; writeExport streams any size to disk.
 */
export function exportGraph<F extends ExportFormat>(
  graph: FactGraph,
  format: F,
  options: SerializeOptions = {},
): JoinedOutput<Serialized<F>> {
  const output: ExportOutput = EXPORT_FORMATS[format].serialize(graph, options);
  const joined = isChunks(output)
    ? [...output].join('')
    : Object.fromEntries(Object.entries(output).map(([name, chunks]) => [name, [...chunks].join('')]));
  return joined as JoinedOutput<Serialized<F>>;
}

/** What a set of every format holds: each format's default name. */
const SET_NAMES: OwnNames = {
  files: Object.keys(EXPORT_FORMATS)
    .filter((f) => (EXPORT_FORMATS[f as ExportFormat] as ExportFormatSpec).extension)
    .map((f) => defaultOutput(f as ExportFormat, '')),
  folders: Object.keys(EXPORT_FORMATS).filter(
    (f) => !(EXPORT_FORMATS[f as ExportFormat] as ExportFormatSpec).extension,
  ),
};

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { version } = require('../../package.json') as { version: string };

/** The file's name in a message: the operating system's reason, without the temporary path it names. */
function reason(cause: unknown): string {
  return (cause as Error).message.replace(/, \w+ '[^']*'( -> '[^']*')?$/, '');
}

function outputFailed(path: string, cause: unknown): KgError {
  if (cause instanceof KgError) return cause;
  return new KgError('OUTPUT_FAILED', `cannot write ${path}: ${reason(cause)}`, { file: path }, { cause });
}

/**
 * Writes the export atomically and returns the path written. A file is written beside its target and
 * renamed over it; given an existing folder, a file format writes its default name inside. A folder
 * format is filled beside its target, with a manifest, and swapped in. What is at the target is
 * replaced only if factgraph wrote it (see OutputOptions); a failed write never leaves a half-written
 * output, and what an earlier, killed run left beside the target is cleaned first.
 */
export async function writeExport(
  graph: FactGraph,
  format: ExportFormat,
  path: string,
  options: OutputOptions & SerializeOptions = {},
): Promise<string> {
  // Checks a format makes of the whole graph (e.g. neo4j-csv's array delimiter) throw here, unwrapped.
  const output: ExportOutput = EXPORT_FORMATS[format].serialize(graph, options);
  return writeOutput(output, path, { format, name: defaultOutput(format, '') }, options);
}

/**
 * Writes a file or folder made elsewhere (kg network's) as writeExport writes an export: `name` is the
 * file's name inside `path` when `path` is a folder, `format` what the folder's manifest records.
 */
export async function writeOutput(
  output: ExportOutput,
  path: string,
  { format, name }: { format: string; name: string },
  options: OutputOptions = {},
): Promise<string> {
  let target = path;
  try {
    if (isChunks(output)) {
      if (isFolder(path)) target = join(path, name);
      // A killed `export --all` may have set aside the folder this file goes into.
      cleanStale(dirname(target));
      cleanStale(target);
      checkFileTarget(target, options);
      await mkdir(dirname(target), { recursive: true });
      await writeFileAtomically(target, output);
    } else {
      await replaceFolder(path, options, { files: [], folders: [] }, [format], (staging) =>
        writeFolder(staging, output, [format], options),
      );
    }
    return target;
  } catch (cause) {
    throw outputFailed(target, cause);
  }
}

/**
 * Writes every format into `folder` as one set: filled in a staging folder beside it, with a manifest,
 * then swapped in, so the folder holds either the earlier set or the new one, never a mix. Returns the
 * path of each format's output; `onFormat` is told as each is written.
 */
export async function writeExportSet(
  graph: FactGraph,
  formats: readonly ExportFormat[],
  folder: string,
  options: OutputOptions & SerializeOptions & { onFormat?: (done: number) => void } = {},
): Promise<{ format: ExportFormat; path: string }[]> {
  const written = formats.map((format) => ({ format, path: defaultOutput(format, folder) }));
  try {
    await replaceFolder(folder, options, SET_NAMES, formats, async (staging) => {
      const files: Record<string, string> = {};
      for (const [i, format] of formats.entries()) {
        options.onFormat?.(i);
        const output: ExportOutput = EXPORT_FORMATS[format].serialize(graph, options);
        const name = defaultOutput(format, '');
        if (isChunks(output)) files[name] = await writeChunks(join(staging, name), output);
        else {
          await mkdir(join(staging, name));
          const inside = await writeFolder(join(staging, name), output, [format], options);
          for (const [file, hash] of Object.entries(inside)) files[`${name}/${file}`] = hash;
        }
      }
      options.onFormat?.(formats.length);
      return files;
    });
    return written;
  } catch (cause) {
    throw outputFailed(folder, cause);
  }
}

/** Where streamExport writes: a Node writable stream such as process.stdout fits. */
export interface TextSink {
  write(chunk: string, callback: (error?: Error | null) => void): boolean;
}

/**
 * Writes the text of a file format to a stream (standard output for `--out -`), a batch at a time,
 * each once the one before has gone out; the stream is not ended.
 */
export async function streamExport(graph: FactGraph, format: ExportFormat, sink: TextSink): Promise<void> {
  const output: ExportOutput = EXPORT_FORMATS[format].serialize(graph);
  if (!isChunks(output))
    throw new KgError('USAGE', `${format} is a folder of files: give --out a folder, not -`);
  await streamChunks(output, sink);
}

/** Writes pieces of text to a stream a batch at a time, each once the one before has gone out. */
export async function streamChunks(output: Chunks, sink: TextSink): Promise<void> {
  for (const batch of batched(output))
    await new Promise<void>((resolve, reject) => sink.write(batch, (e) => (e ? reject(e) : resolve())));
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Writes a folder's files and its manifest; returns each file's SHA-256 (the manifest's too). */
async function writeFolder(
  dir: string,
  output: Record<string, Chunks>,
  formats: readonly string[],
  options: OutputOptions,
): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const [name, chunks] of Object.entries(output))
    files[name] = await writeChunks(join(dir, name), chunks);
  files[MANIFEST] = await writeManifest(dir, formats, files, options);
  return files;
}

async function writeManifest(
  dir: string,
  formats: readonly string[],
  files: Record<string, string>,
  options: OutputOptions,
): Promise<string> {
  const manifest: Manifest = {
    factgraph: version,
    formats: [...formats],
    ...(options.data === undefined ? {} : { data: options.data }),
    files,
  };
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  await writeFile(join(dir, MANIFEST), text, { flag: 'wx', flush: true });
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Fills a staging folder beside `path` and swaps it in for what is there (which checkFolderTarget
 * allows), writing the set's manifest last: a staging folder with a manifest is complete. Undone on
 * failure or interruption at any step: the previous folder is back, or the new one in place.
 */
async function replaceFolder(
  path: string,
  options: OutputOptions,
  names: OwnNames,
  formats: readonly string[],
  fill: (staging: string) => Promise<Record<string, string>>,
): Promise<void> {
  cleanStale(path);
  checkFolderTarget(path, options, names);
  await mkdir(dirname(path), { recursive: true });
  const staging = tempPath(path, 'staging');
  const old = tempPath(path, 'old');
  const undo = () => {
    rmSync(staging, { recursive: true, force: true });
    if (existsSync(old)) {
      if (existsSync(path)) rmSync(old, { recursive: true, force: true });
      else renameSync(old, path);
    }
  };
  unfinished.set(staging, undo);
  try {
    await mkdir(staging);
    const files = await fill(staging);
    if (!Object.hasOwn(files, MANIFEST)) await writeManifest(staging, formats, files, options);
    await rename(path, old).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
    await rename(staging, path);
    await rm(old, { recursive: true, force: true });
  } catch (e) {
    undo();
    throw e;
  } finally {
    unfinished.delete(staging);
  }
}

/** Pieces are gathered to about this many characters a write: one write a node would be slow. */
const BATCH = 1 << 20;

function* batched(chunks: Chunks): Generator<string> {
  let batch = '';
  for (const chunk of chunks) {
    batch += chunk;
    if (batch.length >= BATCH) {
      yield batch;
      batch = '';
    }
  }
  if (batch) yield batch;
}

/**
 * Writes a new file (never an existing one) a batch at a time, flushed to disk before it is closed, and
 * returns its SHA-256. pipeline asks for the next batch only once the file stream has drained, so no
 * more than a few batches are in memory; a write error (ENOSPC) or a serializer's error rejects it.
 */
async function writeChunks(path: string, chunks: Chunks): Promise<string> {
  const hash = createHash('sha256');
  const hashing = new Transform({
    transform(batch: Buffer, _, done) {
      hash.update(batch);
      done(null, batch);
    },
  });
  await pipeline(
    Readable.from(batched(chunks)),
    hashing,
    createWriteStream(path, { flags: 'wx', flush: true }),
  );
  return hash.digest('hex');
}

/**
 * Writes beside the target, flushes, then renames over it. (write-file-atomic 7 was dropped: on a full
 * disk it reported success and left a truncated file; a file stream raises ENOSPC.)
 */
async function writeFileAtomically(path: string, chunks: Chunks): Promise<void> {
  const temp = tempPath(path, 'tmp');
  unfinished.set(temp, () => rmSync(temp, { force: true }));
  try {
    await writeChunks(temp, chunks);
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  } finally {
    unfinished.delete(temp);
  }
}
