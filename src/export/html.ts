import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FactGraph } from '../backends/memory/build-graph';
import { KIND_COLORS, KINDS_IN_ORDER } from './attributes';
import type { Chunks } from './chunks';
import type { ExportFormatSpec } from './format-spec';
import { graphLayout } from './layout';

/** What the page embeds for its viewer (src/viewer/viewer.ts). */
export interface ViewerData {
  /** The graph as graphology exports it: every attribute, as the data has it. */
  graph: ReturnType<FactGraph['export']>;
  /** Each node's [x, y], laid out here, not in the page: shown at once, and the same bytes every time. */
  positions: Record<string, [number, number]>;
  /** Each kind's colour, in legend order. */
  kinds: [kind: string, color: string][];
}

interface ViewerAssets {
  script: string;
  style: string;
}

// `npm run build` writes these (scripts/build-viewer.mjs); the path is the same from src/export and dist/export.
const VIEWER_DIR = join(__dirname, '..', '..', 'dist', 'viewer');

let assets: ViewerAssets | undefined;

function readAssets(): ViewerAssets {
  try {
    return {
      script: readFileSync(join(VIEWER_DIR, 'viewer.js'), 'utf8'),
      style: readFileSync(join(VIEWER_DIR, 'viewer.css'), 'utf8'),
    };
  } catch (cause) {
    throw new Error(`the html viewer is not built in ${VIEWER_DIR}: run npm run build`, { cause });
  }
}

function viewerAssets(): ViewerAssets {
  if (assets) return assets;
  const read = readAssets();
  // Inlined, these would end the element early or change how it parses (esbuild escapes them in strings).
  if (/<\/script|<!--/i.test(read.script) || /<\/style/i.test(read.style))
    throw new Error(
      `the html viewer in ${VIEWER_DIR} cannot be inlined: it contains </script, <!-- or </style`,
    );
  assets = read;
  return assets;
}

/** JSON that cannot end its script element: every `<` (of `</script>`, `<!--`) and U+2028/9 escaped. */
function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A CSP source that allows exactly this inline element content. */
function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * One self-contained page that shows the graph: the viewer's script and style inline, the data as JSON, the
 * layout precomputed. It makes no request, and its Content-Security-Policy allows only its own script and
 * style, so no text in the data can run. The same graph always gives the same bytes. One piece: the
 * page's data is the graph's graphology JSON and positions, a string well within V8's limit at 100,000
 * statements, and a browser could not show a graph much bigger.
 */
export function toHtml(graph: FactGraph): Chunks {
  const { script, style } = viewerAssets();
  const data: ViewerData = {
    graph: graph.export(),
    positions: graphLayout(graph).positions,
    kinds: KINDS_IN_ORDER.map((kind) => [kind, KIND_COLORS[kind]]),
  };
  const csp = [
    "default-src 'none'",
    `script-src ${sha256(script)}`,
    `style-src ${sha256(style)}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const documents = Object.values(graph.getAttribute('documents') ?? {});
  const title = documents.length === 1 ? documents[0]!.title : 'factgraph';
  const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${style}</style>
</head>
<body>
<noscript>This graph viewer needs JavaScript.</noscript>
<script type="application/json" id="graph-data">${scriptSafeJson(data)}</script>
<script>${script}</script>
</body>
</html>
`;
  return [page];
}

export const HTML_FORMAT = {
  extension: 'html',
  opensWith: 'any web browser, offline (double-click)',
  serialize: toHtml,
} as const satisfies ExportFormatSpec;
