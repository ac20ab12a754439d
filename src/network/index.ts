export {
  checkNetworkOptions,
  discourseNetworks,
  networkEdges,
  NETWORK_TYPES,
  NORMALIZATIONS,
  QUALIFIERS,
} from './networks';
export type {
  DiscourseNetworks,
  Network,
  NetworkEdge,
  NetworkNode,
  NetworkOptions,
  NetworkType,
  Normalization,
  Qualifier,
} from './networks';
export { collectStances } from './stances';
export type { ActorMode, SkipReason, Skipped, Stance, Sign } from './stances';
export type { Span } from './period';
export {
  NETWORK_FORMATS,
  checkNetworkFormat,
  csvMatrix,
  describeNetworks,
  networkExtension,
  serializeNetworks,
} from './formats';
export type { NetworkFormat } from './formats';
