import { createHash } from 'node:crypto';
import type { Occurrences } from './quotes';

/** Versions of one file kept: the one on disk and the one being edited. */
const VERSIONS_PER_FILE = 2;
/** Document texts whose quote searches are kept (each document's text, and a few edits of them). */
const TEXTS_KEPT = 256;

interface CheckedVersion {
  hash: string;
  /** The file's result as JSON: parsed anew by each run, which may change what it is given. */
  json: string;
  /** Its key in the disk cache, if there is one. */
  key: string | undefined;
}

/**
 * What a long-running process (`kg annotate`) keeps in memory between validations of the same data:
 * each file's checked result by its bytes, and where each quote occurs in each document text. A run with
 * it checks again only the files whose bytes changed and searches only the quotes it has not searched
 * in that text, so checking an edit costs about the edited file; what it finds is what a run without
 * it finds (the checks across files still run whole, and cost little next to parsing and searching).
 */
export class ValidationMemo {
  readonly #files = new Map<string, CheckedVersion[]>();
  readonly #quotes = new Map<string, Map<string, Occurrences>>();

  static hash(bytes: Uint8Array): string {
    return createHash('sha256').update(bytes).digest('base64');
  }

  file(file: string, hash: string): CheckedVersion | undefined {
    return this.#files.get(file)?.find((v) => v.hash === hash);
  }

  keepFile(file: string, version: CheckedVersion): void {
    const versions = [version, ...(this.#files.get(file) ?? []).filter((v) => v.hash !== version.hash)];
    this.#files.set(file, versions.slice(0, VERSIONS_PER_FILE));
  }

  /** The searches made in this text, by quote (and how many starts were kept). */
  quotesIn(text: string): Map<string, Occurrences> {
    let found = this.#quotes.get(text);
    if (!found) {
      if (this.#quotes.size >= TEXTS_KEPT) this.#quotes.delete(this.#quotes.keys().next().value!);
      this.#quotes.set(text, (found = new Map()));
    }
    return found;
  }
}
