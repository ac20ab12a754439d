import type { Command } from 'commander';
import { cacheEntries, defaultCacheDir, removeCacheEntries, type CacheEntryInfo } from '../../validate/cache';
import { plural, printedPath } from '../output';
import { reporter } from '../reporter';
import { positiveNumber } from '../shared';

interface CacheOptions {
  cacheDir?: string;
  olderThan?: number;
}

const DAY = 24 * 60 * 60 * 1000;
/** A temporary file older than this was left by a killed run, not written by one still going. */
const STALE_TEMPORARY = 60 * 60 * 1000;

function counts(entries: readonly CacheEntryInfo[]) {
  const of = (state: CacheEntryInfo['state']) => entries.filter((e) => e.state === state).length;
  return {
    entries: of('ok'),
    damaged: of('damaged'),
    temporary: of('temporary'),
    bytes: entries.reduce((sum, e) => sum + e.bytes, 0),
  };
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

export function register(program: Command): void {
  const cache = program
    .command('cache')
    .description('look after the cache of checked files: info, prune, clear');
  const withDir = (command: Command) =>
    command.option(
      '--cache-dir <dir>',
      'the cache folder (default: $XDG_CACHE_HOME/factgraph or ~/.cache/factgraph)',
    );

  withDir(cache.command('info'))
    .description('where the cache is, how many entries it holds, and how many are damaged')
    .action(async (options: CacheOptions) => {
      const dir = options.cacheDir ?? defaultCacheDir();
      const c = counts(await cacheEntries(dir));
      reporter.say(
        `${printedPath(dir)}: ${plural(c.entries, 'entry', 'entries')} (${mib(c.bytes)}), ` +
          `${c.damaged} damaged, ${plural(c.temporary, 'temporary file')}`,
      );
      reporter.result({ ok: true, dir, ...c });
    });

  withDir(cache.command('prune'))
    .description(
      'remove damaged entries and temporary files left by killed runs (and with --older-than, old entries)',
    )
    .option('--older-than <days>', 'also remove entries written more than this many days ago', positiveNumber)
    .action(async (options: CacheOptions) => {
      const dir = options.cacheDir ?? defaultCacheDir();
      const now = Date.now();
      const old = (e: CacheEntryInfo, ms: number) => now - e.modified.getTime() > ms;
      const gone = (await cacheEntries(dir)).filter(
        (e) =>
          e.state === 'damaged' ||
          (e.state === 'temporary' && old(e, STALE_TEMPORARY)) ||
          (options.olderThan !== undefined && old(e, options.olderThan * DAY)),
      );
      await removeCacheEntries(dir, gone);
      const c = counts(gone);
      reporter.say(
        `removed ${plural(c.entries + c.damaged, 'entry', 'entries')} (${c.damaged} damaged) and ` +
          `${plural(c.temporary, 'temporary file')} from ${printedPath(dir)}`,
      );
      reporter.result({ ok: true, dir, removed: c });
    });

  withDir(cache.command('clear'))
    .description("remove every entry (only the cache's own files: anything else in the folder stays)")
    .action(async (options: CacheOptions) => {
      const dir = options.cacheDir ?? defaultCacheDir();
      const gone = await cacheEntries(dir);
      await removeCacheEntries(dir, gone);
      const c = counts(gone);
      reporter.say(`removed ${plural(gone.length, 'file')} (${mib(c.bytes)}) from ${printedPath(dir)}`);
      reporter.result({ ok: true, dir, removed: c });
    });
}
