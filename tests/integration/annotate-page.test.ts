/// <reference lib="dom" />
// kg annotate's page in a real headless Chromium, on a copy of graph-data/: a phrase selected with the
// mouse becomes the quote of a statement picked from the schema's lists, and Save writes exactly that
// statement into the YAML file, its comments intact; a wrong choice shows the validator's error.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startAnnotateServer, type AnnotateServer } from '../../src/annotate/server';
import { coverage } from '../../src/query/coverage';
import { validate } from '../../src';
import { ROOT } from '../helpers';

const STATEMENTS = 'statements/2025-08-21-security-guarantees.yaml';
/** Where the docs' screenshot is written, when asked for (FACTGRAPH_SCREENSHOTS=1). */
const SCREENSHOT = join(ROOT, 'docs', 'annotate.png');

let dir: string;
let data: string;
let server: AnnotateServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'factgraph-annotate-page-'));
  data = join(dir, 'graph-data');
  cpSync(join(ROOT, 'graph-data'), data, { recursive: true });
  server = await startAnnotateServer([data], { cacheDir: join(dir, 'cache') });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  const context = await browser.newContext({ viewport: { width: 1500, height: 950 } });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"]');
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const read = () => readFileSync(join(data, STATEMENTS), 'utf8');
const original = readFileSync(join(ROOT, 'graph-data', STATEMENTS), 'utf8');

/** Selects the phrase in the article with the mouse: pressed a little inside its first letter, released inside its last. */
async function selectWithMouse(phrase: string): Promise<void> {
  const box = await page.evaluate((words) => {
    const article = document.getElementById('article')!;
    const text = article.textContent ?? '';
    const start = text.indexOf(words);
    const at = (offset: number) => {
      for (const run of Array.from(article.children) as HTMLElement[]) {
        const from = Number(run.dataset.start);
        const node = run.firstChild!;
        if (offset >= from && offset < from + (node.textContent ?? '').length)
          return { node, offset: offset - from };
      }
      throw new Error(`offset ${offset} is in no run`);
    };
    const rect = (offset: number) => {
      const { node, offset: o } = at(offset);
      const range = document.createRange();
      range.setStart(node, o);
      range.setEnd(node, o + 1);
      return range.getBoundingClientRect();
    };
    const first = rect(start);
    const last = rect(start + words.length - 1);
    return {
      x1: first.left + 1,
      y1: first.top + first.height / 2,
      x2: last.right - 1,
      y2: last.top + last.height / 2,
    };
  }, phrase);
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move((box.x1 + box.x2) / 2, box.y2, { steps: 4 });
  await page.mouse.move(box.x2, box.y2, { steps: 4 });
  await page.mouse.up();
}

test('a phrase selected with the mouse is saved as a statement, written exactly, comments intact', async () => {
  const phrase = 'Moskva støtter garantier basert på kollektiv sikkerhet';
  // Pressed inside the M and released inside the t: the selection is snapped to the whole words.
  await selectWithMouse(phrase);
  await expect(page.inputValue('#field-quote')).resolves.toBe(phrase);
  await page.selectOption('#field-predicate', 'SUPPORTS');
  // The pickers offer only the kinds SUPPORTS allows; aliases in the sentence come first.
  const subjects = await page.$$eval('#field-subject option', (os) =>
    os.map((o) => (o as HTMLOptionElement).value),
  );
  expect(subjects).toContain('person:sergey-lavrov');
  expect(subjects.filter((s) => s.startsWith('proposal:'))).toEqual([]);
  const starred = await page.$$eval('#field-subject option', (os) =>
    os.filter((o) => o.textContent?.startsWith('★')).map((o) => (o as HTMLOptionElement).value),
  );
  expect(starred).toEqual(expect.arrayContaining(['person:sergey-lavrov', 'state:russia']));
  // They come first, after the empty choice.
  expect(subjects.slice(1, 1 + starred.length)).toEqual(starred);
  await page.selectOption('#field-subject', 'person:sergey-lavrov');
  await page.selectOption('#field-object', 'proposal:collective-security-guarantees');
  await expect(page.inputValue('#field-id')).resolves.toBe(
    's:sergey-lavrov-supports-collective-security-guarantees',
  );
  await page.fill('#field-id', 's:lavrov-supports-collective-guarantees');
  await page.selectOption('#field-certainty', 'certain');
  await page.click('#save');
  await page.waitForFunction(() => document.getElementById('status')?.textContent?.startsWith('saved'));
  const block = [
    '  - id: s:lavrov-supports-collective-guarantees',
    '    subject: person:sergey-lavrov',
    '    predicate: SUPPORTS',
    '    object: proposal:collective-security-guarantees',
    `    quote: '${phrase}'`,
    '    certainty: certain',
    '',
  ].join('\n');
  const after = read();
  const at = after.indexOf(block);
  expect(at).toBeGreaterThan(0);
  expect(after.slice(0, at - 1) + after.slice(at + block.length)).toBe(original);
  // The new statement is highlighted and listed.
  await page.waitForSelector('#article [data-statements~="s:lavrov-supports-collective-guarantees"]');
  await expect(page.textContent('#statement-list')).resolves.toContain(
    's:lavrov-supports-collective-guarantees',
  );
  if (process.env.FACTGRAPH_SCREENSHOTS) {
    await page.evaluate(() => document.querySelector('aside')!.scrollTo(0, 0));
    await page.screenshot({ path: SCREENSHOT });
  }
});

test('a wrong choice shows the validator error beside its field, and nothing is written', async () => {
  const before = read();
  await page.click('#new');
  await selectWithMouse('Flere europeiske diplomater');
  await page.selectOption('#field-predicate', 'DOUBTS');
  await page.selectOption('#field-subject', 'group:european-diplomats');
  await page.selectOption('#field-object', 's:putin-really-willing-to-make-a-deal');
  // Changing the predicate keeps the chosen subject, which OCCURS_IN does not allow.
  await page.selectOption('#field-predicate', 'OCCURS_IN');
  const problem = page.locator('.field[data-field="subject"] .problem');
  await problem.waitFor();
  await expect(problem.textContent()).resolves.toBe(
    'KIND_NOT_ALLOWED subject of OCCURS_IN "group:european-diplomats" is a Group; allowed: Event',
  );
  await page.click('#save');
  await page.waitForFunction(() =>
    document.getElementById('status')?.textContent?.startsWith('INVALID_DATA'),
  );
  expect(read()).toBe(before);
  // The refused save is the one failed request.
  expect(pageErrors).toEqual([
    'Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)',
  ]);
  // Saved as a draft on purpose, it is written with its problem, which kg validate then reports.
  await page.check('#draft');
  await page.click('#save');
  await page.waitForFunction(() =>
    document.getElementById('status')?.textContent?.endsWith('as a draft, with problems'),
  );
  const id = await page.inputValue('#field-id');
  expect(read()).toContain(
    `  - id: ${id}\n    subject: group:european-diplomats\n    predicate: OCCURS_IN\n`,
  );
  const errors = (await validate([data])).errors.map((e) => `${e.code} ${e.message}`);
  expect(errors).toEqual([
    'KIND_NOT_ALLOWED subject of OCCURS_IN "group:european-diplomats" is a Group; allowed: Event',
    'STATEMENT_OBJECT_NOT_ALLOWED object of OCCURS_IN "s:putin-really-willing-to-make-a-deal" is a statement; OCCURS_IN takes Region, State, not a claim',
  ]);
  await page.uncheck('#draft');
  await page.click('#undo');
  await page.waitForFunction(() => document.getElementById('status')?.textContent?.startsWith('undone'));
  expect(read()).toBe(before);
});

test('an entity is edited in its registry file; Diff shows the change and Undo takes it back', async () => {
  const people = join(data, 'entities/people.yaml');
  const before = readFileSync(people, 'utf8');
  await page.click('#new-entity summary');
  await page.selectOption('#entity-pick', 'person:jd-vance');
  await expect(page.inputValue('#entity-name')).resolves.toBe('JD Vance');
  await page.fill('#entity-aliases', 'JD Vance\nVance');
  await page.click('#create-entity');
  await page.waitForFunction(() =>
    document.getElementById('status')?.textContent?.startsWith('saved person:jd-vance'),
  );
  // Only the new alias: the kind's own fields (role) and everything else stay as they were.
  expect(readFileSync(people, 'utf8')).toBe(
    before.replace('      - JD Vance\n', '      - JD Vance\n      - Vance\n'),
  );
  await page.click('#diff');
  await page.waitForSelector('#diff-dialog[open] pre');
  const diff = await page.textContent('#diff-dialog');
  expect(diff).toContain('+      - Vance');
  expect(diff).toContain('+    certainty: certain');
  await page.click('#diff-dialog button');
  await page.click('#undo');
  await page.waitForFunction(() => document.getElementById('status')?.textContent?.startsWith('undone'));
  expect(readFileSync(people, 'utf8')).toBe(before);
});

test('the side list holds the statements in text order; clicking one shows it, as clicking its highlight does', async () => {
  const state = await server.workspace.snapshot();
  const inOrder = state.statements
    .filter((s) => s.document === state.documents[0]!.id && s.span)
    .sort((a, b) => a.span!.start - b.span!.start)
    .map((s) => s.id);
  const listed = await page.$$eval('#statement-list li code', (cs) => cs.map((c) => c.textContent));
  expect(listed.slice(0, inOrder.length)).toEqual(inOrder);
  const id = inOrder[3]!;
  await page.click(`#statement-list li:nth-child(4)`);
  await expect(page.textContent('#form-title')).resolves.toBe(`Edit ${id}`);
  await expect(page.inputValue('#field-id')).resolves.toBe(id);
  await expect(page.inputValue('#field-quote')).resolves.toBe(
    String(state.statements.find((s) => s.id === id)!.record.quote),
  );
  await page.waitForSelector(`#article .hl.current[data-statements~="${id}"]`);
  await expect(page.getAttribute('#statement-list li:nth-child(4)', 'class')).resolves.toContain('current');
  // Its highlight opens the same statement.
  await page.click('#new');
  await page.click(`#article [data-statements="${inOrder[5]!}"]`);
  await expect(page.textContent('#form-title')).resolves.toBe(`Edit ${inOrder[5]!}`);
});

test('a statement opened for editing shows the problems kg validate gives it, at their fields', async () => {
  // Broken on disk, as a hand edit or a draft would leave it.
  const before = read();
  writeFileSync(
    join(data, STATEMENTS),
    before.replace('    subject: state:ukraine\n', '    subject: proposal:security-guarantees-for-ukraine\n'),
  );
  const expected = (await validate([data])).errors
    .filter((e) => e.file === join(data, STATEMENTS))
    .map((e) => `${e.code} ${e.message}`);
  // The subject's kind is wrong, and it is now the object too.
  expect(expected.map((e) => e.split(' ')[0])).toEqual(['KIND_NOT_ALLOWED', 'SELF_LOOP']);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await page.click('#statement-list li:has(code:text-is("s:ukraine-works-on-security-guarantees"))');
  await expect(page.textContent('#form-title')).resolves.toBe('Edit s:ukraine-works-on-security-guarantees');
  const shown = (field: string) =>
    page.$$eval(`.field[data-field="${field}"] .problem`, (ps) => ps.map((p) => p.textContent));
  await expect(shown('subject')).resolves.toEqual([expected[0]]);
  await expect(shown('object')).resolves.toEqual([expected[1]]);
  await expect(
    page.getAttribute(
      '#statement-list li:has(code:text-is("s:ukraine-works-on-security-guarantees"))',
      'class',
    ),
  ).resolves.toContain('has-problem');
  // Another statement has none.
  await page.click('#statement-list li:has(code:text-is("s:usa-works-on-security-guarantees"))');
  await expect(page.$$eval('.problem', (ps) => ps.length)).resolves.toBe(0);
  writeFileSync(join(data, STATEMENTS), before);
});

test('an entity is added with the selected words as its alias and a proposed id; the mention list shows it', async () => {
  const people = join(data, 'entities/people.yaml');
  const before = readFileSync(people, 'utf8');
  await page.click('#new');
  await page.click('#new-entity summary');
  await page.selectOption('#entity-pick', '');
  await selectWithMouse('Bloomberg');
  await expect(page.inputValue('#entity-aliases')).resolves.toBe('Bloomberg');
  await page.selectOption('#entity-kind', 'Organization');
  await page.fill('#entity-name', 'Bloomberg News');
  await expect(page.inputValue('#entity-id')).resolves.toBe('organization:bloomberg-news');
  await page.click('#create-entity');
  await page.waitForFunction(() =>
    document.getElementById('status')?.textContent?.startsWith('added organization:bloomberg-news'),
  );
  const state = await server.workspace.snapshot();
  const added = state.entities.find((e) => e.id === 'organization:bloomberg-news')!;
  expect(added.record).toEqual({
    id: 'organization:bloomberg-news',
    kind: 'Organization',
    name: 'Bloomberg News',
    aliases: ['Bloomberg'],
  });
  expect(readFileSync(people, 'utf8')).toBe(before);
  await expect(page.textContent('#mentions')).resolves.toContain('organization:bloomberg-news');
  await page.click('#undo');
  await page.waitForFunction(() => document.getElementById('status')?.textContent?.startsWith('undone'));
});

test("two tabs do not lose each other's work: the stale one is refused, reloads, and saves on top", async () => {
  const before = read();
  const other = await page.context().newPage();
  await other.goto(server.url);
  await other.waitForSelector('body[data-ready="true"]');
  const fill = async (tab: Page, id: string) => {
    await tab.click('#new');
    await tab.selectOption('#field-predicate', 'SUPPORTS');
    await tab.selectOption('#field-subject', 'person:sergey-lavrov');
    await tab.selectOption('#field-object', 'proposal:collective-security-guarantees');
    await tab.fill('#field-quote', 'Moskva støtter garantier basert på kollektiv sikkerhet');
    await tab.fill('#field-id', id);
  };
  await fill(page, 's:first-tab');
  await fill(other, 's:second-tab');
  await page.click('#save');
  await page.waitForFunction(() => document.getElementById('status')?.textContent?.startsWith('saved'));
  // The second tab read the file before the first tab wrote it.
  await other.click('#save');
  await other.waitForFunction(() =>
    document.getElementById('status')?.textContent?.startsWith('FILE_CHANGED'),
  );
  expect(read()).toContain('s:first-tab');
  expect(read()).not.toContain('s:second-tab');
  // Reloaded: it lists the first tab's statement, its own form is kept, and a second save goes on top.
  await expect(other.textContent('#statement-list')).resolves.toContain('s:first-tab');
  await other.click('#save');
  await other.waitForFunction(() => document.getElementById('status')?.textContent?.startsWith('saved'));
  expect(read()).toContain('s:first-tab');
  expect(read()).toContain('s:second-tab');
  await other.close();
  await server.workspace.undo();
  await server.workspace.undo();
  expect(read()).toBe(before);
});

test('the article: each run highlighted as deep as the quotes over it, uncovered sentences marked as kg stats --coverage says', async () => {
  const source = join(data, 'sources/2025-08-21-security-guarantees.nb.txt');
  const text = readFileSync(source, 'utf8');
  // A sentence no statement quotes, added at the end (every quote stays where it was).
  writeFileSync(source, `${text}\nDette står ingen steder i noen påstand.\n`);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  const result = await validate([data]);
  const doc = coverage(result.dataset)[0]!;
  const spans = [...result.dataset.statements.values()]
    .filter((s) => s.document === doc.document && s.span)
    .map((s) => ({ id: s.record.id, ...s.span! }));
  const uncovered = doc.sentences.filter((s) => !s.heading && s.statements.length === 0);
  expect(uncovered.map((s) => s.text)).toEqual(['Dette står ingen steder i noen påstand.']);
  const runs = await page.$$eval('#article > span', (els) =>
    els.map((e) => ({
      start: Number((e as HTMLElement).dataset.start),
      length: (e.textContent ?? '').length,
      className: e.className,
      ids: ((e as HTMLElement).dataset.statements ?? '').split(' ').filter(Boolean),
    })),
  );
  let overlapped = 0;
  for (const run of runs) {
    const end = run.start + run.length;
    const over = spans.filter((s) => s.start < end && s.end > run.start).map((s) => s.id);
    expect(run.ids.sort()).toEqual(over.sort());
    const depth = Math.min(over.length, 3);
    expect(run.className.split(' ').filter((c: string) => /^hl\d$/.test(c))).toEqual(
      depth ? [`hl${depth}`] : [],
    );
    if (over.length > 1) overlapped++;
    const inUncovered = uncovered.some((s) => s.start < end && s.end > run.start);
    expect(run.className.split(' ').includes('uncovered')).toBe(inUncovered);
  }
  expect(overlapped).toBeGreaterThan(0);
  writeFileSync(source, text);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
});

test('the form: each field with its schema description as help; a picker searches names and aliases', async () => {
  await page.click('#new');
  const help = await page.textContent('.field[data-field="certainty"] .help');
  const schema = JSON.parse(readFileSync(join(ROOT, 'schema', 'statement.schema.json'), 'utf8')) as {
    properties: Record<string, { description: string }>;
  };
  expect(help).toBe(schema.properties.certainty!.description);
  await page.selectOption('#field-predicate', 'SUPPORTS');
  // "Sergej" is an alias of Sergey Lavrov only, not his name.
  await page.fill('.field[data-field="subject"] .picker-search', 'Sergej');
  const offered = await page.$$eval('#field-subject option', (os) =>
    os.map((o) => (o as HTMLOptionElement).value).filter(Boolean),
  );
  expect(offered).toEqual(['person:sergey-lavrov']);
  await page.fill('.field[data-field="subject"] .picker-search', '');
});
