#!/usr/bin/env node
// The openCypher TCK on the memory Cypher engine (dist/, so build first): every scenario of the chosen
// features builds its graph through the setup-only path (CREATE, DELETE), runs its query, and compares
// the result (or the error's phase) as the TCK says. Queries that write are skipped: the memory backend is
// read-only by design. Prints pass counts per feature and, last, `TCK: P passed, F failed, S skipped`.
//
//   node scripts/tck.mjs [--tck tests/vendor/opencypher-tck] [--failures] [feature folder ...]
//
// Feature folders are names under features/ (clauses/match, expressions/aggregation, ...); by default
// all of them. --failures lists each failing (and skipped) scenario with the reason.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { PropertyGraph, runSetup, queryValues } = require(join(ROOT, 'dist/query/cypher/index.js'));
const { CPath, isNode, isRel, isTemporal } = require(join(ROOT, 'dist/query/cypher/values.js'));

/** Every feature folder of the TCK (features/<group>/<feature>), sorted. */
export function allFeatures(tck) {
  const root = join(tck, 'features');
  return readdirSync(root)
    .filter((g) => statSync(join(root, g)).isDirectory())
    .flatMap((g) =>
      readdirSync(join(root, g))
        .filter((f) => statSync(join(root, g, f)).isDirectory())
        .map((f) => `${g}/${f}`),
    )
    .sort();
}

// ---------------------------------------------------------------------------------------------------
// Gherkin, as much of it as the TCK uses: Feature, Scenario, Scenario Outline with Examples, steps with
// doc strings and tables.

function parseFeature(text) {
  const lines = text.split('\n');
  const scenarios = [];
  let feature = '';
  const background = { steps: [] };
  let current = null;
  let lastStep = null;
  let inExamples = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '' || line.startsWith('#') || line.startsWith('@')) continue;
    if (line.startsWith('Feature:')) {
      feature = line.slice(8).trim();
      continue;
    }
    if (line.startsWith('Background:')) {
      current = background;
      continue;
    }
    const scenario = /^Scenario(?: Outline)?:\s*(.*)$/.exec(line);
    if (scenario) {
      current = { name: scenario[1], steps: [], examples: null, line: i + 1 };
      scenarios.push(current);
      inExamples = false;
      continue;
    }
    if (line.startsWith('Examples:')) {
      current.examples = [];
      inExamples = true;
      continue;
    }
    if (line.startsWith('"""')) {
      const body = [];
      const indent = lines[i].indexOf('"""');
      for (i++; i < lines.length && lines[i].trim() !== '"""'; i++) body.push(lines[i].slice(indent));
      lastStep.doc = body.join('\n');
      continue;
    }
    if (line.startsWith('|')) {
      const cells = splitRow(line);
      if (inExamples) current.examples.push(cells);
      else (lastStep.table ??= []).push(cells);
      continue;
    }
    const step = /^(Given|When|Then|And|But)\s+(.*)$/.exec(line);
    if (step && current) {
      lastStep = { text: step[2], doc: null, table: null };
      current.steps.push(lastStep);
      inExamples = false;
    }
  }
  // An outline is one scenario per example row, placeholders filled in.
  const out = [];
  for (const s of scenarios) s.steps.unshift(...background.steps);
  for (const s of scenarios) {
    if (!s.examples) {
      out.push(s);
      continue;
    }
    const [header, ...rows] = s.examples;
    rows.forEach((row, n) => {
      const fill = (t) =>
        t === null
          ? null
          : t.replace(/<([^>\s]+)>/g, (m, k) => (header.includes(k) ? row[header.indexOf(k)] : m));
      out.push({
        name: `${s.name} (example ${n + 1})`,
        line: s.line,
        steps: s.steps.map((st) => ({
          text: fill(st.text),
          doc: fill(st.doc),
          table: st.table && st.table.map((r) => r.map(fill)),
        })),
      });
    });
  }
  return { feature, scenarios: out };
}

function splitRow(line) {
  const cells = [];
  let cell = '';
  for (let i = 1; i < line.length; i++) {
    const c = line[i];
    if (c === '\\' && i + 1 < line.length) {
      // Gherkin's escapes in a table cell: \| \\ and \n; any other backslash stays.
      const next = line[i + 1];
      cell += next === '|' || next === '\\' ? next : next === 'n' ? '\n' : c + next;
      i++;
    } else if (c === '|') {
      cells.push(cell.trim());
      cell = '';
    } else cell += c;
  }
  return cells;
}

// ---------------------------------------------------------------------------------------------------
// The TCK's value literals (`(:A {name: 'b'})`, `[:T]`, `<(:A)-[:T]->(:B)>`, lists, maps, ...), parsed
// into the same canonical text the engine's values are rendered into, so comparing is comparing text.

function parseLiteral(text) {
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  const expect = (s) => {
    ws();
    if (!text.startsWith(s, i)) throw new Error(`expected ${s} at ${i} in ${text}`);
    i += s.length;
  };
  const name = () => {
    ws();
    if (text[i] === '`') {
      const end = text.indexOf('`', i + 1);
      const n = text.slice(i + 1, end);
      i = end + 1;
      return n;
    }
    const m = /^[A-Za-z_][\w]*/.exec(text.slice(i));
    if (!m) throw new Error(`expected a name at ${i} in ${text}`);
    i += m[0].length;
    return m[0];
  };
  const props = () => {
    ws();
    if (text[i] !== '{') return {};
    return map();
  };
  const map = () => {
    expect('{');
    const out = {};
    ws();
    if (text[i] === '}') {
      i++;
      return out;
    }
    for (;;) {
      const k = name();
      expect(':');
      out[k] = value();
      ws();
      if (text[i] === ',') {
        i++;
        continue;
      }
      expect('}');
      return out;
    }
  };
  const node = () => {
    expect('(');
    const labels = [];
    ws();
    while (text[i] === ':') {
      i++;
      labels.push(name());
      ws();
    }
    const p = props();
    expect(')');
    return { t: 'node', labels, props: p };
  };
  const rel = () => {
    expect('[');
    expect(':');
    const type = name();
    const p = props();
    expect(']');
    return { t: 'rel', type, props: p };
  };
  const value = () => {
    ws();
    const c = text[i];
    if (c === '(') return node();
    if (c === '<') {
      i++;
      const steps = [node()];
      for (;;) {
        ws();
        if (text[i] === '>') {
          i++;
          return { t: 'path', steps };
        }
        let dir = 'out';
        if (text.startsWith('<-', i)) {
          dir = 'in';
          i += 2;
        } else expect('-');
        const r = rel();
        ws();
        if (text.startsWith('->', i)) i += 2;
        else expect('-');
        steps.push({ ...r, dir }, node());
      }
    }
    if (c === '[') {
      const save = i;
      i++;
      ws();
      if (text[i] === ':') {
        i = save;
        return rel();
      }
      const items = [];
      if (text[i] === ']') {
        i++;
        return { t: 'list', items };
      }
      for (;;) {
        items.push(value());
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        expect(']');
        return { t: 'list', items };
      }
    }
    if (c === '{') return { t: 'map', entries: map() };
    if (c === "'") {
      let s = '';
      i++;
      while (text[i] !== "'") {
        if (text[i] === '\\') {
          const e = text[i + 1];
          s += e === 'n' ? '\n' : e === 't' ? '\t' : e;
          i += 2;
        } else s += text[i++];
        if (i >= text.length) throw new Error(`unclosed string in ${text}`);
      }
      i++;
      return { t: 'string', v: s };
    }
    const rest = text.slice(i);
    let m;
    if ((m = /^(null|true|false)\b/.exec(rest))) {
      i += m[0].length;
      return m[0] === 'null' ? { t: 'null' } : { t: 'bool', v: m[0] === 'true' };
    }
    if ((m = /^-?(Infinity|Inf)\b/.exec(rest))) {
      i += m[0].length;
      return { t: 'float', v: m[0].startsWith('-') ? -Infinity : Infinity };
    }
    if ((m = /^NaN\b/.exec(rest))) {
      i += m[0].length;
      return { t: 'float', v: NaN };
    }
    if ((m = /^-?(\d+\.\d*|\.\d+|\d+)([eE][-+]?\d+)?/.exec(rest))) {
      i += m[0].length;
      return /[.eE]/.test(m[0]) ? { t: 'float', v: Number(m[0]) } : { t: 'int', v: BigInt(m[0]) };
    }
    throw new Error(`cannot parse the value ${text} at ${i}`);
  };
  const v = value();
  ws();
  if (i !== text.length) throw new Error(`trailing text in the value ${text}`);
  return v;
}

const propsText = (entries, render) =>
  Object.keys(entries).length === 0
    ? ''
    : ` {${Object.keys(entries)
        .sort()
        .map((k) => `${k}: ${render(entries[k])}`)
        .join(', ')}}`;

/** The canonical text of a parsed literal; `unordered` sorts the elements of lists. */
function literalText(v, unordered) {
  const r = (x) => literalText(x, unordered);
  switch (v.t) {
    case 'null':
      return 'null';
    case 'bool':
      return String(v.v);
    case 'int':
      return v.v.toString();
    case 'float':
      return floatText(v.v);
    case 'string':
      return JSON.stringify(v.v);
    case 'list': {
      const items = v.items.map(r);
      return `[${(unordered ? items.sort() : items).join(', ')}]`;
    }
    case 'map':
      return `{${propsText(v.entries, r)}}`;
    case 'node':
      return `(${[...v.labels]
        .sort()
        .map((l) => `:${l}`)
        .join('')}${propsText(v.props, r)})`;
    case 'rel':
      return `[:${v.type}${propsText(v.props, r)}]`;
    case 'path':
      return `<${v.steps
        .map((s, n) => (n % 2 === 0 ? r(s) : s.dir === 'out' ? `-${r(s)}->` : `<-${r(s)}-`))
        .join('')}>`;
  }
  throw new Error(`unknown literal ${v.t}`);
}

function floatText(f) {
  if (Number.isNaN(f)) return 'NaN';
  if (!Number.isFinite(f)) return f > 0 ? 'Inf' : '-Inf';
  return `${Number(f.toPrecision(15))}f`;
}

/** The same canonical text for a value the engine returned. */
function valueText(v, unordered) {
  const r = (x) => valueText(x, unordered);
  if (v === null) return 'null';
  switch (typeof v) {
    case 'boolean':
      return String(v);
    case 'bigint':
      return v.toString();
    case 'number':
      return floatText(v);
    case 'string':
      return JSON.stringify(v);
  }
  if (Array.isArray(v)) {
    const items = v.map(r);
    return `[${(unordered ? items.sort() : items).join(', ')}]`;
  }
  if (isTemporal(v)) return JSON.stringify(temporalText(v));
  const props = (m) => propsText(Object.fromEntries(m), r);
  if (v instanceof Map) return `{${props(v)}}`;
  if (v instanceof CPath) {
    let text = `<${r(v.nodes[0])}`;
    v.rels.forEach((rel, n) => {
      const out = rel.start === v.nodes[n];
      text += out ? `-${r(rel)}->${r(v.nodes[n + 1])}` : `<-${r(rel)}-${r(v.nodes[n + 1])}`;
    });
    return `${text}>`;
  }
  if (isNode(v))
    return `(${[...v.labels]
      .sort()
      .map((l) => `:${l}`)
      .join('')}${props(v.properties)})`;
  if (isRel(v)) return `[:${v.type}${props(v.properties)}]`;
  return String(v);
}

/**
 * The TCK writes temporal values as Java's toString() prints them ('12:00', where Neo4j's toString()
 * gives '12:00:00'): the js-joda value inside the engine's, which prints the same way; durations as
 * the engine prints them.
 */
function temporalText(v) {
  if (v.date) return v.date.toString();
  if (v.offset) return v.time.toString() + v.offset.id();
  if (v.time) return v.time.toString();
  if (v.dateTime) return v.dateTime.toString();
  return v.toString();
}

/** A parsed literal as an engine value, for parameters. */
function literalValue(v) {
  switch (v.t) {
    case 'null':
      return null;
    case 'bool':
    case 'int':
    case 'float':
    case 'string':
      return v.v;
    case 'list':
      return v.items.map(literalValue);
    case 'map':
      return new Map(Object.entries(v.entries).map(([k, x]) => [k, literalValue(x)]));
  }
  throw new Error(`a ${v.t} cannot be a parameter`);
}

// ---------------------------------------------------------------------------------------------------
// Running scenarios

const WRITES = /\b(CREATE|MERGE|SET|DELETE|REMOVE|FOREACH)\b/i;

function runScenario(scenario, tck) {
  let graph = new PropertyGraph();
  let params = {};
  let outcome = null;
  const procedures = [];
  for (const step of scenario.steps) {
    const t = step.text;
    if (/^an empty graph$/.test(t) || /^any graph$/.test(t)) graph = new PropertyGraph();
    else if (/^the (\S+) graph$/.test(t)) {
      const named = /^the (\S+) graph$/.exec(t)[1];
      graph = new PropertyGraph();
      runSetup(graph, readFileSync(join(tck, 'graphs', named, `${named}.cypher`), 'utf8'));
    } else if (/^having executed:?$/.test(t)) runSetup(graph, step.doc);
    else if (/^parameters are:?$/.test(t)) {
      params = Object.fromEntries(step.table.map(([k, v]) => [k, literalValue(parseLiteral(v))]));
    } else if (/^there exists a procedure /.test(t)) {
      procedures.push(testProcedure(t, step.table));
    } else if (/^executing (control )?query:?$/.test(t)) {
      for (const p of procedures) graph.procedures.set(p.name, p);
      if (WRITES.test(step.doc.replace(/'[^']*'/g, '')))
        return { status: 'skip', reason: 'the query writes' };
      try {
        outcome = { result: queryValues(graph, step.doc, params), query: step.doc };
      } catch (e) {
        if (!e.code) return { status: 'fail', reason: `crashed: ${e.stack}` };
        outcome = { error: e, query: step.doc };
      }
    } else if (t.startsWith('the result should be')) {
      if (outcome.error) return { status: 'fail', reason: `${outcome.error.code} ${outcome.error.message}` };
      const verdict = compareResult(t, step.table, outcome.result);
      if (verdict) return { status: 'fail', reason: verdict };
    } else if (/should be raised at/.test(t)) {
      const m = /^an? (\w+) should be raised at (compile time|runtime|any time): (\w+|\*)/.exec(t);
      if (!m) return { status: 'fail', reason: `unknown step ${t}` };
      if (!outcome.error)
        return { status: 'fail', reason: `expected ${m[1]} ${m[3]} at ${m[2]}, got a result` };
      const code = outcome.error.code;
      const phaseOk =
        m[2] === 'any time'
          ? code === 'CYPHER_SYNTAX' || code === 'CYPHER_RUNTIME'
          : m[2] === 'compile time'
            ? code === 'CYPHER_SYNTAX'
            : code === 'CYPHER_RUNTIME';
      if (!phaseOk) {
        return {
          status: 'fail',
          reason: `expected ${m[1]} ${m[3]} at ${m[2]}, got ${code} ${outcome.error.message}`,
        };
      }
    } else if (/^no side effects$/.test(t) || /^the side effects should be:?$/.test(t)) {
      // Read-only queries have none.
    } else return { status: 'fail', reason: `unknown step ${t}` };
  }
  return { status: 'pass' };
}

/**
 * A TCK test procedure: `there exists a procedure name(in :: TYPE?, ...) :: (out :: TYPE?, ...)` with a
 * table of rows, inputs first; a call returns the outputs of the rows whose inputs equal its arguments.
 */
function testProcedure(text, table) {
  const m = /^there exists a procedure ([\w.]+)\((.*?)\) :: \((.*?)\)\s*:?$/.exec(text);
  if (!m) throw new Error(`cannot read the procedure ${text}`);
  const fields = (list) =>
    list
      .split(',')
      .map((f) => f.trim())
      .filter((f) => f !== '')
      .map((f) => {
        const [name, type] = f.split('::').map((x) => x.trim());
        return { name, type: type.replace(/\?$/, '') };
      });
  const inputs = fields(m[2]);
  const outputs = fields(m[3]);
  const [, ...rows] = table ?? [[]];
  const values = rows.map((r) => r.map((c) => literalValue(parseLiteral(c))));
  const same = (a, b) => (a === null || b === null ? a === b : Number(a) === Number(b) || a === b);
  return {
    name: m[1],
    inputs,
    outputs,
    run: (_graph, args) =>
      values.filter((r) => inputs.every((_, i) => same(r[i], args[i]))).map((r) => r.slice(inputs.length)),
  };
}

function compareResult(stepText, table, result) {
  if (stepText === 'the result should be empty') {
    return result.rows.length === 0 ? null : `expected no rows, got ${result.rows.length}`;
  }
  const ordered = /in order/.test(stepText);
  const unordered = /ignoring element order for lists/.test(stepText);
  const [header, ...rows] = table;
  if (header.join('|') !== result.columns.join('|')) {
    return `columns ${JSON.stringify(result.columns)}, expected ${JSON.stringify(header)}`;
  }
  const expected = rows.map((r) => r.map((c) => literalText(parseLiteral(c), unordered)).join(' | '));
  const actual = result.rows.map((r) => r.map((v) => valueText(v, unordered)).join(' | '));
  if (!ordered) {
    expected.sort();
    actual.sort();
  }
  if (expected.join('\n') === actual.join('\n')) return null;
  return `rows differ:\n    expected: ${expected.join('\n              ')}\n    actual:   ${actual.join('\n              ')}`;
}

function featureFiles(dir) {
  return readdirSync(dir)
    .flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? featureFiles(p) : f.endsWith('.feature') ? [p] : [];
    })
    .sort();
}

export function runTck(tck, folders) {
  const perFeature = [];
  const failures = [];
  const skips = [];
  for (const folder of folders) {
    const counts = { feature: folder, passed: 0, failed: 0, skipped: 0 };
    for (const file of featureFiles(join(tck, 'features', folder))) {
      const { scenarios } = parseFeature(readFileSync(file, 'utf8'));
      for (const s of scenarios) {
        let r;
        try {
          r = runScenario(s, tck);
        } catch (e) {
          r = { status: 'fail', reason: `setup failed: ${e.message}` };
        }
        if (r.status === 'pass') counts.passed++;
        else if (r.status === 'skip') {
          counts.skipped++;
          skips.push({ where: `${relative(tck, file)}:${s.line}`, name: s.name, reason: r.reason });
        } else {
          counts.failed++;
          failures.push({ where: `${relative(tck, file)}:${s.line}`, name: s.name, reason: r.reason });
        }
      }
    }
    perFeature.push(counts);
  }
  return { perFeature, failures, skips };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  let tck = resolve(ROOT, 'tests', 'vendor', 'opencypher-tck');
  const t = args.indexOf('--tck');
  if (t >= 0) {
    tck = resolve(args[t + 1]);
    args.splice(t, 2);
  }
  const showFailures = args.includes('--failures');
  const folders = args.filter((a) => !a.startsWith('--'));
  const { perFeature, failures, skips } = runTck(tck, folders.length > 0 ? folders : allFeatures(tck));
  if (showFailures) {
    for (const f of failures) console.log(`FAIL ${f.where} ${f.name}\n  ${f.reason}`);
    for (const f of skips) console.log(`SKIP ${f.where} ${f.name}: ${f.reason}`);
  }
  const width = Math.max(...perFeature.map((f) => f.feature.length));
  let p = 0;
  let fl = 0;
  let s = 0;
  // Per feature: passed of the read-only scenarios run, then the skipped ones (their query writes).
  for (const f of perFeature) {
    const run = f.passed + f.failed;
    const pct = run === 0 ? 100 : (100 * f.passed) / run;
    console.log(
      `${f.feature.padEnd(width)}  ${`${f.passed}/${run}`.padStart(9)} passed ${pct.toFixed(1).padStart(5)}%  ${String(f.skipped).padStart(3)} skipped`,
    );
    p += f.passed;
    fl += f.failed;
    s += f.skipped;
  }
  console.log(`TCK: ${p} passed, ${fl} failed, ${s} skipped`);
}
