import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  truncateSync,
  utimesSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBigDataset } from '../big-dataset';
import { FAULT_CAMPAIGN } from '../fault-campaign-table';
import { ROOT } from '../helpers';
import { cypher, testNeo4j } from '../neo4j-helpers';

/**
 * The fault campaign: each fault injected for real (a data folder, FIFO, device node or symbolic link
 * as --out, a killed export), each row a fault and the state it must end in.
 */

/** The faults this file's tests inject, as they are defined (whatever -t runs of them). */
const injected: string[] = [];

/** A test's title: the fault and the state it must end in, from the campaign's table. */
function injects(fault: string): string {
  const row = FAULT_CAMPAIGN.find((r) => r.fault === fault);
  if (!row) throw new Error(`${fault}: not in tests/fault-campaign-table.ts`);
  injected.push(fault);
  return `${fault} -> ${row.state}`;
}

const CLI = join(ROOT, 'dist', 'cli', 'main.js');
const isRoot = process.getuid?.() === 0;

/** The environment of a user with no Neo4j configured: kg query runs on the memory backend. */
const env = Object.fromEntries(
  Object.entries({ ...process.env, NO_COLOR: '1' }).filter(([k]) => !k.startsWith('NEO4J_')),
);

function kg(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Everything under a path as lstat sees it: each entry's type and, for files, bytes and links, target. */
function snapshot(path: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (p: string, rel: string) => {
    const info = lstatSync(p);
    if (info.isDirectory()) {
      out[rel] = 'folder';
      for (const name of readdirSync(p).sort()) walk(join(p, name), `${rel}/${name}`);
    } else if (info.isSymbolicLink()) out[rel] = `link -> ${readlinkSync(p)}`;
    else if (info.isFile()) out[rel] = `file ${readFileSync(p).toString('base64')}`;
    else out[rel] = `special ${info.mode.toString(8)} ${info.rdev}`;
  };
  if (existsSync(path) || isLink(path)) walk(path, '.');
  return out;
}

const isLink = (p: string) => {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
};

/** A fresh folder holding a copy of the article's data as data/. */
function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'factgraph-faults-'));
  cpSync(join(ROOT, 'graph-data'), join(dir, 'data'), { recursive: true });
  return dir;
}

interface OutputCase {
  fault: string;
  /** Makes the fault in the workspace; returns the path whose state is checked. */
  setup: (dir: string) => string;
  args: string[];
  exit: number;
  /** On failure: the problem printed. */
  error?: RegExp;
  /** What is at the checked path afterwards: 'untouched', or a check of it. */
  after: 'untouched' | ((path: string, dir: string) => void);
  skip?: boolean;
}

const hasManifest = (folder: string) => expect(existsSync(join(folder, '.factgraph-export.json'))).toBe(true);

/** fault -> expected state: for every output fault, the exit status, the error, and what is left. */
const OUTPUT_CASES: OutputCase[] = [
  {
    fault: 'the data folder as --out of a folder export',
    setup: (dir) => join(dir, 'data'),
    args: ['export', 'data', '--format', 'neo4j-csv', '--out', 'data'],
    exit: 2,
    error: /error OUTPUT_FAILED refusing to write data: it holds the data this export reads/,
    after: 'untouched',
  },
  {
    fault: 'the data folder as --out, with --force',
    setup: (dir) => join(dir, 'data'),
    args: ['export', 'data', '--format', 'neo4j-csv', '--out', 'data', '--force'],
    exit: 2,
    error: /OUTPUT_FAILED .*even --force never removes it/,
    after: 'untouched',
  },
  {
    fault: 'the data folder as --out-dir of export --all, with --force',
    setup: (dir) => join(dir, 'data'),
    args: ['export', 'data', '--all', '--out-dir', 'data', '--force'],
    exit: 2,
    error: /OUTPUT_FAILED refusing to write data: it holds the data this export reads/,
    after: 'untouched',
  },
  {
    fault: 'a data file as --out, with --force',
    setup: (dir) => join(dir, 'data', 'entities', 'people.yaml'),
    args: ['export', 'data', '--format', 'gexf', '--out', 'data/entities/people.yaml', '--force'],
    exit: 2,
    error: /OUTPUT_FAILED .*it is a file this export reads/,
    after: 'untouched',
  },
  {
    fault: 'a folder of unrelated files as --out',
    setup: (dir) => {
      mkdirSync(join(dir, 'notes'));
      writeFileSync(join(dir, 'notes', 'thesis.txt'), 'years of work');
      return join(dir, 'notes');
    },
    args: ['export', 'data', '--format', 'neo4j-csv', '--out', 'notes'],
    exit: 2,
    error: /OUTPUT_FAILED refusing to write notes: it is a folder that is not an earlier export .*--force/,
    after: 'untouched',
  },
  {
    fault: 'a folder of unrelated files as --out-dir of export --all',
    setup: (dir) => {
      mkdirSync(join(dir, 'out'));
      writeFileSync(join(dir, 'out', 'graph.json'), 'an earlier export');
      writeFileSync(join(dir, 'out', 'thesis.txt'), 'years of work');
      return join(dir, 'out');
    },
    args: ['export', 'data', '--all'],
    exit: 2,
    error: /OUTPUT_FAILED refusing to write out: it is a folder that is not an earlier export/,
    after: 'untouched',
  },
  {
    fault: 'a folder of unrelated files as --out, with --force',
    setup: (dir) => {
      mkdirSync(join(dir, 'notes'));
      writeFileSync(join(dir, 'notes', 'scratch.txt'), 'to be replaced');
      return join(dir, 'notes');
    },
    args: ['export', 'data', '--format', 'neo4j-csv', '--out', 'notes', '--force'],
    exit: 0,
    after: (path) => {
      expect(existsSync(join(path, 'scratch.txt'))).toBe(false);
      hasManifest(path);
    },
  },
  {
    fault: 'a FIFO as --out',
    setup: (dir) => {
      spawnSync('mkfifo', [join(dir, 'pipe')]);
      return join(dir, 'pipe');
    },
    args: ['export', 'data', '--format', 'graphml', '--out', 'pipe', '--force'],
    exit: 2,
    error: /OUTPUT_FAILED refusing to write pipe: it is a FIFO \(named pipe\), not a regular file .*--out -/,
    after: 'untouched',
  },
  {
    fault: 'a FIFO as --out of a folder export',
    setup: (dir) => {
      spawnSync('mkfifo', [join(dir, 'pipe')]);
      return join(dir, 'pipe');
    },
    args: ['export', 'data', '--format', 'neo4j-csv', '--out', 'pipe', '--force'],
    exit: 2,
    error: /OUTPUT_FAILED refusing to write pipe: it is a FIFO/,
    after: 'untouched',
  },
  {
    fault: 'a character device (our own /dev/null node) as --out',
    skip: !isRoot,
    setup: (dir) => {
      const r = spawnSync('mknod', [join(dir, 'null'), 'c', '1', '3']);
      if (r.status !== 0) throw new Error(`mknod failed: ${r.stderr.toString()}`);
      return join(dir, 'null');
    },
    args: ['export', 'data', '--format', 'graphml', '--out', 'null', '--force'],
    exit: 2,
    error: /OUTPUT_FAILED refusing to write null: it is a character device/,
    after: (path) => expect(lstatSync(path).isCharacterDevice()).toBe(true),
  },
  {
    fault: 'a symbolic link to a file elsewhere as --out',
    setup: (dir) => {
      writeFileSync(join(dir, 'precious.txt'), 'keep me');
      symlinkSync(join(dir, 'precious.txt'), join(dir, 'link'));
      return dir;
    },
    args: ['export', 'data', '--format', 'graphml', '--out', 'link'],
    exit: 2,
    error: /OUTPUT_FAILED refusing to write link: it is a symbolic link to .*precious\.txt/,
    after: (dir) => {
      expect(readlinkSync(join(dir, 'link'))).toBe(join(dir, 'precious.txt'));
      expect(readFileSync(join(dir, 'precious.txt'), 'utf8')).toBe('keep me');
    },
  },
  {
    fault: 'a symbolic link as --out, with --force',
    setup: (dir) => {
      writeFileSync(join(dir, 'precious.txt'), 'keep me');
      symlinkSync(join(dir, 'precious.txt'), join(dir, 'link'));
      return dir;
    },
    args: ['export', 'data', '--format', 'graphml', '--out', 'link', '--force'],
    exit: 0,
    after: (dir) => {
      expect(lstatSync(join(dir, 'link')).isFile()).toBe(true);
      expect(readFileSync(join(dir, 'precious.txt'), 'utf8')).toBe('keep me');
    },
  },
  {
    fault: 'a symbolic link to the data folder as --out of a folder export',
    setup: (dir) => {
      symlinkSync(join(dir, 'data'), join(dir, 'link'));
      return join(dir, 'data');
    },
    args: ['export', 'data', '--format', 'neo4j-csv', '--out', 'link'],
    exit: 2,
    error: /OUTPUT_FAILED refusing to write link: it is a symbolic link/,
    after: 'untouched',
  },
  {
    fault: 'a symbolic link to the data folder as --out, with --force',
    setup: (dir) => {
      symlinkSync(join(dir, 'data'), join(dir, 'link'));
      return dir;
    },
    args: ['export', 'data', '--format', 'neo4j-csv', '--out', 'link', '--force'],
    exit: 0,
    after: (dir) => {
      expect(snapshot(join(dir, 'data'))).toEqual(snapshot(join(ROOT, 'graph-data')));
      hasManifest(join(dir, 'link'));
    },
  },
  {
    fault: 'an existing folder as --out of a file format',
    setup: (dir) => {
      mkdirSync(join(dir, 'exports'));
      return join(dir, 'exports');
    },
    args: ['export', 'data', '--format', 'gexf', '--out', 'exports'],
    exit: 0,
    after: (path) => expect(readdirSync(path)).toEqual(['graph.gexf']),
  },
  {
    fault: 'an earlier export as --out',
    setup: (dir) => {
      expect(kg(['export', 'data', '--format', 'neo4j-csv', '--out', 'csv'], dir).code).toBe(0);
      writeFileSync(join(dir, 'csv', 'statements.csv'), 'stale');
      return join(dir, 'csv');
    },
    args: ['export', 'data', '--format', 'neo4j-csv', '--out', 'csv'],
    exit: 0,
    after: (path) => expect(readFileSync(join(path, 'statements.csv'), 'utf8')).not.toBe('stale'),
  },
  {
    fault: 'a stale temporary file of a killed export beside the target',
    setup: (dir) => {
      writeFileSync(join(dir, '.graph.gexf.factgraph-tmp-999999999-abc'), 'half');
      return dir;
    },
    args: ['export', 'data', '--format', 'gexf', '--out', 'graph.gexf'],
    exit: 0,
    after: (dir) => expect(readdirSync(dir).filter((f) => f.includes('factgraph-'))).toEqual([]),
  },
];

describe('outputs: fault -> expected state', () => {
  test.each(OUTPUT_CASES.map((c) => [injects(c.fault), c] as const))('%s', (_, c) => {
    if (c.skip) return;
    const dir = workspace();
    const checked = c.setup(dir);
    const before = snapshot(checked);
    const r = kg(c.args, dir);
    expect({ exit: r.code, stderr: r.stderr }).toEqual({ exit: c.exit, stderr: expect.anything() });
    if (c.error) expect(r.stderr).toMatch(c.error);
    else expect(r.stderr).toBe('');
    if (c.after === 'untouched') expect(snapshot(checked)).toEqual(before);
    else c.after(checked, dir);
  });

  test(injects('--out - for every file format'), () => {
    const dir = workspace();
    for (const [format, name] of [
      ['graphml', 'graph.graphml'],
      ['turtle', 'graph.ttl'],
      ['html', 'graph.html'],
    ]) {
      expect(kg(['export', 'data', '--format', format!, '--out', name!], dir).code).toBe(0);
      const r = kg(['export', 'data', '--format', format!, '--out', '-'], dir);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(readFileSync(join(dir, name!), 'utf8'));
    }
    const folder = kg(['export', 'data', '--format', 'neo4j-csv', '--out', '-'], dir);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/USAGE neo4j-csv is a folder of files/);
  });

  test(injects('export --all'), () => {
    const dir = workspace();
    expect(kg(['export', 'data', '--all'], dir).code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(dir, 'out', '.factgraph-export.json'), 'utf8')) as {
      factgraph: string;
      data: string;
      files: Record<string, string>;
    };
    expect(manifest.factgraph).toMatch(/^\d+\.\d+\.\d+/);
    expect(manifest.data).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.files['graph.gexf']).toBe(sha256(readFileSync(join(dir, 'out', 'graph.gexf'))));
    expect(manifest.files['neo4j-csv/statements.csv']).toBe(
      sha256(readFileSync(join(dir, 'out', 'neo4j-csv', 'statements.csv'))),
    );
    // A single format written into the set afterwards, then the set again: still factgraph's own.
    expect(kg(['export', 'data', '--format', 'gexf'], dir).code).toBe(0);
    expect(kg(['export', 'data', '--all'], dir).code).toBe(0);
  });
});

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('export --all swaps in a whole set', () => {
  jest.setTimeout(300_000);

  test(injects('SIGKILL while the new set is written'), async () => {
    const dir = workspace();
    writeBigDataset(join(dir, 'big'), 1000, 10000);
    expect(kg(['export', 'data', '--all'], dir).code).toBe(0);
    const old = snapshot(join(dir, 'out'));
    // Killed once the staging folder beside out/ holds a file: some formats new, others not yet.
    const staged = () =>
      readdirSync(dir)
        .filter((f) => f.startsWith('.out.factgraph-staging-'))
        .some((f) => readdirSync(join(dir, f)).length > 0);
    const child = spawn(process.execPath, [CLI, 'export', 'big', '--all'], {
      cwd: dir,
      env,
      stdio: 'ignore',
    });
    const closed = new Promise((resolve) => child.on('close', resolve));
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (staged() || child.exitCode !== null) {
          clearInterval(poll);
          resolve();
        }
      }, 20);
    });
    child.kill('SIGKILL');
    await closed;
    expect(snapshot(join(dir, 'out'))).toEqual(old);
    expect(readdirSync(dir).some((f) => f.startsWith('.out.factgraph-staging-'))).toBe(true);

    // The next run removes the killed run's staging folder and writes the new set.
    expect(kg(['export', 'big', '--all'], dir).code).toBe(0);
    expect(readdirSync(dir).filter((f) => f.includes('factgraph-'))).toEqual([]);
    expect(snapshot(join(dir, 'out'))).not.toEqual(old);
  });

  test(injects('killed between setting the old set aside and renaming the new one in'), () => {
    const dir = workspace();
    expect(kg(['export', 'data', '--all'], dir).code).toBe(0);
    const old = snapshot(join(dir, 'out'));
    // The state such a kill leaves: out/ moved aside under a dead process's name, the new set staged.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    }).stdout;
    renameSync(join(dir, 'out'), join(dir, `.out.factgraph-old-${dead}-x1`));
    mkdirSync(join(dir, `.out.factgraph-staging-${dead}-x2`));
    // A run that fails on the set (a folder format's target is not ours) still restored it first.
    writeFileSync(join(dir, `.out.factgraph-staging-${dead}-x2`, 'graph.json'), 'new');
    const r = kg(['export', 'data', '--format', 'gexf', '--out-dir', 'out'], dir);
    expect(r.code).toBe(0);
    expect(kg(['export', 'data', '--all'], dir).code).toBe(0);
    expect(readdirSync(dir).filter((f) => f.includes('factgraph-'))).toEqual([]);
    expect(Object.keys(snapshot(join(dir, 'out')))).toEqual(Object.keys(old));
  });
});

const STATEMENTS_FILE = join('data', 'statements', '2025-08-21-security-guarantees.yaml');
const SOURCE_TEXT = join('data', 'sources', '2025-08-21-security-guarantees.nb.txt');

/** Moves the statements file to store/ beside data/ and links it back. */
function linkStatementsFromOutside(dir: string): void {
  mkdirSync(join(dir, 'store'));
  renameSync(join(dir, STATEMENTS_FILE), join(dir, 'store', 'statements.yaml'));
  symlinkSync(join(dir, 'store', 'statements.yaml'), join(dir, STATEMENTS_FILE));
}

/** Replaces a file of the workspace with a FIFO, or (as root) a node of /dev/zero. */
function special(dir: string, path: string, kind: 'fifo' | 'zero'): void {
  rmSync(join(dir, path), { force: true });
  const r =
    kind === 'fifo'
      ? spawnSync('mkfifo', [join(dir, path)])
      : spawnSync('mknod', [join(dir, path), 'c', '1', '5']);
  if (r.status !== 0) throw new Error(`cannot make ${kind}: ${r.stderr.toString()}`);
}

interface InputCase {
  fault: string;
  setup: (dir: string) => void;
  args: string[];
  exit: number;
  /** What stdout and stderr together must say. */
  says: RegExp[];
  skip?: boolean;
}

/** fault -> expected state for inputs: each run ends (no hang: a 30 s timeout fails it) as stated. */
const INPUT_CASES: InputCase[] = [
  {
    fault: 'a statements file linked from inside the data folder',
    setup: linkStatementsFromOutside,
    args: ['validate', 'data', '--root', '.'],
    exit: 0,
    says: [/^valid: 11 files: 1 document, 47 entities, 74 statements$/m],
  },
  {
    fault: 'a statements file linked from outside the data folder',
    setup: linkStatementsFromOutside,
    args: ['validate', 'data'],
    exit: 1,
    says: [
      /^data\/statements\/2025-08-21-security-guarantees\.yaml: error PATH_OUTSIDE_ROOT symbolic link to .*store\/statements\.yaml, outside the data folder/m,
    ],
  },
  {
    fault: 'a linked folder inside the data folder',
    setup: (dir) => symlinkSync(join(dir, 'data', 'entities'), join(dir, 'data', 'entities-again')),
    args: ['validate', 'data'],
    exit: 0,
    says: [/^valid: 11 files: 1 document, 47 entities, 74 statements$/m],
  },
  {
    fault: 'a link to a folder that holds it',
    setup: (dir) => symlinkSync(join(dir, 'data'), join(dir, 'data', 'entities', 'loop')),
    args: ['validate', 'data'],
    exit: 1,
    says: [/^data\/entities\/loop: error PATH_LOOP symbolic link leads back to .*data, a folder it is in/m],
  },
  {
    fault: 'a link to itself',
    setup: (dir) => symlinkSync('self.yaml', join(dir, 'data', 'self.yaml')),
    args: ['validate', 'data'],
    exit: 1,
    says: [/^data\/self\.yaml: error PATH_LOOP symbolic link leads round in a loop/m],
  },
  {
    fault: 'a FIFO named .yaml in the data folder',
    setup: (dir) => special(dir, join('data', 'entities', 'pipe.yaml'), 'fifo'),
    args: ['validate', 'data'],
    exit: 0,
    says: [
      /^data\/entities\/pipe\.yaml: warning NOT_REGULAR_FILE a FIFO \(named pipe\), not a regular file or folder: skipped, never read$/m,
      /^valid: 11 files/m,
    ],
  },
  {
    fault: 'a FIFO named .yaml in the data folder, with --strict',
    setup: (dir) => special(dir, join('data', 'entities', 'pipe.yaml'), 'fifo'),
    args: ['validate', 'data', '--strict'],
    exit: 1,
    says: [/^data\/entities\/pipe\.yaml: error NOT_REGULAR_FILE a FIFO/m],
  },
  {
    fault: 'a FIFO given as the data file',
    setup: (dir) => special(dir, 'pipe.yaml', 'fifo'),
    args: ['validate', 'pipe.yaml'],
    exit: 2,
    says: [/error NO_DATA_FILES no \.yaml or \.yml files under pipe\.yaml; .*pipe\.yaml: a FIFO/],
  },
  {
    fault: "a FIFO as a document's source text",
    setup: (dir) => special(dir, SOURCE_TEXT, 'fifo'),
    args: ['validate', 'data'],
    exit: 1,
    says: [
      /^data\/documents\/2025-08-21-security-guarantees\.yaml:\d+:\d+: error NOT_REGULAR_FILE source text ".*": a FIFO \(named pipe\), not a regular file: never read$/m,
    ],
  },
  {
    fault: "a /dev/zero node as a document's source text",
    skip: !isRoot,
    setup: (dir) => special(dir, SOURCE_TEXT, 'zero'),
    args: ['validate', 'data'],
    exit: 1,
    says: [/error NOT_REGULAR_FILE source text ".*": a character device, not a regular file/],
  },
  {
    fault: 'a /dev/zero node named .yaml in the data folder',
    skip: !isRoot,
    setup: (dir) => special(dir, join('data', 'zero.yaml'), 'zero'),
    args: ['validate', 'data'],
    exit: 0,
    says: [/^data\/zero\.yaml: warning NOT_REGULAR_FILE a character device/m],
  },
];

describe('inputs: fault -> expected state', () => {
  test.each(INPUT_CASES.map((c) => [injects(c.fault), c] as const))('%s', (_, c) => {
    if (c.skip) return;
    const dir = workspace();
    c.setup(dir);
    const r = kg(c.args, dir);
    expect({ exit: r.code, output: r.stdout + r.stderr }).toEqual({
      exit: c.exit,
      output: expect.any(String),
    });
    for (const says of c.says) expect(r.stdout + r.stderr).toMatch(says);
  });
});

describe('inputs on the real Neo4j', () => {
  test(injects('kg load --prune with a linked statements file, then one linked from outside'), async () => {
    const config = testNeo4j();
    const dataset = 'fault-campaign-links';
    const neo4jEnv = {
      ...env,
      NEO4J_URI: config.uri,
      NEO4J_USERNAME: config.username,
      NEO4J_PASSWORD: config.password,
      NEO4J_DATABASE: config.database,
    };
    const load = (dir: string, ...extra: string[]) =>
      spawnSync(
        process.execPath,
        [CLI, 'load', 'data', '--backend', 'neo4j', '--dataset', dataset, '--prune', ...extra],
        { cwd: dir, encoding: 'utf8', env: neo4jEnv, timeout: 120_000 },
      );
    const statements = async () =>
      (
        await cypher(
          config,
          "MATCH ()-[r]->() WHERE r.dataset = $dataset AND type(r) <> 'MENTIONED_IN' RETURN count(r) AS n",
          { dataset },
        )
      )[0]?.n;
    const dir = workspace();
    expect(load(dir).status).toBe(0);
    // The article's relationships but mentions: its asserted statements and the statement nodes' ties.
    const all = await statements();
    expect(all).toBeGreaterThanOrEqual(74);

    linkStatementsFromOutside(dir);
    const linked = load(dir, '--root', '.');
    expect(linked.status).toBe(0);
    expect(linked.stdout).toMatch(/74 statements,[\s\S]* removed 0 relationships/);
    expect(await statements()).toBe(all);

    const outside = load(dir);
    expect(outside.status).toBe(1);
    expect(outside.stderr).toMatch(/error PATH_OUTSIDE_ROOT symbolic link to .*store\/statements\.yaml/);
    expect(await statements()).toBe(all);
  });
});

/** Every path of the article, both ways: far more than anyone waits for on the memory backend. */
const ALL_PATHS = 'MATCH p=(a)-[*]-(b) RETURN count(p)';

interface SignalRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs kg and sends `signal` once `ready` says the command is waiting (or `after` ms have passed). */
function signalled(
  args: string[],
  signal: NodeJS.Signals,
  options: { cwd?: string; env?: NodeJS.ProcessEnv; ready: (run: { stderr: string }) => boolean },
): Promise<SignalRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--require', SIGNAL_READY, CLI, ...args], {
      cwd: options.cwd ?? ROOT,
      env: options.env ?? env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const run = { stdout: '', stderr: '' };
    child.stdout.on('data', (d: Buffer) => (run.stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (run.stderr += d.toString()));
    const poll = setInterval(() => {
      if (child.exitCode === null && options.ready(run)) {
        clearInterval(poll);
        child.kill(signal);
      }
    }, 100);
    child.on('error', reject);
    child.on('close', (code, sig) => {
      clearInterval(poll);
      resolve({ code, signal: sig, ...run });
    });
  });
}

const SIGNAL_READY = join(__dirname, '..', 'signal-ready.cjs');

/**
 * True once kg handles signals (tests/signal-ready.cjs says so) and the given time has passed: for a
 * command that shows no sign of where it is, the time puts the signal in the middle of its work.
 */
const after = (ms: number) => {
  const at = Date.now() + ms;
  return (run: { stderr: string }) => run.stderr.includes('[signal handlers installed]') && Date.now() >= at;
};

describe('interrupts and timeouts: fault -> expected state', () => {
  test.each(
    (['SIGTERM', 'SIGINT'] as const).map(
      (signal) =>
        [
          injects(`${signal} during a memory query over every path of the article`),
          signal,
          signal === 'SIGTERM' ? 143 : 130,
        ] as const,
    ),
  )('%s', async (_, signal, exit) => {
    const run = await signalled(['query', ALL_PATHS], signal, { ready: after(1500) });
    expect({ code: run.code, signal: run.signal }).toEqual({ code: exit, signal: null });
    expect(run.stderr).toMatch(
      new RegExp(`^error INTERRUPTED stopped by ${signal} before the work was done`, 'm'),
    );
  });

  test(injects('--timeout 1 on a memory query'), () => {
    const r = kg(['--json', 'query', ALL_PATHS, '--timeout', '1'], ROOT);
    expect(r.code).toBe(9);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({
      ok: false,
      error: {
        code: 'QUERY_TIMEOUT',
        exitCode: 9,
        message: 'the query ran longer than --timeout (1 s) and was stopped',
      },
    });
  });

  test(injects('--timeout of a year (past the 2^31 ms a timer holds) on the memory backend'), () => {
    const r = kg(['--json', 'query', 'MATCH (n) RETURN count(n) AS n', '--timeout', '31536000'], ROOT);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    // The article's 47 entities, its document and its 7 statement nodes.
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, rows: [{ n: 55 }] });
  });

  test(injects('--timeout of a year on Neo4j'), () => {
    const config = testNeo4j();
    const r = spawnSync(
      process.execPath,
      [CLI, '--json', 'query', 'RETURN 1 AS one', '--backend', 'neo4j', '--timeout', '31536000'],
      {
        encoding: 'utf8',
        env: {
          ...env,
          NEO4J_URI: config.uri,
          NEO4J_USERNAME: config.username,
          NEO4J_PASSWORD: config.password,
        },
      },
    );
    expect({ code: r.status, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, rows: [{ one: 1 }] });
  });

  test(injects('SIGTERM while waiting on a server that accepts and never answers'), async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const run = await signalled(
        ['load', '--backend', 'neo4j', '--uri', `bolt://127.0.0.1:${port}`],
        'SIGTERM',
        { ready: after(2000) },
      );
      expect({ code: run.code, signal: run.signal }).toEqual({ code: 143, signal: null });
      expect(run.stderr).toMatch(/^error INTERRUPTED stopped by SIGTERM/m);
    } finally {
      silent.close();
    }
  });

  test(injects('a FIFO as the query file'), () => {
    const dir = workspace();
    special(dir, 'query.cypher', 'fifo');
    const r = kg(['query', '--file', 'query.cypher', '--data', 'data'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /error FILE_UNREADABLE cannot read query\.cypher: a FIFO \(named pipe\), not a regular file/,
    );
  });

  test(injects('SIGTERM while quotes that nearly match are checked'), async () => {
    const dir = workspace();
    // 3,000 quotes of 999 characters that are nowhere in the text, ten a file (a file's first ten get a
    // closest passage): each needs one.
    const text = readFileSync(join(dir, SOURCE_TEXT), 'utf8');
    const near = (i: number) => `${String(i).padStart(4, '0')}${text.slice(0, 995)}`.replace(/\n/g, ' ');
    for (let f = 0; f < 300; f++)
      writeFileSync(
        join(dir, 'data', 'statements', `near-misses-${f}.yaml`),
        [
          'document: doc:2025-08-21-security-guarantees',
          'statements:',
          ...Array.from({ length: 10 }, (_, j) =>
            [
              `  - id: stmt:near-${f * 10 + j}`,
              '    subject: state:russia',
              '    predicate: SUPPORTS',
              '    object: state:ukraine',
              `    quote: ${JSON.stringify(near(f * 10 + j))}`,
            ].join('\n'),
          ),
        ].join('\n'),
      );
    const run = await signalled(['validate', 'data', '--no-cache'], 'SIGTERM', {
      cwd: dir,
      ready: after(2500),
    });
    expect({ code: run.code, signal: run.signal }).toEqual({ code: 143, signal: null });
  });
});

/** Every entry file of a cache folder. */
const cacheFiles = (dir: string) =>
  readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.json'))
    .map((f) => join(dir, f));

/** fault -> expected state for the cache: each damage done to every entry gives the uncached answer. */
const CACHE_CASES: [string, (entry: string) => void][] = [
  ['every entry cut to half its length', (f) => truncateSync(f, Math.floor(statSync(f).size / 2))],
  ['every entry empty', (f) => truncateSync(f, 0)],
  [
    "every entry's payload changed into other valid JSON (quote spans moved, problems dropped)",
    (f) => {
      const [header, payload] = splitOnce(readFileSync(f, 'utf8'));
      writeFileSync(f, `${header}\n${JSON.stringify(tamper(JSON.parse(payload) as unknown))}`);
    },
  ],
  [
    'every entry in the format before checksums (bare JSON)',
    (f) => writeFileSync(f, splitOnce(readFileSync(f, 'utf8'))[1]),
  ],
  [
    'every entry bytes that are not UTF-8',
    (f) => writeFileSync(f, Buffer.from([0xff, 0xfe, 0x00, 0x0a, 0x7b])),
  ],
];

function splitOnce(text: string): [string, string] {
  const at = text.indexOf('\n');
  return [text.slice(0, at), text.slice(at + 1)];
}

/** Other valid JSON of the same shape: numbers moved by one, lists without their first item. */
function tamper(value: unknown): unknown {
  if (typeof value === 'number') return value + 1;
  if (Array.isArray(value)) return value.slice(1).map(tamper);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, tamper(v)]));
  return value;
}

describe('the cache: fault -> expected state', () => {
  /** What validation and the graph say, with the cache given or with none. */
  const answer = (dir: string, cache: string[]) => {
    const validated = kg(['--json', 'validate', 'data', ...cache], dir);
    const graph = kg(['export', 'data', '--format', 'graphology', '--out', '-', ...cache], dir);
    return {
      code: validated.code,
      validated: validated.stdout,
      graph: graph.stdout,
      stderr: validated.stderr + graph.stderr,
    };
  };

  test.each(CACHE_CASES.map(([fault, damage]) => [injects(fault), damage] as const))('%s', (_, damage) => {
    const dir = workspace();
    // A quote that is nowhere in the text: the cached problems are not empty.
    const statements = join(dir, STATEMENTS_FILE);
    writeFileSync(
      statements,
      readFileSync(statements, 'utf8').replace(
        "quote: 'Russlands president Vladimir Putin'",
        "quote: 'Russlands president Vladimir Putn'",
      ),
    );
    const uncached = answer(dir, ['--no-cache']);
    expect(uncached.code).toBe(1);
    const cache = ['--cache-dir', 'cache'];
    expect(answer(dir, cache)).toEqual(uncached);
    const entries = cacheFiles(join(dir, 'cache'));
    expect(entries.length).toBeGreaterThan(10);
    for (const entry of entries) damage(entry);
    expect(answer(dir, cache)).toEqual(uncached);
    // Every damaged entry written again whole; a stats entry (./stat-index.ts) may have joined them, as
    // the data files settled.
    const now = cacheFiles(join(dir, 'cache'));
    expect(now).toEqual(expect.arrayContaining(entries));
    expect(now.length - entries.length).toBeLessThanOrEqual(1);
    const info = JSON.parse(kg(['--json', 'cache', 'info', ...cache], dir).stdout) as Record<string, number>;
    expect(info).toMatchObject({ entries: now.length, damaged: 0, temporary: 0 });
    expect(answer(dir, cache)).toEqual(uncached);
  });

  test(injects('a damaged entry, an old temporary file and a file of the user in the cache folder'), () => {
    const dir = workspace();
    const cache = ['--cache-dir', 'cache'];
    expect(kg(['validate', 'data', ...cache], dir).code).toBe(0);
    const entries = cacheFiles(join(dir, 'cache'));
    truncateSync(entries[0]!, 10);
    const temp = `${entries[1]!}.4242.abc.tmp`;
    writeFileSync(temp, 'half');
    utimesSync(temp, new Date(Date.now() - 2 * 3600_000), new Date(Date.now() - 2 * 3600_000));
    writeFileSync(join(dir, 'cache', 'notes.txt'), 'mine');
    const info = JSON.parse(kg(['--json', 'cache', 'info', ...cache], dir).stdout) as Record<string, number>;
    expect(info).toMatchObject({ entries: entries.length - 1, damaged: 1, temporary: 1 });
    const pruned = JSON.parse(kg(['--json', 'cache', 'prune', ...cache], dir).stdout) as {
      removed: Record<string, number>;
    };
    expect(pruned.removed).toMatchObject({ entries: 0, damaged: 1, temporary: 1 });
    expect(existsSync(entries[0]!)).toBe(false);
    expect(existsSync(temp)).toBe(false);
    const cleared = JSON.parse(kg(['--json', 'cache', 'clear', ...cache], dir).stdout) as {
      removed: Record<string, number>;
    };
    expect(cleared.removed.entries).toBe(entries.length - 1);
    expect(readdirSync(join(dir, 'cache'))).toEqual(['notes.txt']);
  });
});

describe('text that reaches a terminal: fault -> expected state', () => {
  test(injects('a file name with a line break and escape sequences'), () => {
    const dir = workspace();
    const name = 'x\nFAKE.yaml:1:1: error FAKE \u001b[2J\u001b[31m.yaml';
    writeFileSync(join(dir, 'data', 'entities', name), 'entities: [\n');
    const r = kg(['validate', 'data'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('\u001b');
    expect(r.stdout).not.toMatch(/^FAKE/m);
    expect(r.stdout).toContain('data/entities/x\\nFAKE.yaml:1:1: error FAKE \\x1b[2J\\x1b[31m.yaml:');
  });

  test(injects('a table cell or column name with control characters'), () => {
    const r = kg(
      [
        'query',
        'RETURN $x AS `col\u001b[2J`',
        '--param',
        'x="\\u001b[31mred\\nFAKE row"',
        '--data',
        'graph-data',
      ],
      ROOT,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('\u001b');
    expect(r.stdout).toContain('\\x1b[31mred\\nFAKE row');
    expect(r.stdout).toContain('col\\x1b[2J');
  });

  test(injects('an error that names a path with control characters'), () => {
    const dir = workspace();
    const r = kg(['validate', 'no\u001b[2Jsuch'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error PATH_NOT_FOUND no such file or folder: no\\x1b[2Jsuch\n');
  });
});

test('the table of tests/fault-campaign-table.ts (which docs/guarantees.md shows) lists exactly these faults', () => {
  expect([...injected].sort()).toEqual(FAULT_CAMPAIGN.map((r) => r.fault).sort());
  // Where a case asserts an exit status, its row says the same.
  for (const c of [...OUTPUT_CASES, ...INPUT_CASES])
    expect([c.fault, FAULT_CAMPAIGN.find((r) => r.fault === c.fault)!.state]).toEqual([
      c.fault,
      expect.stringMatching(new RegExp(`^exit ${c.exit}\\b`)),
    ]);
});
