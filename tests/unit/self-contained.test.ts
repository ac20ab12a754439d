import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from '../helpers';

/** Every file under the folders a user's clone runs: nothing there may reach outside the repository. */
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'vendor' || name === 'node_modules') return [];
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

test('nothing in src/, tests/, scripts/ or .ci/ reads the ../shared folder a clone does not have', () => {
  const reads = ['src', 'tests', 'scripts', '.ci']
    .flatMap((d) => files(join(ROOT, d)))
    .filter((f) => f !== __filename)
    .filter((f) =>
      /\.\.\/shared\/|'\.\.', *'shared'|"\.\.", *"shared"|\.\.\/\.\.\/shared/.test(readFileSync(f, 'utf8')),
    )
    .map((f) => relative(ROOT, f));
  expect(reads).toEqual([]);
});
