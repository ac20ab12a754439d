// Builds what the html export inlines into dist/viewer/: the browser viewer (sigma + graphology, one
// minified script), its style sheet, and the Node-side layout. The layout libraries and sigma are dev
// dependencies: bundled here, an installed factgraph needs none of them.
import { build } from 'esbuild';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const common = {
  absWorkingDir: root,
  bundle: true,
  minify: true,
  logLevel: 'warning',
  legalComments: 'none',
  metafile: true,
};
const OUTPUTS = ['dist/viewer/viewer.js', 'dist/viewer/viewer.css', 'dist/viewer/layout.js'];
// The files the last build read (from esbuild's metafiles): when none is newer than the outputs, nor
// this script, the bundles are up to date and `npm start` / `npm test` do not wait for them again.
const INPUTS = join(root, 'dist/viewer/inputs.json');

const mtime = (file) => {
  try {
    return statSync(join(root, file)).mtimeMs;
  } catch {
    return undefined;
  }
};

function upToDate() {
  const outputs = OUTPUTS.map(mtime);
  if (outputs.includes(undefined)) return false;
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(INPUTS, 'utf8'));
  } catch {
    return false;
  }
  const built = Math.min(...outputs);
  return ['scripts/build-viewer.mjs', ...inputs].every((file) => (mtime(file) ?? Infinity) < built);
}

if (upToDate()) process.exit(0);

const results = await Promise.all([
  build({
    ...common,
    entryPoints: ['src/viewer/viewer.ts'],
    outfile: 'dist/viewer/viewer.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2020',
    define: { 'process.env.NODE_ENV': '"production"' },
    banner: { js: '/* factgraph viewer. Bundles sigma.js and graphology (MIT licence). */' },
  }),
  build({ ...common, entryPoints: ['src/viewer/viewer.css'], outfile: 'dist/viewer/viewer.css' }),
  build({
    ...common,
    entryPoints: ['src/viewer/layout.ts'],
    outfile: 'dist/viewer/layout.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  }),
]);
writeFileSync(INPUTS, JSON.stringify([...new Set(results.flatMap((r) => Object.keys(r.metafile.inputs)))]));
