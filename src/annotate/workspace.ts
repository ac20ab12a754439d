/**
 * The data files as `kg annotate` sees them: each change to a statement or an entity is made in the
 * file's text (yaml-edit), checked by the same validation as `kg validate` (with the new text laid over
 * the file), and written atomically, unless the file changed on disk since the page read it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { parseDocument, isMap } from 'yaml';
import { KgError, type ErrorCode } from '../errors';
import type { Dataset } from '../model/dataset';
import { ENTITY_KINDS } from '../model/generated';
import { coverage, type SentenceCoverage } from '../query/coverage';
import { collectFiles, commonRoot } from '../validate/collect-files';
import { ValidationMemo } from '../validate/memo';
import { validate, type ValidationResult } from '../validate/validate';
import { fieldOrder } from './form-schema';
import { locateFields, newProblems, recordProblems, type Problem } from './problems';
import { insertItem, itemIds, removeItem, replaceItem, type DataRecord } from './yaml-edit';

export type EditSection = 'statements' | 'entities';

export type { Problem };

/** One change the page asks for. `versions` are the file hashes the page has seen (`Snapshot.files`). */
export interface ChangeRequest {
  action: 'create' | 'update' | 'delete';
  section: EditSection;
  /** The record to change (update, delete). */
  id?: string;
  /** The new record (create, update). */
  record?: DataRecord;
  /** A new statement's document, and where its quote starts in the text (for its place in the file). */
  document?: string;
  at?: number;
  versions: Record<string, string>;
  /** Write even with problems (a draft; `kg validate` reports them as usual). */
  draft?: boolean;
  /** Only check: say what the change's problems would be, write nothing. */
  check?: boolean;
}

export interface ChangeResult {
  /** False when the change has problems (and was not written, unless a draft). */
  ok: boolean;
  written: boolean;
  file: string;
  problems: Problem[];
}

export interface DocumentView {
  id: string;
  title: string;
  language: string;
  file: string;
  /** The file its new statements go into. */
  statementsFile: string | undefined;
  /** Normalized as quotes are matched (NFC, LF). */
  text: string;
  sentences: SentenceCoverage[];
  /** Known entities whose name or aliases occur in the text: the mention list. */
  mentions: { id: string; forms: string[] }[];
}

export interface Snapshot {
  /** Every data file, relative to the data folder, with the hash of its text. */
  files: Record<string, string>;
  documents: DocumentView[];
  /** Each record with the validator's problems in it, each at its field. */
  entities: { id: string; file: string; record: DataRecord; problems: Problem[] }[];
  statements: {
    id: string;
    file: string;
    document: string;
    record: DataRecord;
    span?: { start: number; end: number };
    problems: Problem[];
  }[];
  /** The registry file of each kind that has one. */
  registries: Record<string, string>;
  problems: Problem[];
  /** Files changed since the app started, and whether there is a change to undo. */
  changed: string[];
  canUndo: boolean;
}

/** A refusal the API reports with a status: the page shows its code and message. */
export class ChangeRefused extends KgError {
  constructor(
    readonly status: 400 | 404 | 409,
    code: ErrorCode,
    message: string,
    file?: string,
  ) {
    super(code, message, file === undefined ? undefined : { file });
  }
}

interface Written {
  file: string;
  before: string | undefined;
  after: string;
}

export const hashText = (text: string): string =>
  createHash('sha256').update(text).digest('hex').slice(0, 16);

export class Workspace {
  /** Each file's text when the app started (undefined: it did not exist). */
  readonly #initial = new Map<string, string | undefined>();
  readonly #undo: Written[] = [];
  /** Each check re-reads only what changed: an edit being typed costs about its file. */
  readonly #memo = new ValidationMemo();
  #base: { stamp: string; result: ValidationResult } | undefined;
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly paths: string[],
    readonly root: string,
    private readonly cacheDir: string | undefined,
  ) {}

  static async open(paths: string[], options: { root?: string; cacheDir?: string } = {}): Promise<Workspace> {
    const root = resolve(options.root ?? (await commonRoot(paths)));
    const ws = new Workspace(
      paths.map((p) => resolve(p)),
      root,
      options.cacheDir,
    );
    for (const file of (await ws.current()).dataset.files) ws.#initial.set(file, await readText(file));
    return ws;
  }

  /** Runs one operation at a time: two tabs' changes never interleave. */
  #serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work, work);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /**
   * The validation of the files as they are on disk: the last one again while no data file or source
   * text changed (by their size, time and inode), so checking an edit as it is typed validates once.
   */
  private async current(): Promise<ValidationResult> {
    const stamp = await this.stamp();
    if (this.#base?.stamp === stamp) return this.#base.result;
    const result = await this.validate();
    this.#base = { stamp, result };
    return result;
  }

  private async stamp(): Promise<string> {
    const { files } = await collectFiles(this.paths, this.root);
    const sources = [...(this.#base?.result.dataset.documents.values() ?? [])].map((d) => d.sourcePath);
    const stamps = await Promise.all(
      [...files, ...sources].map((file) =>
        stat(file, { bigint: true }).then(
          (s) => `${file}\0${s.size}\0${s.mtimeNs}\0${s.ino}`,
          () => `${file}\0missing`,
        ),
      ),
    );
    return stamps.join('\n');
  }

  private validate(overlay?: Map<string, string>): Promise<ValidationResult> {
    return validate(this.paths, {
      root: this.root,
      memo: this.#memo,
      ...(this.cacheDir === undefined ? {} : { cacheDir: this.cacheDir }),
      ...(overlay ? { overlay } : {}),
    });
  }

  rel(file: string): string {
    return relative(this.root, file).split(sep).join('/');
  }

  snapshot(): Promise<Snapshot> {
    return this.#serial(async () => this.view(await this.current()));
  }

  private async view(result: ValidationResult): Promise<Snapshot> {
    const { dataset } = result;
    const files: Record<string, string> = {};
    const texts = new Map<string, string>();
    for (const file of dataset.files) {
      const text = (await readText(file)) ?? '';
      texts.set(file, text);
      files[this.rel(file)] = hashText(text);
    }
    const covered = new Map(coverage(dataset).map((d) => [d.document, d.sentences]));
    const documents: DocumentView[] = [];
    for (const [id, d] of dataset.documents) {
      if (d.text === undefined) continue;
      documents.push({
        id,
        title: d.record.title,
        language: d.record.language,
        file: this.rel(d.where.file),
        statementsFile: this.statementsFileOf(dataset, id, texts),
        text: d.text,
        sentences: covered.get(id) ?? [],
        mentions: mentions(dataset, d.text),
      });
    }
    const problems = [...result.errors, ...result.warnings].map((e) => this.problem(e));
    const inRecord = recordProblems(dataset, problems, (file) => this.rel(file));
    return {
      files,
      documents,
      entities: [...dataset.entities.values()].map((e) => ({
        id: e.record.id,
        file: this.rel(e.where.file),
        record: e.record as unknown as DataRecord,
        problems: inRecord.get(e) ?? [],
      })),
      statements: [...dataset.statements.values()].map((s) => ({
        id: s.record.id,
        file: this.rel(s.where.file),
        document: s.document,
        record: s.record as unknown as DataRecord,
        ...(s.span ? { span: s.span } : {}),
        problems: inRecord.get(s) ?? [],
      })),
      registries: Object.fromEntries(
        Object.keys(ENTITY_KINDS).flatMap((kind) => {
          const file = registryOf(dataset, kind);
          return file ? [[kind, this.rel(file)]] : [];
        }),
      ),
      problems,
      changed: await this.changedFiles(dataset.files),
      canUndo: this.#undo.length > 0,
    };
  }

  /** The file that holds the document's statements, or the first file that names it as its document. */
  private statementsFileOf(dataset: Dataset, id: string, texts: Map<string, string>): string | undefined {
    for (const s of dataset.statements.values()) if (s.document === id) return this.rel(s.where.file);
    for (const [file, text] of texts) {
      const doc = parseDocument(text);
      if (isMap(doc.contents) && doc.get('document') === id) return this.rel(file);
    }
    return undefined;
  }

  private problem(e: KgError): Problem {
    const json: Problem = e.toJSON();
    if (json.file !== undefined) json.file = this.rel(json.file);
    return json;
  }

  private async changedFiles(files: readonly string[]): Promise<string[]> {
    const all = new Set([...files, ...this.#initial.keys()]);
    const changed: string[] = [];
    for (const file of [...all].sort()) {
      if ((await readText(file)) !== this.#initial.get(file)) changed.push(this.rel(file));
    }
    return changed;
  }

  /** Makes, checks and (unless refused) writes one change. */
  change(request: ChangeRequest): Promise<ChangeResult> {
    return this.#serial(async () => {
      const before = await this.current();
      const { file, text, index } = await this.plan(before.dataset, request);
      const current = await readText(file);
      const seen = request.versions[this.rel(file)];
      if ((current === undefined ? undefined : hashText(current)) !== seen)
        throw new ChangeRefused(
          409,
          'FILE_CHANGED',
          `${this.rel(file)} changed on disk since the page read it; it was reloaded, make the change again`,
          this.rel(file),
        );
      const after = await this.validate(new Map([[file, text]]));
      const problems = newProblems(before, after).map((e) => this.problem(e));
      if (index !== undefined) locateFields(problems, text, this.rel(file), request.section, index);
      const ok = problems.every((p) => p.severity !== 'error');
      const write = !request.check && (ok || request.draft === true);
      if (write) {
        await atomicWrite(file, text);
        this.#undo.push({ file, before: current, after: text });
      }
      return { ok, written: write, file: this.rel(file), problems };
    });
  }

  /** Puts back the file as it was before the last change, if nothing changed it since. */
  undo(): Promise<{ file: string }> {
    return this.#serial(async () => {
      const last = this.#undo[this.#undo.length - 1];
      if (!last) throw new ChangeRefused(400, 'USAGE', 'there is no change to undo');
      if ((await readText(last.file)) !== last.after)
        throw new ChangeRefused(
          409,
          'FILE_CHANGED',
          `${this.rel(last.file)} changed on disk since the last change; it cannot be undone`,
          this.rel(last.file),
        );
      this.#undo.pop();
      if (last.before === undefined) await unlink(last.file);
      else await atomicWrite(last.file, last.before);
      return { file: this.rel(last.file) };
    });
  }

  /** A unified diff of each file changed since the app started. */
  diff(): Promise<{ file: string; patch: string }[]> {
    return this.#serial(async () => {
      const files = (await this.current()).dataset.files;
      const out: { file: string; patch: string }[] = [];
      for (const rel of await this.changedFiles(files)) {
        const file = join(this.root, rel);
        const patch = createTwoFilesPatch(
          `a/${rel}`,
          `b/${rel}`,
          this.#initial.get(file) ?? '',
          (await readText(file)) ?? '',
        );
        out.push({ file: rel, patch });
      }
      return out;
    });
  }

  /** The file a change goes into, its new text, and the index of the changed item (none: deleted). */
  private async plan(
    dataset: Dataset,
    request: ChangeRequest,
  ): Promise<{ file: string; text: string; index: number | undefined }> {
    const { section, action } = request;
    const record = request.record;
    if (action !== 'delete' && (!record || typeof record !== 'object' || Array.isArray(record)))
      throw new ChangeRefused(400, 'USAGE', 'the change has no record');
    if (action === 'create') {
      const file =
        section === 'statements'
          ? await this.newStatementFile(dataset, request.document)
          : await this.registryFile(dataset, record!);
      const text = (await readText(file)) ?? newFileText(section);
      const index =
        section === 'statements'
          ? placeInTextOrder(dataset, text, file, request.at ?? 0)
          : itemIds(text, section).length;
      return { file, text: insertItem(text, section, index, record!), index };
    }
    const id = request.id ?? '';
    const entry = section === 'statements' ? dataset.statements.get(id) : dataset.entities.get(id);
    if (!entry)
      throw new ChangeRefused(
        404,
        'UNKNOWN_REFERENCE',
        `${section === 'statements' ? 'statement' : 'entity'} '${id}' is not defined in any file`,
      );
    const file = entry.where.file;
    const text = (await readText(file)) ?? '';
    const index = itemIds(text, section).indexOf(id);
    if (index < 0)
      throw new ChangeRefused(
        409,
        'FILE_CHANGED',
        `${this.rel(file)} no longer defines '${id}'`,
        this.rel(file),
      );
    if (action === 'delete') return { file, text: removeItem(text, section, index), index: undefined };
    return { file, text: replaceItem(text, section, index, record!, fieldOrder(section)), index };
  }

  private async newStatementFile(dataset: Dataset, document: string | undefined): Promise<string> {
    const doc = document === undefined ? undefined : dataset.documents.get(document);
    if (!doc)
      throw new ChangeRefused(
        404,
        'UNKNOWN_REFERENCE',
        `document '${document ?? ''}' is not defined in any file`,
      );
    for (const s of dataset.statements.values()) if (s.document === document) return s.where.file;
    // No statement yet: the file that names the document (kg new document writes one).
    for (const file of dataset.files) {
      const parsed = parseDocument((await readText(file)) ?? '');
      if (isMap(parsed.contents) && parsed.get('document') === document) return file;
    }
    throw new ChangeRefused(
      404,
      'UNKNOWN_REFERENCE',
      `no data file has 'document: ${document}' for its statements`,
    );
  }

  /** The registry file of the entity's kind: the file with most entities of that kind, or a new one. */
  private async registryFile(dataset: Dataset, record: DataRecord): Promise<string> {
    const kind = String(record.kind);
    const found = registryOf(dataset, kind);
    if (found) return found;
    const any = [...dataset.entities.values()][0]?.where.file;
    const dir = any ? dirname(any) : join(this.root, 'entities');
    await mkdir(dir, { recursive: true });
    return join(dir, `${kind.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.yaml`);
  }
}

function registryOf(dataset: Dataset, kind: string): string | undefined {
  const counts = new Map<string, number>();
  for (const e of dataset.entities.values())
    if (e.record.kind === kind) counts.set(e.where.file, (counts.get(e.where.file) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
}

function newFileText(section: EditSection): string {
  return `${section}: []\n`;
}

/** The index a statement quoting from `at` takes: after the last one of the file that starts before it. */
function placeInTextOrder(dataset: Dataset, text: string, file: string, at: number): number {
  const ids = itemIds(text, 'statements');
  let index = 0;
  ids.forEach((id, i) => {
    const s = id === undefined ? undefined : dataset.statements.get(id);
    if (s?.where.file === file && s.span && s.span.start <= at) index = i + 1;
  });
  return index;
}

/** The known entities whose name or an alias occurs in the text. */
function mentions(dataset: Dataset, text: string): { id: string; forms: string[] }[] {
  const out: { id: string; forms: string[] }[] = [];
  for (const e of dataset.entities.values()) {
    const forms = [...new Set([e.record.name, ...(e.record.aliases ?? [])])].filter(
      (f) => typeof f === 'string' && f.length > 1 && text.includes(f.normalize('NFC')),
    );
    if (forms.length > 0) out.push({ id: e.record.id, forms });
  }
  return out;
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** Writes the file whole or not at all: a temporary file beside it, renamed over it. */
async function atomicWrite(file: string, text: string): Promise<void> {
  const tmp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  await writeFile(tmp, text, { flag: 'wx' });
  try {
    await rename(tmp, file);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}
