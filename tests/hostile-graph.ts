import { MultiDirectedGraph } from 'graphology';
import type { FactGraph } from '../src';

/** Text that breaks naive exporters: markup, quotes, entities, newlines, control characters, formulas. */
export const HOSTILE = {
  script: 'Evil </script><script>alert(1)</script>',
  img: '<img src=x onerror=alert(1)>',
  quotes: `He said "yes" and 'no' & «kanskje» – ærlig talt`,
  newline: 'line one\nline two\r\nline three\ttab',
  control: 'bell\u0007 null\u0000 escape\u001b unit\u001f del\u007f',
  formula: '=cmd|"/c calc"!A1',
  backslash: 'C:\\path\\{braces}[brackets]|pipe;semi#hash%percent',
  unicode: 'Zelenskyj Ærø 🇺🇦 \u2028 \u2029 \ufeff',
  cypher: "x'}) DETACH DELETE n //`",
} as const;

/**
 * A small graph with hostile text in every attribute a format prints, ids with spaces and punctuation,
 * and attribute names that consumers reserve (id, label, type, x, y, source, target, parent).
 */
export function hostileGraph(): FactGraph {
  const g: FactGraph = new MultiDirectedGraph({ allowSelfLoops: false });
  g.replaceAttributes({
    documents: {
      'doc:hostile': {
        title: HOSTILE.script,
        date: '2025-08-21',
        language: 'nb',
        path: 'sources/a b.txt',
        description: HOSTILE.quotes,
      },
    },
  });
  const node = (id: string, kind: 'Person' | 'State' | 'Proposal', name: string, extra: object = {}) =>
    g.addNode(id, { kind, name, aliases: [name, HOSTILE.unicode], ...extra } as never);
  node('person:evil one', 'Person', HOSTILE.script, { role: HOSTILE.img, description: HOSTILE.newline });
  node('state:"quoted"<&>', 'State', HOSTILE.quotes, { description: HOSTILE.control });
  node('proposal:=formula', 'Proposal', HOSTILE.formula, { description: HOSTILE.backslash });
  // Names consumers reserve, as data: they must survive under other names, not overwrite the format's own.
  g.mergeNodeAttributes('proposal:=formula', {
    id: 'not-the-id',
    label: 'not-the-label',
    type: 'not-the-type',
    x: 'nx',
    y: 'ny',
    parent: 'np',
  } as never);
  const edge = (id: string, s: string, o: string, quote: string, extra: object = {}) =>
    g.addDirectedEdgeWithKey(id, s, o, {
      predicate: 'SUPPORTS',
      quote,
      quoteStart: 0,
      quoteEnd: quote.length,
      document: 'doc:hostile',
      date: '2025-08-21',
      qualifiers: [HOSTILE.newline, HOSTILE.cypher],
      hedging: HOSTILE.control,
      ...extra,
    } as never);
  edge('s:evil <edge> & "one"', 'person:evil one', 'state:"quoted"<&>', HOSTILE.script, {
    attributedTo: ['person:evil one'],
    note: HOSTILE.img,
  });
  edge('s:formula', 'state:"quoted"<&>', 'proposal:=formula', HOSTILE.formula, {
    source: 'not-the-source',
    target: 'not-the-target',
  });
  edge('s:parallel', 'state:"quoted"<&>', 'proposal:=formula', HOSTILE.unicode);
  return g;
}
