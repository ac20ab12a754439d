/**
 * The `kg annotate` server: one page and its JSON API, on 127.0.0.1 only. Every API call carries the
 * random token of the printed URL in a header (a page of another origin can neither read it nor, with
 * no CORS, send that header), and the Host must be this server (no DNS rebinding).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { KgError } from '../errors';
import { formSchema } from './form-schema';
import { ChangeRefused, Workspace, type ChangeRequest, type EditSection } from './workspace';

/** The page's bundle and style sheet, built by scripts/build-annotate.mjs. */
const PAGE_DIR = join(__dirname, '..', '..', 'dist', 'annotate', 'page');

export const TOKEN_HEADER = 'x-factgraph-token';

export interface AnnotateServer {
  /** The page's address, token included. */
  url: string;
  port: number;
  token: string;
  workspace: Workspace;
  close: () => Promise<void>;
}

export interface AnnotateOptions {
  root?: string;
  cacheDir?: string;
  /** 0 (the default): any free port. */
  port?: number;
}

export async function startAnnotateServer(
  paths: string[],
  options: AnnotateOptions = {},
): Promise<AnnotateServer> {
  const workspace = await Workspace.open(paths, options);
  const token = randomBytes(24).toString('base64url');
  let port = 0;
  const app = annotateApp(workspace, token, () => port);
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: '127.0.0.1' }, () => resolve(s));
    s.once('error', reject);
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    workspace,
    close: () =>
      new Promise<void>((resolve, reject) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

/** The routes; `port` is the server's, once it listens. */
export function annotateApp(workspace: Workspace, token: string, port: () => number): Hono {
  const app = new Hono();
  const expected = Buffer.from(token);
  const tokenOk = (given: string | undefined) => {
    const b = Buffer.from(given ?? '');
    return b.length === expected.length && timingSafeEqual(b, expected);
  };

  app.use('*', async (c, next) => {
    const host = c.req.header('host');
    if (host !== `127.0.0.1:${port()}` && host !== `localhost:${port()}`)
      return refuse(
        c,
        403,
        new KgError('TOKEN_REFUSED', `requests must be addressed to 127.0.0.1:${port()}`),
      );
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
  });
  app.use('/api/*', async (c, next) => {
    if (!tokenOk(c.req.header(TOKEN_HEADER)))
      return refuse(c, 403, new KgError('TOKEN_REFUSED', 'the token of the printed URL is missing or wrong'));
    await next();
  });

  app.get('/', (c) => {
    if (!tokenOk(c.req.query('token')))
      return c.text('Open the address kg annotate printed, token included.', 403);
    c.header(
      'Content-Security-Policy',
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    return c.html(PAGE_HTML);
  });
  app.get('/page.js', async (c) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    return c.body(await readFile(join(PAGE_DIR, 'page.js'), 'utf8'));
  });
  app.get('/page.css', async (c) => {
    c.header('Content-Type', 'text/css; charset=utf-8');
    return c.body(await readFile(join(PAGE_DIR, 'page.css'), 'utf8'));
  });

  app.get('/favicon.ico', (c) => c.body(null, 204));
  app.get('/api/state', async (c) => c.json(await workspace.snapshot()));
  app.get('/api/schema', (c) => c.json(formSchema()));
  app.get('/api/diff', async (c) => c.json(await workspace.diff()));
  app.post('/api/undo', async (c) => c.json({ ok: true, ...(await workspace.undo()) }));

  for (const section of ['statements', 'entities'] as const) {
    app.post(`/api/${section}`, (c) => change(c, section, 'create'));
    app.put(`/api/${section}/:id`, (c) => change(c, section, 'update'));
    app.delete(`/api/${section}/:id`, (c) => change(c, section, 'delete'));
  }

  app.onError((e, c) => {
    if (e instanceof ChangeRefused) return refuse(c, e.status, e);
    return refuse(c, 500, new KgError('USAGE', e.message));
  });
  app.notFound((c) => refuse(c, 404, new KgError('USAGE', `no such address: ${c.req.method} ${c.req.path}`)));

  async function change(
    c: Context,
    section: EditSection,
    action: ChangeRequest['action'],
  ): Promise<Response> {
    let body: Partial<ChangeRequest>;
    try {
      body = (await c.req.json()) as Partial<ChangeRequest>;
    } catch {
      return refuse(c, 400, new KgError('USAGE', 'the request body is not JSON'));
    }
    if (!body || typeof body !== 'object' || typeof body.versions !== 'object' || body.versions === null)
      return refuse(c, 400, new KgError('USAGE', 'the request names no file versions (versions)'));
    const request: ChangeRequest = {
      ...body,
      action,
      section,
      versions: body.versions,
      ...(action === 'create' ? {} : { id: c.req.param('id') }),
    };
    const result = await workspace.change(request);
    // A check is answered, whatever it found; a change that was refused is a 422.
    if (result.ok || result.written || request.check) return c.json(result);
    return c.json({ ...result, error: problemsError(result.problems.length) }, 422);
  }

  return app;
}

function problemsError(count: number) {
  return {
    code: 'INVALID_DATA',
    message: `the change has ${count} problem${count === 1 ? '' : 's'}; nothing was written (save as a draft to write it anyway)`,
  };
}

function refuse(c: Context, status: 400 | 403 | 404 | 409 | 500, e: KgError): Response {
  return c.json({ ok: false, error: e.toJSON() }, status);
}

const PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>factgraph annotate</title>
<link rel="stylesheet" href="/page.css">
</head>
<body>
<div id="app"></div>
<script src="/page.js"></script>
</body>
</html>
`;
