import writeFileAtomic from 'write-file-atomic';
import { KgError } from '../errors';
import type { FactGraph } from '../backends/memory/build-graph';
import { toGraphologyJson } from './graphology';

/** Every export format: its file extension, what opens it, and how it is written. */
export const EXPORT_FORMATS = {
  graphology: {
    extension: 'json',
    opensWith: 'graphology (Graph.from), sigma.js',
    serialize: toGraphologyJson,
  },
} as const satisfies Record<
  string,
  { extension: string; opensWith: string; serialize: (g: FactGraph) => string }
>;

export type ExportFormat = keyof typeof EXPORT_FORMATS;

export function isExportFormat(name: string): name is ExportFormat {
  return Object.hasOwn(EXPORT_FORMATS, name);
}

/** The graph in the given format, as text. */
export function exportGraph(graph: FactGraph, format: ExportFormat): string {
  return EXPORT_FORMATS[format].serialize(graph);
}

/** Writes the export atomically: a failed write never leaves a half-written file at `path`. */
export async function writeExport(graph: FactGraph, format: ExportFormat, path: string): Promise<void> {
  const text = exportGraph(graph, format);
  try {
    await writeFileAtomic(path, text, { encoding: 'utf8' });
  } catch (cause) {
    throw new KgError(
      'OUTPUT_FAILED',
      `cannot write ${path}: ${(cause as Error).message}`,
      { file: path },
      { cause },
    );
  }
}
