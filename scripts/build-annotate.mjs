// Builds the page of `kg annotate` into dist/annotate/: its script (one bundle, no dependencies at run
// time) and its style sheet, with esbuild as the viewer is built.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const common = {
  absWorkingDir: root,
  bundle: true,
  minify: true,
  logLevel: 'warning',
  legalComments: 'none',
};

await Promise.all([
  build({
    ...common,
    entryPoints: ['src/annotate/page/main.ts'],
    outfile: 'dist/annotate/page.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2020',
  }),
  build({ ...common, entryPoints: ['src/annotate/page/page.css'], outfile: 'dist/annotate/page.css' }),
]);
