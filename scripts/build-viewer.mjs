// Builds what the html export inlines into dist/viewer/: the browser viewer (sigma + graphology, one
// minified script), its style sheet, and the Node-side layout. The layout libraries and sigma are dev
// dependencies: bundled here, an installed factgraph needs none of them.
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
    entryPoints: ['scripts/viewer/viewer.ts'],
    outfile: 'dist/viewer/viewer.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2020',
    define: { 'process.env.NODE_ENV': '"production"' },
    banner: { js: '/* factgraph viewer. Bundles sigma.js and graphology (MIT licence). */' },
  }),
  build({ ...common, entryPoints: ['scripts/viewer/viewer.css'], outfile: 'dist/viewer/viewer.css' }),
  build({
    ...common,
    entryPoints: ['scripts/viewer/layout.ts'],
    outfile: 'dist/viewer/layout.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  }),
]);
