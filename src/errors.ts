/**
 * Every problem factgraph reports is a KgError: a stable code, a message a person can act on, and where
 * it is. Bad data is collected as KgErrors and returned; only usage and I/O failures are thrown.
 */

/** The stable codes, what each means, and the exit status of a command that stops on it. */
export const ERROR_CODES = {
  // Reading a file
  FILE_TOO_LARGE: { exit: 1, about: 'The file is larger than the size limit.' },
  NOT_UTF8: { exit: 1, about: 'The file is not valid UTF-8.' },
  EMPTY_FILE: { exit: 1, about: 'The file holds no YAML document.' },
  NOT_REGULAR_FILE: {
    exit: 1,
    about:
      'A data path or source text that is a FIFO, device or socket: never read (a warning for data paths, an error with --strict).',
  },
  PATH_LOOP: { exit: 1, about: 'A symbolic link that leads back into a folder it is in.' },
  // YAML syntax
  YAML_SYNTAX: { exit: 1, about: 'The YAML parser rejected the text.' },
  YAML_TAB_INDENT: { exit: 1, about: 'A tab used for indentation (YAML allows spaces only).' },
  YAML_MULTIPLE_DOCUMENTS: { exit: 1, about: 'More than one YAML document (---) in one file.' },
  YAML_ALIAS: { exit: 1, about: 'An anchor (&), alias (*) or merge key: not allowed in annotation files.' },
  YAML_TOO_DEEP: { exit: 1, about: 'Collections nested deeper than 64 levels.' },
  DUPLICATE_KEY: { exit: 1, about: 'The same key twice in one mapping.' },
  // Schema
  MISSING_FIELD: { exit: 1, about: 'A required field is missing.' },
  UNKNOWN_FIELD: { exit: 1, about: 'A field the schema does not define (often a typo).' },
  WRONG_TYPE: { exit: 1, about: 'A value of the wrong type (e.g. a number where text belongs).' },
  INVALID_VALUE: { exit: 1, about: 'A value the schema does not allow (format, pattern, enum, length).' },
  INVALID_ID: { exit: 1, about: 'An id or reference that is not a well-formed id of the right kind.' },
  UNKNOWN_KIND: { exit: 1, about: 'An entity kind that schema/kinds/ does not define.' },
  UNKNOWN_PREDICATE: { exit: 1, about: 'A predicate that schema/predicates/ does not define.' },
  INVALID_EDTF: {
    exit: 1,
    about: 'A date field that is not an EDTF level 1 date, or a date that does not exist (2025-02-30).',
  },
  QUANTITY_RANGE: {
    exit: 1,
    about: "A quantity with 'min' above 'max', or 'value' together with 'min'/'max'.",
  },
  // Across files
  DUPLICATE_ID: { exit: 1, about: 'Two records with the same id.' },
  ENTITY_CONFLICT: { exit: 1, about: 'An entity described twice with different values for one field.' },
  UNKNOWN_REFERENCE: { exit: 1, about: 'A reference to an id that no file defines.' },
  KIND_NOT_ALLOWED: {
    exit: 1,
    about: 'A reference to an entity of a kind the predicate or field does not allow.',
  },
  SELF_LOOP: { exit: 1, about: 'A statement whose subject and object are the same entity.' },
  STATEMENT_OBJECT_NOT_ALLOWED: {
    exit: 1,
    about: "A statement id as the object of a predicate whose object kinds lack 'Statement'.",
  },
  UNASSERTED_NOT_EMBEDDED: {
    exit: 1,
    about: "A statement with 'asserted: false' that no other statement has as its object or conditionOn.",
  },
  CLAIM_CYCLE: { exit: 1, about: 'Claims about claims (object, conditionOn) that lead back to themselves.' },
  QUOTE_NOT_FOUND: { exit: 1, about: "A quote that is not verbatim in its document's text." },
  QUOTE_AMBIGUOUS: {
    exit: 1,
    about:
      'A quote or sourceQuote that occurs more than once in its document, without a quoteOccurrence (sourceQuoteOccurrence) to say which.',
  },
  QUOTE_OCCURRENCE_NOT_FOUND: {
    exit: 1,
    about: 'A quoteOccurrence (sourceQuoteOccurrence) beyond the times its quote occurs in its document.',
  },
  QUOTE_TOO_SHORT: { exit: 1, about: 'A quote or sourceQuote with fewer than 4 letters or digits.' },
  DOCUMENT_NOT_FOUND: { exit: 1, about: "A document's source text is missing or unreadable." },
  PATH_OUTSIDE_ROOT: {
    exit: 1,
    about: "A document's path, or a symbolic link to data, leads outside the data folder.",
  },
  TOO_MANY_ERRORS: { exit: 1, about: 'A file has so many errors that the rest were not reported.' },
  INVALID_DATA: { exit: 1, about: 'The data did not validate; the error lists every problem.' },
  // Neo4j
  NEO4J_UNAVAILABLE: { exit: 3, about: 'No Neo4j server answers at the URI.' },
  NEO4J_AUTH_FAILED: { exit: 4, about: 'Neo4j refused the user name or password.' },
  NEO4J_DATABASE_NOT_FOUND: { exit: 5, about: 'The Neo4j server has no database of that name.' },
  NEO4J_CONNECTION_LOST: {
    exit: 6,
    about: 'The Neo4j server went away during the work; a re-run converges.',
  },
  NEO4J_ERROR: { exit: 7, about: 'The Neo4j server reported another failure.' },
  DATASET_NOT_FOUND: {
    exit: 2,
    about: 'The Neo4j database has no data set of that name (kg unload --dataset).',
  },
  DATASET_SOURCE_CONFLICT: {
    exit: 2,
    about:
      'kg load --prune (or --incremental) of a data set last loaded from another folder, its name not given with --dataset.',
  },
  NEO4J_TIMEOUT: { exit: 9, about: 'Neo4j did not answer within the timeout (--timeout, NEO4J_TIMEOUT).' },
  QUERY_TIMEOUT: { exit: 9, about: 'A query on the memory backend ran longer than --timeout.' },
  QUERY_INVALID: { exit: 8, about: 'Neo4j rejected the Cypher query (syntax, unknown function, ...).' },
  WRITE_NOT_ALLOWED: { exit: 8, about: 'The query writes, and --write was not given.' },
  // Cypher on the in-memory graph
  CYPHER_SYNTAX: {
    exit: 8,
    about: 'The query is not valid Cypher (syntax, unknown variable or function, ...).',
  },
  CYPHER_UNSUPPORTED: { exit: 8, about: 'The query uses a Cypher feature the memory backend does not have.' },
  CYPHER_WRITE: { exit: 8, about: 'The query writes; the memory backend is read-only.' },
  CYPHER_RUNTIME: {
    exit: 8,
    about: 'The query failed while running (wrong argument type, number out of range, ...).',
  },
  // Importing
  NOT_A_DNA_DATABASE: {
    exit: 2,
    about: 'The file given to kg import dna is not a DNA 3 database (not SQLite, or without its tables).',
  },
  DNA_STATEMENT_TYPE_NOT_FOUND: { exit: 2, about: 'The DNA database has no statement type of that name.' },
  DNA_VARIABLE_NOT_FOUND: {
    exit: 2,
    about:
      'The statement type lacks a variable the import needs (concept, agreement, person or organization), or it has the wrong data type.',
  },
  // kg annotate
  FILE_CHANGED: {
    exit: 1,
    about: 'A data file changed on disk since kg annotate read it: nothing was overwritten.',
  },
  TOKEN_REFUSED: {
    exit: 2,
    about: 'A kg annotate request without the token of the printed URL, or not addressed to 127.0.0.1.',
  },
  // Usage and I/O
  USAGE: { exit: 2, about: 'A wrong command line.' },
  PATH_NOT_FOUND: { exit: 2, about: 'A path given on the command line does not exist.' },
  NO_DATA_FILES: { exit: 2, about: 'No .yaml or .yml files under the given paths.' },
  FILE_UNREADABLE: { exit: 2, about: 'A file or folder could not be read.' },
  OUTPUT_FAILED: {
    exit: 2,
    about: "An output could not be written, or what is at the output is not factgraph's to replace.",
  },
  INTERRUPTED: {
    exit: 130,
    about: 'Stopped by SIGINT (exit 130) or SIGTERM (exit 143) before the work was done.',
  },
} as const satisfies Record<string, { exit: number; about: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export type Severity = 'error' | 'warning';

/** A place in a file; line and col are 1-based, col counts UTF-16 code units. */
export interface SourcePosition {
  file: string;
  line: number;
  col: number;
}

export interface KgErrorJSON {
  code: ErrorCode;
  severity: Severity;
  message: string;
  file?: string;
  line?: number;
  col?: number;
}

export class KgError extends Error {
  override readonly name = 'KgError';
  readonly code: ErrorCode;
  readonly severity: Severity;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly col: number | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    where?: Partial<SourcePosition>,
    options?: { severity?: Severity; cause?: unknown },
  ) {
    // A problem at a place in a file is bad data, collected and reported, not thrown: its stack says
    // nothing, and capturing one was 85 % of the cost of each of 500,000 problems (1M statements, half
    // of them invalid).
    const stackTraceLimit = Error.stackTraceLimit;
    if (where?.file !== undefined) Error.stackTraceLimit = 0;
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    Error.stackTraceLimit = stackTraceLimit;
    this.code = code;
    this.severity = options?.severity ?? 'error';
    this.file = where?.file;
    this.line = where?.line;
    this.col = where?.col;
  }

  /** The exit status a command that stops on this error returns. */
  get exitCode(): number {
    return ERROR_CODES[this.code].exit;
  }

  /** `path:line:col: error CODE message`, the one form every problem is printed in. */
  format(displayPath: (file: string) => string = (f) => f): string {
    const where =
      this.file === undefined
        ? ''
        : `${displayPath(this.file)}${this.line === undefined ? '' : `:${this.line}:${this.col ?? 1}`}: `;
    return `${where}${this.severity} ${this.code} ${this.message}`;
  }

  toJSON(): KgErrorJSON {
    const json: KgErrorJSON = { code: this.code, severity: this.severity, message: this.message };
    if (this.file !== undefined) json.file = this.file;
    if (this.line !== undefined) json.line = this.line;
    if (this.col !== undefined) json.col = this.col;
    return json;
  }

  /** The error toJSON describes (a line without a column is at its first). */
  static fromJSON(json: KgErrorJSON): KgError {
    const { file, line } = json;
    const where = line === undefined ? { file } : { file, line, col: json.col ?? 1 };
    return new KgError(json.code, json.message, where, { severity: json.severity });
  }
}

/** Order errors by file, then position, then code, so output is stable. */
export function compareErrors(a: KgError, b: KgError): number {
  return (
    (a.file ?? '').localeCompare(b.file ?? '') ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.col ?? 0) - (b.col ?? 0) ||
    a.code.localeCompare(b.code) ||
    a.message.localeCompare(b.message)
  );
}

/** Thrown by the functions that need valid data (loading, exporting): holds every problem found. */
export class ValidationFailed extends KgError {
  readonly errors: readonly KgError[];

  constructor(errors: readonly KgError[]) {
    super('INVALID_DATA', `${errors.length} error${errors.length === 1 ? '' : 's'} in the data`);
    this.errors = errors;
  }
}
