import type { FactGraph } from '../backends/memory/build-graph';
import { KIND_COLORS, KINDS_IN_ORDER, claimTies, isNegated, kindTextColor } from './attributes';
import type { Chunks } from './chunks';
import type { ExportFormatSpec } from './format-spec';

/** Mermaid's entity codes for the characters that would end a label, start an entity or read as HTML. */
const ENTITIES: Record<string, string> = {
  '#': '#35;',
  '"': '#quot;',
  '&': '#amp;',
  '<': '#lt;',
  '>': '#gt;',
  '`': '#96;',
};

/** C0, DEL and C1 control characters. */
// eslint-disable-next-line no-control-regex -- they are what is dropped
const CONTROLS = /[\0-\x1F\x7F-\x9F]/g;

/**
 * Text for a quoted mermaid label: a label is one line, so line breaks and tabs become spaces; other
 * control characters are dropped; `# " & < > \`` become entity codes, so nothing in the text can close
 * the label, turn it into a Markdown string or reach GitHub's HTML as markup.
 */
function label(text: string): string {
  return text
    .replace(/\r\n|[\t\n\v\f\r\x85\u2028\u2029]/g, ' ')
    .replace(CONTROLS, '')
    .replace(/[#"&<>`]/g, (c) => ENTITIES[c]!);
}

/**
 * A mermaid flowchart (`flowchart LR`), as GitHub and GitLab render in Markdown: generated node ids
 * (`n0`, ... in id order; mermaid ids cannot hold the graph's), label = name, a `classDef` a kind with
 * its colour, edge label = predicate, a negated statement dotted; a statement another is about is a node
 * tied to its subject and object by dotted lines without arrows.
 */
export function* toMermaid(graph: FactGraph): Chunks {
  yield 'flowchart LR\n';
  for (const kind of KINDS_IN_ORDER)
    yield `  classDef ${kind} fill:${KIND_COLORS[kind]},color:${kindTextColor(kind)}\n`;
  const ids = new Map(
    graph
      .nodes()
      .sort()
      .map((id, i) => [id, `n${i}`]),
  );
  for (const [id, n] of ids) {
    const { name, kind } = graph.getNodeAttributes(id);
    yield `  ${n}["${label(name)}"]:::${kind}\n`;
  }
  for (const id of graph.edges().sort()) {
    const a = graph.getEdgeAttributes(id);
    // A negated statement as a dotted arrow, mermaid's only other line.
    const arrow = isNegated(a) ? '-.->' : '-->';
    yield `  ${ids.get(graph.source(id))} ${arrow}|"${label(a.predicate)}"| ${ids.get(graph.target(id))}\n`;
  }
  for (const { statement, role, end } of claimTies(graph)) {
    yield `  ${ids.get(statement)} -.-|"${role}"| ${ids.get(end)}\n`;
  }
}

export const MERMAID_FORMAT = {
  extension: 'mmd',
  opensWith: 'GitHub/GitLab Markdown, mermaid.live',
  serialize: toMermaid,
} as const satisfies ExportFormatSpec;
