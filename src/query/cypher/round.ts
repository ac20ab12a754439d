/**
 * `round(x)`, `round(x, precision)` and `round(x, precision, mode)` as Neo4j 5 computes them: one
 * argument (or precision 0 without a mode) is Java's Math.round; otherwise Java's
 * `BigDecimal.valueOf(x).setScale(precision, mode)`, which rounds the float's shortest decimal text
 * (so 2.675 to two places is 2.68, where rounding the binary value would give 2.67).
 */
import { CypherFault } from './errors';
import { arity, num, str, typeError } from './function-args';
import type { Value } from './values';

const MODES = ['CEILING', 'FLOOR', 'UP', 'DOWN', 'HALF_EVEN', 'HALF_UP', 'HALF_DOWN', 'UNNECESSARY'];
/** Whether a value whose kept digits end in `last` and whose dropped digits are `dropped` rounds away from zero. */
function awayFromZero(mode: string, negative: boolean, last: number, dropped: string, at: number): boolean {
  const nonzero = /[1-9]/.test(dropped);
  // Compared with one half: the dropped digits against 5 followed by zeros.
  const half =
    dropped === '' ? -1 : Math.sign(Number(dropped[0]) - 5) || (/[1-9]/.test(dropped.slice(1)) ? 1 : 0);
  switch (mode) {
    case 'UP':
      return nonzero;
    case 'DOWN':
      return false;
    case 'CEILING':
      return nonzero && !negative;
    case 'FLOOR':
      return nonzero && negative;
    case 'HALF_UP':
      return half >= 0;
    case 'HALF_DOWN':
      return half > 0;
    case 'HALF_EVEN':
      return half > 0 || (half === 0 && last % 2 === 1);
    default:
      if (nonzero) throw new CypherFault('CYPHER_RUNTIME', 'round(): rounding necessary', at);
      return false;
  }
}

/** x rounded to `precision` decimal places: the digits of its shortest text, rounded as `mode` says. */
function roundDecimal(x: number, precision: number, mode: string, at: number): number {
  if (!Number.isFinite(x) || x === 0) return x || 0;
  const [mantissa, exponent] = Math.abs(x).toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  // How many of the digits stay: those before the point and `precision` after it.
  const keep = Number(exponent) + 1 + precision;
  if (keep >= digits.length) return x;
  const kept = keep > 0 ? digits.slice(0, keep) : '0';
  const dropped = keep >= 0 ? digits.slice(keep) : `${'0'.repeat(-keep)}${digits}`;
  const up = awayFromZero(mode, x < 0, Number(kept.at(-1)), dropped, at);
  const magnitude = BigInt(kept) + (up ? 1n : 0n);
  return (x < 0 ? -1 : 1) * Number(`${magnitude}e-${precision}`) || 0;
}

export function round(args: Value[], at: number): Value {
  arity('round', args, 1, 3, at);
  if (args.some((v) => v === null)) return null;
  const x = num('round', args[0]!, at);
  // Java's Math.round: halves go up (-2.5 is -2), no negative zero, and a long's range.
  if (args.length === 1 || (args.length === 2 && Number(num('round', args[1]!, at)) === 0))
    return Number.isFinite(x) ? Math.min(Math.max(Math.round(x), -(2 ** 63)), 2 ** 63) || 0 : x;
  // A float precision is cut to its integer part, as Neo4j does.
  const precision = Math.trunc(num('round', args[1]!, at));
  if (precision < -(2 ** 31) || precision >= 2 ** 31)
    throw typeError(`round() precision must be a 32-bit integer, not ${precision}`, at);
  if (precision < 0) throw typeError('round() precision must not be negative', at);
  const mode = args.length === 3 ? str('round', args[2]!, at) : 'HALF_UP';
  if (!MODES.includes(mode))
    throw typeError(`round() mode must be one of ${MODES.join(', ')}, not '${mode}'`, at);
  return roundDecimal(x, precision, mode, at);
}
