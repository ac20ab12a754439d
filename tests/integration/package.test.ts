import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers';

/** Runs a script that imports the built package by its name, as a user's project would. */
function run(args: string[]) {
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

const script = `
  const { graph } = await loadGraph(['graph-data']);
  const bad = await validate(['tests/fixtures/base', 'tests/fixtures/invalid/unknown-kind.yaml'], { root: 'tests/fixtures' });
  console.log(JSON.stringify({
    nodes: graph.order,
    meloni: graph.getNodeAttribute('person:giorgia-meloni', 'name'),
    errorIsKgError: bad.errors[0] instanceof KgError,
    code: bad.errors[0].code,
    predicates: Object.keys(PREDICATES).includes('PROPOSES'),
  }));`;

const expected = { meloni: 'Giorgia Meloni', errorIsKgError: true, code: 'UNKNOWN_KIND', predicates: true };

test('CommonJS: require("factgraph")', () => {
  const out = run([
    '-e',
    `const { loadGraph, validate, KgError, PREDICATES } = require('factgraph'); (async () => { ${script} })();`,
  ]);
  expect(out).toMatchObject(expected);
});

test('ESM: import { ... } from "factgraph"', () => {
  const out = run([
    '--input-type=module',
    '-e',
    `import { loadGraph, validate, KgError, PREDICATES } from 'factgraph'; ${script}`,
  ]);
  expect(out).toMatchObject(expected);
});

describe('what a user installs', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'factgraph-package-'));

  test('the packed .d.ts files compile under strict, without skipLibCheck, @types/node or lib esnext', () => {
    const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(pack.status).toBe(0);
    const { filename } = (JSON.parse(pack.stdout) as { filename: string }[])[0]!;
    const modules = join(tmp, 'consumer', 'node_modules');
    mkdirSync(modules, { recursive: true });
    expect(spawnSync('tar', ['xzf', join(tmp, filename), '-C', modules]).status).toBe(0);
    renameSync(join(modules, 'package'), join(modules, 'factgraph'));
    // The package's dependencies as an install would give them; no @types at all.
    for (const name of readdirSync(join(ROOT, 'node_modules')))
      if (!name.startsWith('.') && name !== '@types')
        symlinkSync(join(ROOT, 'node_modules', name), join(modules, name));
    writeFileSync(
      join(tmp, 'consumer', 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          skipLibCheck: false,
          noEmit: true,
          module: 'node16',
          moduleResolution: 'node16',
          target: 'ES2022',
          lib: ['ES2022'],
          types: [],
        },
        files: ['index.ts'],
      }),
    );
    writeFileSync(
      join(tmp, 'consumer', 'index.ts'),
      `import { loadGraph, validate, loadIntoNeo4j, queryNeo4j, neo4jConfig, KgError, type Neo4jConfig } from 'factgraph';
       export async function main(): Promise<number> {
         const { graph } = await loadGraph(['graph-data']);
         const { errors } = await validate(['graph-data']);
         const config: Neo4jConfig = neo4jConfig({ uri: 'bolt://127.0.0.1:7687' });
         const loaded = await loadIntoNeo4j(graph, config, { dataset: 'graph-data' });
         const { rows } = await queryNeo4j('RETURN 1 AS one', config);
         return graph.order + loaded.statements + rows.length + (errors[0] instanceof KgError ? 1 : 0);
       }`,
    );
    const tsc = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'],
      {
        cwd: join(tmp, 'consumer'),
        encoding: 'utf8',
      },
    );
    expect(tsc.stdout).toBe('');
    expect(tsc.status).toBe(0);
  });

  test('every installed package with install scripts is approved or denied in package.json, so npm ci warns of none', () => {
    const { allowScripts = {} } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      allowScripts?: Record<string, boolean>;
    };
    const withScripts = new Set<string>();
    const visit = (dir: string) => {
      for (const name of readdirSync(dir)) {
        if (name.startsWith('.')) continue;
        const path = join(dir, name);
        if (name.startsWith('@')) {
          visit(path);
          continue;
        }
        const manifest = join(path, 'package.json');
        if (!existsSync(manifest)) continue;
        const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as {
          name: string;
          scripts?: Record<string, string>;
        };
        const scripts = pkg.scripts ?? {};
        if (
          ['preinstall', 'install', 'postinstall'].some((s) => s in scripts) ||
          existsSync(join(path, 'binding.gyp'))
        )
          withScripts.add(pkg.name);
        if (existsSync(join(path, 'node_modules'))) visit(join(path, 'node_modules'));
      }
    };
    visit(join(ROOT, 'node_modules'));
    expect(withScripts.size).toBeGreaterThan(0);
    expect([...withScripts].filter((name) => !(name in allowScripts))).toEqual([]);
  });

  test('the build does nothing when dist/ is up to date (npm start and npm test build first)', () => {
    const outputs = [
      'dist/index.js',
      'dist/cli/main.js',
      'dist/index.d.ts',
      'dist/viewer/viewer.js',
      'dist/viewer/layout.js',
    ];
    const times = () => outputs.map((f) => statSync(join(ROOT, f)).mtimeMs);
    const build = () => spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, encoding: 'utf8' });
    // The first brings dist/ up to date, should a source have changed since npm test built it.
    expect(build().status).toBe(0);
    const before = times();
    expect(build().status).toBe(0);
    expect(times()).toEqual(before);
  });
});
