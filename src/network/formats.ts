/**
 * Discourse networks as files: CSV matrices (a folder of them for time windows), an edge list, GEXF
 * (time windows on Gephi's timeline), GraphML and JSON.
 */
import { stringify } from 'csv-stringify/sync';
import { KgError } from '../errors';
import type { ExportOutput } from '../export/format-spec';
import { XmlWriter } from '../export/xml';
import { dayNumber, isoDay } from './period';
import { networkEdges, type DiscourseNetworks, type Network, type NetworkNode } from './networks';

export const NETWORK_FORMATS = ['csv', 'edgelist', 'gexf', 'graphml', 'json'] as const;
export type NetworkFormat = (typeof NETWORK_FORMATS)[number];

/** Each format's file extension; '' for the folder a CSV matrix per time window goes into. */
export function networkExtension(format: NetworkFormat, windowed: boolean): string {
  if (format === 'edgelist') return 'csv';
  return format === 'csv' && windowed ? '' : format;
}

/** Throws USAGE when the format cannot hold the networks: GraphML has no time for windows. */
export function checkNetworkFormat(format: NetworkFormat, windowed: boolean): void {
  if (format === 'graphml' && windowed)
    throw new KgError(
      'USAGE',
      'GraphML holds one network and no time: with --window give --format gexf, csv, edgelist or json',
    );
}

/** The networks in a format: one file, or (CSV with time windows) a folder of files by name. */
export function serializeNetworks(result: DiscourseNetworks, format: NetworkFormat): ExportOutput {
  const windowed = result.window !== undefined;
  checkNetworkFormat(format, windowed);
  switch (format) {
    case 'csv':
      return windowed
        ? Object.fromEntries(result.networks.map((n, i) => [windowFile(n, i), [csvMatrix(n)]]))
        : [csvMatrix(result.networks[0]!)];
    case 'edgelist':
      return [edgeList(result)];
    case 'gexf':
      return [gexf(result)];
    case 'graphml':
      return [graphml(result, result.networks[0]!)];
    case 'json':
      return [`${JSON.stringify(networksJson(result), null, 2)}\n`];
  }
}

/** `001_2025-08-01_2025-08-07.csv`: in order, with the window's first and last day. */
function windowFile(network: Network, i: number): string {
  return `${String(i + 1).padStart(3, '0')}_${network.start}_${network.end}.csv`;
}

/** Names as labels; a name two nodes share gets the id in brackets, so no two rows read the same. */
function labels(nodes: readonly NetworkNode[]): Map<string, string> {
  const unique = [...new Map(nodes.map((n) => [n.id, n])).values()];
  const count = new Map<string, number>();
  for (const n of unique) count.set(n.name, (count.get(n.name) ?? 0) + 1);
  return new Map(unique.map((n) => [n.id, count.get(n.name)! > 1 ? `${n.name} (${n.id})` : n.name]));
}

/** Actors as rows, the first column their names; the header names the columns. */
export function csvMatrix(network: Network): string {
  const names = labels([...network.rows, ...network.columns]);
  // Only names need quoting; numbers are joined as they are (stringify takes seconds on 2,000² cells).
  const name = (id: string) => stringify([[names.get(id)!]], { record_delimiter: '' });
  return [
    stringify([['', ...network.columns.map((c) => names.get(c.id)!)]]),
    ...network.rows.map((r, i) => `${name(r.id)},${network.matrix[i]!.join(',')}\n`),
  ].join('');
}

/** One row a tie: ids, weight, names; with time windows each window's first and last day. */
function edgeList(result: DiscourseNetworks): string {
  const windowed = result.window !== undefined;
  const rows: string[][] = [
    ['source', 'target', 'weight', 'sourceName', 'targetName', ...(windowed ? ['start', 'end'] : [])],
  ];
  for (const n of result.networks) {
    const names = labels([...n.rows, ...n.columns]);
    for (const e of networkEdges(result, n))
      rows.push([
        e.source,
        e.target,
        String(e.weight),
        names.get(e.source)!,
        names.get(e.target)!,
        ...(windowed ? [n.start!, n.end!] : []),
      ]);
  }
  return stringify(rows);
}

function networksJson(result: DiscourseNetworks): unknown {
  return {
    ...result,
    networks: result.networks.map((n) => ({ ...n, edges: networkEdges(result, n) })),
  };
}

/** A short title: "congruence network of persons, normalized by jaccard, 2025-08-01 to 2025-08-31". */
export function describeNetworks(result: DiscourseNetworks): string {
  const what =
    result.type === 'affiliation'
      ? `affiliation network (${result.actors} × concept, ${result.qualifier})`
      : `${result.type} network of ${result.actors}s`;
  const norm = result.normalize === 'none' ? '' : `, normalized: ${result.normalize}`;
  const span = result.from || result.to ? `, ${result.from ?? '..'} to ${result.to ?? '..'}` : '';
  const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;
  const windows = result.window ? `, windows of ${days(result.window)} every ${days(result.step!)}` : '';
  return `${what}${norm}${span}${windows}`;
}

/** Whether a node is an actor or a concept (affiliation networks have both). */
function nodeTable(result: DiscourseNetworks): Map<string, { node: NetworkNode; mode: string }> {
  const nodes = new Map<string, { node: NetworkNode; mode: string }>();
  for (const n of result.networks) {
    for (const node of n.rows) nodes.set(node.id, { node, mode: 'actor' });
    if (result.type === 'affiliation')
      for (const node of n.columns) if (!nodes.has(node.id)) nodes.set(node.id, { node, mode: 'concept' });
  }
  return new Map([...nodes].sort(([a], [b]) => (a < b ? -1 : 1)));
}

const edgeId = (source: string, target: string) => `${source}--${target}`;

/**
 * GEXF 1.3, undirected, the weight as Gephi's edge weight; each node with its entity kind and mode
 * (actor, concept). With time windows the graph is dynamic: each window's network is on the timeline
 * from its first day until the next window starts (or its last day, whichever is sooner), so the
 * timeline shows one window at a time; an edge has a spell for each window it is in and its weight
 * in that window as a dynamic `weight` value.
 */
function gexf(result: DiscourseNetworks): string {
  const windowed = result.window !== undefined;
  const xml = new XmlWriter().element('gexf', { xmlns: 'http://gexf.net/1.3', version: '1.3' });
  xml.element('meta').leaf('creator', {}, 'factgraph').leaf('description', {}, describeNetworks(result));
  xml.close();
  xml.element('graph', {
    defaultedgetype: 'undirected',
    mode: windowed ? 'dynamic' : 'static',
    ...(windowed ? { timeformat: 'date' } : {}),
  });
  xml.element('attributes', { class: 'node' });
  xml.leaf('attribute', { id: 'kind', title: 'kind', type: 'string' });
  xml.leaf('attribute', { id: 'mode', title: 'mode', type: 'string' });
  xml.close();
  if (windowed)
    xml
      .element('attributes', { class: 'edge', mode: 'dynamic' })
      .leaf('attribute', { id: 'weight', title: 'Weight', type: 'double' })
      .close();

  const shown = (n: Network) => {
    const last = Math.min(dayNumber(n.start!) + result.step! - 1, dayNumber(n.end!));
    return { start: n.start!, end: isoDay(last) };
  };
  const nodeSpells = new Map<string, { start: string; end: string }[]>();
  const edges = new Map<
    string,
    { source: string; target: string; values: { weight: number; n: Network }[] }
  >();
  for (const n of result.networks) {
    for (const node of [...n.rows, ...(result.type === 'affiliation' ? n.columns : [])]) {
      // Appended in place: a copy for each window would be quadratic in the windows.
      const spells = nodeSpells.get(node.id) ?? [];
      if (windowed) spells.push(shown(n));
      nodeSpells.set(node.id, spells);
    }
    for (const e of networkEdges(result, n)) {
      const id = edgeId(e.source, e.target);
      const edge = edges.get(id) ?? { source: e.source, target: e.target, values: [] };
      edge.values.push({ weight: e.weight, n });
      edges.set(id, edge);
    }
  }
  const nodes = nodeTable(result);
  xml.element('nodes', { count: String(nodes.size) });
  for (const [id, { node, mode }] of nodes) {
    xml.element('node', { id, label: node.name }).element('attvalues');
    xml.leaf('attvalue', { for: 'kind', value: node.kind }).leaf('attvalue', { for: 'mode', value: mode });
    xml.close();
    spells(xml, nodeSpells.get(id) ?? []);
    xml.close();
  }
  xml.close().element('edges', { count: String(edges.size) });
  for (const [id, { source, target, values }] of [...edges].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!windowed) {
      xml.leaf('edge', { id, source, target, weight: String(values[0]!.weight) });
      continue;
    }
    xml.element('edge', { id, source, target }).element('attvalues');
    for (const { weight, n } of values)
      xml.leaf('attvalue', { for: 'weight', value: String(weight), ...shown(n) });
    xml.close();
    spells(
      xml,
      values.map(({ n }) => shown(n)),
    );
    xml.close();
  }
  return xml.end();
}

/** The spells, each run of windows that follow one another without a gap as one. */
function spells(xml: XmlWriter, list: { start: string; end: string }[]): void {
  if (list.length === 0) return;
  const merged: { start: string; end: string }[] = [];
  for (const s of list) {
    const last = merged[merged.length - 1];
    if (last && dayNumber(last.end) + 1 >= dayNumber(s.start)) last.end = s.end;
    else merged.push({ ...s });
  }
  xml.element('spells');
  for (const s of merged) xml.leaf('spell', s);
  xml.close();
}

/**
 * GraphML, undirected: node `label`, `kind` and `mode`, edge `weight` (the keys Gephi, networkx and
 * igraph read). GraphML ids are NMTOKENs: nodes are `n0`, `n1`, ... with the entity id in `factgraph_id`.
 */
function graphml(result: DiscourseNetworks, network: Network): string {
  const xml = new XmlWriter().element('graphml', { xmlns: 'http://graphml.graphdrawing.org/xmlns' });
  const key = (id: string, of: string, type: string) =>
    xml.leaf('key', { id, for: of, 'attr.name': id, 'attr.type': type });
  key('factgraph_id', 'node', 'string');
  key('label', 'node', 'string');
  key('kind', 'node', 'string');
  key('mode', 'node', 'string');
  key('weight', 'edge', 'double');
  xml.element('graph', { id: 'G', edgedefault: 'undirected' });
  xml.leaf('desc', {}, describeNetworks(result));
  const ids = new Map<string, string>();
  for (const [id, { node, mode }] of nodeTable(result)) {
    ids.set(id, `n${ids.size}`);
    xml.element('node', { id: ids.get(id)! });
    for (const [k, v] of [
      ['factgraph_id', id],
      ['label', node.name],
      ['kind', node.kind],
      ['mode', mode],
    ])
      xml.leaf('data', { key: k! }, v);
    xml.close();
  }
  for (const [i, e] of networkEdges(result, network).entries())
    xml
      .element('edge', { id: `e${i}`, source: ids.get(e.source)!, target: ids.get(e.target)! })
      .leaf('data', { key: 'weight' }, String(e.weight))
      .close();
  return xml.end();
}
