import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../helpers';

test('the generated schema bundle, TypeScript types and model docs match schema/', () => {
  // Exits non-zero, naming the stale file, when someone edited a schema without `npm run gen`.
  expect(() =>
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'gen-model.mjs'), '--check'], { stdio: 'pipe' }),
  ).not.toThrow();
});
