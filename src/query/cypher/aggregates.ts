import { CypherFault } from './errors';
import { checkedInt, typeError } from './function-args';
import { CDuration, orderCompare, typeName, type Value } from './values';

/** The aggregating functions: each folds the values of a group into one. */
export interface Aggregator {
  /** `extra` reads the further argument (the percentile) from the row being added. */
  add(v: Value, extra?: () => Value): void;
  result(): Value;
}

export const AGGREGATES = new Set([
  'count',
  'sum',
  'avg',
  'min',
  'max',
  'collect',
  'stdev',
  'stdevp',
  'percentilecont',
  'percentiledisc',
]);

/** The numbers of a group, for the aggregates that need them all. */
function numbers(name: string, at: number): { add(v: Value): void; values: number[] } {
  const values: number[] = [];
  return {
    values,
    add: (v) => {
      if (v === null) return;
      if (typeof v !== 'bigint' && typeof v !== 'number') {
        throw typeError(`${name}() expects numbers, not a ${typeName(v)}`, at);
      }
      values.push(Number(v));
    },
  };
}

/** An aggregator of one group. */
export function makeAggregator(name: string, at: number): Aggregator {
  switch (name) {
    case 'stdev':
    case 'stdevp': {
      const n = numbers(name, at);
      return {
        add: n.add,
        result: () => {
          const xs = n.values;
          const d = name === 'stdev' ? xs.length - 1 : xs.length;
          if (d <= 0) return 0;
          const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
          return Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / d);
        },
      };
    }
    case 'percentilecont':
    case 'percentiledisc': {
      // The percentile is read once, with the group's first value (Neo4j: from the first such row).
      let q: number | null = null;
      const percentile = (p: Value): number => {
        if (typeof p !== 'number' && typeof p !== 'bigint') {
          throw typeError(`${name}() needs a numeric percentile, not ${typeName(p)}`, at);
        }
        const x = Number(p);
        if (!(x >= 0 && x <= 1))
          throw new CypherFault('CYPHER_RUNTIME', `the percentile ${x} is not between 0 and 1`, at);
        return x;
      };
      const raw: Value[] = [];
      const n = numbers(name, at);
      return {
        add: (v, extra) => {
          if (v === null) return;
          q ??= percentile(extra ? extra() : null);
          n.add(v);
          raw.push(v);
        },
        result: () => {
          if (raw.length === 0) return null;
          const order = raw.map((v, i) => ({ v, x: n.values[i]! })).sort((a, b) => a.x - b.x);
          if (q === null) return null;
          if (name === 'percentiledisc') {
            const i = q === 0 ? 0 : Math.ceil(q * order.length) - 1;
            return order[Math.max(0, i)]!.v;
          }
          const pos = q * (order.length - 1);
          const lo = Math.floor(pos);
          const hi = Math.ceil(pos);
          return order[lo]!.x + (order[hi]!.x - order[lo]!.x) * (pos - lo);
        },
      };
    }
    case 'count': {
      // A float counter: exact far beyond any graph in memory, and much cheaper than a bigint one.
      let n = 0;
      return { add: (v) => void (v !== null && n++), result: () => BigInt(n) };
    }
    case 'collect': {
      const out: Value[] = [];
      return { add: (v) => void (v !== null && out.push(v)), result: () => out };
    }
    case 'sum': {
      // Integers add up as a float while the total is exact (below 2^53), then as a bigint.
      let small = 0;
      let int = 0n;
      let float = 0;
      let isFloat = false;
      let sawNumber = false;
      const durations = durationTotal('sum', at);
      return {
        add: (v) => {
          if (v === null) return;
          if (durations.add(v, sawNumber)) return;
          sawNumber = true;
          if (typeof v === 'bigint') {
            const x = Number(v);
            if (Number.isSafeInteger(x) && Number.isSafeInteger(small + x)) small += x;
            else int = checkedInt(int + v, at);
          } else if (typeof v === 'number') {
            isFloat = true;
            float += v;
          } else throw typeError(`sum() expects numbers, not a ${typeName(v)}`, at);
        },
        result: () =>
          durations.total ?? (isFloat ? float + Number(int) + small : checkedInt(int + BigInt(small), at)),
      };
    }
    case 'avg': {
      // A running mean, as Neo4j computes it: the same rounding, and no overflow on large sums.
      let mean = 0;
      let n = 0;
      const durations = durationTotal('avg', at);
      return {
        add: (v) => {
          if (v === null) return;
          if (durations.add(v, n > 0)) return;
          if (typeof v !== 'bigint' && typeof v !== 'number') {
            throw typeError(`avg() expects numbers, not a ${typeName(v)}`, at);
          }
          n++;
          mean += (Number(v) - mean) / n;
        },
        result: () => durations.total?.dividedBy(BigInt(durations.count), at) ?? (n === 0 ? null : mean),
      };
    }
    case 'min':
    case 'max': {
      let best: Value = null;
      const sign = name === 'min' ? 1 : -1;
      return {
        add: (v) => {
          if (v === null) return;
          if (best === null) best = v;
          // Two values of one primitive type (the usual case) compare directly.
          else if (typeof v === typeof best && (typeof v === 'bigint' || typeof v === 'string')) {
            if (sign * (v < (best as typeof v) ? -1 : v > (best as typeof v) ? 1 : 0) < 0) best = v;
          } else if (sign * orderCompare(v, best) < 0) best = v;
        },
        result: () => best,
      };
    }
  }
  throw new CypherFault('CYPHER_SYNTAX', `unknown aggregate ${name}()`, at);
}

/** sum() and avg() of durations, added exactly; mixed with numbers they are refused, as in Neo4j. */
function durationTotal(name: string, at: number) {
  const state = {
    total: null as CDuration | null,
    count: 0,
    /** Takes `v` if it is a duration (true); `hadNumbers` says numbers came before it. */
    add(v: Value, hadNumbers: boolean): boolean {
      const isDuration = v instanceof CDuration;
      if (isDuration ? hadNumbers : state.total !== null)
        throw typeError(`${name}() cannot mix numbers and durations`, at);
      if (!isDuration) return false;
      state.total = state.total ? state.total.plus(v, at) : v;
      state.count++;
      return true;
    },
  };
  return state;
}
