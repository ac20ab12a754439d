/**
 * The temporal functions by name (lower case, dotted names whole): the constructors date(), time(),
 * localtime(), localdatetime(), datetime() with their .transaction/.statement/.realtime/.truncate
 * forms, datetime.fromepoch/fromepochmillis, timestamp(). DURATION's functions join FUNCTIONS from
 * their own module.
 */
import { Instant as JodaInstant, ZonedDateTime } from '@js-joda/core';
import { arity, int, str, typeError, type CypherFunction } from '../function-args';
import { typeName, type Value } from '../values';
import { DEFAULT_ZONE, fromMap, fromTemporal, now, positioned, statementClock, type Kind } from './construct';
import { isInstant, CDateTime, type Instant } from './instants';
import {
  parseDate,
  parseDateTime,
  parseLocalDateTime,
  parseLocalTime,
  parseTime,
  TemporalTextError,
  zoneOf,
} from './parse';
import { truncate } from './truncate';

const KINDS: Kind[] = ['date', 'localtime', 'time', 'localdatetime', 'datetime'];

const PARSERS: Record<Kind, (text: string) => Instant> = {
  date: parseDate,
  localtime: parseLocalTime,
  time: (t) => parseTime(t, () => DEFAULT_ZONE),
  localdatetime: parseLocalDateTime,
  datetime: (t) => parseDateTime(t, () => DEFAULT_ZONE),
};

/** `date(x)`, `datetime(x)`, ...: from nothing (now), text, a map or another temporal value. */
function construct(kind: Kind): CypherFunction {
  return (args, at) => {
    arity(kind, args, 0, 1, at);
    if (args.length === 0) return now(kind, DEFAULT_ZONE);
    const v = args[0]!;
    if (v === null) return null;
    if (typeof v === 'string') return positioned(at, () => PARSERS[kind](v));
    if (v instanceof Map) return fromMap(kind, v, at);
    if (isInstant(v)) return fromTemporal(kind, v, at);
    throw typeError(`${kind}() cannot make a value of a ${typeName(v)}`, at);
  };
}

/** `date.transaction()`, `.statement()`, `.realtime()`: now, in the default zone or the one given. */
function clock(kind: Kind, name: string, realtime: boolean): CypherFunction {
  return (args, at) => {
    arity(`${kind}.${name}`, args, 0, 1, at);
    const z = args[0];
    if (z === null) return null;
    const text = z instanceof Map ? z.get('timezone') : z;
    if (text !== undefined && typeof text !== 'string')
      throw typeError(`${kind}.${name}() takes a time zone name, not a ${typeName(text)}`, at);
    return positioned(at, () => now(kind, text === undefined ? DEFAULT_ZONE : zoneOf(text), realtime));
  };
}

function truncation(kind: Kind): CypherFunction {
  return (args, at) => {
    arity(`${kind}.truncate`, args, 2, 3, at);
    const [unit, v, fields] = args as [Value, Value, Value?];
    // Neo4j refuses a null unit or value here, where most functions give null.
    if (!isInstant(v)) throw typeError(`${kind}.truncate() takes a temporal value, not a ${typeName(v)}`, at);
    if (fields !== undefined && fields !== null && !(fields instanceof Map))
      throw typeError(`${kind}.truncate() takes a map of fields, not a ${typeName(fields)}`, at);
    return truncate(kind, str(`${kind}.truncate`, unit, at), v, fields ?? new Map(), at);
  };
}

export const TEMPORAL_FUNCTIONS: [string, CypherFunction][] = [
  ...KINDS.flatMap((kind): [string, CypherFunction][] => [
    [kind, construct(kind)],
    [`${kind}.transaction`, clock(kind, 'transaction', false)],
    [`${kind}.statement`, clock(kind, 'statement', false)],
    [`${kind}.realtime`, clock(kind, 'realtime', true)],
    [`${kind}.truncate`, truncation(kind)],
  ]),
  [
    'datetime.fromepoch',
    (args, at) => {
      arity('datetime.fromepoch', args, 2, 2, at);
      if (args.some((a) => a === null)) return null;
      const [s, ns] = [int('datetime.fromepoch', args[0]!, at), int('datetime.fromepoch', args[1]!, at)];
      return positioned(at, () => {
        if (ns < 0n || ns >= 1_000_000_000n) throw new TemporalTextError(`invalid nanosecond ${ns}`);
        const instant = JodaInstant.ofEpochSecond(Number(s), Number(ns));
        return new CDateTime(ZonedDateTime.ofInstant(instant, DEFAULT_ZONE));
      });
    },
  ],
  [
    'datetime.fromepochmillis',
    (args, at) => {
      arity('datetime.fromepochmillis', args, 1, 1, at);
      if (args[0] === null) return null;
      const ms = int('datetime.fromepochmillis', args[0]!, at);
      return positioned(
        at,
        () => new CDateTime(ZonedDateTime.ofInstant(JodaInstant.ofEpochMilli(Number(ms)), DEFAULT_ZONE)),
      );
    },
  ],
  [
    'timestamp',
    (args, at) => {
      arity('timestamp', args, 0, 0, at);
      return BigInt(statementClock().toEpochMilli());
    },
  ],
];
