/// <reference lib="dom" />
// The html export's viewer: reads the graph its page embeds, draws it with sigma, and shows in a side panel
// what an entity is and what each statement quotes. Text from the data only ever enters the page as text
// nodes (append, textContent), never as HTML.
import { MultiDirectedGraph } from 'graphology';
import Sigma from 'sigma';
import { extremityArrow, layerPlain, pathCurved, pathLine } from 'sigma/rendering';
import type {
  EdgeAttributes,
  GraphAttributes,
  NodeAttributes,
  StatementAttributes,
} from '../backends/memory/build-graph';
import type { ViewerData } from '../export/html';
import { isStatementNode } from '../model/claims';
import { quantityWords } from '../model/quantities';
import { nodeSize } from './node-size';

const data = JSON.parse(document.getElementById('graph-data')!.textContent!) as ViewerData;
const facts = new MultiDirectedGraph<NodeAttributes, EdgeAttributes, GraphAttributes>();
facts.import(data.graph);
const documents = facts.getAttribute('documents') ?? {};
const kindColors = new Map(data.kinds);
const colorOf = (kind: string) => kindColors.get(kind) ?? '#999999';

// ---- DOM ------------------------------------------------------------------------------------------------

type Child = Node | string | false | null | undefined;

/** An element with its children; strings become text nodes, so markup in them stays text. */
function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<Pick<HTMLElement, 'className' | 'title' | 'lang' | 'id'>> | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = Object.assign(document.createElement(tag), props);
  for (const child of children) if (child) element.append(child);
  return element;
}

function swatch(kind: string): HTMLElement {
  const dot = h('span', { className: 'swatch' });
  // A CSSOM property, which the page's Content-Security-Policy allows (unlike a style attribute).
  dot.style.background = colorOf(kind);
  return dot;
}

/** A predicate as words: VARIANT_OF → variant of. */
const words = (predicate: string) => predicate.toLowerCase().replaceAll('_', ' ');

/** At most `max` characters (code points), for labels drawn on the graph. */
function shortened(text: string, max = 38): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  return `${chars
    .slice(0, max - 1)
    .join('')
    .trimEnd()}…`;
}

const nameOf = (node: string) => (facts.hasNode(node) ? facts.getNodeAttribute(node, 'name') : node);

const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

// ---- The drawing ----------------------------------------------------------------------------------------

interface NodeView {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
}

const view = new MultiDirectedGraph<NodeView, { label: string }>();
facts.forEachNode((node, a) => {
  const [x, y] = data.positions[node] ?? [0, 0];
  const size = nodeSize(facts.degree(node));
  view.addNode(node, { x, y, size, color: colorOf(a.kind), label: shortened(a.name) });
});
// The drawing has no dashes: a negated statement says so in its label.
facts.forEachEdge((edge, a, source, target) =>
  view.addDirectedEdgeWithKey(edge, source, target, {
    label: `${a.polarity === 'negated' ? 'not ' : ''}${words(a.predicate)}`,
  }),
);

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
const FADED = '#e6e8eb';

const side = h('aside', { id: 'side' });
const container = h('main', { id: 'graph' });
document.body.append(side, container);

const renderer = new Sigma(view, container, {
  primitives: {
    nodes: { label: { font: { family: FONT, size: 12 }, color: '#1f2328', margin: 4 } },
    edges: {
      // Curves only for parallel statements between the same two entities, so they stay apart.
      paths: [pathLine(), pathCurved()],
      extremities: [extremityArrow()],
      layers: [layerPlain()],
      label: { color: '#6e7781', textBorder: { width: 3, color: '#ffffff' }, fontSizeMode: 'fixed' },
    },
  },
  styles: {
    nodes: [
      {
        x: { attribute: 'x' },
        y: { attribute: 'y' },
        size: { attribute: 'size' },
        color: { attribute: 'color' },
        label: { attribute: 'label' },
        visibility: { whenState: 'isHidden', then: 'hidden', else: 'visible' },
        depth: { whenState: 'isHighlighted', then: 'topNodes', else: 'nodes' },
      },
      // While something is selected or searched, everything else steps back.
      {
        when: (_a, s, g) => g.hasHighlighted && !s.isHighlighted,
        then: { color: FADED, labelColor: '#9aa1a9' },
      },
      { whenState: 'isHighlighted', then: { labelVisibility: 'visible' } },
      {
        whenState: 'isHovered',
        then: {
          labelVisibility: 'visible',
          depth: 'topNodes',
          backdropVisibility: 'visible',
          cursor: 'pointer',
        },
      },
    ],
    edges: [
      {
        size: 1.5,
        color: '#b6bdc6',
        label: { attribute: 'label' },
        head: 'arrow',
        parallelPath: 'curved',
        cursor: 'pointer',
        visibility: { whenState: 'isHidden', then: 'hidden', else: 'visible' },
      },
      {
        when: (_a, s, g) => g.hasHighlighted && !s.isHighlighted,
        then: { color: '#eef0f2', labelVisibility: 'hidden' },
      },
      {
        whenState: 'isHighlighted',
        then: { color: '#57606a', size: 2, depth: 'topEdges', labelVisibility: 'visible' },
      },
      { whenState: 'isHovered', then: { color: '#24292f', depth: 'topEdges', labelVisibility: 'visible' } },
    ],
  },
  settings: {
    renderEdgeLabels: true,
    enableEdgeEvents: true,
    // A click on a label counts as a click on its node or edge.
    nodeLabelEvents: 'extend',
    edgeLabelEvents: 'extend',
    itemSizesReference: 'screen',
    labelRenderedSizeThreshold: 0,
    labelDensity: 0.6,
    labelGridCellSize: 90,
    stagePadding: 30,
    autoRescaleContent: 'labels',
  },
});

// ---- Selection, search and filters ------------------------------------------------------------------------

type Selection = { node: string } | { edge: string } | null;
let selection: Selection = null;
let matches: string[] = [];
const hiddenKinds = new Set<string>();
const hiddenPredicates = new Set<string>();

const isNodeShown = (node: string) => !hiddenKinds.has(facts.getNodeAttribute(node, 'kind'));
const isEdgeShown = (edge: string) =>
  !hiddenPredicates.has(facts.getEdgeAttribute(edge, 'predicate')) &&
  isNodeShown(facts.source(edge)) &&
  isNodeShown(facts.target(edge));

/** Highlights the selection and its neighbourhood, or else the search matches; the rest fades. */
function highlight(): void {
  const nodes = new Set<string>();
  const edges = new Set<string>();
  if (selection && 'node' in selection) {
    nodes.add(selection.node);
    facts.forEachEdge(selection.node, (edge, _a, source, target) => {
      if (!isEdgeShown(edge)) return;
      edges.add(edge);
      nodes.add(source).add(target);
    });
  } else if (selection) {
    edges.add(selection.edge);
    nodes.add(facts.source(selection.edge)).add(facts.target(selection.edge));
  } else for (const node of matches) nodes.add(node);
  facts.forEachNode((node) => renderer.setNodeState(node, { isHighlighted: nodes.has(node) }));
  facts.forEachEdge((edge) => renderer.setEdgeState(edge, { isHighlighted: edges.has(edge) }));
}

function applyFilters(): void {
  facts.forEachNode((node) => renderer.setNodeState(node, { isHidden: !isNodeShown(node) }));
  facts.forEachEdge((edge) => renderer.setEdgeState(edge, { isHidden: !isEdgeShown(edge) }));
  if (selection && 'node' in selection && !isNodeShown(selection.node)) select(null);
  else if (selection && 'edge' in selection && !isEdgeShown(selection.edge)) select(null);
  else highlight();
}

function select(next: Selection, options: { focus?: boolean } = {}): void {
  selection = next;
  showDetails();
  highlight();
  if (next && 'node' in next && options.focus) {
    // Pan only to a node near the edges or outside: a jump to one in plain sight loses the reader.
    const { x, y } = renderer.getNodeDisplayData(next.node)!;
    const at = renderer.framedGraphToViewport({ x, y });
    const { width, height } = renderer.getDimensions();
    const inSight =
      at.x > width * 0.15 && at.x < width * 0.85 && at.y > height * 0.15 && at.y < height * 0.85;
    if (!inSight) void renderer.getCamera().animate({ x, y }, { duration: 300 });
  }
}

const normal = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * Shown nodes whose name or an alias contains the query. Best first: the whole name, then a whole word of
 * it (Meloni: Giorgia Meloni before Meloni's 24-hour plan), a word's start, any part, an alias; then the
 * better connected.
 */
function search(query: string): string[] {
  const q = normal(query.trim());
  if (!q) return [];
  const rankOf = (name: string, aliases: string[]) => {
    const tokens = name.split(/\s+/);
    if (name === q) return 0;
    if (tokens.includes(q)) return 1;
    if (tokens.some((w) => w.startsWith(q))) return 2;
    if (name.includes(q)) return 3;
    return aliases.some((alias) => normal(alias).includes(q)) ? 4 : -1;
  };
  const found: [rank: number, degree: number, name: string, node: string][] = [];
  facts.forEachNode((node, a) => {
    const name = normal(a.name);
    const rank = isNodeShown(node) ? rankOf(name, isStatementNode(a) ? [] : (a.aliases ?? [])) : -1;
    if (rank >= 0) found.push([rank, -facts.degree(node), name, node]);
  });
  found.sort((a, b) => a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0));
  return found.map((f) => f[3]);
}

// ---- The side panel -----------------------------------------------------------------------------------------

const searchBox = h('input', { id: 'search' });
searchBox.type = 'search';
searchBox.placeholder = 'Search names and aliases';
searchBox.autocomplete = 'off';
searchBox.setAttribute('aria-label', 'Search names and aliases');
const results = h('ul', { id: 'results' });
const details = h('section', { id: 'details' });

function header(): HTMLElement {
  const docs = Object.values(documents);
  const [only] = docs;
  const title = docs.length === 1 && only ? only.title : plural(docs.length, 'document');
  const dates = [...new Set(docs.map((d) => d.date))].sort().join(', ');
  return h(
    'header',
    null,
    h('h1', null, title),
    h(
      'p',
      { className: 'muted' },
      [dates, plural(facts.order, 'entity', 'entities'), plural(facts.size, 'statement')]
        .filter(Boolean)
        .join(' · '),
    ),
  );
}

function checkbox(text: string, count: number, onChange: (checked: boolean) => void, color?: HTMLElement) {
  const input = h('input', null);
  input.type = 'checkbox';
  input.checked = true;
  input.addEventListener('change', () => onChange(input.checked));
  return h(
    'li',
    null,
    h('label', null, input, color, text, h('span', { className: 'count' }, String(count))),
  );
}

/** A kind's place in the legend; kinds the legend does not know come last. */
function order(kind: string): number {
  const i = data.kinds.findIndex(([k]) => k === kind);
  return i < 0 ? data.kinds.length : i;
}

function filters(): HTMLElement[] {
  const kindCounts = new Map<string, number>();
  facts.forEachNode((_n, a) => kindCounts.set(a.kind, (kindCounts.get(a.kind) ?? 0) + 1));
  const kinds = [...kindCounts.keys()].sort((a, b) => order(a) - order(b) || (a < b ? -1 : 1));
  const predicateCounts = new Map<string, number>();
  facts.forEachEdge((_e, a) => predicateCounts.set(a.predicate, (predicateCounts.get(a.predicate) ?? 0) + 1));
  const toggle = (set: Set<string>, value: string) => (checked: boolean) => {
    if (checked) set.delete(value);
    else set.add(value);
    applyFilters();
  };
  const kindList = h(
    'ul',
    { className: 'filters', id: 'kinds' },
    ...kinds.map((kind) => checkbox(kind, kindCounts.get(kind)!, toggle(hiddenKinds, kind), swatch(kind))),
  );
  const predicateList = h(
    'ul',
    { className: 'filters', id: 'predicates' },
    ...[...predicateCounts.keys()]
      .sort()
      .map((p) => checkbox(words(p), predicateCounts.get(p)!, toggle(hiddenPredicates, p))),
  );
  const kindsBox = h('details', null, h('summary', null, 'Kinds'), kindList);
  kindsBox.open = true;
  return [kindsBox, h('details', null, h('summary', null, 'Statements by predicate'), predicateList)];
}

/** Shows a claim: the statement as an edge when the document asserts it, else its node. */
function selectClaim(id: string): void {
  if (facts.hasEdge(id)) select({ edge: id });
  else select({ node: id }, { focus: true });
}

/** An entity, or a claim another is about, as a link (the current one in bold). */
function nodeLink(node: string, current?: string): Node {
  if (node === current || !facts.hasNode(node)) return h('strong', null, nameOf(node));
  const about = facts.getNodeAttribute(node, 'kind') === 'Statement';
  const link = h(
    'button',
    { className: about ? 'link claim-link' : 'link' },
    about ? `“${nameOf(node)}”` : nameOf(node),
  );
  link.addEventListener('click', (e) => {
    e.stopPropagation();
    if (about) selectClaim(node);
    else select({ node }, { focus: true });
  });
  return link;
}

/** Subject, predicate and object of a statement, the entities (and a claim it is about) as links. */
function claim(subject: string, predicate: string, object: string, current?: string): HTMLElement {
  return h(
    'span',
    null,
    nodeLink(subject, current),
    ' ',
    h('span', { className: 'predicate' }, words(predicate)),
    ' ',
    nodeLink(object, current),
  );
}

const edgeClaim = (edge: string, current?: string) =>
  claim(facts.source(edge), facts.getEdgeAttribute(edge, 'predicate'), facts.target(edge), current);

function quote(a: StatementAttributes): HTMLElement {
  return h('blockquote', { lang: documents[a.document]?.language ?? '' }, `«${a.quote}»`);
}

/**
 * The source chain in words, from the document inwards: "according to Reuters, who cites Sergey Lavrov".
 * The outlets come first (the one the document cites, then whom it cites), then the speakers from the
 * last who passed it on to the original one; null when the article says it in its own voice.
 */
function sourceChain(a: StatementAttributes): string | null {
  const chain = [...(a.reportedBy ?? []), ...[...(a.attributedTo ?? [])].reverse()].map(nameOf);
  return chain.length ? `according to ${chain.join(', who cites ')}` : null;
}

const CERTAINTY: Record<string, string> = {
  probable: 'probably so, says the source',
  possible: 'possibly so, says the source',
  unknown: 'the source does not say how sure it is',
};
const MODALITY: Record<string, string> = {
  willingness: 'about willingness, not fact',
  intention: 'about intention, not fact',
  obligation: 'about an obligation, not fact',
  ability: 'about ability, not fact',
  permission: 'about permission, not fact',
};

/** What the claim says beyond subject, predicate and object, in words: each a line. */
function claimTraits(a: StatementAttributes, object: string): Child[] {
  const line = (className: string, ...children: Child[]) => h('p', { className }, ...children);
  return [
    a.polarity === 'negated' && line('trait negated', 'Negated: the document says this does not hold.'),
    a.asserted === false && line('trait', 'Asserted by no one: it is only what another claim is about.'),
    a.certainty &&
      CERTAINTY[a.certainty] &&
      line('trait', `Certainty: ${a.certainty} (${CERTAINTY[a.certainty]}).`),
    a.modality && line('trait', `Modality: ${a.modality} (${MODALITY[a.modality] ?? ''}).`),
    a.extent &&
      line('trait', a.extent === 'whole' ? `All of ${nameOf(object)}.` : `Part of ${nameOf(object)}.`),
    a.condition && line('trait', `On condition: if ${a.condition.replace(/^if /, '')}.`),
    a.conditionOn && line('trait', 'Holds if: ', nodeLink(a.conditionOn)),
    !!a.quantities?.length && line('trait', `Figures: ${a.quantities.map(quantityWords).join(', ')}.`),
  ];
}

function statementCard(edge: string, current: string): HTMLElement {
  const a = facts.getEdgeAttributes(edge);
  const said = sourceChain(a);
  const extra = [
    a.polarity === 'negated' && 'negated',
    a.certainty !== undefined && a.certainty !== 'certain' && a.certainty,
    a.modality,
    a.hedging && `hedged: ${a.hedging}`,
    a.qualifiers?.length && `qualified: ${a.qualifiers.join('; ')}`,
    a.date,
  ].filter(Boolean);
  const card = h(
    'li',
    { className: a.polarity === 'negated' ? 'statement negated' : 'statement', title: 'Show this statement' },
    h('p', null, edgeClaim(edge, current)),
    quote(a),
    said && h('p', null, said),
    h('p', { className: 'muted' }, extra.join(' · ')),
  );
  card.addEventListener('click', () => select({ edge }));
  return card;
}

function shown(value: unknown): string {
  if (Array.isArray(value)) return value.join('; ');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** A term and its value, for a definition list. A camelCase name as words: signedOn → signed on. */
function field(name: string, value: unknown): Node[] {
  const term = name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return [h('dt', null, term), h('dd', null, shown(value))];
}

function nodeDetails(node: string): Child[] {
  const attributes = facts.getNodeAttributes(node);
  if (isStatementNode(attributes))
    return claimDetails(node, attributes, attributes.subject, attributes.object);
  const { kind, name, ...rest } = attributes as NodeAttributes & { description?: string };
  const { description, ...fields } = rest as typeof rest & { description?: string };
  const statements = facts
    .edges(node)
    .sort(
      (a, b) =>
        facts.getEdgeAttribute(a, 'quoteStart') - facts.getEdgeAttribute(b, 'quoteStart') || (a < b ? -1 : 1),
    );
  return [
    h('p', { className: 'kind' }, swatch(kind), kind),
    h('h2', null, name),
    description && h('p', null, description),
    h('dl', null, ...Object.entries(fields).flatMap(([k, v]) => field(k, v)), ...field('id', node)),
    h('h3', null, plural(statements.length, 'statement')),
    h('ol', null, ...statements.map((edge) => statementCard(edge, node))),
  ];
}

/** A statement: the claim, its quote, its source chain and traits in words, its other fields. */
function claimDetails(id: string, a: StatementAttributes, subject: string, object: string): Child[] {
  const said = sourceChain(a);
  const doc = documents[a.document];
  const rows: [string, unknown][] = [
    ['hedging', a.hedging],
    ['qualifiers', a.qualifiers],
    ['date', a.date],
    ['said on', a.saidOn !== a.date ? a.saidOn : undefined],
    ['source quote', a.sourceQuote],
    ['document', doc ? `${doc.title} (${doc.path})` : a.document],
    ['characters', a.quoteStart >= 0 ? `${a.quoteStart}–${a.quoteEnd}` : undefined],
    ['note', a.note],
    ['id', id],
  ];
  // The claims about this one, and those that hold if it does.
  const about = [
    ...(facts.hasNode(id) ? facts.inEdges(id) : []),
    ...facts.filterEdges((_, e) => e.conditionOn === id),
  ];
  return [
    h('p', { className: 'kind' }, 'Statement'),
    h('h2', null, claim(subject, a.predicate, object)),
    quote(a),
    said && h('p', { className: 'source-chain' }, said),
    ...claimTraits(a, object),
    h('dl', null, ...rows.filter(([, v]) => v !== undefined && v !== '').flatMap(([k, v]) => field(k, v))),
    about.length > 0 &&
      h(
        'h3',
        null,
        plural(about.length, 'claim about it or holding if it does', 'claims about it or holding if it does'),
      ),
    about.length > 0 && h('ol', null, ...about.map((edge) => statementCard(edge, id))),
  ];
}

function edgeDetails(edge: string): Child[] {
  return claimDetails(edge, facts.getEdgeAttributes(edge), facts.source(edge), facts.target(edge));
}

function showDetails(): void {
  const parts = !selection
    ? [h('p', { className: 'muted' }, 'Click an entity or a statement, or search.')]
    : 'node' in selection
      ? nodeDetails(selection.node)
      : edgeDetails(selection.edge);
  details.replaceChildren();
  for (const part of parts) if (part) details.append(part);
}

function showResults(): void {
  matches = search(searchBox.value);
  results.replaceChildren(
    ...matches.slice(0, 8).map((node) => {
      const button = h('button', null, swatch(facts.getNodeAttribute(node, 'kind')), nameOf(node));
      button.addEventListener('click', () => select({ node }, { focus: true }));
      return h('li', null, button);
    }),
  );
  if (selection === null) highlight();
}

searchBox.addEventListener('input', () => {
  selection = null;
  showDetails();
  showResults();
});
searchBox.addEventListener('keydown', (e) => {
  const [first] = matches;
  if (e.key === 'Enter' && first) select({ node: first }, { focus: true });
});
// Escape starts over: no search, no selection.
document.addEventListener('keydown', (e) => {
  if (e.key !== 'Escape') return;
  searchBox.value = '';
  showResults();
  select(null);
});

renderer.on('clickNode', ({ node }) => select({ node }));
renderer.on('clickEdge', ({ edge }) => select({ edge }));
renderer.on('clickStage', () => select(null));

side.append(header(), h('div', null, searchBox, results), ...filters(), details);
showDetails();

// For tests and the console: the renderer (graphToViewport, display data) and the drawn graph.
Object.assign(window, { factgraphViewer: { renderer, graph: view } });
