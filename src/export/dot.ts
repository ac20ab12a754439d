import type { FactGraph } from '../backends/memory/build-graph';
import { KIND_COLORS, claimTies, isNegated, kindTextColor } from './attributes';
import { isStatementNode } from '../model/claims';
import { flatAttributes } from '../load/flatten';
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
 * Every field as an attribute `fg_<field>` (a list as JSON, as GraphML has it): Graphviz keeps attributes
 * it does not draw, and pydot and networkx read them. The prefix keeps data off Graphviz's own names.
 */
function fields(attributes: object): string {
  return Object.entries(flatAttributes(attributes))
    .filter(([, value]) => value !== undefined && value !== null)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(
      ([field, value]) =>
        `, fg_${field}=${quoted(Array.isArray(value) ? JSON.stringify(value) : String(value))}`,
    )
    .join('');
}

/**
 * Graphviz DOT: a digraph, node label = name and fill colour by kind, edge label = predicate and the
 * quote as its tooltip (shown on hover in SVG), a negated statement dashed; a statement another is about
 * is a note tied to its subject and object by dotted lines; every field besides. Every id is the
 * graph's own, quoted.
 */
export function* toDot(graph: FactGraph): Chunks {
  yield 'digraph factgraph {\n';
  yield '  graph [rankdir=LR];\n';
  yield '  node [shape=box, style="rounded,filled", fontname="Helvetica"];\n';
  yield '  edge [fontname="Helvetica", fontsize=10];\n';
  for (const id of graph.nodes().sort()) {
    const a = graph.getNodeAttributes(id);
    // A claim as a node: a note, dashed when nobody asserts it.
    const claim = isStatementNode(a)
      ? `, shape=note, style="filled${a.asserted ? '' : ',dashed'}", tooltip=${shown(a.quote)}`
      : '';
    yield `  ${quoted(id)} [label=${shown(a.name)}, fillcolor="${KIND_COLORS[a.kind]}", fontcolor="${kindTextColor(a.kind)}"${claim}${fields(a)}];\n`;
  }
  for (const id of graph.edges().sort()) {
    const a = graph.getEdgeAttributes(id);
    const ends = `${quoted(graph.source(id))} -> ${quoted(graph.target(id))}`;
    yield `  ${ends} [label=${shown(a.predicate)}, tooltip=${shown(a.quote)}${isNegated(a) ? ', style=dashed' : ''}, fg_id=${quoted(id)}${fields(a)}];\n`;
  }
  for (const { statement, role, end } of claimTies(graph)) {
    yield `  ${quoted(statement)} -> ${quoted(end)} [label=${shown(role)}, style=dotted, arrowhead=none];\n`;
  }
  yield '}\n';
}

export const DOT_FORMAT = {
  extension: 'dot',
  opensWith: 'Graphviz (dot, xdot)',
  serialize: toDot,
} as const satisfies ExportFormatSpec;
