/**
 * factgraph: annotated facts in YAML, validated against JSON Schema, loaded as a knowledge graph.
 *
 *   const result = await validate(['graph-data']);      // every problem, positioned
 *   const { graph } = await loadGraph(['graph-data']);  // graphology MultiDirectedGraph
 *   await writeExport(graph, 'graphology', 'out/graph.json');
 */
export { KgError, ValidationFailed, ERROR_CODES, compareErrors } from './errors';
export type { ErrorCode, KgErrorJSON, Severity, SourcePosition } from './errors';
export * from './model/generated';
export type { Dataset, DocumentEntry, Located, StatementEntry } from './model/dataset';
export { validate } from './validate/validate';
export type { ValidateOptions, ValidationResult } from './validate/validate';
export { loadGraph, countGraph } from './load/load';
export type { LoadResult, GraphCounts } from './load/load';
export { buildGraph } from './backends/memory/build-graph';
export type {
  FactGraph,
  NodeAttributes,
  EdgeAttributes,
  DocumentAttributes,
  GraphAttributes,
} from './backends/memory/build-graph';
export {
  EXPORT_FORMATS,
  exportGraph,
  writeExport,
  writeExportSet,
  streamExport,
  isExportFormat,
} from './export';
export type { OutputOptions } from './export/output-target';
export type { ExportFormat, SerializeOptions } from './export';
export {
  discourseNetworks,
  networkEdges,
  serializeNetworks,
  csvMatrix,
  collectStances,
  NETWORK_FORMATS,
  NETWORK_TYPES,
  NORMALIZATIONS,
  QUALIFIERS,
} from './network';
export type {
  ActorMode,
  DiscourseNetworks,
  Network,
  NetworkEdge,
  NetworkFormat,
  NetworkNode,
  NetworkOptions,
  NetworkType,
  Normalization,
  Qualifier,
  SkipReason,
  Skipped,
  Stance,
} from './network';
export { coverage } from './query/coverage';
export type { DocumentCoverage, SentenceCoverage } from './query/coverage';
export { queryGraph, propertyGraph } from './query/cypher';
export type { CypherOptions } from './query/cypher';
export { queryNeo4j } from './query/query';
export type { QueryOptions, QueryResult } from './query/query';
export { neo4jConfig } from './backends/neo4j/connection';
export type { Neo4jConfig } from './backends/neo4j/connection';
export { loadIntoNeo4j } from './backends/neo4j/load';
export type { Neo4jLoadOptions, Neo4jLoadResult } from './backends/neo4j/load';
export { unloadFromNeo4j } from './backends/neo4j/unload';
export type { Neo4jUnloadResult } from './backends/neo4j/unload';
export { fileKeys } from './load/file-keys';
export type { FileKeys } from './load/file-keys';
