/**
 * Arithmetic with temporal values (a stub of the skeleton: the branch temporal-b owns this file and
 * replaces it): instant ± duration, duration ± duration, duration * / number.
 */
import type { CypherFault } from '../errors';
import { typeError } from '../function-args';
import { typeName, type Value } from '../values';

/** `a op b` where either side is a temporal value (neither is null). */
export function temporalArithmetic(op: string, a: Value, b: Value, at: number): Value {
  const fault: CypherFault = typeError(`cannot apply ${op} to a ${typeName(a)} and a ${typeName(b)}`, at);
  throw fault;
}
