// The bench: how long each stage takes on generated corpora of 10k, 100k and 1M statements.
//   npm run bench [-- --sizes 10k,100k,1M] [--neo4j-1m] [--no-neo4j] [--no-cypher] [--out bench/results.json]
//                    [--skip REGEX] (stages not to run) [--add] (keep what --out has that this run does not measure)
// Uses the built library (dist/; `npm run build` first). Each stage runs in its own child process, so
// its peak RSS is its own (the process's whole life: the data it loads before the timed part too).
// Floors on the same data: JSON.parse of it as JSON (and of the cache a cold load wrote), the `yaml`
// parser alone, js-yaml alone, ajv on parsed objects, graphology building the same multigraph.
// Neo4j: a running server at $BENCH_NEO4J_URI (default bolt://127.0.0.1:37687, user neo4j, password
// $NEO4J_PASSWORD or factgraph-test) is loaded through the driver, and by LOAD CSV from its import folder
// $BENCH_NEO4J_IMPORT (default /tmp/neo4j-bench/import); neo4j-admin runs from the jars that
// scripts/neo4j/neo4j.sh caches in .neo4j/lib. Peers, what a user would run instead: Neo4j's LOAD CSV,
// and a Python pipeline (scripts/bench/python-peer.py, in a virtual environment the bench makes with
// pip). Corpora and outputs go to .cache/bench/.
import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { cpus, loadavg, totalmem } from 'node:os';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CACHE, count, dist, ROOT, timed, yamlFiles } from './bench/common.mjs';
import { loadCsvPeer, pythonPeer, PYTHON_UP_TO } from './bench/peers.mjs';
import { driverLoad, driverLoadAfterStart, kgxPeer } from './bench/neo4j-stages.mjs';

const require = createRequire(import.meta.url);

/** The data, valid, validated with the cache the cold run filled (not timed by the stages using it). */
async function loaded(ctx) {
  const { validate, buildGraph } = dist('index.js');
  const result = await validate([ctx.dir], { cacheDir: ctx.cacheDir });
  if (!result.ok) throw new Error(`${ctx.dir} does not validate: ${result.errors[0]?.message}`);
  return { result, graph: buildGraph(result.dataset) };
}

/** Every export format; html, one page a browser shows whole, only up to 100k statements. */
const EXPORT_STAGES = [
  'graphology',
  'gexf',
  'graphml',
  'cytoscape',
  'dot',
  'mermaid',
  'turtle',
  'jsonld',
  'neo4j-csv',
  'html',
];

const exportStage = (format) => async (ctx) => {
  const { graph } = await loaded(ctx);
  const { writeExport } = dist('index.js');
  const out = join(ctx.outDir, format);
  return timed(() => writeExport(graph, format, out));
};

/** kg network's work: the networks of the corpus's stances, serialized and written atomically. */
const networkStage = (options, format) => async (ctx) => {
  const { result } = await loaded(ctx);
  const { discourseNetworks, networkEdges, serializeNetworks } = dist('index.js');
  const { writeOutput } = dist('export/index.js');
  return timed(async () => {
    const networks = discourseNetworks(result.dataset, options);
    const name = `network-${options.type}.${format}`;
    await writeOutput(serializeNetworks(networks, format), join(ctx.outDir, name), { format, name });
    const ties = networks.networks.reduce((n, net) => n + networkEdges(networks, net).length, 0);
    return { stances: networks.stances, networks: networks.networks.length, ties };
  });
};

/** Validates the corpus with the cache and builds the graph, timing the phases of each. */
async function loadInMemory(ctx) {
  const { validate, buildGraph } = dist('index.js');
  const at = {};
  const start = process.hrtime.bigint();
  const since = () => Number(process.hrtime.bigint() - start) / 1e9;
  return timed(async () => {
    const result = await validate([ctx.dir], {
      cacheDir: ctx.cacheDir,
      onProgress: (p) => {
        if (p.done === p.total) at[p.phase] = since();
      },
    });
    if (!result.ok) throw new Error(`${ctx.dir} does not validate`);
    buildGraph(result.dataset);
    return {
      filesSeconds: at.files,
      crossFileSeconds: at['cross-file'] - at.files,
      graphSeconds: since() - at['cross-file'],
    };
  });
}

/** `kg validate` of a folder with no cache: every file parsed and checked. */
async function validateCold(dir, ctx) {
  const { validate } = dist('index.js');
  const cacheDir = join(ctx.cacheDir, 'cold');
  rmSync(cacheDir, { recursive: true, force: true });
  return timed(async () => {
    const result = await validate([dir], { cacheDir });
    return { errors: result.errors.length };
  });
}

/**
 * The stages, each run in a child process: `floor` names the stage whose time is the least this one
 * could take. A section is a table block; another section (e.g. Cypher queries) adds its stages here
 * and its name to SECTIONS.
 */
export const STAGES = {
  'floor: JSON.parse': {
    section: 'floors',
    run: (ctx) =>
      timed(() => {
        for (const f of ctx.jsonFiles) JSON.parse(readFileSync(f, 'utf8'));
      }),
  },
  'floor: yaml parse': {
    section: 'floors',
    run: async (ctx) => {
      const YAML = require('yaml');
      return timed(() => {
        for (const f of ctx.files) YAML.parse(readFileSync(f, 'utf8'), { version: '1.2', schema: 'core' });
      });
    },
  },
  // The parser factgraph reads plain data files with (the yaml package reads the rest).
  'floor: js-yaml parse': {
    section: 'floors',
    run: async (ctx) => {
      const { load } = require('js-yaml');
      return timed(() => {
        for (const f of ctx.files) load(readFileSync(f, 'utf8'));
      });
    },
  },
  'floor: ajv on objects': {
    section: 'floors',
    run: async (ctx) => {
      const { SchemaChecker } = dist('validate/schema-check.js');
      const checker = new SchemaChecker();
      const parsed = ctx.jsonFiles.map((f) => JSON.parse(readFileSync(f, 'utf8')));
      return timed(() => {
        for (const value of parsed) {
          for (const section of ['documents', 'entities', 'statements']) {
            for (const item of value[section] ?? []) checker.checkItem(section, item, [], undefined);
          }
        }
      });
    },
  },
  // graphology itself: a multigraph of the same nodes and edges, attributes two fields, from plain arrays.
  'floor: graphology build': {
    section: 'floors',
    run: async (ctx) => {
      const { MultiDirectedGraph } = require('graphology');
      const nodes = [];
      const edges = [];
      for (const f of ctx.jsonFiles) {
        const value = JSON.parse(readFileSync(f, 'utf8'));
        for (const e of value.entities ?? []) nodes.push(e.id);
        for (const s of value.statements ?? []) edges.push([s.id, s.subject, s.object, s.predicate, s.quote]);
      }
      const unique = [...new Set(nodes)].sort();
      edges.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      return timed(() => {
        const graph = new MultiDirectedGraph({ allowSelfLoops: false });
        for (const id of unique) graph.addNode(id, {});
        for (const [id, s, o, predicate, quote] of edges)
          graph.addDirectedEdgeWithKey(id, s, o, { predicate, quote });
      });
    },
  },
  'parse (1 thread)': {
    section: 'validation',
    floor: 'floor: js-yaml parse',
    run: (ctx) => {
      const { parseYaml } = dist('validate/parse-yaml.js');
      return timed(() => {
        for (const f of ctx.files) parseYaml(readFileSync(f, 'utf8'), f);
      });
    },
  },
  'schema check (1 thread)': {
    section: 'validation',
    floor: 'floor: ajv on objects',
    run: async (ctx) => {
      const { parseYaml } = dist('validate/parse-yaml.js');
      const { SchemaChecker } = dist('validate/schema-check.js');
      const checker = new SchemaChecker();
      let seconds = 0;
      for (const f of ctx.files) {
        const { value, locator } = parseYaml(readFileSync(f, 'utf8'), f);
        seconds += (
          await timed(() => {
            checker.checkEnvelope(value, locator);
            for (const section of ['documents', 'entities', 'statements']) {
              (value[section] ?? []).forEach((item, i) =>
                checker.checkItem(section, item, [section, i], locator),
              );
            }
          })
        ).seconds;
      }
      return { seconds };
    },
  },
  'validate, cold': {
    section: 'validation',
    floor: 'floor: js-yaml parse',
    run: (ctx) => validateCold(ctx.dir, ctx),
  },
  // Bad data should cost about what good data does: its floor is the same corpus valid.
  'validate half invalid, cold': {
    section: 'validation',
    floor: 'validate, cold',
    run: (ctx) => validateCold(ctx.invalidDir, ctx),
  },
  'peer: Python (PyYAML C loader, jsonschema, networkx)': {
    section: 'validation',
    upTo: PYTHON_UP_TO,
    run: pythonPeer,
  },
  // Loading in memory is validating and building the graph: the issue's targets are on the sum.
  'load in memory, cold': {
    section: 'validation',
    floor: 'floor: js-yaml parse',
    peer: 'peer: Python (PyYAML C loader, jsonschema, networkx)',
    run: (ctx) => {
      rmSync(ctx.cacheDir, { recursive: true, force: true });
      return loadInMemory(ctx);
    },
  },
  // What a warm run cannot do without: read and JSON.parse each cache entry the cold load wrote (the
  // files' results and the checks across files), header line off.
  'floor: JSON.parse of the cache': {
    section: 'validation',
    run: (ctx) => {
      const entries = yamlFiles(ctx.cacheDir, '.json').filter((f) => !/[/\\](cold|quotes)[/\\]/.test(f));
      return timed(() => {
        for (const f of entries) {
          const text = readFileSync(f, 'utf8');
          JSON.parse(text.slice(text.indexOf('\n') + 1));
        }
        return { entries: entries.length };
      });
    },
  },
  // A warm `kg validate`: no graph (validate builds none).
  'validate, warm (cache)': {
    section: 'validation',
    floor: 'floor: JSON.parse of the cache',
    run: (ctx) => {
      const { validate } = dist('index.js');
      return timed(async () => {
        const result = await validate([ctx.dir], { cacheDir: ctx.cacheDir });
        return { errors: result.errors.length };
      });
    },
  },
  // Its floor: graphology's own build of the same multigraph, plus reading the cache.
  'load in memory, warm (cache)': {
    section: 'validation',
    floor: ['floor: graphology build', 'floor: JSON.parse of the cache'],
    run: loadInMemory,
  },
  ...Object.fromEntries(
    EXPORT_STAGES.map((format) => [
      `export ${format}`,
      { section: 'graph', floor: 'floor: JSON.parse', run: exportStage(format) },
    ]),
  ),
  'network congruence (csv)': {
    section: 'graph',
    floor: 'floor: JSON.parse',
    run: networkStage({ type: 'congruence' }, 'csv'),
  },
  'network subtract, jaccard, 30-day windows (json)': {
    section: 'graph',
    floor: 'floor: JSON.parse',
    run: networkStage({ type: 'subtract', normalize: 'jaccard', window: 30 }, 'json'),
  },
  // The first load after a server start apart: the stages after it run on a warm server.
  'load into Neo4j (driver), first after a server start': {
    section: 'neo4j',
    neo4j: true,
    run: driverLoadAfterStart,
  },
  'peer: Neo4j LOAD CSV': {
    section: 'neo4j',
    neo4j: true,
    run: loadCsvPeer,
  },
  'load into Neo4j (driver)': {
    section: 'neo4j',
    neo4j: true,
    floor: 'floor: JSON.parse',
    peer: 'peer: Neo4j LOAD CSV',
    run: driverLoad,
  },
  'peer: KGX 2.6 (kgx transform to Neo4j)': {
    section: 'neo4j',
    neo4j: true,
    // Its TSV of 1M statements is over V8's longest string, and it takes minutes a 100k already.
    upTo: 100_000,
    run: kgxPeer,
  },
  'neo4j-admin import full': {
    section: 'neo4j',
    floor: 'floor: JSON.parse',
    run: (ctx) => {
      const csv = join(ctx.outDir, 'neo4j-csv');
      if (!existsSync(join(csv, 'import.sh'))) throw new Error('run the neo4j-csv export stage first');
      const home = join(CACHE, 'admin-home');
      rmSync(home, { recursive: true, force: true });
      mkdirSync(join(home, 'conf'), { recursive: true });
      mkdirSync(join(home, 'bin'));
      // What neo4j-admin needs of a server's configuration: where the throwaway database goes.
      writeFileSync(
        join(home, 'conf', 'neo4j.conf'),
        `server.directories.data=${join(home, 'data')}\nserver.directories.logs=${join(home, 'logs')}\n`,
      );
      const admin = join(home, 'bin', 'neo4j-admin');
      writeFileSync(
        admin,
        `#!/bin/sh\nexec java -cp '${join(ROOT, '.neo4j', 'lib')}/*' org.neo4j.server.startup.Neo4jAdminCommand "$@"\n`,
        { mode: 0o755 },
      );
      return timed(() => {
        const out = execFileSync('sh', [join(csv, 'import.sh')], {
          env: { ...process.env, NEO4J_ADMIN: admin, NEO4J_HOME: home, NEO4J_CONF: join(home, 'conf') },
          encoding: 'utf8',
          stdio: 'pipe',
        });
        // The import proper, as neo4j-admin times it: the rest is starting its two JVMs and sizing the input.
        const [, m = 0, s = 0, ms = 0] =
          /IMPORT DONE in (?:(\d+)m )?(?:(\d+)s )?(?:(\d+)ms)?/.exec(out) ?? [];
        const importSeconds = Number(m) * 60 + Number(s) + Number(ms) / 1000;
        const relationships = Number(/(\d+) relationships/.exec(out)?.[1] ?? 0);
        return {
          importSeconds,
          relationships,
          importRelationshipsPerSecond: Math.round(relationships / importSeconds),
          // This process only waits: the CPU is neo4j-admin's.
          cpuSeconds: undefined,
        };
      });
    },
  },
};

export const SECTIONS = ['floors', 'validation', 'graph', 'neo4j'];

/**
 * Whether the corpus in `dir` must be generated (again): missing, of another size, or older than the
 * generator or the schema it reads its kinds and predicates from.
 */
function stale(dir, n) {
  const manifest = join(dir, 'manifest.json');
  if (!existsSync(manifest) || JSON.parse(readFileSync(manifest, 'utf8')).statements !== n) return true;
  const made = statSync(manifest).mtimeMs;
  const inputs = [join(ROOT, 'scripts', 'corpus.mjs'), ...yamlFiles(join(ROOT, 'schema'), '.json')];
  return inputs.some((f) => statSync(f).mtimeMs > made);
}

/**
 * The corpus of a size (the generator is deterministic), the same with half its statements invalid (the
 * cost of bad data), and its JSON twin for the floor.
 */
function prepare(size) {
  const dir = join(CACHE, size);
  const n = count(size);
  const corpus = (out, ...args) =>
    execFileSync(
      process.execPath,
      [join(ROOT, 'scripts', 'corpus.mjs'), '--statements', String(n), ...args, '--out', out],
      { stdio: 'inherit' },
    );
  if (stale(dir, n)) {
    corpus(dir);
    rmSync(`${dir}-json`, { recursive: true, force: true });
  }
  if (stale(`${dir}-invalid`, n)) corpus(`${dir}-invalid`, '--invalid-rate', '0.5');
  if (!existsSync(`${dir}-json`)) {
    // Written beside it and renamed when whole: a run stopped halfway leaves no twin missing files.
    const YAML = require('yaml');
    const partial = `${dir}-json.partial`;
    rmSync(partial, { recursive: true, force: true });
    for (const f of yamlFiles(dir)) {
      const target = join(partial, relative(dir, f).replace(/\.yaml$/, '.json'));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, JSON.stringify(YAML.parse(readFileSync(f, 'utf8'))));
    }
    renameSync(partial, `${dir}-json`);
  }
  return dir;
}

function context(size) {
  const dir = join(CACHE, size);
  return {
    size,
    statements: count(size),
    dir,
    invalidDir: `${dir}-invalid`,
    files: yamlFiles(dir),
    jsonFiles: yamlFiles(dir).map((f) => join(`${dir}-json`, relative(dir, f).replace(/\.yaml$/, '.json'))),
    cacheDir: join(CACHE, 'parse-cache', size),
    outDir: join(CACHE, 'out', size),
  };
}

/** Runs one stage in a child process: its time, its details, and the child's peak RSS. */
function runStage(name, size) {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--stage', name, '--size', size], {
    encoding: 'utf8',
    maxBuffer: 16 << 20,
  });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status === 0 && line.startsWith('{')) return JSON.parse(line);
  // A crash (e.g. V8 out of heap) says why on stderr.
  const why = r.stderr.split('\n').find((l) => /FATAL ERROR|Error:/.test(l));
  return { error: (why ?? `exit ${r.status ?? r.signal}`).trim() };
}

async function child(name, size) {
  const stage = STAGES[name];
  try {
    const result = await stage.run(context(size));
    console.log(JSON.stringify({ ...result, maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) }));
  } catch (e) {
    console.log(JSON.stringify({ error: e.message.split('\n')[0] }));
  }
  process.exit(0);
}

async function main() {
  const { values } = parseArgs({
    options: {
      stage: { type: 'string' },
      size: { type: 'string' },
      sizes: { type: 'string', default: '10k,100k,1M' },
      'neo4j-1m': { type: 'boolean', default: false },
      'no-neo4j': { type: 'boolean', default: false },
      'no-cypher': { type: 'boolean', default: false },
      skip: { type: 'string' },
      add: { type: 'boolean', default: false },
      out: { type: 'string', default: join(ROOT, 'bench', 'results.json') },
    },
  });
  if (values.stage) return child(values.stage, values.size);
  if (!existsSync(join(ROOT, 'dist', 'index.js'))) throw new Error('dist/ is missing: run npm run build');
  const Table = require('cli-table3');
  const results = {
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
    },
    date: new Date().toISOString(),
    // --add: to the sizes and stages of an earlier run in the same file.
    sizes: values.add && existsSync(values.out) ? JSON.parse(readFileSync(values.out, 'utf8')).sizes : {},
  };
  const table = new Table({
    head: ['statements', 'stage', 'seconds', 'statements/s', 'peak RSS MiB', '× floor', '× peer'],
    colAligns: ['right', 'left', 'right', 'right', 'right', 'right', 'right'],
    style: { head: [], border: [] },
  });
  const save = () => {
    mkdirSync(dirname(values.out), { recursive: true });
    writeFileSync(values.out, `${JSON.stringify(results, null, 2)}\n`);
  };
  for (const size of values.sizes.split(',')) {
    prepare(size);
    const n = count(size);
    // --add: the stages not run now keep their figures, each with the date it was measured.
    const stages = { ...results.sizes[size]?.stages };
    results.sizes[size] = { statements: n, stages };
    for (const section of SECTIONS) {
      for (const [name, stage] of Object.entries(STAGES)) {
        if (stage.section !== section) continue;
        const neo4jSkipped = values['no-neo4j'] || (n >= 1_000_000 && !values['neo4j-1m']);
        if (stage.neo4j && neo4jSkipped) continue;
        if (stage.upTo !== undefined && n > stage.upTo) continue;
        if (name === 'export html' && n > 100_000) continue;
        if (values.skip && new RegExp(values.skip).test(name)) continue;
        process.stderr.write(`${size}: ${name} ...\n`);
        const r = runStage(name, size);
        if (!r.error) {
          r.statementsPerSecond = Math.round(n / r.seconds);
          // The Neo4j stages count what they wrote: their rate is the relationships'.
          if (r.relationships) r.relationshipsPerSecond = Math.round(r.relationships / r.seconds);
          // A list of floors: their sum (each measured alone).
          const floors = [stage.floor ?? []].flat().map((f) => stages[f]?.seconds);
          const floor = floors.length > 0 && floors.every(Boolean) && floors.reduce((a, b) => a + b, 0);
          if (floor) r.floorRatio = Math.round((r.seconds / floor) * 10) / 10;
          const peer = stage.peer && stages[stage.peer]?.seconds;
          if (peer) r.peerRatio = Math.round((r.seconds / peer) * 100) / 100;
        }
        // The machine's 1-minute load average as the stage ends (this bench's own processes included):
        // how busy the two cores were, which wall times depend on.
        const loadAverage = Math.round(loadavg()[0] * 10) / 10;
        stages[name] = { ...r, date: new Date().toISOString(), loadAverage };
        // Written after every stage, so a run cut short keeps what it measured.
        save();
        table.push([
          n.toLocaleString('en'),
          name,
          r.error
            ? `failed: ${r.error.length > 30 ? `${r.error.slice(0, 29)}…` : r.error}`
            : r.seconds.toFixed(2),
          r.statementsPerSecond?.toLocaleString('en') ?? '',
          r.maxRssMiB ?? '',
          r.floorRatio ?? '',
          r.peerRatio ?? '',
        ]);
        const parts = [
          ['filesSeconds', 'files (parse + schema, workers)'],
          ['crossFileSeconds', 'checks across files'],
          ['graphSeconds', 'building the graph'],
        ];
        for (const [key, what] of parts) {
          if (r[key] !== undefined) table.push(['', `  of which ${what}`, r[key].toFixed(2), '', '', '', '']);
        }
      }
    }
  }
  console.log(
    `${results.machine.cpus} × ${results.machine.cpuModel}, ${results.machine.memoryGiB} GiB, Node ${results.machine.node}`,
  );
  console.log(table.toString());
  console.log(`written to ${relative(process.cwd(), values.out)}`);
  // Cypher, memory against Neo4j, on a graph of its own (its own server: see scripts/bench-cypher.mjs).
  if (!values['no-cypher']) {
    const cypher = spawnSync(process.execPath, [join(ROOT, 'scripts', 'bench-cypher.mjs')], {
      stdio: 'inherit',
    });
    if (cypher.status !== 0) process.exitCode = cypher.status ?? 1;
  }
}

await main();
