// The HTTP API of kg annotate on its own, on a copy of graph-data/: creating, editing and deleting
// statements and entities, the validator's problems, conflicts with changes on disk, undo, the token.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAnnotateServer, TOKEN_HEADER, type AnnotateServer } from '../../src/annotate/server';
import type { FormSchema } from '../../src/annotate/form-schema';
import type { ChangeResult, Problem, Snapshot } from '../../src/annotate/workspace';
import { validate } from '../../src';
import { ROOT } from '../helpers';

const STATEMENTS = 'statements/2025-08-21-security-guarantees.yaml';
const DOC = 'doc:2025-08-21-security-guarantees';

let dir: string;
let data: string;
let server: AnnotateServer;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'factgraph-annotate-'));
  data = join(dir, 'graph-data');
  cpSync(join(ROOT, 'graph-data'), data, { recursive: true });
  server = await startAnnotateServer([data], { cacheDir: join(dir, 'cache') });
});

afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const read = (file: string) => readFileSync(join(data, file), 'utf8');
const original = (file: string) => readFileSync(join(ROOT, 'graph-data', file), 'utf8');

interface Reply<T> {
  status: number;
  body: T & { ok: boolean; error?: { code: string; message: string }; problems?: Problem[] };
}

async function call<T = ChangeResult>(
  method: string,
  path: string,
  body?: unknown,
  token: string | null = server.token,
): Promise<Reply<T>> {
  const response = await fetch(`http://127.0.0.1:${server.port}${path}`, {
    method,
    headers: {
      ...(token === null ? {} : { [TOKEN_HEADER]: token }),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Reply<T>['body'] };
}

const state = async () => (await call<Snapshot>('GET', '/api/state')).body;

/** A statement on words of the article's third paragraph ("Lavrov understreket at Moskva støtter garantier"). */
const LAVROV = {
  id: 's:lavrov-supports-collective-guarantees',
  subject: 'person:sergey-lavrov',
  predicate: 'SUPPORTS',
  object: 'proposal:collective-security-guarantees',
  quote: 'Moskva støtter garantier basert på kollektiv sikkerhet',
};

async function create(record: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const s = await state();
  const text = s.documents[0]!.text;
  return call('POST', '/api/statements', {
    record,
    document: DOC,
    at: text.indexOf(String(record.quote)),
    versions: s.files,
    ...extra,
  });
}

test('the token of the printed URL is required on every API call and for the page', async () => {
  expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
  for (const token of [null, '', 'x'.repeat(32)]) {
    const reply = await call('GET', '/api/state', undefined, token);
    expect(reply.status).toBe(403);
    expect(reply.body.error?.code).toBe('TOKEN_REFUSED');
  }
  const refused = await call('POST', '/api/statements', { record: LAVROV, versions: {} }, 'wrong');
  expect(refused.status).toBe(403);
  expect(read(STATEMENTS)).toBe(original(STATEMENTS));
  expect((await fetch(`http://127.0.0.1:${server.port}/`)).status).toBe(403);
  const page = await fetch(server.url);
  expect(page.status).toBe(200);
  expect(page.headers.get('access-control-allow-origin')).toBeNull();
  expect(page.headers.get('content-security-policy')).toContain("connect-src 'self'");
  // Another host name (DNS rebinding) is refused even with the token.
  const status = await new Promise<number>((resolve, reject) =>
    httpRequest(
      {
        host: '127.0.0.1',
        port: server.port,
        path: '/api/state',
        headers: { host: 'evil.example', [TOKEN_HEADER]: server.token },
      },
      (res) => resolve(res.statusCode ?? 0),
    )
      .on('error', reject)
      .end(),
  );
  expect(status).toBe(403);
});

test('the server answers on 127.0.0.1 only, and a preflight from another origin gets no CORS headers', async () => {
  const outside = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
  // Not on the IPv6 loopback, nor on another interface (when the machine has one).
  await expect(fetch(`http://[::1]:${server.port}/`)).rejects.toThrow();
  if (outside) await expect(fetch(`http://${outside}:${server.port}/`)).rejects.toThrow();
  const preflight = await fetch(`http://127.0.0.1:${server.port}/api/state`, {
    method: 'OPTIONS',
    headers: { Origin: 'https://evil.example', 'Access-Control-Request-Headers': TOKEN_HEADER },
  });
  expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  expect(preflight.headers.get('access-control-allow-headers')).toBeNull();
});

test('the state gives each document its statements file and its mention list', async () => {
  const snapshot = await state();
  const doc = snapshot.documents.find((d) => d.id === DOC)!;
  expect(doc.statementsFile).toBe(STATEMENTS);
  // The mention list: known entities whose name or aliases are in the text, with the forms found.
  const lavrov = doc.mentions.find((m) => m.id === 'person:sergey-lavrov')!;
  expect(lavrov.forms).toEqual(['Sergej Lavrov', 'Lavrov', 'Lavrovs']);
  for (const m of doc.mentions) for (const form of m.forms) expect(doc.text).toContain(form);
  const named = new Set(doc.mentions.map((m) => m.id));
  const absent = snapshot.entities.filter((e) => !named.has(e.id));
  expect(absent.length).toBeGreaterThan(0);
  for (const e of absent)
    for (const form of [e.record.name, ...((e.record.aliases as string[] | undefined) ?? [])])
      expect(String(form).length < 2 || !doc.text.includes(String(form))).toBe(true);
});

test('a new statement is written after the statement before it in text order, every other byte kept', async () => {
  const reply = await create(LAVROV);
  expect(reply.status).toBe(200);
  expect(reply.body).toEqual({ ok: true, written: true, file: STATEMENTS, problems: [] });
  const block = [
    '  - id: s:lavrov-supports-collective-guarantees',
    '    subject: person:sergey-lavrov',
    '    predicate: SUPPORTS',
    '    object: proposal:collective-security-guarantees',
    "    quote: 'Moskva støtter garantier basert på kollektiv sikkerhet'",
    '',
  ].join('\n');
  const after = read(STATEMENTS);
  const at = after.indexOf(block);
  expect(at).toBeGreaterThan(0);
  // Taking the block and its blank line out gives the file as it was, byte for byte.
  expect(after.slice(0, at - 1) + after.slice(at + block.length)).toBe(original(STATEMENTS));
  // It follows the last statement whose quote starts before its own.
  const s = await state();
  const mine = s.statements.find((x) => x.id === LAVROV.id)!;
  const previous = s.statements.filter((x) => x.span!.start <= mine.span!.start && x.id !== LAVROV.id);
  const ids = [...after.matchAll(/^ {2}- id: (\S+)$/gm)].map((m) => m[1]);
  expect(ids.indexOf(LAVROV.id)).toBe(Math.max(...previous.map((p) => ids.indexOf(p.id))) + 1);
  expect((await validate([data])).ok).toBe(true);
});

test('a wrong kind and a quote not in the text are refused with the validator codes, at their fields', async () => {
  const reply = await create({
    ...LAVROV,
    subject: 'proposal:peace-agreement',
    quote: 'Moskva støtter garantiene',
  });
  expect(reply.status).toBe(422);
  expect(reply.body.written).toBe(false);
  expect(reply.body.error?.code).toBe('INVALID_DATA');
  const problems = reply.body.problems!.map((p) => [p.field, p.code]);
  expect(problems).toEqual(
    expect.arrayContaining([
      ['subject', 'KIND_NOT_ALLOWED'],
      ['quote', 'QUOTE_NOT_FOUND'],
    ]),
  );
  const kind = reply.body.problems!.find((p) => p.code === 'KIND_NOT_ALLOWED')!;
  expect(kind.message).toBe(
    'subject of SUPPORTS "proposal:peace-agreement" is a Proposal; allowed: Person, State, Organization, Group',
  );
  expect(read(STATEMENTS)).toBe(original(STATEMENTS));
  // A check only says what the problems would be.
  const check = await create({ ...LAVROV, predicate: 'SUPPORTZ' }, { check: true });
  expect([check.status, check.body.ok, check.body.written]).toEqual([200, false, false]);
  expect(check.body.problems!.map((p) => [p.field, p.code])).toContainEqual([
    'predicate',
    'UNKNOWN_PREDICATE',
  ]);
  expect((await create(LAVROV, { check: true })).body).toMatchObject({ ok: true, written: false });
  expect(read(STATEMENTS)).toBe(original(STATEMENTS));
  // A draft is written with its problems, and kg validate reports them.
  const draft = await create({ ...LAVROV, quote: 'Moskva støtter garantiene' }, { draft: true });
  expect(draft.body).toMatchObject({ ok: false, written: true });
  const errors = (await validate([data])).errors;
  expect(errors.map((e) => e.code)).toEqual(['QUOTE_NOT_FOUND']);
  // The state gives the draft the problem kg validate gives it, at its field.
  const snapshot = await state();
  const listed = snapshot.statements.find((s) => s.id === LAVROV.id)!;
  expect(listed.problems).toEqual([{ ...errors[0]!.toJSON(), file: STATEMENTS, field: 'quote' }]);
  expect(snapshot.statements.filter((s) => s.problems.length > 0).map((s) => s.id)).toEqual([LAVROV.id]);
});

test('an edit rewrites only its statement; a delete takes it out; undo puts each back', async () => {
  await create(LAVROV);
  const created = read(STATEMENTS);
  let s = await state();
  const edit = await call('PUT', `/api/statements/${encodeURIComponent(LAVROV.id)}`, {
    record: { ...LAVROV, certainty: 'probable', note: 'An edit.' },
    versions: s.files,
  });
  expect(edit.status).toBe(200);
  expect(read(STATEMENTS)).toBe(
    created.replace(
      "kollektiv sikkerhet'\n\n  - id",
      "kollektiv sikkerhet'\n    certainty: probable\n    note: 'An edit.'\n\n  - id",
    ),
  );
  // An existing statement with comments and folded notes: a changed field, everything else kept.
  s = await state();
  const talks = s.statements.find((x) => x.id === 's:talks-run-into-problems')!;
  const before = read(STATEMENTS);
  const reply = await call('PUT', '/api/statements/s%3Atalks-run-into-problems', {
    record: { ...talks.record, qualifiers: ['quickly', 'at once'] },
    versions: s.files,
  });
  expect(reply.status).toBe(200);
  expect(read(STATEMENTS)).toBe(before.replace('      - quickly\n', '      - quickly\n      - at once\n'));

  s = await state();
  const deleted = await call('DELETE', `/api/statements/${encodeURIComponent(LAVROV.id)}`, {
    versions: s.files,
  });
  expect(deleted.status).toBe(200);
  expect(read(STATEMENTS)).toBe(
    original(STATEMENTS).replace('      - quickly\n', '      - quickly\n      - at once\n'),
  );
  expect((await call('POST', '/api/undo')).status).toBe(200);
  expect((await call('POST', '/api/undo')).status).toBe(200);
  expect((await call('POST', '/api/undo')).status).toBe(200);
  expect(read(STATEMENTS)).toBe(created);
  expect((await call('POST', '/api/undo')).status).toBe(200);
  expect(read(STATEMENTS)).toBe(original(STATEMENTS));
  const none = await call('POST', '/api/undo');
  expect([none.status, none.body.error?.code]).toEqual([400, 'USAGE']);
});

test('a file changed on disk since the page read it is not overwritten', async () => {
  const s = await state();
  const edited = `${original(STATEMENTS)}# an edit made in another editor\n`;
  writeFileSync(join(data, STATEMENTS), edited);
  const reply = await call('POST', '/api/statements', {
    record: LAVROV,
    document: DOC,
    at: 0,
    versions: s.files,
  });
  expect(reply.status).toBe(409);
  expect(reply.body.error).toEqual({
    code: 'FILE_CHANGED',
    severity: 'error',
    file: STATEMENTS,
    message: `${STATEMENTS} changed on disk since the page read it; it was reloaded, make the change again`,
  });
  expect(read(STATEMENTS)).toBe(edited);
  // With the versions of a fresh read, the same change goes in.
  expect((await create(LAVROV)).status).toBe(200);
  expect(read(STATEMENTS)).toContain('# an edit made in another editor\n');
});

test('a new entity goes into the registry file of its kind; the diff shows every changed file', async () => {
  const s = await state();
  expect(s.registries.Person).toBe('entities/people.yaml');
  const reply = await call('POST', '/api/entities', {
    record: { id: 'person:mark-rutte', kind: 'Person', name: 'Mark Rutte', aliases: ['Rutte'] },
    versions: s.files,
  });
  expect(reply.status).toBe(200);
  expect(reply.body.file).toBe('entities/people.yaml');
  expect(read('entities/people.yaml')).toBe(
    `${original('entities/people.yaml')}\n  - id: person:mark-rutte\n    kind: Person\n    name: Mark Rutte\n    aliases:\n      - Rutte\n`,
  );
  const bad = await call('POST', '/api/entities', {
    record: { id: 'person:Mark', kind: 'Person', name: 'Mark' },
    versions: (await state()).files,
  });
  expect(bad.status).toBe(422);
  expect(bad.body.problems!.map((p) => [p.field, p.code])).toEqual([['id', 'INVALID_ID']]);
  const diff = await call<{ file: string; patch: string }[]>('GET', '/api/diff');
  const patches = diff.body as unknown as { file: string; patch: string }[];
  expect(patches.map((p) => p.file)).toEqual(['entities/people.yaml']);
  expect(patches[0]!.patch).toContain('+  - id: person:mark-rutte\n');
  // Edited, then deleted: the file is as it was, and nothing is left to diff.
  const rutte = `/api/entities/${encodeURIComponent('person:mark-rutte')}`;
  const put = await call('PUT', rutte, {
    record: { id: 'person:mark-rutte', kind: 'Person', name: 'Mark Rutte', aliases: ['Rutte', 'Mark Rutte'] },
    versions: (await state()).files,
  });
  expect(put.status).toBe(200);
  expect(read('entities/people.yaml')).toContain('    aliases:\n      - Rutte\n      - Mark Rutte\n');
  expect((await call('DELETE', rutte, { versions: (await state()).files })).status).toBe(200);
  expect(read('entities/people.yaml')).toBe(original('entities/people.yaml'));
  expect((await call('GET', '/api/diff')).body).toEqual([]);
  // An entity statements name cannot go: they would refer to nothing.
  const lavrov = await call('DELETE', `/api/entities/${encodeURIComponent('person:sergey-lavrov')}`, {
    versions: (await state()).files,
  });
  expect(lavrov.status).toBe(422);
  expect(new Set(lavrov.body.problems!.map((p) => p.code))).toEqual(new Set(['UNKNOWN_REFERENCE']));
  expect(read('entities/people.yaml')).toBe(original('entities/people.yaml'));
});

test('the schema the form is made from: every statement field with the description in its schema file', async () => {
  const reply = await call<FormSchema>('GET', '/api/schema');
  expect(reply.status).toBe(200);
  const schema = JSON.parse(readFileSync(join(ROOT, 'schema', 'statement.schema.json'), 'utf8')) as {
    properties: Record<string, { description?: string }>;
    required: string[];
  };
  expect(reply.body.statement.map((f) => [f.name, f.description, f.required])).toEqual(
    Object.entries(schema.properties).map(([name, p]) => [
      name,
      p.description ?? '',
      schema.required.includes(name),
    ]),
  );
  expect(Object.keys(reply.body.entity)).toEqual(Object.keys(reply.body.kinds));
  expect(reply.body.predicates.SUPPORTS.objectKinds).toContain('Proposal');
});
