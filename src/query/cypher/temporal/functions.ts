/**
 * The temporal functions by name (lower case, dotted names whole): the constructors date(), time(), ...
 * with their .transaction/.statement/.realtime/.truncate forms, datetime.fromepoch*, timestamp().
 * DURATION's functions join this list from their own module.
 */
import { toText, typeError, unary, type CypherFunction } from '../function-args';
import { CDate } from './instants';
import { parseDate } from './parse';

export const TEMPORAL_FUNCTIONS: [string, CypherFunction][] = [
  unary('date', (v, at) => {
    const d = typeof v === 'string' ? parseDate(v) : v instanceof CDate ? v : null;
    if (!d) throw typeError(`date() cannot make a date of ${JSON.stringify(toText(v, at))}`, at);
    return d;
  }),
];
