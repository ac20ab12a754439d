import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from 'esbuild';
import { marked, type Token } from 'marked';
import { parse as parseYaml } from 'yaml';
import { validate, type Dataset } from '../../src';
import { TEST_SERVER } from '../neo4j-global-setup';
import { resetNeo4j, testNeo4j } from '../neo4j-helpers';
import { ROOT } from '../helpers';

/**
 * Every example in the README and docs/ is run here and must give what the page says.
 *
 * - `console` blocks: `$ command` lines (a trailing `\` continues a line), each followed by the output
 *   it must print (stdout, then stderr). A line `...` stands for any number of lines, `[...]` for any
 *   text within a line; a last line `[exit N]` is the exit status (default 0).
 * - `sh` blocks: run as one bash script; it must exit 0.
 * - `ts` blocks: compiled and run with `factgraph` imported from this checkout; must exit 0.
 * - `yaml` blocks: every record with an id is an excerpt of `graph-data/`: each field it shows has the
 *   value the data has.
 * An HTML comment right before a block changes that: `<!-- not run: why -->` skips it (the reason is
 * required), `<!-- neo4j -->` runs it with the test server in NEO4J_* on an empty database.
 * Blocks of one page run in order, in the repository's folder, so one can use what another wrote.
 */

interface Example {
  where: string;
  lang: string;
  text: string;
  notRun?: string;
  neo4j: boolean;
}

const PAGES = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
const RUNS = new Set(['console', 'sh', 'ts', 'yaml']);

function examples(page: string): Example[] {
  const source = readFileSync(join(ROOT, page), 'utf8');
  const found: Example[] = [];
  let offset = 0;
  let directive = '';
  const visit = (tokens: Token[]) => {
    for (const t of tokens) {
      if (t.type === 'html') directive = t.raw.trim();
      else if (t.type === 'code') {
        offset = source.indexOf(t.raw, offset);
        const line = source.slice(0, offset).split('\n').length;
        const notRun = /^<!-- not run: (.+?) -->$/s.exec(directive)?.[1];
        found.push({
          where: `${page}:${line}`,
          lang: t.lang ?? '',
          text: t.text,
          notRun,
          neo4j: directive === '<!-- neo4j -->',
        });
        directive = '';
      } else if (t.type !== 'space') {
        directive = '';
        if ('tokens' in t && t.tokens) visit(t.tokens);
        if (t.type === 'list') for (const item of t.items) visit(item.tokens);
      }
    }
  };
  visit(marked.lexer(source));
  return found;
}

/** The environment a reader's shell has: no NEO4J_* unless the block asks for the test server. */
function env(neo4j: boolean): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('NEO4J_')),
  );
  Object.assign(e, { NO_COLOR: '1', FORCE_COLOR: '0' });
  if (neo4j) {
    const c = testNeo4j();
    Object.assign(e, {
      NEO4J_URI: c.uri,
      NEO4J_USERNAME: c.username,
      NEO4J_PASSWORD: c.password,
      NEO4J_DATABASE: c.database,
      NEO4J_HOME_DIR: TEST_SERVER.home,
      NEO4J_BOLT_PORT: TEST_SERVER.boltPort,
    });
  }
  return e;
}

function bash(script: string, neo4j: boolean) {
  const r = spawnSync('bash', ['-c', script], {
    cwd: ROOT,
    env: env(neo4j),
    encoding: 'utf8',
    timeout: 300_000,
  });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

/** `[...]` matches any text in a line; everything else literally. */
function lineMatches(expected: string, actual: string): boolean {
  const pattern = expected
    .split('[...]')
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${pattern}$`).test(actual.trimEnd());
}

/** Whether the expected lines match all of the actual ones, `...` standing for any run of lines. */
function outputMatches(expected: string[], actual: string[]): boolean {
  const [first, ...rest] = expected;
  if (first === undefined) return actual.length === 0;
  if (first === '...')
    return actual.some((_, i) => outputMatches(rest, actual.slice(i))) || outputMatches(rest, []);
  return actual.length > 0 && lineMatches(first, actual[0]!) && outputMatches(rest, actual.slice(1));
}

function runConsole(ex: Example) {
  const steps: { command: string; expected: string[] }[] = [];
  for (const line of ex.text.split('\n')) {
    const last = steps[steps.length - 1];
    if (line.startsWith('$ ')) steps.push({ command: line.slice(2), expected: [] });
    else if (last && last.expected.length === 0 && last.command.endsWith('\\')) last.command += `\n${line}`;
    else if (last) last.expected.push(line);
    else throw new Error(`${ex.where}: a console block starts with "$ "`);
  }
  for (const { command, expected } of steps) {
    const exit = /^\[exit (\d+)\]$/.exec(expected[expected.length - 1] ?? '');
    const lines = exit ? expected.slice(0, -1) : expected;
    const r = bash(command, ex.neo4j);
    const actual = r.output.replace(/\n$/, '').split('\n');
    expect({ where: ex.where, command, status: r.status, output: r.output }).toEqual({
      where: ex.where,
      command,
      status: exit ? Number(exit[1]) : 0,
      output: outputMatches(lines, r.output === '' ? [] : actual) ? r.output : lines.join('\n'),
    });
  }
}

function runTs(ex: Example) {
  const dir = join(ROOT, '.cache', 'docs');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${ex.where.replace(/[/:.]/g, '-')}.mjs`);
  writeFileSync(file, transformSync(ex.text, { loader: 'ts', format: 'esm' }).code);
  const r = spawnSync(process.execPath, [file], {
    cwd: ROOT,
    env: env(ex.neo4j),
    encoding: 'utf8',
    timeout: 300_000,
  });
  expect({ where: ex.where, status: r.status, stderr: r.stderr }).toEqual({
    where: ex.where,
    status: 0,
    stderr: '',
  });
}

function checkYaml(ex: Example, data: Dataset) {
  const doc = parseYaml(ex.text) as Record<string, unknown> | null;
  const tables = { documents: data.documents, entities: data.entities, statements: data.statements };
  for (const [section, table] of Object.entries(tables)) {
    for (const shown of (doc?.[section] as Record<string, unknown>[] | undefined) ?? []) {
      const real = table.get(String(shown.id))?.record as Record<string, unknown> | undefined;
      const picked = real && Object.fromEntries(Object.keys(shown).map((k) => [k, real[k]]));
      expect({ where: ex.where, record: picked }).toEqual({ where: ex.where, record: shown });
    }
  }
}

test('the output matcher: `...` for any lines, `[...]` within a line, nothing else forgiven', () => {
  expect(outputMatches(['a', '...', 'c'], ['a', 'b', 'b', 'c'])).toBe(true);
  expect(outputMatches(['a', '...'], ['a'])).toBe(true);
  expect(outputMatches(['x [...] z'], ['x y z'])).toBe(true);
  expect(outputMatches(['a', 'c'], ['a', 'b', 'c'])).toBe(false);
  expect(outputMatches(['a'], ['a', 'b'])).toBe(false);
  expect(outputMatches(['x [...] z'], ['x y'])).toBe(false);
  expect(outputMatches(['a.c'], ['abc'])).toBe(false);
});

const ALL = PAGES.flatMap(examples);
const RUNNABLE = ALL.filter((e) => RUNS.has(e.lang) && e.notRun === undefined);

test('every shell, TypeScript and YAML block of the docs is run, or says why not', () => {
  const kinds = [...RUNS, 'bash', 'shell', 'js', 'javascript'];
  const unexplained = ALL.filter(
    (e) => kinds.includes(e.lang) && e.notRun === undefined && !RUNS.has(e.lang),
  );
  expect(unexplained.map((e) => `${e.where} (${e.lang}: use console or sh)`)).toEqual([]);
  // The parser found the examples (a change of Markdown layout must not silently run none).
  expect(RUNNABLE.length).toBeGreaterThanOrEqual(20);
});

let data: Dataset;
beforeAll(async () => {
  data = (await validate([join(ROOT, 'graph-data')])).dataset;
});

const pages = PAGES.filter((page) => RUNNABLE.some((e) => e.where.startsWith(`${page}:`)));
test.each(pages)('the examples of %s give what the page says', async (page) => {
  for (const ex of RUNNABLE.filter((e) => e.where.startsWith(`${page}:`))) {
    if (ex.neo4j) await resetNeo4j(testNeo4j());
    if (ex.lang === 'console') runConsole(ex);
    else if (ex.lang === 'sh')
      expect({ where: ex.where, ...bash(`set -e\n${ex.text}`, ex.neo4j) }).toMatchObject({
        where: ex.where,
        status: 0,
      });
    else if (ex.lang === 'ts') runTs(ex);
    else checkYaml(ex, data);
  }
});
