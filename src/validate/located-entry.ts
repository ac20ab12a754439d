import { KgError, type KgErrorJSON, type SourcePosition } from '../errors';
import type { Located } from '../model/dataset';
import type { FileItem } from './check-file';
import type { Section } from './schema-check';

/**
 * A record of a file result, located. The positions of it and its fields stay the item's compact
 * string until something asks for them (an error, a merge): a million statements need no six million
 * objects.
 */
export class LocatedEntry implements Located<unknown> {
  #fields: Partial<Record<string, SourcePosition>> | undefined;

  constructor(
    readonly record: Record<string, unknown>,
    private readonly item: FileItem,
    private readonly file: string,
  ) {
    // A merge adds fields to an entity's record: its positions are taken while the keys are its own.
    if (item.section === 'entities') this.#fields = this.makeFields();
  }

  get section(): Section {
    return this.item.section;
  }

  get where(): SourcePosition {
    const [line, col] = this.item.at.split(',', 2).map(Number);
    return { file: this.file, line: line!, col: col! };
  }

  get fields(): Partial<Record<string, SourcePosition>> {
    this.#fields ??= this.makeFields();
    return this.#fields;
  }

  private makeFields(): Partial<Record<string, SourcePosition>> {
    const { file } = this;
    const at = this.item.at.split(',').map(Number);
    // fromEntries defines own properties: a `__proto__` key stays data, never a prototype.
    return Object.fromEntries(
      Object.keys(this.record).map((key, i) => [key, { file, line: at[2 * i + 2]!, col: at[2 * i + 3]! }]),
    );
  }
}

export function toKgError(e: KgErrorJSON, file: string): KgError {
  return KgError.fromJSON({ ...e, file });
}
