import type { Quantity } from './generated';

/**
 * Quantities as a property graph holds them. Neo4j cannot store a list of maps, and a researcher asks
 * "more than 10 injured", so each measure becomes number properties beside the statement's others:
 *
 *   `<measure>Min`, `<measure>Max`  the least and most the figure can be: a `value` is both, a `min`
 *                                   alone has no Max, a `max` alone no Min;
 *   `<measure>Unit`                 the unit, when one is given;
 *   `measures`                      the measures the statement gives, sorted;
 *   `quantities`                    each figure as text: `killed=1`, `injured>=12`, `troops<=5000`,
 *                                   `killed=0..3`, `distance=5 km`.
 *
 * "Which events had more than 10 injured": `WHERE r.injuredMin > 10`. Two figures for one measure give
 * the envelope of both.
 */
export function flattenQuantities<T extends object>(attributes: T): T {
  const list = (attributes as { quantities?: unknown }).quantities;
  if (!Array.isArray(list)) return attributes;
  const { quantities: _q, ...rest } = attributes as T & { quantities: Quantity[] };
  const out: Record<string, unknown> = { ...rest };
  const measures = new Set<string>();
  for (const q of list as Quantity[]) {
    measures.add(q.measure);
    const min = q.value ?? q.min;
    const max = q.value ?? q.max;
    const lower = out[`${q.measure}Min`];
    const upper = out[`${q.measure}Max`];
    if (min !== undefined) out[`${q.measure}Min`] = typeof lower === 'number' ? Math.min(lower, min) : min;
    if (max !== undefined) out[`${q.measure}Max`] = typeof upper === 'number' ? Math.max(upper, max) : max;
    if (q.unit !== undefined) out[`${q.measure}Unit`] = q.unit;
  }
  out.measures = [...measures].sort();
  out.quantities = (list as Quantity[]).map(quantityText);
  return out as T;
}

/** A figure as compact text: `killed=1`, `injured>=12`, `troops<=5000`, `killed=0..3`, `distance=5 km`. */
export function quantityText(q: Quantity): string {
  const unit = q.unit === undefined ? '' : ` ${q.unit}`;
  if (q.value !== undefined) return `${q.measure}=${q.value}${unit}`;
  if (q.min !== undefined && q.max !== undefined) return `${q.measure}=${q.min}..${q.max}${unit}`;
  if (q.min !== undefined) return `${q.measure}>=${q.min}${unit}`;
  return `${q.measure}<=${q.max ?? ''}${unit}`;
}

/** A figure in words: "1 killed", "at least 12 injured", "at most 5000 troops", "0 to 3 killed". */
export function quantityWords(q: Quantity): string {
  const unit = q.unit === undefined ? '' : ` ${q.unit}`;
  const figure =
    q.value !== undefined
      ? `${q.value}`
      : q.min !== undefined && q.max !== undefined
        ? `${q.min} to ${q.max}`
        : q.min !== undefined
          ? `at least ${q.min}`
          : `at most ${q.max ?? '?'}`;
  return `${figure}${unit} ${q.measure}`;
}
