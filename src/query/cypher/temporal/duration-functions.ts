/** `duration()` from text or a map, and the distances `duration.between/inMonths/inDays/inSeconds`. */
import { CypherFault } from '../errors';
import { arity, typeError, type CypherFunction } from '../function-args';
import { typeName, type Value } from '../values';
import { between, inDays, inMonths, inSeconds } from './between';
import { CDuration, durationField, type DurationField } from './duration';
import { isInstant, type Instant } from './instants';

function duration(args: Value[], at: number): Value {
  arity('duration', args, 1, 1, at);
  const v = args[0]!;
  if (v === null) return null;
  if (typeof v === 'string') {
    const d = CDuration.parse(v, at);
    if (!d)
      throw new CypherFault(
        'CYPHER_RUNTIME',
        `Text cannot be parsed to a Duration: ${JSON.stringify(v)}`,
        at,
      );
    return d;
  }
  if (v instanceof Map) {
    const fields = new Map<DurationField, bigint | number>();
    for (const [key, x] of v) {
      const field = durationField(key);
      if (!field) throw typeError(`duration() has no field ${key}`, at);
      if (typeof x !== 'bigint' && typeof x !== 'number')
        throw typeError(`${key} must be a number value, not a ${typeName(x)}`, at);
      fields.set(field, x);
    }
    return CDuration.fromMap(fields, at);
  }
  throw typeError(`duration() takes a string or a map, not a ${typeName(v)}`, at);
}

/** A function of two instants, null when either is. */
function distance(
  name: string,
  f: (a: Instant, b: Instant, at: number) => CDuration,
): [string, CypherFunction] {
  return [
    name.toLowerCase(),
    (args, at) => {
      arity(name, args, 2, 2, at);
      const [a, b] = args as [Value, Value];
      if (a === null || b === null) return null;
      if (!isInstant(a) || !isInstant(b))
        throw typeError(
          `${name}() takes two temporal instants, not a ${typeName(a)} and a ${typeName(b)}`,
          at,
        );
      return f(a, b, at);
    },
  ];
}

export const DURATION_FUNCTIONS: [string, CypherFunction][] = [
  ['duration', duration],
  distance('duration.between', between),
  distance('duration.inMonths', inMonths),
  distance('duration.inDays', inDays),
  distance('duration.inSeconds', inSeconds),
];
