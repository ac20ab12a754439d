import { spawn } from 'node:child_process';
import type { Command } from 'commander';
import { defaultCacheDir } from '../../validate/cache';
import { dataArguments, nonNegativeInt, type DataOptions } from '../shared';
import { reporter } from '../reporter';

export function register(program: Command): void {
  dataArguments(program.command('annotate'))
    .description(
      'a page on 127.0.0.1 to annotate the documents: select words, pick subject, predicate and object; each change is validated and written into the YAML',
    )
    .option('--port <n>', 'the port to listen on (default: any free one)', nonNegativeInt)
    .option('--open', 'open the page in the default browser')
    .action(async (paths: string[], options: DataOptions & { port?: number; open?: boolean }) => {
      // Loaded here, not at start: every other command starts without the HTTP server's modules.
      const { startAnnotateServer } =
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require('../../annotate/server') as typeof import('../../annotate/server');
      const server = await startAnnotateServer(paths, {
        ...(options.root === undefined ? {} : { root: options.root }),
        ...(options.cache === false ? {} : { cacheDir: options.cacheDir ?? defaultCacheDir() }),
        ...(options.port === undefined ? {} : { port: options.port }),
      });
      // The address is the command's output, for people and scripts alike: it holds the token.
      if (reporter.json)
        console.log(JSON.stringify({ ok: true, url: server.url, port: server.port, pid: process.pid }));
      else console.log(`kg annotate: ${server.url}\n(Ctrl-C stops it; every change is already written)`);
      if (options.open) openInBrowser(server.url);
      // Stopping the server is how it ends, not an interruption: every change is written already.
      for (const signal of ['SIGINT', 'SIGTERM'] as const) {
        process.removeAllListeners(signal);
        process.once(signal, () => void server.close().finally(() => process.exit(0)));
      }
    });
}

function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '', url]]
        : ['xdg-open', [url]];
  spawn(command, args, { stdio: 'ignore', detached: true })
    .on('error', () => console.error(`could not open a browser; open ${url}`))
    .unref();
}
