import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import initSqlJs from 'sql.js';
import { discourseNetworks, KgError, loadGraph, networkEdges, validate } from '../../src';
import { importDna } from '../../src/import/dna';
import { buildDna, type DnaSpec } from '../dna-fixture';
import { ROOT } from '../helpers';

const CLI = join(ROOT, 'dist', 'cli', 'main.js');
const GOLDEN = join(ROOT, 'tests', 'golden', 'dna-import');
const tmp = mkdtempSync(join(tmpdir(), 'factgraph-dna-'));

// Document 1: a decomposed é and two emoji (four UTF-16 units, two code points) before the quotes, so an
// importer counting code points, or normalizing before it cuts, takes the wrong words.
const TEXT_1 =
  'Cafe\u0301 talk 🌍🔥 opens the debate.\nAna Støre said: coal must go before 2030.\n' +
  'Bo Li disagreed: a carbon tax is not the answer.\nThe minister told a story about miners.';
// Document 2: CRLF line ends, which DNA's editor shows (and counts) as one character; a phrase twice.
const TEXT_2 = 'The Green Party backs the plan.\r\nCoal is dirty. Coal is dirty, said Ana Store.\r\n';
const LF_2 = TEXT_2.replaceAll('\r\n', '\n');

/** The UTF-16 span of `part` in `text` (its `nth` occurrence), as DNA's Swing editor gives it. */
function span(text: string, part: string, nth = 1): { start: number; stop: number } {
  let start = -1;
  for (let i = 0; i < nth; i++) start = text.indexOf(part, start + 1);
  if (start < 0) throw new Error(`${part} not in text`);
  return { start, stop: start + part.length };
}

/** A statement of type 1 on `part` of a text (document 1's, else document 2's), coded by the document's coder. */
function coded(id: number, text: string, part: string, values: Record<number, number | string>, nth = 1) {
  const document = text === TEXT_1 ? 1 : 2;
  return { id, type: 1, document, ...span(text, part, nth), coder: document === 1 ? 2 : 1, values };
}

const MARCH_5 = Date.UTC(2024, 2, 5) / 1000;

const SPEC: DnaSpec = {
  version: '3.0.11',
  coders: { 1: 'Admin', 2: 'Ada Coder' },
  statementTypes: { 1: 'DNA Statement', 2: 'NPF Story Element' },
  variables: {
    1: ['person', 'short text', 1],
    2: ['organization', 'short text', 1],
    3: ['concept', 'short text', 1],
    4: ['agreement', 'boolean', 1],
    5: ['intensity', 'integer', 1],
    6: ['narrator', 'short text', 2],
    7: ['plot', 'long text', 2],
  },
  entities: {
    1: [1, ''],
    2: [1, 'Ana Støre'],
    3: [1, 'Bo Li'],
    4: [1, 'Ana Store'],
    5: [2, ''],
    6: [2, 'Ministry of Energy'],
    7: [2, 'Green Party', 6],
    8: [3, ''],
    9: [3, 'Coal must go.'],
    10: [3, 'Carbon tax now'],
    11: [6, 'The minister'],
  },
  attributes: [
    [2, 'Alias', 'Støre'],
    [2, 'Notes', 'Energy minister.'],
    [2, 'Type', 'Government'],
    [3, 'Type', ''],
  ],
  documents: [
    {
      id: 1,
      title: 'Energy debate 🌍',
      text: TEXT_1,
      coder: 2,
      date: MARCH_5,
      author: 'Doe, Jane',
      source: 'The Daily Planet',
      section: 'Politics',
      type: 'news',
      notes: 'Second reading.',
    },
    { id: 2, title: 'Energy debate 🌍', text: TEXT_2, coder: 1, date: MARCH_5 + 12 * 3600 },
  ],
  statements: [
    coded(1, TEXT_1, 'coal must go before 2030.', { 1: 2, 2: 6, 3: 9, 4: 1, 5: 2 }),
    coded(2, TEXT_1, 'a carbon tax is not the answer', { 1: 3, 2: 7, 3: 10, 4: 0, 5: 3 }),
    coded(3, LF_2, 'backs the plan.\nCoal', { 1: 1, 2: 7, 3: 9, 4: 1 }),
    coded(4, LF_2, 'Coal is dirty', { 1: 4, 2: 6, 3: 9, 4: 1 }, 2),
    { ...coded(5, TEXT_1, 'The minister told a story', { 6: 11, 7: 'Miners lose jobs.' }), type: 2 },
    coded(6, TEXT_1, 'Bo Li disagreed', { 1: 3, 2: 7, 3: 8, 4: 1 }),
  ],
};

let fixture: string;
let out: string;
let result: Awaited<ReturnType<typeof importDna>>;

beforeAll(async () => {
  fixture = join(tmp, 'debate.dna');
  writeFileSync(fixture, await buildDna(SPEC));
  out = join(tmp, 'debate');
  result = await importDna(fixture, out, { language: 'en' });
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Every file under `dir`, by path relative to it. */
function files(dir: string): Record<string, string> {
  const found: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }))
      if (e.isDirectory()) walk(join(d, e.name));
      else found[relative(dir, join(d, e.name))] = readFileSync(join(d, e.name), 'utf8');
  };
  walk(dir);
  return found;
}

test('the summary counts what was imported and everything that was not', () => {
  expect(result).toMatchObject({
    dnaVersion: '3.0.11',
    statementType: 'DNA Statement',
    documents: 2,
    entities: { Person: 3, Organization: 2, Concept: 2 },
    statements: { SUPPORTS: 3, REJECTS: 1 },
    quotesExtended: 1,
  });
  expect(result.notImported).toEqual([
    {
      what: 'attribute "Type" of person entities',
      count: 1,
      reason: 'the model has no field for it',
      dnaIds: [2],
    },
    {
      what: 'organization hierarchy (ChildOf)',
      count: 1,
      reason: 'the model has no entity hierarchy',
      dnaIds: [7],
    },
    { what: 'time of day of documents', count: 1, reason: 'a document date is a day', dnaIds: [2] },
    {
      what: 'values of variable "intensity" (DNA Statement, integer)',
      count: 2,
      reason: 'the model has no field for it',
    },
    {
      what: 'statements of type "NPF Story Element"',
      count: 1,
      reason: 'only "DNA Statement" is imported (--statement-type)',
      dnaIds: [5],
    },
    {
      what: 'values of variable "narrator" (NPF Story Element, short text)',
      count: 1,
      reason: 'the statement type is not imported',
    },
    {
      what: 'values of variable "plot" (NPF Story Element, long text)',
      count: 1,
      reason: 'the statement type is not imported',
    },
    { what: 'statements of type "DNA Statement"', count: 1, reason: 'no concept coded', dnaIds: [6] },
  ]);
});

test('kg validate passes on the imported data set, without a warning', async () => {
  const validation = await validate([out]);
  expect(validation.errors).toEqual([]);
  expect(validation.warnings).toEqual([]);
  expect([
    validation.dataset.documents.size,
    validation.dataset.entities.size,
    validation.dataset.statements.size,
  ]).toEqual([2, 7, 4]);
});

test('the files are the golden data set, byte for byte', () => {
  const written = files(out);
  if (process.env.UPDATE_GOLDEN) {
    rmSync(GOLDEN, { recursive: true, force: true });
    for (const [name, text] of Object.entries(written)) {
      mkdirSync(dirname(join(GOLDEN, name)), { recursive: true });
      writeFileSync(join(GOLDEN, name), text);
    }
  }
  expect(written).toEqual(files(GOLDEN));
  expect(Object.keys(written).sort()).toEqual(result.files.sort());
});

test('quotes are cut at UTF-16 offsets of the LF text, and widened only where they occur twice', async () => {
  const { dataset } = await loadGraph([out]);
  const quote = (id: string) => dataset.statements.get(id)?.record.quote;
  expect(quote('s:dna-1')).toBe('coal must go before 2030.');
  expect(quote('s:dna-2')).toBe('a carbon tax is not the answer');
  expect(quote('s:dna-3')).toBe('backs the plan.\nCoal');
  expect(quote('s:dna-4')).toBe('dirty. Coal is dirty');
  expect(readFileSync(join(out, 'statements', '2024-03-05-energy-debate-2.yaml'), 'utf8')).toContain(
    `# DNA statement 4: its span ${SPEC.statements[3]!.start}-${SPEC.statements[3]!.stop} occurs more than once`,
  );
});

test('the graph has the stances: SUPPORTS or REJECTS of the person, on behalf of the organization', async () => {
  const { graph } = await loadGraph([out]);
  const edges = graph.mapEdges((id, a, source, target) => [
    id,
    source,
    a.predicate,
    target,
    a.onBehalfOf ?? null,
    a.coder ?? null,
  ]);
  expect(edges.sort()).toEqual([
    [
      's:dna-1',
      'person:ana-store',
      'SUPPORTS',
      'concept:coal-must-go',
      'organization:ministry-of-energy',
      'Ada Coder',
    ],
    ['s:dna-2', 'person:bo-li', 'REJECTS', 'concept:carbon-tax-now', 'organization:green-party', 'Ada Coder'],
    ['s:dna-3', 'organization:green-party', 'SUPPORTS', 'concept:coal-must-go', null, 'Admin'],
    [
      's:dna-4',
      'person:ana-store-2',
      'SUPPORTS',
      'concept:coal-must-go',
      'organization:ministry-of-energy',
      'Admin',
    ],
  ]);
  expect(graph.getNodeAttributes('person:ana-store')).toEqual({
    kind: 'Person',
    name: 'Ana Støre',
    aliases: ['Støre'],
    description: 'Energy minister.',
  });
  expect(graph.getAttribute('documents')['doc:2024-03-05-energy-debate']).toMatchObject({
    title: 'Energy debate 🌍',
    date: '2024-03-05',
    language: 'en',
    outlet: 'The Daily Planet',
    author: 'Doe, Jane',
    section: 'Politics',
    genre: 'news',
    note: 'Second reading.',
    coder: 'Ada Coder',
  });
});

describe('errors', () => {
  const expectError = async (promise: Promise<unknown>, code: string, message: RegExp) => {
    const error: unknown = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(KgError);
    expect((error as KgError).code).toBe(code);
    expect((error as KgError).message).toMatch(message);
  };
  const dna = async (name: string, spec: DnaSpec) => {
    const path = join(tmp, name);
    writeFileSync(path, await buildDna(spec));
    return path;
  };

  test('a file that is not SQLite, or SQLite without DNA tables: NOT_A_DNA_DATABASE', async () => {
    const text = join(tmp, 'notes.dna');
    writeFileSync(text, 'person;concept\n');
    await expectError(importDna(text, join(tmp, 'x1')), 'NOT_A_DNA_DATABASE', /not an SQLite file/);
    const SQL = await initSqlJs();
    const empty = new SQL.Database();
    empty.run('CREATE TABLE DOCUMENTS(ID INTEGER)');
    const other = join(tmp, 'other.sqlite');
    writeFileSync(other, empty.export());
    await expectError(
      importDna(other, join(tmp, 'x2')),
      'NOT_A_DNA_DATABASE',
      /no table CODERS, STATEMENTTYPES/,
    );
    expect(existsSync(join(tmp, 'x1')) || existsSync(join(tmp, 'x2'))).toBe(false);
  });

  test('a statement type the file lacks: DNA_STATEMENT_TYPE_NOT_FOUND, naming those it has', async () => {
    await expectError(
      importDna(fixture, join(tmp, 'x3'), { statementType: 'Frames' }),
      'DNA_STATEMENT_TYPE_NOT_FOUND',
      /no statement type "Frames"; it has "DNA Statement", "NPF Story Element"/,
    );
  });

  test('a statement type without concept or agreement, or with the wrong data type: DNA_VARIABLE_NOT_FOUND', async () => {
    await expectError(
      importDna(fixture, join(tmp, 'x4'), { statementType: 'NPF Story Element' }),
      'DNA_VARIABLE_NOT_FOUND',
      /"NPF Story Element" has no variable "person", "concept", "agreement"; its variables are "narrator", "plot"/,
    );
    const wrong = await dna('wrong.dna', {
      ...SPEC,
      variables: { ...SPEC.variables, 4: ['agreement', 'short text', 1] },
    });
    await expectError(
      importDna(wrong, join(tmp, 'x5')),
      'DNA_VARIABLE_NOT_FOUND',
      /"agreement" .* is short text, not boolean or integer/,
    );
  });

  test('renamed variables are found with the options; an integer agreement of 0 is neutral, not imported', async () => {
    const renamed = await dna('renamed.dna', {
      ...SPEC,
      variables: { ...SPEC.variables, 1: ['actor', 'short text', 1], 4: ['stance', 'integer', 1] },
      statements: SPEC.statements.map((s) =>
        s.id === 2
          ? { ...s, values: { ...s.values, 4: -1 } }
          : s.id === 3
            ? { ...s, values: { ...s.values, 4: 0 } }
            : s,
      ),
    });
    const r = await importDna(renamed, join(tmp, 'renamed'), {
      variables: { person: 'actor', agreement: 'stance' },
    });
    expect(r.statements).toEqual({ SUPPORTS: 2, REJECTS: 1 });
    expect(r.notImported).toContainEqual({
      what: 'statements of type "DNA Statement"',
      count: 1,
      reason: 'neutral agreement (0 on an integer scale)',
      dnaIds: [3],
    });
  });

  test('an output folder that is not empty: OUTPUT_FAILED, and nothing in it changes', async () => {
    const full = join(tmp, 'full');
    mkdirSync(full);
    writeFileSync(join(full, 'keep.txt'), 'mine');
    await expectError(importDna(fixture, full), 'OUTPUT_FAILED', /not an empty folder/);
    expect(readdirSync(full)).toEqual(['keep.txt']);
  });
});

describe('kg import dna', () => {
  const kg = (args: string[]) => {
    if (!existsSync(CLI)) throw new Error('dist/ is missing: run npm run build (npm test does)');
    const r = spawnSync(process.execPath, [CLI, ...args], {
      cwd: tmp,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  test('prints the counts, what was not imported and the validation; --json the same as data', () => {
    const r = kg(['import', 'dna', 'debate.dna', '--out', 'cli', '--language', 'en']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'imported debate.dna (DNA 3.0.11), "DNA Statement": 2 documents, 7 entities (3 Person, 2 Organization, 2 Concept), 4 statements (3 SUPPORTS, 1 REJECTS) into cli',
        "1 quote widened beyond DNA's span to occur once in the text (see the comments in statements/)",
        'not imported:',
        '      1  attribute "Type" of person entities: the model has no field for it',
        '      1  organization hierarchy (ChildOf): the model has no entity hierarchy',
        '      1  time of day of documents: a document date is a day',
        '      2  values of variable "intensity" (DNA Statement, integer): the model has no field for it',
        '      1  statements of type "NPF Story Element": only "DNA Statement" is imported (--statement-type)',
        '      1  values of variable "narrator" (NPF Story Element, short text): the statement type is not imported',
        '      1  values of variable "plot" (NPF Story Element, long text): the statement type is not imported',
        '      1  statements of type "DNA Statement": no concept coded',
        'valid: 7 files: 2 documents, 7 entities, 4 statements',
        '',
      ].join('\n'),
    );
    expect(files(join(tmp, 'cli'))).toEqual(files(GOLDEN));
    const json = kg(['--json', 'import', 'dna', 'debate.dna', '--out', 'cli-json', '--language', 'en']);
    expect(json.code).toBe(0);
    const {
      files: written,
      out: where,
      ...summary
    } = JSON.parse(json.stdout) as typeof result & { ok: boolean; out: string };
    expect(where).toBe('cli-json');
    expect(written.sort()).toEqual(result.files.sort());
    expect(summary).toEqual({ ok: true, ...result, files: undefined });
  });

  test('a file that is not a DNA database: exit 2 with its code', () => {
    writeFileSync(join(tmp, 'plain.txt'), 'hello');
    const r = kg(['--json', 'import', 'dna', 'plain.txt', '--out', 'never']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, error: { code: 'NOT_A_DNA_DATABASE' } });
    expect(existsSync(join(tmp, 'never'))).toBe(false);
  });
});

test('imported, then networked: who agrees with whom on the DNA concepts, by person and by organization', async () => {
  const { dataset } = await validate([out]);
  const ties = (options: Parameters<typeof discourseNetworks>[1]) => {
    const result = discourseNetworks(dataset, options);
    // A one-mode tie has no direction: its ends in order, the ties in order.
    return result.networks
      .flatMap((n) =>
        networkEdges(result, n).map((e) => `${[e.source, e.target].sort().join(' ')} ${e.weight}`),
      )
      .sort();
  };
  // On "Coal must go." Ana Støre and Ana Store (two persons), and the Green Party coded without a person,
  // all agree; Bo Li alone rejects the carbon tax: no conflict.
  expect(ties({ type: 'congruence' })).toEqual([
    'organization:green-party person:ana-store 1',
    'organization:green-party person:ana-store-2 1',
    'person:ana-store person:ana-store-2 1',
  ]);
  expect(ties({ type: 'conflict' })).toEqual([]);
  // By organization: the Ministry (for both Anas) and the Green Party agree on coal.
  expect(ties({ type: 'congruence', actors: 'organization' })).toEqual([
    'organization:green-party organization:ministry-of-energy 1',
  ]);
});
