import type { Chunks } from './chunks';
import type { FactGraph } from '../backends/memory/build-graph';

/** An export is one text file, or a folder of named text files (e.g. neo4j-csv). */
export type ExportOutput = Chunks | Record<string, Chunks>;

/** What a format may need besides the graph. */
export interface SerializeOptions {
  /** The Neo4j data set the neo4j-csv files belong to (default `graph-data`); other formats ignore it. */
  dataset?: string;
}

export interface ExportFormatSpec {
  /** The file extension, or '' for a folder. */
  extension: string;
  /** The tools that open it, for people choosing a format. */
  opensWith: string;
  serialize: (graph: FactGraph, options?: SerializeOptions) => ExportOutput;
}
