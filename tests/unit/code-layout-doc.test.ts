import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

test('docs/development.md names the stage of every folder of src/', () => {
  const doc = readFileSync(join(ROOT, 'docs', 'development.md'), 'utf8');
  const listed = new Set([...doc.matchAll(/`(src\/[a-z0-9/-]+\/)`/g)].map((m) => m[1]));
  const folders = (dir: string): string[] =>
    readdirSync(join(ROOT, dir), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => `${dir}/${e.name}/`);
  // A folder is named itself, or each of its subfolders is (src/backends/memory/, src/backends/neo4j/).
  const unnamed = folders('src').filter((f) => {
    const subs = folders(f.slice(0, -1));
    return !listed.has(f) && !(subs.length > 0 && subs.every((sub) => listed.has(sub)));
  });
  expect(unnamed).toEqual([]);
});
