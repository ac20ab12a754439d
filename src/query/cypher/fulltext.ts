/**
 * The full-text search Neo4j's `db.index.fulltext.*` procedures give, over the index the Neo4j load
 * creates: Lucene's standard analysis (Unicode word boundaries, UAX #29, then lower case: what
 * Intl.Segmenter implements too), its classic query syntax (terms, "phrases", AND/OR/NOT, + and -,
 * wildcards, fuzzy~, field:term, groups) and BM25 scores. The rows are Neo4j's; a score may differ in
 * its last digits, since Lucene stores document lengths in one lossy byte.
 */
import { distance } from 'fastest-levenshtein';
import { CypherFault, notInMemoryEngine } from './errors';
import type { PropertyGraph } from './graph';
import type { CNode, CRel, Value } from './values';

/** The full-text indexes the Neo4j load creates (ensureSchema in src/backends/neo4j/load.ts). */
export const QUOTE_INDEX = 'factgraph_quote';

export const FULLTEXT_INDEXES = [
  { name: QUOTE_INDEX, entity: 'relationships', property: 'quote' },
  // The quotes of the :Statement nodes (statements that are nodes: claims about claims, unasserted ones).
  { name: 'factgraph_statement_quote', entity: 'nodes', label: 'Statement', property: 'quote' },
] as const;

type FulltextIndex = (typeof FULLTEXT_INDEXES)[number];

const segmenter = new Intl.Segmenter('und', { granularity: 'word' });

/** Lucene's StandardAnalyzer without stop words (Neo4j's default analyzer). */
export function analyze(text: string): string[] {
  const out: string[] = [];
  for (const s of segmenter.segment(text)) if (s.isWordLike) out.push(s.segment.toLowerCase());
  return out;
}

interface Doc {
  item: CNode | CRel;
  tokens: string[];
}

interface Index {
  size: number;
  docs: Doc[];
  /** Term to the documents holding it. */
  postings: Map<string, Doc[]>;
  avgLength: number;
}

const indexes = new WeakMap<PropertyGraph, Map<string, Index>>();

/** What the index holds: the relationships, or the nodes of its label. */
function itemsOf(graph: PropertyGraph, def: FulltextIndex): (CNode | CRel)[] {
  return def.entity === 'relationships'
    ? graph.rels
    : graph.nodes.filter((n) => n.labels.includes(def.label));
}

function indexOf(graph: PropertyGraph, def: FulltextIndex): Index {
  const byName = indexes.get(graph) ?? new Map<string, Index>();
  indexes.set(graph, byName);
  const size = def.entity === 'relationships' ? graph.rels.length : graph.nodes.length;
  const cached = byName.get(def.name);
  if (cached && cached.size === size) return cached;
  const docs: Doc[] = [];
  const postings = new Map<string, Doc[]>();
  for (const item of itemsOf(graph, def)) {
    const text = item.properties.get(def.property);
    if (typeof text !== 'string') continue;
    const doc = { item, tokens: analyze(text) };
    docs.push(doc);
    for (const t of new Set(doc.tokens)) {
      const list = postings.get(t);
      if (list) list.push(doc);
      else postings.set(t, [doc]);
    }
  }
  const avgLength = docs.reduce((n, d) => n + d.tokens.length, 0) / Math.max(1, docs.length);
  const index = { size, docs, postings, avgLength };
  byName.set(def.name, index);
  return index;
}

// ---------------------------------------------------------------------------------------------------
// Lucene's classic query syntax

type Occur = 'must' | 'should' | 'not';
type Query =
  | { kind: 'terms'; terms: string[] }
  | { kind: 'phrase'; terms: string[] }
  | { kind: 'wildcard'; pattern: RegExp }
  | { kind: 'fuzzy'; term: string; edits: number }
  | { kind: 'none' }
  | { kind: 'bool'; clauses: { occur: Occur; query: Query }[] };

function parseLucene(text: string, field: string, at: number): Query {
  let i = 0;
  const fail = (why: string): never => {
    throw new CypherFault('CYPHER_RUNTIME', `the full-text query "${text}" cannot be parsed: ${why}`, at);
  };
  const ws = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const word = (): string => {
    let w = '';
    while (i < text.length && !/\s/.test(text[i]!) && !'()"^~'.includes(text[i]!)) {
      if (text[i] === '\\' && i + 1 < text.length) {
        w += `\\${text[i + 1]}`;
        i += 2;
      } else if (text[i] === ':' && w !== '') break;
      else w += text[i++];
    }
    return w;
  };
  const unescape = (w: string) => w.replace(/\\(.)/g, '$1');
  const clauseQuery = (): Query => {
    ws();
    let fieldOk = true;
    const save = i;
    const f = word();
    if (text[i] === ':' && f !== '') {
      i++;
      fieldOk = unescape(f) === field;
    } else i = save;
    let q: Query;
    if (text[i] === '(') {
      i++;
      q = boolQuery(')');
      if (text[i] !== ')') fail('a ( is not closed');
      i++;
    } else if (text[i] === '"') {
      const end = text.indexOf('"', i + 1);
      if (end < 0) fail('a " is not closed');
      q = { kind: 'phrase', terms: analyze(text.slice(i + 1, end)) };
      i = end + 1;
      if (text[i] === '~') {
        i++;
        while (/[0-9]/.test(text[i] ?? '')) i++;
      }
    } else if (text[i] === '[' || text[i] === '{') {
      throw notInMemoryEngine('a range query in a full-text search', at);
    } else {
      const w = word();
      if (w === '') fail(`unexpected ${text[i] ?? 'end'}`);
      if (/(^|[^\\])[*?]/.test(w)) {
        const re = w
          .toLowerCase()
          .replace(/\\(.)|([*?])|([^\\*?])/g, (_m, esc: string, wild: string, ch: string) =>
            esc !== undefined
              ? esc.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
              : wild !== undefined
                ? wild === '*'
                  ? '.*'
                  : '.'
                : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
          );
        q = { kind: 'wildcard', pattern: new RegExp(`^${re}$`, 'su') };
      } else if (text[i] === '~') {
        i++;
        let n = '';
        while (/[0-9.]/.test(text[i] ?? '')) n += text[i++];
        const term = unescape(w).toLowerCase();
        q = { kind: 'fuzzy', term, edits: Math.min(2, n === '' ? 2 : Math.floor(Number(n))) };
      } else q = { kind: 'terms', terms: analyze(unescape(w)) };
    }
    if (text[i] === '^') {
      i++;
      while (/[0-9.]/.test(text[i] ?? '')) i++;
    }
    return fieldOk ? q : { kind: 'none' };
  };
  const boolQuery = (close: string | null): Query => {
    const clauses: { occur: Occur; query: Query }[] = [];
    let conj: 'and' | 'or' | null = null;
    for (;;) {
      ws();
      if (i >= text.length || (close !== null && text[i] === close)) break;
      if (/^(AND\b|&&)/.test(text.slice(i))) {
        i += text[i] === '&' ? 2 : 3;
        conj = 'and';
        continue;
      }
      if (/^(OR\b|\|\|)/.test(text.slice(i))) {
        i += 2;
        conj = 'or';
        continue;
      }
      let occur: Occur = 'should';
      if (/^(NOT\b|!)/.test(text.slice(i))) {
        i += text[i] === '!' ? 1 : 3;
        occur = 'not';
      } else if (text[i] === '+') {
        i++;
        occur = 'must';
      } else if (text[i] === '-') {
        i++;
        occur = 'not';
      }
      const query = clauseQuery();
      // As the classic parser does: AND makes the clauses on both sides required.
      if (conj === 'and') {
        const prev = clauses[clauses.length - 1];
        if (prev && prev.occur === 'should') prev.occur = 'must';
        if (occur === 'should') occur = 'must';
      }
      clauses.push({ occur, query });
      conj = null;
    }
    return { kind: 'bool', clauses };
  };
  const q = boolQuery(null);
  if (i < text.length) fail(`unexpected ${text[i]}`);
  return q;
}

// ---------------------------------------------------------------------------------------------------
// Matching and BM25 scoring

const K1 = 1.2;
const B = 0.75;

/** The score of each matching document (absent: no match). */
function evaluate(q: Query, index: Index): Map<Doc, number> {
  const n = index.docs.length;
  const idf = (df: number) => Math.log(1 + (n - df + 0.5) / (df + 0.5));
  const bm25 = (freq: number, doc: Doc, weight: number) =>
    (weight * freq) / (freq + K1 * (1 - B + (B * doc.tokens.length) / index.avgLength));
  const termScores = (term: string): Map<Doc, number> => {
    const docs = index.postings.get(term) ?? [];
    const w = idf(docs.length);
    return new Map(docs.map((d) => [d, bm25(d.tokens.filter((t) => t === term).length, d, w)]));
  };
  const constant = (match: (t: string) => boolean): Map<Doc, number> => {
    const out = new Map<Doc, number>();
    for (const [term, docs] of index.postings) if (match(term)) for (const d of docs) out.set(d, 1);
    return out;
  };
  switch (q.kind) {
    case 'none':
      return new Map();
    case 'terms':
      if (q.terms.length === 1) return termScores(q.terms[0]!);
      return evaluate(
        {
          kind: 'bool',
          clauses: q.terms.map((t) => ({ occur: 'should', query: { kind: 'terms', terms: [t] } })),
        },
        index,
      );
    case 'wildcard':
      return constant((t) => q.pattern.test(t));
    case 'fuzzy':
      return constant((t) => distance(t, q.term) <= q.edits);
    case 'phrase': {
      if (q.terms.length === 0) return new Map();
      if (q.terms.length === 1) return termScores(q.terms[0]!);
      const w = q.terms.reduce((s, t) => s + idf(index.postings.get(t)?.length ?? 0), 0);
      const out = new Map<Doc, number>();
      for (const d of index.postings.get(q.terms[0]!) ?? []) {
        let freq = 0;
        for (let p = 0; p + q.terms.length <= d.tokens.length; p++) {
          if (q.terms.every((t, k) => d.tokens[p + k] === t)) freq++;
        }
        if (freq > 0) out.set(d, bm25(freq, d, w));
      }
      return out;
    }
    case 'bool': {
      const parts = q.clauses.map((c) => ({ occur: c.occur, scores: evaluate(c.query, index) }));
      const must = parts.filter((p) => p.occur === 'must');
      const should = parts.filter((p) => p.occur === 'should');
      const not = parts.filter((p) => p.occur === 'not');
      let candidates: Doc[];
      if (must.length > 0)
        candidates = [...must[0]!.scores.keys()].filter((d) => must.every((m) => m.scores.has(d)));
      else candidates = [...new Set(should.flatMap((s) => [...s.scores.keys()]))];
      const out = new Map<Doc, number>();
      for (const d of candidates) {
        if (not.some((x) => x.scores.has(d))) continue;
        out.set(
          d,
          [...must, ...should].reduce((s, p) => s + (p.scores.get(d) ?? 0), 0),
        );
      }
      return out;
    }
  }
}

/** db.index.fulltext.queryRelationships: [relationship, score] rows, best first. */
export function search(graph: PropertyGraph, def: FulltextIndex, query: string, at: number): Value[][] {
  const index = indexOf(graph, def);
  const scores = evaluate(parseLucene(query, def.property, at), index);
  const order = new Map(index.docs.map((d, i) => [d, i]));
  return [...scores]
    .sort((a, b) => b[1] - a[1] || order.get(a[0])! - order.get(b[0])!)
    .map(([d, s]) => [d.item, s]);
}
