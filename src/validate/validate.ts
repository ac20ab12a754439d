import { realpath, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { KgError, compareErrors, type ErrorCode, type KgErrorJSON, type SourcePosition } from '../errors';
import {
  isStatementId,
  type Dataset,
  type DocumentEntry,
  type Located,
  type StatementEntry,
} from '../model/dataset';
import { ENTITY_KINDS, PREDICATES, REFERENCE_KINDS, STATEMENT_KIND, type Entity } from '../model/generated';
import { collectFiles, commonRoot, isInside } from './collect-files';
import { normalizeSource } from './quotes';
import { checkQuotes } from './check-quotes';
import { readText, DEFAULT_MAX_FILE_BYTES } from './read-text';
import { closeEnough, show } from './wording';
import { LocatedEntry, LocatedStatement, toKgError } from './located-entry';
import { runFileTasks } from './pool';
import { checkClaimsAboutClaims } from './claim-checks';
import { asciiJson, cacheKey, readEntry, writeEntry } from './cache';
import type { ValidationMemo } from './memo';

export interface ValidateOptions {
  /** The data folder document paths must stay inside; default: the deepest folder holding all paths. */
  root?: string;
  /** Files larger than this are refused (default 32 MiB). */
  maxFileBytes?: number;
  /** Errors reported per file before the rest are summed up in one (default 100). */
  maxErrorsPerFile?: number;
  /**
   * Worker threads that read and check files (default: the available cores when the files total
   * 2 MiB or more, else none). The result is the same with any number.
   */
  workers?: number;
  /** A folder where checked files are kept by content, so unchanged files are not parsed again. */
  cacheDir?: string;
  /** A data path that is not a regular file or folder (a FIFO, a device) is an error, not a warning. */
  strict?: boolean;
  /** Told how far the work is: files read and checked, then the checks across files. */
  onProgress?: (progress: ValidateProgress) => void;
  /**
   * Data files checked with this text instead of what is on disk (absolute paths); a file not on disk
   * yet is checked as if it were. `kg annotate` checks a change this way before it writes it.
   */
  overlay?: ReadonlyMap<string, string>;
  /** Kept between runs in memory by a long-running process: unchanged files and quotes are not checked again. */
  memo?: ValidationMemo;
}

export interface ValidateProgress {
  phase: 'files' | 'cross-file';
  done: number;
  total: number;
}

export interface ValidationResult {
  ok: boolean;
  /** Every problem found, sorted by file and position. */
  errors: KgError[];
  warnings: KgError[];
  dataset: Dataset;
}

/** Below this much data, starting worker threads costs more than it saves. */
const WORKERS_FROM_BYTES = 2 * 1024 * 1024;

/**
 * Validates the data files under `paths` (files or folders): YAML syntax, the schema, and the checks
 * across files (ids, references, kinds, quotes, documents). Collects every problem; throws only for
 * usage and I/O failures (a missing path, an unreadable file).
 */
export async function validate(
  paths: readonly string[] = ['graph-data'],
  options: ValidateOptions = {},
): Promise<ValidationResult> {
  const root = resolve(options.root ?? (await commonRoot(paths)));
  const collected = await collectFiles(paths, root, options.strict);
  const { problems } = collected;
  const overlay = options.overlay ?? new Map<string, string>();
  const files = overlay.size ? [...new Set([...collected.files, ...overlay.keys()])].sort() : collected.files;
  const dataset: Dataset = { root, files, documents: new Map(), entities: new Map(), statements: new Map() };
  const errors = problems.filter((e) => e.severity === 'error');
  const warnings = problems.filter((e) => e.severity === 'warning');
  /** Statements of files without a document: in no section's map, but their ids are taken. */
  const unplaced = new Map<string, LocatedEntry>();
  /** The record that first claimed an id: looked up in the sections' own maps, not kept in another. */
  const definedAt = (id: string) =>
    (dataset.statements.get(id) ??
      dataset.entities.get(id) ??
      dataset.documents.get(id) ??
      unplaced.get(id)) as LocatedEntry | undefined;
  const fileDocuments: { file: string; id: string; where: SourcePosition }[] = [];
  let unparsedFiles = 0;
  const progress = (phase: ValidateProgress['phase'], done: number, total: number) =>
    options.onProgress?.({ phase, done, total });

  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const tasks = files.map((file) => ({
    file,
    maxFileBytes,
    cacheDir: options.cacheDir,
    text: overlay.get(file),
  }));
  const threads = options.memo
    ? 0
    : (options.workers ?? ((await totalBytes(files)) >= WORKERS_FROM_BYTES ? availableParallelism() : 0));
  let checked = 0;
  /** Each file's key in the cache, if it has one. */
  const fileKeys: (string | undefined)[] = [];
  progress('files', 0, files.length);
  // Each file's own problems and records come from the pool in file order; what needs every file (ids,
  // merged entities) is done here, in that order, so the result does not depend on the threads.
  for await (const { result, key: fileKey } of runFileTasks(tasks, threads, options.memo)) {
    const file = files[checked++]!;
    fileKeys.push(fileKey);
    const fileErrors = result.errors.map((e) => toKgError(e, file));
    warnings.push(...result.warnings.map((e) => toKgError(e, file)));
    if (!result.parsed) unparsedFiles++;
    const at = (p: SourcePosition) => `${relative(root, p.file)}:${p.line}:${p.col}`;
    /** Whether an id is free for a new record; false (and an error) if it is taken, unless merged below. */
    const isFree = (id: unknown, entry: LocatedEntry): id is string => {
      if (typeof id !== 'string') return false;
      const first = definedAt(id);
      if (!first) return true;
      if (entry.section !== 'entities' || first.section !== 'entities') {
        fileErrors.push(
          new KgError(
            'DUPLICATE_ID',
            `duplicate id ${show(id)}, first defined at ${at(first.where)}`,
            entry.where,
          ),
        );
      }
      return false;
    };
    const document = result.document?.id;
    if (result.document) {
      const [line, col] = result.document.where;
      fileDocuments.push({ file, id: result.document.id, where: { file, line, col } });
    }
    for (const { section, records, at: where, errors: itemErrors } of result.sections)
      for (const [i, record] of records.entries()) {
        for (const e of itemErrors?.[i] ?? []) fileErrors.push(toKgError(e, file));
        if (!record) continue;
        const entry =
          section === 'statements' && document !== undefined
            ? new LocatedStatement(record, section, where[i]!, file)
            : new LocatedEntry(record, section, where[i]!, file);
        const { id } = record;
        if (!isFree(id, entry)) {
          const described =
            section === 'entities' && typeof id === 'string' ? dataset.entities.get(id) : undefined;
          if (described)
            fileErrors.push(...mergeEntity(described, entry as Located<unknown> as Located<Entity>, at));
          continue;
        }
        if (section === 'documents') {
          const d = entry as Located<unknown> as DocumentEntry;
          d.sourcePath = '';
          dataset.documents.set(id, d);
        } else if (section === 'entities') {
          // Registered even with an unknown kind, so references to it are not reported as undefined too.
          dataset.entities.set(id, entry as Located<unknown> as Located<Entity>);
        } else if (document !== undefined) {
          const s = entry as Located<unknown> as StatementEntry;
          s.document = document;
          dataset.statements.set(id, s);
        } else {
          unplaced.set(id, entry);
        }
      }
    errors.push(...capped(fileErrors, options, file));
    progress('files', checked, files.length);
  }

  progress('cross-file', 0, 3);
  await loadDocumentTexts(dataset, errors, options);
  progress('cross-file', 1, 3);
  const suggestReference = referenceSuggester();
  const documentIds = lazy(() => [...dataset.documents.keys()]);
  for (const f of fileDocuments) {
    if (!dataset.documents.has(f.id)) {
      errors.push(
        new KgError(
          'UNKNOWN_REFERENCE',
          `document ${show(f.id)} is not defined in any file${suggestReference(f.id, documentIds)}`,
          f.where,
        ),
      );
    }
  }
  // A file that could not be parsed may define what others refer to: don't report those as unknown.
  const crossFile = await checkAcrossFiles(
    dataset,
    unparsedFiles === 0,
    options.cacheDir,
    fileKeys,
    suggestReference,
    options.memo,
  );
  progress('cross-file', 2, 3);
  // A node the schema already rejected gets no second error from the checks across files.
  const flagged = new Set(errors.map(key));
  // A loop, not push(...list): a list of 400,000 problems (1M statements, half invalid) overflows the stack.
  for (const e of crossFile) if (!flagged.has(key(e))) errors.push(e);

  errors.sort(compareErrors);
  warnings.sort(compareErrors);
  progress('cross-file', 3, 3);
  return { ok: errors.length === 0, errors, warnings, dataset };
}

/**
 * The same entity described again (in a registry file and an article's file, say) is merged into the
 * first description, in file order: aliases are united, fields only the second has are added, and a
 * field both give with different values is a conflict reported at the second, naming the first.
 */
function mergeEntity(
  first: Located<Entity>,
  again: Located<Entity>,
  at: (p: SourcePosition) => string,
): KgError[] {
  const errors: KgError[] = [];
  const merged = first.record as unknown as Record<string, unknown>;
  for (const [field, value] of Object.entries(again.record)) {
    const where = again.fields[field] ?? again.where;
    if (field === 'aliases' && Array.isArray(value) && Array.isArray(merged.aliases)) {
      merged.aliases = [...new Set([...(merged.aliases as unknown[]), ...value])];
    } else if (!Object.hasOwn(merged, field)) {
      // Defined, not assigned, so a `__proto__` field stays data (the schema reports it as unknown).
      Object.defineProperty(merged, field, { value, enumerable: true, writable: true, configurable: true });
      Object.defineProperty(first.fields, field, {
        value: where,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else if (JSON.stringify(merged[field]) !== JSON.stringify(value)) {
      const there = first.fields[field] ?? first.where;
      errors.push(
        new KgError(
          'ENTITY_CONFLICT',
          `${first.record.id} has '${field}' ${show(merged[field])} at ${at(there)}, but ${show(value)} here`,
          where,
        ),
      );
    }
  }
  return errors;
}

const key = (e: KgError) => `${e.file}:${e.line}:${e.col}`;

async function totalBytes(files: readonly string[]): Promise<number> {
  const sizes = await Promise.all(
    files.map((f) =>
      stat(f).then(
        (s) => s.size,
        () => 0,
      ),
    ),
  );
  return sizes.reduce((a, b) => a + b, 0);
}

function capped(list: KgError[], options: ValidateOptions, file: string): KgError[] {
  const max = options.maxErrorsPerFile ?? 100;
  if (list.length <= max) return list;
  const rest = list.length - max;
  return [
    ...list.slice(0, max),
    new KgError('TOO_MANY_ERRORS', `${rest} more error${rest === 1 ? '' : 's'} in this file not shown`, {
      file,
    }),
  ];
}

async function loadDocumentTexts(
  dataset: Dataset,
  errors: KgError[],
  options: ValidateOptions,
): Promise<void> {
  const realRoot = await realpath(dataset.root).catch(() => dataset.root);
  const entries = [...dataset.documents.values()];
  // A few texts read at once (one after another, 10,000 documents left the thread idle ~0.5 s), not
  // all: each read holds a file open.
  for (let i = 0; i < entries.length; i += DOCUMENTS_AT_ONCE) {
    const batch = entries.slice(i, i + DOCUMENTS_AT_ONCE);
    const texts = await Promise.all(
      batch.map((entry) => {
        const rel = entry.record.path;
        if (typeof rel !== 'string') return undefined;
        entry.sourcePath = resolve(dirname(entry.where.file), rel);
        return readDocumentText(entry.sourcePath, rel, dataset.root, realRoot, options);
      }),
    );
    for (const [j, text] of texts.entries()) {
      const entry = batch[j]!;
      if (typeof text === 'string') entry.text = normalizeSource(text);
      else if (text !== undefined)
        errors.push(new KgError(text[0], text[1], entry.fields.path ?? entry.where));
    }
  }
}

/** Source texts read at once. */
const DOCUMENTS_AT_ONCE = 16;

/** The document's source text, or the code and message of why it cannot be had. */
async function readDocumentText(
  target: string,
  rel: string,
  root: string,
  realRoot: string,
  options: ValidateOptions,
): Promise<string | [ErrorCode, string]> {
  if (isAbsolute(rel) || !isInside(root, target)) {
    return ['PATH_OUTSIDE_ROOT', `path ${show(rel)} must be relative and stay inside the data folder`];
  }
  let real: string;
  try {
    real = await realpath(target);
  } catch {
    return ['DOCUMENT_NOT_FOUND', `source text ${show(rel)} not found (the path is relative to this file)`];
  }
  if (!isInside(realRoot, real)) {
    return ['PATH_OUTSIDE_ROOT', `path ${show(rel)} leads outside the data folder through a symbolic link`];
  }
  try {
    const read = await readText(real, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
    return read.ok ? read.text : [read.error.code, `source text ${show(rel)}: ${read.error.message}`];
  } catch (e) {
    return ['DOCUMENT_NOT_FOUND', `source text ${show(rel)} cannot be read: ${(e as Error).message}`];
  }
}

/** The checks across files, as the cache keeps them: their errors, and each statement's spans. */
interface CrossFileEntry {
  errors: KgErrorJSON[];
  /**
   * start, end of each statement's quote, then of its sourceQuote, in the dataset's order; -1, -1 where
   * there is none.
   */
  spans: number[];
}

const SPANS = ['span', 'sourceSpan'] as const;

/**
 * The checks across files: references and quotes. What they find depends only on the files' bytes and
 * paths and the documents' texts, so with a cache it is kept whole under those: a re-run over unchanged
 * files checks nothing again and only puts the quotes' spans back.
 */
async function checkAcrossFiles(
  dataset: Dataset,
  reportUnknown: boolean,
  cacheDir: string | undefined,
  fileKeys: readonly (string | undefined)[],
  suggestReference: SuggestReference,
  memo: ValidationMemo | undefined,
): Promise<KgError[]> {
  const dir = cacheDir && join(cacheDir, 'checks');
  const entryKey =
    dir && fileKeys.every((k) => k !== undefined)
      ? await cacheKey(checksInputs(dataset, reportUnknown, fileKeys as string[]))
      : undefined;
  const cached = entryKey && (await readEntry(dir!, entryKey));
  if (cached) {
    const { errors, spans } = JSON.parse(cached) as CrossFileEntry;
    let i = 0;
    for (const s of dataset.statements.values()) {
      for (const which of SPANS) {
        const start = spans[i++]!;
        const end = spans[i++]!;
        if (start >= 0) s[which] = { start, end };
      }
    }
    return errors.map((e) => KgError.fromJSON(e));
  }
  const errors: KgError[] = [];
  checkReferences(dataset, errors, reportUnknown, suggestReference);
  await checkQuotes(dataset, errors, cacheDir, memo);
  if (entryKey) {
    const spans: number[] = [];
    for (const s of dataset.statements.values())
      for (const which of SPANS) spans.push(s[which]?.start ?? -1, s[which]?.end ?? -1);
    const entry: CrossFileEntry = { errors: errors.map((e) => e.toJSON()), spans };
    await writeEntry(dir!, entryKey, asciiJson(entry));
  }
  return errors;
}

/** What the checks across files depend on, as cache key parts. */
function* checksInputs(
  dataset: Dataset,
  reportUnknown: boolean,
  fileKeys: readonly string[],
): Generator<string> {
  yield 'checks';
  yield String(reportUnknown);
  yield dataset.root;
  for (const [i, file] of dataset.files.entries()) {
    yield file;
    yield fileKeys[i]!;
  }
  for (const [id, d] of dataset.documents) {
    yield id;
    yield d.text === undefined ? 'no text' : 'text';
    yield d.text ?? '';
  }
}

const ANY_KINDS = {
  subjectKinds: Object.keys(ENTITY_KINDS),
  objectKinds: [...Object.keys(ENTITY_KINDS), STATEMENT_KIND],
};
/** The reference fields of statements and documents besides subject and object, with the kinds they allow. */
const references = <T extends object>(fields: T) =>
  Object.entries(fields) as [keyof T & string, readonly string[]][];
const STATEMENT_REFERENCES = references(REFERENCE_KINDS.statement);
const DOCUMENT_REFERENCES = references(REFERENCE_KINDS.document);

/**
 * Wrong references that get a "did you mean": each looks through every id, so a run with many wrong
 * references (a renamed entity) costs at most this many look-ups, and a valid run none.
 */
const SUGGESTED_REFERENCES = 50;

type SuggestReference = (id: string, ids: () => string[]) => string;

/**
 * ` (did you mean 'person:donald-trump'?)` for the first wrong references of one run: the closest id of
 * the same prefix, compared without it (every `person:` shares those letters).
 */
function referenceSuggester(): SuggestReference {
  let left = SUGGESTED_REFERENCES;
  return (id, ids) => {
    if (left-- <= 0) return '';
    const prefix = id.slice(0, id.indexOf(':') + 1);
    const names = ids()
      .filter((c) => c.startsWith(prefix))
      .map((c) => c.slice(prefix.length));
    // Ids are long: a typo in one is an edit or two, not a third of its letters.
    const name = id.slice(prefix.length);
    const best = closeEnough(name, names, false, Math.max(1, Math.ceil(name.length / 5)));
    return best === undefined ? '' : ` (did you mean '${prefix}${best}'?)`;
  };
}

/** The value of `make`, made on the first call. */
function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

function checkReferences(
  dataset: Dataset,
  errors: KgError[],
  reportUnknown: boolean,
  suggestReference: SuggestReference,
): void {
  const entityIds = lazy(() => [...dataset.entities.keys()]);
  /**
   * Checks the reference in `field` of `entry` (one id, or each of a list); `predicate` names a
   * statement's subject or object. This runs for every reference, a few million at 1M statements: it
   * allocates nothing unless there is a problem, when a message and a position are made.
   */
  const check = (
    entry: Located<object>,
    field: string,
    value: unknown,
    kinds: readonly string[],
    predicate?: string,
  ) => {
    if (value === undefined) return;
    // A reference to an entity takes the entity's own id string: each file's copy of it (a million
    // statements hold two or more each) is let go: ~110 MiB less live heap at 1M statements.
    if (!Array.isArray(value)) {
      const same = checkId(entry, field, -1, value, kinds, predicate);
      if (same !== undefined) (entry.record as Record<string, unknown>)[field] = same;
      return;
    }
    for (let i = 0; i < value.length; i++) {
      const same = checkId(entry, field, i, value[i], kinds, predicate);
      if (same !== undefined) value[i] = same;
    }
  };
  /** One id of `field` (its `index`-th, or -1 for a field of one id); the entity's id string if it names one. */
  const checkId = (
    entry: Located<object>,
    field: string,
    index: number,
    id: unknown,
    kinds: readonly string[],
    predicate?: string,
  ) => {
    if (typeof id !== 'string') return undefined;
    const target = dataset.entities.get(id);
    const kind = target?.record.kind;
    if (target ? !Object.hasOwn(ENTITY_KINDS, kind!) || kinds.includes(kind!) : !reportUnknown)
      return target?.record.id;
    const name = index < 0 ? field : `${field}[${index}]`;
    const role = predicate === undefined ? name : `${name} of ${predicate}`;
    const at = entry.fields[field] ?? entry.where;
    errors.push(
      target
        ? new KgError(
            'KIND_NOT_ALLOWED',
            `${role} ${show(id)} is a ${kind}; allowed: ${kinds.join(', ')}`,
            at,
          )
        : new KgError(
            'UNKNOWN_REFERENCE',
            `${role} ${show(id)} is not defined in any file${suggestReference(id, entityIds)}`,
            at,
          ),
    );
    return undefined;
  };
  for (const d of dataset.documents.values()) {
    for (const [field, kinds] of DOCUMENT_REFERENCES) {
      check(d, field, d.record[field], kinds);
    }
  }
  for (const s of dataset.statements.values()) {
    const { subject, predicate, object, conditionOn } = s.record;
    // With an unknown predicate, any kind goes: the predicate is reported already.
    const rule = Object.hasOwn(PREDICATES, predicate) ? PREDICATES[predicate] : ANY_KINDS;
    check(s, 'subject', subject, rule.subjectKinds, predicate);
    if (isStatementId(dataset, object)) {
      if (!(rule.objectKinds as readonly string[]).includes(STATEMENT_KIND)) {
        errors.push(
          new KgError(
            'STATEMENT_OBJECT_NOT_ALLOWED',
            `object of ${predicate} ${show(object)} is a statement; ${predicate} takes ${rule.objectKinds.join(', ')}, not a claim`,
            s.fields.object ?? s.where,
          ),
        );
      }
    } else check(s, 'object', object, rule.objectKinds, predicate);
    if (typeof subject === 'string' && subject === object) {
      errors.push(
        new KgError('SELF_LOOP', `subject and object are both ${show(subject)}`, s.fields.object ?? s.where),
      );
    }
    if (typeof conditionOn === 'string' && !dataset.statements.has(conditionOn)) {
      const entity = dataset.entities.get(conditionOn);
      if (entity || reportUnknown) {
        errors.push(
          new KgError(
            'UNKNOWN_REFERENCE',
            `conditionOn ${show(conditionOn)} ${entity ? `is a ${entity.record.kind}, not a statement` : 'is no statement of any file'}`,
            s.fields.conditionOn ?? s.where,
          ),
        );
      }
    }
    for (const [field, kinds] of STATEMENT_REFERENCES) {
      check(s, field, s.record[field], kinds);
    }
  }
  checkClaimsAboutClaims(dataset, errors);
}
