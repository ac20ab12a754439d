import { existsSync, renameSync, rmSync } from 'node:fs';
import { mkdtemp, mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { KgError } from '../errors';
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

/** An export is one text file, or a folder of named text files (e.g. neo4j-csv). */
export type ExportOutput = string | Record<string, string>;

export interface ExportFormatSpec {
  /** The file extension, or '' for a folder. */
  extension: string;
  /** The tools that open it, for people choosing a format. */
  opensWith: string;
  serialize: (graph: FactGraph) => ExportOutput;
}

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

/** The graph in the given format: text, or a folder's files. */
export function exportGraph<F extends ExportFormat>(
  graph: FactGraph,
  format: F,
): ReturnType<(typeof EXPORT_FORMATS)[F]['serialize']> {
  return EXPORT_FORMATS[format].serialize(graph) as ReturnType<(typeof EXPORT_FORMATS)[F]['serialize']>;
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
  const output = exportGraph(graph, format) as ExportOutput;
  try {
    await mkdir(dirname(path), { recursive: true });
    if (typeof output === 'string') {
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
      for (const [name, text] of Object.entries(output)) await writeFile(join(staging, name), text, 'utf8');
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

/**
 * Writes beside the target, flushes, then renames over it. (write-file-atomic 7 was dropped: on a full
 * disk it reported success and left a truncated file; FileHandle.writeFile raises ENOSPC.)
 */
async function writeFileAtomically(path: string, text: string): Promise<void> {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  unfinished.set(temp, () => rmSync(temp, { force: true }));
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  } finally {
    unfinished.delete(temp);
  }
}
