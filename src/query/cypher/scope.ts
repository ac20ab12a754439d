/**
 * What every part of the compiler shares: rows and the stages rows flow through, the run-time context,
 * and the scope that maps variable names to row slots with what each is known to hold.
 */
import type { Expr } from './ast';
import { CypherFault } from './errors';
import { typeError } from './function-args';
import type { PropertyGraph } from './graph';
import { typeName, type CRel, type Value } from './values';

export type Row = Value[];

/**
 * Rows stream through the clauses: each stage pushes rows on as it makes them, so a long MATCH feeding
 * an aggregation never holds all its rows (only ORDER BY, DISTINCT and grouping buffer). A stage must not
 * keep a row it was pushed without copying it.
 */
export interface Flow {
  push(row: Row): void;
  end(): void;
}

export type Stage = (ctx: Context, down: Flow) => Flow;

/** A matcher step: binds what it can in `row`, calls `next` for each binding; true means stop. */
export type Step = (row: Row, ctx: Context, used: CRel[], next: () => boolean) => boolean;

export interface Context {
  graph: PropertyGraph;
  params: Map<string, Value>;
  /** Called at each step of the work (a candidate, an expansion, a row): throws to stop the query. */
  guard?: () => void;
}

export type Fn = (row: Row, ctx: Context) => Value;

/** What a variable is known to hold at compile time, to refuse patterns that cannot type-check. */
export type VarType = 'node' | 'rel' | 'rels' | 'path' | 'unknown' | ValueType;

/** A value of a type known at compile time ('value': some value that is not a graph element). */
export type ValueType = 'value' | 'BOOLEAN' | 'INTEGER' | 'FLOAT' | 'STRING' | 'LIST' | 'MAP';

export function isValueType(t: VarType): t is ValueType {
  return t !== 'node' && t !== 'rel' && t !== 'rels' && t !== 'path' && t !== 'unknown';
}

/** Variable names to slots. Anonymous variables have names no query can spell (they start with a space). */
export class Scope {
  /** The row width: slots may outnumber names when a name hides another. */
  readonly size: number;

  constructor(
    readonly names: Map<string, number> = new Map(),
    size?: number,
    readonly types: Map<string, VarType> = new Map(),
  ) {
    this.size = size ?? names.size;
  }

  has(name: string): boolean {
    return this.names.has(name);
  }

  slot(name: string): number | undefined {
    return this.names.get(name);
  }

  type(name: string): VarType {
    return this.types.get(name) ?? 'unknown';
  }

  /** A copy with `name` added at the next slot (or kept in its slot, with the new type). */
  with(name: string, type: VarType = 'unknown'): Scope {
    const types = new Map(this.types).set(name, type);
    if (this.names.has(name)) return new Scope(this.names, this.size, types);
    return new Scope(new Map([...this.names, [name, this.size]]), this.size + 1, types);
  }

  /** A copy with `n` more slots that no name reaches. */
  padded(n: number): Scope {
    return new Scope(this.names, this.size + n, this.types);
  }

  visible(): string[] {
    return [...this.names.keys()].filter((n) => !n.startsWith(' '));
  }
}

/** The type an expression is known to have, for the variable a projection binds it to. */
export function staticType(e: Expr, scope: Scope): VarType {
  switch (e.kind) {
    case 'var':
      return scope.type(e.name);
    case 'literal': {
      const v = e.value;
      if (v === null) return 'unknown';
      return typeof v === 'boolean'
        ? 'BOOLEAN'
        : typeof v === 'bigint'
          ? 'INTEGER'
          : typeof v === 'number'
            ? 'FLOAT'
            : typeof v === 'string'
              ? 'STRING'
              : 'value';
    }
    case 'list':
    case 'listComprehension':
      return 'LIST';
    case 'map':
      return 'MAP';
    case 'compare':
    case 'isNull':
    case 'isType':
      return 'BOOLEAN';
    case 'unary':
      return e.op === 'not' ? 'BOOLEAN' : 'value';
    case 'binary':
      return ['and', 'or', 'xor', 'in', 'startsWith', 'endsWith', 'contains', '=~'].includes(e.op)
        ? 'BOOLEAN'
        : e.op === '+'
          ? 'unknown'
          : 'value';
    default:
      return 'unknown';
  }
}

/**
 * Refuses at compile time an operand whose type is known and wrong (Neo4j's semantic analysis does
 * the same: `RETURN 123 AND true` never runs).
 */
export function checkOperand(e: Expr, scope: Scope, allowed: readonly VarType[], what: string): void {
  const t = staticType(e, scope);
  if (t === 'unknown' || t === 'value' || allowed.includes(t)) return;
  throw syntax(`${what} cannot take a ${t === 'rels' ? 'LIST' : t.toUpperCase()}`, e.at);
}

export interface CompiledQuery {
  columns: string[];
  run(input: Row[], ctx: Context): Row[];
}

export function syntax(message: string, at: number): CypherFault {
  return new CypherFault('CYPHER_SYNTAX', message, at);
}

export function bool(v: Value, at: number, what: string): boolean | null {
  if (v === null || typeof v === 'boolean') return v;
  throw typeError(`${what} expects a boolean, not a ${typeName(v)}`, at);
}
