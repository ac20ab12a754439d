/**
 * DURATION (a stub of the skeleton: the branch temporal-b owns this file and replaces it): months, days,
 * seconds and nanoseconds kept apart, as Neo4j keeps them.
 */
import type { Value } from '../values';

export class CDuration {
  constructor(
    readonly months: bigint,
    readonly days: bigint,
    readonly seconds: bigint,
    readonly nanoseconds: bigint,
  ) {}
}

/** `d.<key>`: a duration's component, or undefined when it has none of that name. */
export function durationComponent(_d: CDuration, _key: string): Value | undefined {
  return undefined;
}
