import { spawnSync } from 'node:child_process';
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
