// kg annotate checks each edit with a validation that keeps unchanged files and quote searches in
// memory, and the last validation of the files on disk: what it reports must be what `kg validate`
// reports. Random edits (good and bad: wrong kinds, quotes not in the text, taken ids, unknown
// references) are checked, then written as drafts, on a generated corpus; the drafts pile the problems up.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { Workspace, type Problem } from '../../src/annotate/workspace';
import { KgError, validate } from '../../src';
import { ROOT } from '../helpers';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'factgraph-annotate-validation-'));
  const r = spawnSync(
    process.execPath,
    [join(ROOT, 'scripts', 'corpus.mjs'), '--statements', '400', '--seed', '18', '--out', join(dir, 'data')],
    { encoding: 'utf8' },
  );
  expect(r.stderr).toBe('');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FIELDS = ['subject', 'object', 'quote', 'id', 'conditionOn'] as const;

/** kg validate's problems, as the page is given them. */
async function validated(data: string): Promise<string[]> {
  const result = await validate([data]);
  return [...result.errors, ...result.warnings].map((e) => e.format((f) => f.slice(data.length + 1)));
}

const shown = (p: Problem) => KgError.fromJSON(p).format();

test('each edit is checked and reported as kg validate reports it', async () => {
  const data = join(dir, 'data');
  const ws = await Workspace.open([data], { cacheDir: join(dir, 'cache') });
  const counts = { checked: 0, problems: 0 };
  await fc.assert(
    fc.asyncProperty(
      fc.nat(),
      fc.constantFrom(...FIELDS),
      fc.nat(),
      fc.boolean(),
      async (pick, field, other, cut) => {
        const state = await ws.snapshot();
        const before = await validated(data);
        const s = state.statements[pick % state.statements.length]!;
        const o = state.statements[other % state.statements.length]!;
        const e = state.entities[other % state.entities.length]!;
        const record = { ...s.record };
        if (field === 'quote')
          record.quote = cut ? String(o.record.quote).slice(0, 12) : 'words the text does not have';
        else if (field === 'id') record.id = cut ? o.id : `${s.id}-x`;
        else if (field === 'conditionOn') record.conditionOn = cut ? o.id : 's:none';
        else record[field] = cut ? e.id : `${e.id}-unknown`;
        const request = {
          action: 'update' as const,
          section: 'statements' as const,
          id: s.id,
          record,
          versions: state.files,
        };
        const check = await ws.change({ ...request, check: true });
        const draft = await ws.change({ ...request, draft: true });
        expect(draft.written).toBe(true);
        expect(draft.problems.map(shown)).toEqual(check.problems.map(shown));
        const after = await validated(data);
        // The memory-kept validation of the page's state is kg validate's, problem for problem.
        expect((await ws.snapshot()).problems.map(shown)).toEqual(after);
        // The check names exactly the problems the edit brought (positions aside, as they move).
        const unplaced = (list: string[]) => list.map((l) => l.replace(/^([^:]+):\d+:\d+/, '$1'));
        const left = unplaced(before);
        const brought = unplaced(after).filter((p) => {
          const i = left.indexOf(p);
          if (i >= 0) left.splice(i, 1);
          return i < 0;
        });
        expect(unplaced(check.problems.map(shown)).sort()).toEqual(brought.sort());
        counts.checked++;
        counts.problems += check.problems.length;
      },
    ),
    { numRuns: 40, seed: 18 },
  );
  expect(counts.problems).toBeGreaterThan(20);
});
