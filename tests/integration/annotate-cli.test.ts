// kg new document, kg quotes --check and kg annotate's stop, run as a user runs them, on copies of graph-data/.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workspace } from '../../src/annotate/workspace';
import type { QuoteStatus } from '../../src/validate/quote-status';
import { validate } from '../../src';
import { ROOT } from '../helpers';

const CLI = join(ROOT, 'dist', 'cli', 'main.js');
const SOURCE = 'sources/2025-08-21-security-guarantees.nb.txt';

let dir: string;
let data: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'factgraph-annotate-cli-'));
  data = join(dir, 'graph-data');
  cpSync(join(ROOT, 'graph-data'), data, { recursive: true });
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

function kg(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', NEO4J_URI: '' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('kg new document copies the article and writes its record and an empty statements file', async () => {
  const article = join(dir, '2025-09-01-talks-resume.nb.txt');
  writeFileSync(article, 'Samtalene gjenopptas\n\nPartene møtes igjen i Genève, sier Lavrov.\n');
  const r = kg(['new', 'document', article, '--data', 'graph-data', '--json']);
  expect(r.code).toBe(0);
  expect(JSON.parse(r.stdout)).toEqual({
    ok: true,
    id: 'doc:2025-09-01-talks-resume',
    files: [
      'sources/2025-09-01-talks-resume.nb.txt',
      'documents/2025-09-01-talks-resume.yaml',
      'statements/2025-09-01-talks-resume.yaml',
    ],
  });
  const header = '# yaml-language-server: $schema=../../schema/data-file.schema.json\n';
  expect(readFileSync(join(data, 'documents/2025-09-01-talks-resume.yaml'), 'utf8')).toBe(
    `${header}documents:\n  - id: doc:2025-09-01-talks-resume\n    title: Samtalene gjenopptas\n    date: 2025-09-01\n    language: nb\n    path: ../sources/2025-09-01-talks-resume.nb.txt\n`,
  );
  expect(readFileSync(join(data, 'statements/2025-09-01-talks-resume.yaml'), 'utf8')).toBe(
    `${header}document: doc:2025-09-01-talks-resume\nstatements: []\n`,
  );
  expect((await validate([data])).ok).toBe(true);
  // Again: nothing is overwritten.
  const again = kg(['new', 'document', article, '--data', 'graph-data']);
  expect(again.code).toBe(2);
  expect(again.stderr).toContain('error OUTPUT_FAILED');
  // No date in the name, none given: a usage error, nothing written.
  writeFileSync(join(dir, 'notes.nb.txt'), 'Tekst.\n');
  const undated = kg(['new', 'document', join(dir, 'notes.nb.txt'), '--data', 'graph-data']);
  expect([undated.code, undated.stderr.trim()]).toEqual([
    2,
    'error USAGE give --date (the file name notes.nb.txt does not start with one)',
  ]);

  // kg annotate then writes the document's first statement into its empty statements file.
  const ws = await Workspace.open([data]);
  const snapshot = await ws.snapshot();
  const doc = snapshot.documents.find((d) => d.id === 'doc:2025-09-01-talks-resume')!;
  expect(doc.statementsFile).toBe('statements/2025-09-01-talks-resume.yaml');
  const result = await ws.change({
    action: 'create',
    section: 'statements',
    document: doc.id,
    at: doc.text.indexOf('Partene møtes'),
    record: {
      id: 's:lavrov-talks-resume',
      subject: 'event:ukraine-peace-negotiations-2025',
      predicate: 'OCCURS_IN',
      object: 'region:donbas',
      quote: 'Partene møtes igjen',
    },
    versions: snapshot.files,
  });
  expect(result).toMatchObject({ ok: true, written: true });
  expect(readFileSync(join(data, 'statements/2025-09-01-talks-resume.yaml'), 'utf8')).toBe(
    `${header}document: doc:2025-09-01-talks-resume\nstatements:\n  - id: s:lavrov-talks-resume\n    subject: event:ukraine-peace-negotiations-2025\n    predicate: OCCURS_IN\n    object: region:donbas\n    quote: Partene møtes igjen\n`,
  );
});

test('kg quotes --check tells found, moved, ambiguous and orphaned quotes after the text was edited', () => {
  const git = (...args: string[]) =>
    spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: data, encoding: 'utf8' });
  git('init', '-q');
  git('add', '.');
  git('commit', '-qm', 'the article');
  const text = readFileSync(join(data, SOURCE), 'utf8');
  const edited =
    // Everything shifts: a new first paragraph.
    'Oppdatert.\n\n' +
    text
      // moved: the words leave their place, and are once elsewhere.
      .replace(', men samtalene møter raskt problemer,', ',')
      // ambiguous: gone from their place, twice elsewhere.
      .replace('Russlands utenriksminister Sergej Lavrov understreket', 'Utenriksministeren understreket')
      // orphaned: the words are nowhere.
      .replace('basert på kollektiv sikkerhet', 'basert på felles sikkerhet') +
    '\nSamtalene: samtalene møter raskt problemer. Russlands utenriksminister Sergej Lavrov og Russlands utenriksminister Sergej Lavrov.\n';
  writeFileSync(join(data, SOURCE), edited);

  const r = kg(['quotes', 'graph-data', '--check', '--against', 'HEAD', '-f', 'json']);
  expect(r.code).toBe(1);
  const { counts, quotes } = JSON.parse(r.stdout) as {
    counts: Record<string, number>;
    quotes: QuoteStatus[];
  };
  const status = (id: string, field = 'quote') =>
    quotes.find((q) => q.statement === id && q.field === field)?.status;
  expect(status('s:talks-run-into-problems')).toBe('moved');
  expect(status('s:usa-works-on-security-guarantees')).toBe('found');
  expect(status('s:usa-works-on-security-guarantees', 'sourceQuote')).toBe('found');
  const lavrov = quotes.filter((q) => q.status === 'ambiguous');
  expect(lavrov.length).toBeGreaterThan(0);
  for (const q of lavrov) expect(q.spans).toHaveLength(2);
  const orphaned = quotes.filter((q) => q.status === 'orphaned').map((q) => q.statement);
  expect(orphaned.length).toBeGreaterThan(0);
  expect(counts).toEqual({
    found: quotes.length - counts.moved! - counts.ambiguous! - counts.orphaned!,
    moved: quotes.filter((q) => q.status === 'moved').length,
    ambiguous: lavrov.length,
    orphaned: orphaned.length,
  });
  // Without the earlier text, a quote found once is found: the moved one cannot be told.
  const plain = JSON.parse(kg(['quotes', 'graph-data', '--check', '-f', 'json']).stdout) as typeof counts & {
    quotes: QuoteStatus[];
  };
  expect(plain.quotes.find((q) => q.statement === 's:talks-run-into-problems')?.status).toBe('found');
  // The text report names each quote that is not found, then the counts.
  const textReport = kg(['quotes', 'graph-data', '--check', '--against', 'HEAD']);
  expect(textReport.code).toBe(1);
  expect(textReport.stdout).toMatch(/moved s:talks-run-into-problems quote \(now at \d+-\d+\)/);
  expect(textReport.stdout.trim().split('\n').pop()).toBe(
    `${quotes.length} quotes: ${counts.found} found, ${counts.moved} moved, ${counts.ambiguous} ambiguous, ${counts.orphaned} orphaned`,
  );
  // The unedited text: every quote is found.
  writeFileSync(join(data, SOURCE), text);
  expect(kg(['quotes', 'graph-data', '--check', '--against', 'HEAD']).code).toBe(0);
});

/** kg annotate started as a user starts it: its first line of output (the address), and its exit. */
async function annotate(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [CLI, 'annotate', 'graph-data', '--no-cache', ...args], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1', NEO4J_URI: '', ...env },
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  // The address is printed once the server listens and the signal handlers are installed (one tick).
  const line = await new Promise<string>((resolve) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
  });
  return { child, line, exited, stderr: () => stderr };
}

test.each(['SIGINT', 'SIGTERM'] as const)(
  'kg annotate serves until %s, then closes the server and exits 0 (the stop was asked for)',
  async (signal) => {
    const { child, line, exited, stderr } = await annotate(['--json']);
    const { url, port } = JSON.parse(line) as { url: string; port: number };
    expect((await fetch(url)).status).toBe(200);
    child.kill(signal);
    await expect(exited).resolves.toBe(0);
    expect(stderr()).toBe('');
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  },
);

test('kg annotate --port N listens there, and --open hands the address to the desktop opener', async () => {
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as AddressInfo;
      probe.close(() => resolve(free));
    });
  });
  // A stand-in xdg-open that writes down what it was given.
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s' "$1" > "${join(dir, 'opened')}"\n`, {
    mode: 0o755,
  });
  const {
    child,
    line: first,
    exited,
  } = await annotate(['--port', String(port), '--open'], {
    PATH: `${bin}:${process.env.PATH ?? ''}`,
  });
  const url = first.replace('kg annotate: ', '');
  expect(url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/\\?token=[\\w-]{32}$`));
  expect((await fetch(url)).status).toBe(200);
  const opened = join(dir, 'opened');
  while (!existsSync(opened) || readFileSync(opened, 'utf8') === '')
    await new Promise((r) => setTimeout(r, 50));
  expect(readFileSync(opened, 'utf8')).toBe(url);
  child.kill('SIGTERM');
  await expect(exited).resolves.toBe(0);
});
