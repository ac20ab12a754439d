import { SingleBar } from 'cli-progress';
import { reporter } from './reporter';

/**
 * Progress bars are for a person watching a terminal: never in piped output, never with --json
 * (one JSON object and nothing else) or --quiet.
 */
export function showsProgress(
  stream: { isTTY?: boolean },
  options: { json: boolean; quiet: boolean },
): boolean {
  return stream.isTTY === true && !options.json && !options.quiet;
}

/** Bars on screen now: a signal stops them, so the cursor they hide comes back. */
const running = new Set<SingleBar>();

export function stopProgress(): void {
  for (const bar of running) bar.stop();
  running.clear();
}

/** Reports how far a long step is, as a bar on stderr with counts and the time left. */
export type ProgressCallback = (done: number, total: number) => void;

/**
 * A bar labelled `label` that the returned callback moves; `stop` ends it (the last state stays on
 * screen). When bars are not shown, a callback that does nothing.
 */
export function progressBar(label: string, unit: string): { update: ProgressCallback; stop: () => void } {
  if (!showsProgress(process.stderr, reporter)) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar({
    stream: process.stderr,
    format: `${label.padEnd(22)} {bar} {value}/{total} ${unit} | {percentage}% | ETA {eta_formatted}`,
    barsize: 30,
    barCompleteChar: '\u2588',
    barIncompleteChar: '\u2591',
    hideCursor: true,
    etaBuffer: 50,
  });
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, done);
        running.add(bar);
        started = true;
        return;
      }
      bar.setTotal(total);
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
      running.delete(bar);
    },
  };
}
