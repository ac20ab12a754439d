// Builds the page of `kg annotate` into dist/annotate/page/: its script (one bundle, nothing loaded at run
// time) and its style sheet, with esbuild as the viewer is built.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const page = (entry, outfile, options = {}) =>
  build({
    absWorkingDir: fileURLToPath(new URL('..', import.meta.url)),
    entryPoints: [`src/annotate/page/${entry}`],
    outfile: `dist/annotate/page/${outfile}`,
    bundle: true,
    minify: true,
    ...options,
  });

await Promise.all([
  page('main.ts', 'page.js', { platform: 'browser', format: 'iife', target: 'es2020' }),
  page('page.css', 'page.css'),
]);
