/// <reference lib="dom" />
// The html export in a real headless Chromium: opened from a file:// URL with the network off, as a user
// double-clicks it. The page must draw the graph, answer search and clicks, and run nothing from the data.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AbstractGraph } from 'graphology-types';
import { chromium, type Browser, type Page } from 'playwright-core';
import type Sigma from 'sigma';
import { exportGraph, loadGraph, type FactGraph } from '../../src';
import type { ViewerData } from '../../src/export/html';
import { BASE, FIXTURES, ROOT } from '../helpers';
import { HOSTILE, hostileGraph } from '../hostile-graph';

/** What the viewer exposes on window for tests. */
type ViewerWindow = Window & { factgraphViewer: { renderer: Sigma; graph: AbstractGraph } };

const tmp = mkdtempSync(join(tmpdir(), 'factgraph-viewer-'));
let browser: Browser;
let article: FactGraph;

beforeAll(async () => {
  article = (await loadGraph([join(ROOT, 'graph-data')])).graph;
  // With --disable-gpu, Chromium still gives WebGL 2 through ANGLE on SwiftShader (software Vulkan).
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
});

function html(graph: FactGraph): string {
  return exportGraph(graph, 'html') as string;
}

function embedded(page: string): ViewerData {
  const m = /<script type="application\/json" id="graph-data">(.*?)<\/script>/s.exec(page);
  return JSON.parse(m![1]!) as ViewerData;
}

/** What a page did that it must not: requests, errors, CSP violations, dialogs. */
interface Trouble {
  requests: string[];
  errors: string[];
  dialogs: string[];
}

/** Opens an export as a user would, offline; every request but the file itself is recorded and refused. */
async function open(text: string, name: string): Promise<{ page: Page; trouble: Trouble }> {
  const file = join(tmp, name);
  writeFileSync(file, text);
  const url = pathToFileURL(file).href;
  const context = await browser.newContext({ offline: true, viewport: { width: 1400, height: 860 } });
  const trouble: Trouble = { requests: [], errors: [], dialogs: [] };
  context.on('request', (r) => {
    if (r.url() !== url) trouble.requests.push(r.url());
  });
  await context.route('**/*', (route) =>
    route.request().url() === url ? route.continue() : route.abort('blockedbyclient'),
  );
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') trouble.errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => trouble.errors.push(`page: ${e.message}`));
  page.on('dialog', (d) => {
    trouble.dialogs.push(d.message());
    void d.dismiss();
  });
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`),
    ),
  );
  await page.goto(url);
  // Drawn once sigma has placed labels, which it does while rendering a frame.
  await page.waitForFunction(
    () => (window as unknown as ViewerWindow).factgraphViewer?.renderer.getNodeDisplayedLabels().size > 0,
  );
  return { page, trouble };
}

/** Where a node is on the page, once the camera has stopped moving. */
async function nodeOnPage(page: Page, node: string): Promise<{ x: number; y: number }> {
  const where = () =>
    page.evaluate((key) => {
      const { renderer, graph } = (window as unknown as ViewerWindow).factgraphViewer;
      const box = renderer.getContainer().getBoundingClientRect();
      const p = renderer.graphToViewport(graph.getNodeAttributes(key) as { x: number; y: number });
      return { x: box.left + p.x, y: box.top + p.y };
    }, node);
  let last = await where();
  for (;;) {
    await page.waitForTimeout(150);
    const now = await where();
    if (now.x === last.x && now.y === last.y) return now;
    last = now;
  }
}

/**
 * Decodes a screenshot in a blank page (the viewer's CSP rightly forbids data: images) and counts its
 * pixels: those not near-white, and those within a few levels of the given colour.
 */
async function pixels(png: Buffer, color = '#000000'): Promise<{ ink: number; matching: number }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    return await page.evaluate(
      async ([b64, hex]) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = img.width;
        canvas.height = img.height;
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        const px = ctx.getImageData(0, 0, img.width, img.height).data;
        const want = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
        let ink = 0;
        let matching = 0;
        for (let i = 0; i < px.length; i += 4) {
          const rgb = [px[i]!, px[i + 1]!, px[i + 2]!];
          if (rgb.some((v) => v < 235)) ink++;
          if (rgb.every((v, c) => Math.abs(v - want[c]!) <= 6)) matching++;
        }
        return { ink: ink / (px.length / 4), matching };
      },
      [png.toString('base64'), color] as const,
    );
  } finally {
    await context.close();
  }
}

const details = (page: Page) => page.locator('#details').innerText();

test('the same graph gives the same bytes, and the page embeds the graph as graphology exports it', async () => {
  const text = html(article);
  const again = html((await loadGraph([join(ROOT, 'graph-data')])).graph);
  expect(again).toBe(text);

  const data = embedded(text);
  expect(data.graph).toEqual(JSON.parse(JSON.stringify(article.export())));
  expect(Object.keys(data.positions).sort()).toEqual(article.nodes().sort());
  for (const [x, y] of Object.values(data.positions))
    expect(Number.isFinite(x) && Number.isFinite(y)).toBe(true);

  // The CSP allows exactly the page's one inline script and one inline style.
  const script = /<script>(.*?)<\/script>/s.exec(text)![1]!;
  const style = /<style>(.*?)<\/style>/s.exec(text)![1]!;
  const hash = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
  expect(text).toContain(
    `content="default-src 'none'; script-src ${hash(script)}; style-src ${hash(style)}; base-uri 'none'; form-action 'none'"`,
  );
  expect(text.match(/<script/g)).toHaveLength(2);
});

test('hostile text stays inside the JSON: no element ends early, and it parses back unchanged', () => {
  const graph = hostileGraph();
  const text = html(graph);
  expect(text.match(/<\/script/gi)).toHaveLength(2);
  expect(text).not.toContain('<img');
  expect(text).not.toMatch(/[\u2028\u2029]/);
  expect(text).toContain('<title>Evil &#60;/script&#62;&#60;script&#62;alert(1)&#60;/script&#62;</title>');
  expect(embedded(text).graph).toEqual(JSON.parse(JSON.stringify(graph.export())));
  expect(html(hostileGraph())).toBe(text);
});

test('the article viewer works offline: drawn, searchable, clickable, filterable', async () => {
  const { page, trouble } = await open(html(article), 'article.html');
  const graph = page.locator('#graph');

  // Drawn: a good share of the stage is not background, and Ukraine's State blue is there.
  const drawn = await pixels(await graph.screenshot(), '#0072B2');
  expect(drawn.ink).toBeGreaterThan(0.03);
  expect(drawn.matching).toBeGreaterThan(200);
  await expect(page.locator('h1').innerText()).resolves.toBe(
    'USA, Ukraina og europeiske ledere forsøker å utarbeide sikkerhetsgarantier',
  );

  // Search: the person comes before the plan named after her; Enter selects her.
  await page.fill('#search', 'Meloni');
  await expect(page.locator('#results li').first().innerText()).resolves.toBe('Giorgia Meloni');
  await page.press('#search', 'Enter');
  await expect(page.locator('#details h2').innerText()).resolves.toBe('Giorgia Meloni');

  // Clicking a node on the canvas shows its statements with their verbatim quotes.
  await page.keyboard.press('Escape');
  await expect(details(page)).resolves.not.toContain('Giorgia Meloni');
  const meloni = await nodeOnPage(page, 'person:giorgia-meloni');
  await page.mouse.click(meloni.x, meloni.y);
  await expect(page.locator('#details h2').innerText()).resolves.toBe('Giorgia Meloni');
  const panel = await details(page);
  expect(panel).toContain('Person');
  expect(panel).toMatch(/2 statements/i);
  expect(panel).toContain('«Giorgia Meloni har foreslått en plan');

  // Clicking an edge shows its statement: the quote, and who said it by whom it was reported.
  await page.keyboard.press('Escape');
  // Zoomed in on the edge first: at the whole graph's scale Putin's label covers it.
  const ends = async () =>
    [
      await nodeOnPage(page, 'person:vladimir-putin'),
      await nodeOnPage(page, 'proposal:article-5-like-security-guarantees'),
    ] as const;
  const [p0, g0] = await ends();
  const saved = await page.evaluate(
    ([x, y]) => {
      const { renderer } = (window as unknown as ViewerWindow).factgraphViewer;
      const camera = renderer.getCamera();
      const state = camera.getState();
      const box = renderer.getContainer().getBoundingClientRect();
      const at = renderer.viewportToFramedGraph({ x: x - box.left, y: y - box.top });
      camera.setState({ ...state, x: at.x, y: at.y, ratio: state.ratio / 6 });
      return state;
    },
    [(p0.x + g0.x) / 2, (p0.y + g0.y) / 2] as const,
  );
  const [putin, guarantees] = await ends();
  const heading = page.locator('#details h2', { hasText: 'Vladimir Putin supports' });
  await page.mouse.click((putin.x + guarantees.x) / 2, (putin.y + guarantees.y) / 2);
  // Sigma resolves what is under the pointer from a GPU read-back, which may land a frame later.
  await heading.waitFor();
  await page.evaluate(
    (state) => (window as unknown as ViewerWindow).factgraphViewer.renderer.getCamera().setState(state),
    saved,
  );
  const statement = await details(page);
  expect(statement).toContain('Vladimir Putin supports Article-5-like security guarantees for Ukraine');
  expect(statement).toContain('«Russlands president Vladimir Putin er åpen for');
  expect(statement).toContain('according to Bloomberg, who cites White House sources');
  expect(statement).toContain('Modality: willingness');
  expect(statement).toMatch(/source quote\s+Kilder fra Det hvite hus sa/);

  // A kind filter hides that kind's nodes and their statements, in the data and on screen.
  await page.keyboard.press('Escape');
  await page.waitForTimeout(300);
  const before = await pixels(await graph.screenshot(), '#E69F00');
  await page.getByLabel('Person').uncheck();
  // Sigma applies state changes on its next frame.
  await page.waitForFunction(
    () =>
      (window as unknown as ViewerWindow).factgraphViewer.renderer.getNodeDisplayData(
        'person:giorgia-meloni',
      )!.visibility === 'hidden',
  );
  const shown = await page.evaluate(() => {
    const { renderer } = (window as unknown as ViewerWindow).factgraphViewer;
    return {
      meloni: renderer.getNodeDisplayData('person:giorgia-meloni')!.visibility,
      ukraine: renderer.getNodeDisplayData('state:ukraine')!.visibility,
      proposes: renderer.getEdgeDisplayData('s:meloni-proposes-24h-plan')?.visibility,
    };
  });
  expect(shown).toEqual({ meloni: 'hidden', ukraine: 'visible', proposes: 'hidden' });
  const after = await pixels(await graph.screenshot(), '#E69F00');
  expect(before.matching).toBeGreaterThan(100);
  expect(after.matching).toBeLessThan(before.matching / 10);
  await page.getByLabel('Person').check();

  mkdirSync(join(ROOT, 'out'), { recursive: true });
  await page.fill('#search', 'Putin');
  await page.press('#search', 'Enter');
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(ROOT, 'out', 'viewer.png') });

  expect(trouble).toEqual({ requests: [], errors: [], dialogs: [] });
  await page.context().close();
});

test('hostile names show as text, and nothing in the data runs', async () => {
  const { page, trouble } = await open(html(hostileGraph()), 'hostile.html');
  await expect(page.title()).resolves.toBe(HOSTILE.script);
  await expect(page.locator('h1').innerText()).resolves.toBe(HOSTILE.script);

  await page.fill('#search', '</script>');
  await expect(page.locator('#results li').first().innerText()).resolves.toBe(HOSTILE.script);
  await page.press('#search', 'Enter');
  await expect(page.locator('#details h2').textContent()).resolves.toBe(HOSTILE.script);
  const panel = (await page.locator('#details').textContent())!;
  expect(panel).toContain(HOSTILE.img); // the role, as text
  expect(panel).toContain(`«${HOSTILE.script}»`); // the quote

  const dom = await page.evaluate(() => ({
    scripts: document.scripts.length,
    images: document.images.length,
    handlers: Array.from(document.querySelectorAll('*')).filter((e) =>
      e.getAttributeNames().some((n) => n.startsWith('on')),
    ).length,
  }));
  expect(dom).toEqual({ scripts: 2, images: 0, handlers: 0 });
  expect(trouble).toEqual({ requests: [], errors: [], dialogs: [] });
  await page.context().close();
});

test('claims in words: negation, certainty, modality, conditions, figures, the source chain, and a claim about a claim as a link to it', async () => {
  const claims = (
    await loadGraph([BASE, join(FIXTURES, 'valid', 'claims-every-field.yaml')], { root: FIXTURES })
  ).graph;
  const { page, trouble } = await open(html(claims), 'claims.html');
  await page.fill('#search', 'Meloni');
  await page.press('#search', 'Enter');
  // Meloni's cards: the conditional proposal with its figures, and her answer to a claim.
  await page.locator('#details li.statement', { hasText: 'proposes' }).click();
  const proposal = await details(page);
  expect(proposal).toContain('On condition: if Ukraine is attacked again.');
  expect(proposal).toContain('Figures: 24 h hours, at least 12 injured, 0 to 3 killed.');
  expect(proposal).toContain('according to Reuters, who cites Local authorities');
  expect(proposal).toContain('Modality: obligation (about an obligation, not fact).');
  // The claim it holds under is a link; it leads to that claim, which nobody asserts.
  await page.locator('#details .trait button.claim-link').click();
  await page.locator('#details h2', { hasText: 'Russia supports' }).waitFor();
  const unasserted = await details(page);
  expect(unasserted).toContain('Asserted by no one');
  expect(unasserted).toContain('Certainty: probable (probably so, says the source).');
  expect(unasserted).toContain('Modality: willingness (about willingness, not fact).');
  expect(unasserted).toContain('All of Guarantees based on collective security.');
  // The chain from the document inwards: Russia passed on what Lavrov said.
  expect(unasserted).toContain('according to Russia, who cites Sergey Lavrov');
  expect(unasserted).toMatch(/2 claims about it or holding if it does/i);
  // Lavrov's rejection of it is negated, and reported by the document's outlet.
  await page.locator('#details li.statement', { hasText: 'rejects' }).click();
  await page.locator('#details h2', { hasText: 'Sergey Lavrov rejects' }).waitFor();
  const rejection = await details(page);
  expect(rejection).toContain('Negated: the document says this does not hold.');
  expect(rejection).toContain('according to Reuters');
  expect(rejection).toContain('“Russia SUPPORTS Guarantees based on collective security”');
  await page.screenshot({ path: process.env.FACTGRAPH_SCREENSHOT ?? join(tmp, 'claims.png') });
  expect(trouble).toEqual({ requests: [], errors: [], dialogs: [] });
  await page.context().close();
});
