import { KgError, type ErrorCode } from '../../errors';

/** 1-based line and column (UTF-16 code units) of an offset in the query text. */
export function lineCol(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, col: offset - start + 1 };
}

/** A query error placed at `offset`; `file` names the query (`<query>` unless it came from a file). */
export function cypherError(
  code: ErrorCode,
  message: string,
  text: string,
  offset: number,
  file = '<query>',
): KgError {
  return new KgError(code, message, { file, ...lineCol(text, offset) });
}

/** Thrown inside the evaluator; the query runner turns it into a positioned KgError. */
export class CypherFault extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

/**
 * The one error for "Neo4j has this, the memory engine does not" (a function, procedure, clause or
 * pattern form): CYPHER_UNSUPPORTED, naming the feature and saying where the query does run.
 */
export function notInMemoryEngine(what: string, at: number, note?: string): CypherFault {
  return new CypherFault(
    'CYPHER_UNSUPPORTED',
    `${what} is not in the memory engine${note ? ` (${note})` : ''}; run the query with --backend neo4j`,
    at,
  );
}
