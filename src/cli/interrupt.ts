import { constants } from 'node:os';
import { KgError } from '../errors';
import { removeUnfinishedOutputs } from '../export/unfinished';
import { reporter } from './reporter';
import { stopProgress } from './progress';

type StopSignal = 'SIGINT' | 'SIGTERM';

/** A signal stopped the command: the exit status is 128 + the signal's number, as shells report it. */
class Interrupted extends KgError {
  constructor(readonly signal: StopSignal) {
    super(
      'INTERRUPTED',
      `stopped by ${signal} before the work was done: no half-written output was kept; run the same command again to finish`,
    );
  }

  override get exitCode(): number {
    return 128 + constants.signals[this.signal];
  }
}

/**
 * On SIGINT or SIGTERM: undo writes in progress, say so, exit at once. A Neo4j load needs nothing more:
 * the server rolls back the open transaction when the connection drops, and committed batches are
 * merged again by the next run.
 */
export function exitOnSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      removeUnfinishedOutputs();
      stopProgress();
      const error = new Interrupted(signal);
      reporter.failure(error, undefined);
      process.exit(error.exitCode);
    });
}
