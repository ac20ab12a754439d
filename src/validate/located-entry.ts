import { KgError, type KgErrorJSON, type SourcePosition } from '../errors';
import type { Located, StatementEntry } from '../model/dataset';
import type { Section } from './schema-check';

// What the main thread makes of a file's result: no parser or ajv needed (they stay on the workers).

/**
 * A record of a file result, located. The positions of it and its fields stay the item's compact
 * string until something asks for them (an error, a merge): a million statements need no six million
 * objects.
 */
export class LocatedEntry implements Located<unknown> {
  readonly #at: string;
  #fields: Partial<Record<string, SourcePosition>> | undefined;

  /** `at`: where the record and its fields were written, as its file's result gives it (FileSection). */
  constructor(
    readonly record: Record<string, unknown>,
    readonly section: Section,
    at: string,
    private readonly file: string,
  ) {
    this.#at = at;
    // A merge adds fields to an entity's record: its positions are taken while the keys are its own.
    if (section === 'entities') this.#fields = this.makeFields();
  }

  get where(): SourcePosition {
    const [line, col] = this.#at.split(',', 2).map(Number);
    return { file: this.file, line: line!, col: col! };
  }

  get fields(): Partial<Record<string, SourcePosition>> {
    this.#fields ??= this.makeFields();
    return this.#fields;
  }

  private makeFields(): Partial<Record<string, SourcePosition>> {
    const { file } = this;
    const at = this.#at.split(',').map(Number);
    // fromEntries defines own properties: a `__proto__` key stays data, never a prototype.
    return Object.fromEntries(
      Object.keys(this.record).map((key, i) => [key, { file, line: at[2 * i + 2]!, col: at[2 * i + 3]! }]),
    );
  }
}

/**
 * A statement's entry. Its document and quote places are set once it is made: declared here, each entry
 * holds them in itself, not in a property store of its own added later (~45 MiB at a million).
 */
export class LocatedStatement extends LocatedEntry {
  document = '';
  span: StatementEntry['span'] = undefined;
  sourceSpan: StatementEntry['sourceSpan'] = undefined;
}

export function toKgError(e: KgErrorJSON, file: string): KgError {
  return KgError.fromJSON({ ...e, file });
}
