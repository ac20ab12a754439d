import type { Chunks } from './chunks';
import type { FactGraph } from '../backends/memory/build-graph';

/** An export is one text file, or a folder of named text files (e.g. neo4j-csv). */
export type ExportOutput = Chunks | Record<string, Chunks>;

export interface ExportFormatSpec {
  /** The file extension, or '' for a folder. */
  extension: string;
  /** The tools that open it, for people choosing a format. */
  opensWith: string;
  serialize: (graph: FactGraph) => ExportOutput;
}
