import type { FactGraph } from '../backends/memory/build-graph';
import { KIND_COLORS } from './attributes';
import type { Chunks } from './chunks';
import type { ExportFormatSpec } from './format-spec';

/** Control characters but line ends and tabs, and non-characters: Graphviz's SVG, XML, cannot carry them. */
// eslint-disable-next-line no-control-regex -- they are what is dropped
const DROPPED = /[\0-\x08\x0B\x0C\x0E-\x1F\x7F\uFFFE\uFFFF]/g;

/**
 * A DOT quoted string. Line ends become `\n` (a centred line break in a label), a tab a space, other
 * control characters are dropped; `\` and `"` are escaped. DOT keeps `\\` as two characters in an id,
 * so an id with a backslash shows it doubled, but stays distinct and well-formed.
 */
function quoted(text: string): string {
  const clean = text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(DROPPED, '');
  return `"${clean.replace(/["\\]/g, '\\$&').replace(/\n/g, '\\n')}"`;
}

/** Text Graphviz shows: `&` escaped too, since it reads HTML entities (`&lt;`) in labels and tooltips. */
function shown(text: string): string {
  return quoted(text.replace(/&/g, '&amp;'));
}

/**
 * Graphviz DOT: a digraph, node label = name and fill colour by kind, edge label = predicate and the
 * quote as its tooltip (shown on hover in SVG). Every id is the graph's own, quoted.
 */
export function* toDot(graph: FactGraph): Chunks {
  yield 'digraph factgraph {\n';
  yield '  graph [rankdir=LR];\n';
  yield '  node [shape=box, style="rounded,filled", fontname="Helvetica"];\n';
  yield '  edge [fontname="Helvetica", fontsize=10];\n';
  for (const id of graph.nodes().sort()) {
    const { name, kind } = graph.getNodeAttributes(id);
    yield `  ${quoted(id)} [label=${shown(name)}, fillcolor="${KIND_COLORS[kind]}"];\n`;
  }
  for (const id of graph.edges().sort()) {
    const { predicate, quote } = graph.getEdgeAttributes(id);
    const ends = `${quoted(graph.source(id))} -> ${quoted(graph.target(id))}`;
    yield `  ${ends} [label=${shown(predicate)}, tooltip=${shown(quote)}];\n`;
  }
  yield '}\n';
}

export const DOT_FORMAT = {
  extension: 'dot',
  opensWith: 'Graphviz (dot, xdot)',
  serialize: toDot,
} as const satisfies ExportFormatSpec;
