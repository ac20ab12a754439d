/**
 * Writes in progress, each with the synchronous undo an interrupted process runs before it exits. Apart
 * from the exporters, so that the signal handler of every command does not load them all.
 */
export const unfinished = new Map<string, () => void>();

/** Undoes the writes still in progress (temporary files go, a swapped-out folder comes back). */
export function removeUnfinishedOutputs(): void {
  for (const undo of unfinished.values()) undo();
  unfinished.clear();
}
