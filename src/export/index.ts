import { createWriteStream, existsSync, renameSync, rmSync } from 'node:fs';
import { mkdtemp, mkdir, rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { KgError } from '../errors';
import type { Chunks } from './chunks';
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
import type { ExportFormatSpec, ExportOutput } from './format-spec';

export type { ExportFormatSpec, ExportOutput } from './format-spec';

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

function isChunks(output: ExportOutput): output is Chunks {
  return Symbol.iterator in output;
}

/**
 * The graph in the given format as one string, or a folder's files as strings: for graphs whose export
 * fits in a string; writeExport streams any size to disk.
 */
export function exportGraph<F extends ExportFormat>(
  graph: FactGraph,
  format: F,
): JoinedOutput<Serialized<F>> {
  const output: ExportOutput = EXPORT_FORMATS[format].serialize(graph);
  const joined = isChunks(output)
    ? [...output].join('')
    : Object.fromEntries(Object.entries(output).map(([name, chunks]) => [name, [...chunks].join('')]));
  return joined as JoinedOutput<Serialized<F>>;
}

/** Writes in progress, each with the synchronous undo an interrupted process runs before it exits. */
const unfinished = new Map<string, () => void>();

/** Undoes the writes still in progress (temporary files go, a swapped-out folder comes back). */
export function removeUnfinishedOutputs(): void {
  for (const undo of unfinished.values()) undo();
  unfinished.clear();
}

/**
 * Writes the export atomically: a file is written beside its target and renamed over it; a folder is
 * filled beside its target and swapped in. A failed write never leaves a half-written output.
 */
export async function writeExport(graph: FactGraph, format: ExportFormat, path: string): Promise<void> {
  // Checks a format makes of the whole graph (e.g. neo4j-csv's array delimiter) throw here, unwrapped.
  const output: ExportOutput = EXPORT_FORMATS[format].serialize(graph);
  try {
    await mkdir(dirname(path), { recursive: true });
    if (isChunks(output)) {
      await writeFileAtomically(path, output);
      return;
    }
    const staging = await mkdtemp(join(dirname(path), `.${basename(path)}.tmp-`));
    const old = `${staging}.old`;
    // Undone on failure or interruption at any step: the previous folder is back or the new one in place.
    const undo = () => {
      rmSync(staging, { recursive: true, force: true });
      if (existsSync(old)) {
        if (existsSync(path)) rmSync(old, { recursive: true, force: true });
        else renameSync(old, path);
      }
    };
    unfinished.set(staging, undo);
    try {
      for (const [name, chunks] of Object.entries(output)) await writeChunks(join(staging, name), chunks);
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
  } catch (cause) {
    throw new KgError(
      'OUTPUT_FAILED',
      `cannot write ${path}: ${(cause as Error).message}`,
      { file: path },
      { cause },
    );
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
 * Writes a new file (never an existing one) a batch at a time, flushed to disk before it is closed.
 * pipeline asks for the next batch only once the file stream has drained, so no more than a few
 * batches are in memory; a write error (ENOSPC) or a serializer's error rejects it.
 */
async function writeChunks(path: string, chunks: Chunks): Promise<void> {
  await pipeline(Readable.from(batched(chunks)), createWriteStream(path, { flags: 'wx', flush: true }));
}

/**
 * Writes beside the target, flushes, then renames over it. (write-file-atomic 7 was dropped: on a full
 * disk it reported success and left a truncated file; a file stream raises ENOSPC.)
 */
async function writeFileAtomically(path: string, chunks: Chunks): Promise<void> {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
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
