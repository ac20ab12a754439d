import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { FactGraph } from '../backends/memory/build-graph';

/** Where each node is drawn, and how big: the viewer's ForceAtlas2 layout, shared by every export that places nodes. */
export interface GraphLayout {
  positions: Record<string, [number, number]>;
  sizes: Record<string, number>;
}

interface LayoutModule {
  layout: (graph: FactGraph) => Record<string, [number, number]>;
  nodeSize: (degree: number) => number;
}

// `npm run build` writes it (scripts/build-viewer.mjs); the path is the same from src/export and dist/export.
const LAYOUT_JS = join(__dirname, '..', '..', 'dist', 'viewer', 'layout.js');

let loaded: LayoutModule | undefined;

function layoutModule(): LayoutModule {
  if (loaded) return loaded;
  try {
    // The layout libraries are dev dependencies, bundled by the build: an installed factgraph has no other copy.
    loaded = createRequire(__filename)(LAYOUT_JS) as LayoutModule;
    return loaded;
  } catch (cause) {
    throw new Error(`the layout is not built in ${LAYOUT_JS}: run npm run build`, { cause });
  }
}

/** One layout a graph, however many exports of it are written: ForceAtlas2 is the costly part. */
const computed = new WeakMap<FactGraph, GraphLayout>();

/**
 * Up to this many statements the data exports (GEXF, GraphML, Cytoscape JSON) carry the layout: it costs
 * about 20 s at 100,000 and minutes at a million, and Gephi, yEd and Cytoscape lay out a graph themselves.
 */
export const PLACED_UP_TO = 100_000;

/** The layout the data exports carry, or none for a graph above PLACED_UP_TO statements. */
export function exportLayout(graph: FactGraph): GraphLayout | undefined {
  return graph.size <= PLACED_UP_TO ? graphLayout(graph) : undefined;
}

/** The graph's layout: deterministic, so the same graph gives the same bytes in every export. */
export function graphLayout(graph: FactGraph): GraphLayout {
  let result = computed.get(graph);
  if (!result) {
    const { layout, nodeSize } = layoutModule();
    result = {
      positions: layout(graph),
      sizes: Object.fromEntries(graph.mapNodes((node) => [node, nodeSize(graph.degree(node))])),
    };
    computed.set(graph, result);
  }
  return result;
}
