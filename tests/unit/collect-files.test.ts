import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { collectFiles } from '../../src/validate/collect-files';

const tmp = mkdtempSync(join(tmpdir(), 'factgraph-collect-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A tree whose entries are looked at together: links to one folder, a loop, a dangling link, a note. */
function tree(): string {
  const dir = join(tmp, 'data');
  for (let i = 0; i < 40; i++) {
    mkdirSync(join(dir, `d${i % 7}`), { recursive: true });
    writeFileSync(join(dir, `d${i % 7}`, `f${i}.yaml`), 'entities: []\n');
  }
  writeFileSync(join(dir, 'd0', 'notes.txt'), 'not data');
  symlinkSync(join(dir, 'd3'), join(dir, 'a-link-to-d3'));
  symlinkSync(join(dir, 'd3'), join(dir, 'z-link-to-d3'));
  symlinkSync(dir, join(dir, 'd1', 'loop'));
  symlinkSync(join(dir, 'gone.yaml'), join(dir, 'd2', 'dangling.yaml'));
  return dir;
}

test('the same files and problems, in name order, a file under the path that reaches it first', async () => {
  const dir = tree();
  const outcome = async () => {
    const { files, problems } = await collectFiles([dir], dir);
    return {
      files: files.map((f) => relative(dir, f)),
      problems: problems.map((p) => [p.code, relative(dir, p.file ?? '')]),
    };
  };
  const first = await outcome();
  // d3's files under the link named first (a-link-to-d3 sorts before d3), none twice.
  expect(first.files.filter((f) => f.endsWith('f3.yaml'))).toEqual(['a-link-to-d3/f3.yaml']);
  expect(first.files).toHaveLength(40);
  expect(first.files).toEqual([...first.files].sort());
  expect(first.problems).toEqual([
    ['PATH_LOOP', 'd1/loop'],
    ['FILE_UNREADABLE', 'd2/dangling.yaml'],
  ]);
  for (let i = 0; i < 5; i++) expect(await outcome()).toEqual(first);
});
