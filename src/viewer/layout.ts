import circular from 'graphology-layout/circular';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import type Graph from 'graphology-types';
export { nodeSize } from './node-size';

/** Enough ForceAtlas2 steps for the graph of an article, or of a few, to settle. */
const ITERATIONS = 1500;
/** Up to this many nodes repulsion is exact; beyond, all-pairs would be quadratic: Barnes-Hut instead. */
const EXACT_UP_TO = 500;
/** Node and edge visits the whole layout may cost: a big graph gets fewer steps (at least 20). */
const BUDGET = 5_000_000;

/**
 * Strong gravity keeps entities that no statement links (sources named only in attributions) near the
 * rest; spreading attraction by out-degree keeps hubs such as Ukraine from pulling everything into a knot.
 */
const SETTINGS = {
  gravity: 0.5,
  strongGravityMode: true,
  scalingRatio: 20,
  outboundAttractionDistribution: true,
};

/**
 * Node positions as [x, y]: a circle in node id order, then a number of ForceAtlas2 steps fixed by the size. Nothing is
 * random, so the same graph always gets the same layout, and the html export stays byte-stable. Runs on a
 * copy of the structure only: the data's own attributes (even ones named x or y) are never read.
 */
export function layout(graph: Graph): Record<string, [number, number]> {
  // In id order: the same graph gives the same layout whatever order it was built in.
  const structure = graph.nullCopy();
  for (const node of graph.nodes().sort()) structure.addNode(node);
  for (const edge of graph.edges().sort()) structure.addEdge(graph.source(edge), graph.target(edge));
  circular.assign(structure, { scale: 100 });
  const positions = forceAtlas2(structure, {
    iterations: Math.max(20, Math.min(ITERATIONS, Math.floor(BUDGET / (structure.order + structure.size)))),
    getEdgeWeight: null,
    settings: { ...SETTINGS, barnesHutOptimize: structure.order > EXACT_UP_TO },
  });
  // Two decimals are far finer than a pixel, and keep float noise out of the file.
  const round = (v: number) => Math.round(v * 100) / 100;
  return Object.fromEntries(Object.entries(positions).map(([node, p]) => [node, [round(p.x), round(p.y)]]));
}
