import { showsProgress } from '../../src/cli/progress';

test('progress bars only on a terminal, never with --json or --quiet', () => {
  const tty = { isTTY: true };
  expect(showsProgress(tty, { json: false, quiet: false })).toBe(true);
  expect(showsProgress({ isTTY: false }, { json: false, quiet: false })).toBe(false);
  expect(showsProgress({}, { json: false, quiet: false })).toBe(false);
  expect(showsProgress(tty, { json: true, quiet: false })).toBe(false);
  expect(showsProgress(tty, { json: false, quiet: true })).toBe(false);
});
