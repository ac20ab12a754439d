/**
 * The planner and evaluator: each clause is compiled once into a function from rows to rows, and each
 * expression into a closure over a row. A row is an array of slots; a scope maps variable names to
 * slots, so no name is looked up while the query runs.
 *
 * The parts, by file: scope.ts (rows, stages, scopes), ast-walk.ts (reading the syntax tree),
 * expressions.ts and operators.ts (expressions), functions.ts (functions and aggregates),
 * projection.ts (RETURN/WITH), patterns.ts, pattern-plan.ts and shortest-path.ts (MATCH), create.ts
 * (CREATE and DELETE for test graphs); this file holds the compiler and the clauses that join them.
 */
import type { Clause, Expr, Query, SingleQuery } from './ast';
import { compileCreate, compileDelete } from './create';
import { compileExpr } from './expressions';
import type { PropertyGraph } from './graph';
import { compileMatch } from './patterns';
import { compileProcedureCall } from './procedures';
import { compileProjection, dedupe } from './projection';
import { Scope, syntax, type CompiledQuery, type Fn, type Flow, type Row, type Stage } from './scope';

export type { Row } from './scope';

export class Compiler {
  /** Aggregate calls replaced by slots, while compiling a projection that aggregates. */
  aggregateSlots: Map<Expr, number> | null = null;

  /**
   * `stats`: the graph the query will run on, if known (its label sizes guide where patterns start).
   * `params`: the names of the parameters it will be given, if known: a missing one is then refused
   * before the query runs, as Neo4j does.
   */
  constructor(
    readonly stats: PropertyGraph | null,
    readonly params: ReadonlySet<string> | null = null,
  ) {}

  /** Refuses a parameter the query will not be given. */
  checkParam(name: string, at: number): void {
    if (this.params && !this.params.has(name)) throw syntax(`missing parameter $${name}`, at);
  }

  expr(e: Expr, scope: Scope): Fn {
    return compileExpr(this, e, scope);
  }

  query(q: Query, scope: Scope, subquery = false): CompiledQuery {
    const parts = q.parts.map((p) => this.singleQuery(p, scope, subquery));
    const first = parts[0]!;
    for (const p of parts.slice(1)) {
      if (p.columns.join('\u0000') !== first.columns.join('\u0000')) {
        throw syntax('all parts of a UNION must return the same column names', q.at);
      }
    }
    if (parts.length === 1) return first;
    const distinct = q.unionAll.some((all) => !all);
    return {
      columns: first.columns,
      run: (input, ctx) => {
        const rows = parts.flatMap((p) => p.run(input, ctx));
        return distinct ? dedupe(rows) : rows;
      },
    };
  }

  private singleQuery(q: SingleQuery, outer: Scope, isSubquery: boolean): CompiledQuery {
    let scope = outer;
    const stages: Stage[] = [];
    let columns: string[] | null = null;
    const last = q.clauses[q.clauses.length - 1]!;
    for (const clause of q.clauses) {
      const compiled = this.clause(clause, scope, q.clauses.length === 1 && !isSubquery);
      stages.push(compiled.stage);
      scope = compiled.scope;
      if (clause.kind === 'return') columns = compiled.columns ?? null;
    }
    if (!columns) {
      if ((last.kind === 'call' || last.kind === 'procedure') && !isSubquery) columns = scope.visible();
      else if (last.kind !== 'create' && !isSubquery) throw syntax('a query must end with RETURN', last.at);
    }
    return {
      columns: columns ?? [],
      run: (input, ctx) => {
        const out: Row[] = [];
        let flow: Flow = { push: (row) => void out.push(row.slice()), end: () => undefined };
        for (let i = stages.length - 1; i >= 0; i--) flow = stages[i]!(ctx, flow);
        for (const row of input) flow.push(row);
        flow.end();
        return out;
      },
    };
  }

  /** `standalone`: the clause is the whole query (a procedure call then returns every output). */
  private clause(
    c: Clause,
    scope: Scope,
    standalone: boolean,
  ): { scope: Scope; columns?: string[]; stage: Stage } {
    switch (c.kind) {
      case 'match':
        return compileMatch(this, c, scope);
      case 'unwind': {
        const list = this.expr(c.expr, scope);
        if (scope.has(c.variable)) throw syntax(`variable \`${c.variable}\` is already defined`, c.at);
        const out = scope.with(c.variable);
        const slot = out.slot(c.variable)!;
        return {
          scope: out,
          stage: (ctx, down) => ({
            push: (row) => {
              const l = list(row, ctx);
              const items = l === null ? [] : Array.isArray(l) ? l : [l];
              for (const x of items) {
                ctx.guard?.();
                const r = row.slice();
                r[slot] = x;
                down.push(r);
              }
            },
            end: () => down.end(),
          }),
        };
      }
      case 'with':
      case 'return': {
        if (c.kind === 'with') {
          for (const item of c.projection.items) {
            if (!item.aliased && item.expr.kind !== 'var') {
              throw syntax(`the expression ${item.name} in WITH needs an alias (AS name)`, item.at);
            }
          }
        }
        const p = compileProjection(this, c.projection, scope, c.kind === 'with' ? c.where : null);
        return c.kind === 'return' ? p : { scope: p.scope, stage: p.stage };
      }
      case 'call': {
        let inner = new Scope();
        if (c.imports === null) inner = scope;
        else
          for (const name of c.imports) {
            if (!scope.has(name)) throw syntax(`variable \`${name}\` is not defined`, c.at);
            inner = inner.with(name);
          }
        const importSlots = c.imports?.map((n) => scope.slot(n)!) ?? null;
        const sub = this.query(c.query, inner, true);
        // OPTIONAL CALL: a row the subquery gives nothing for goes on with its columns null.
        const nulls = c.optional ? sub.columns.map(() => null) : null;
        let out = scope;
        for (const col of sub.columns) {
          if (scope.has(col)) throw syntax(`variable \`${col}\` is already defined`, c.at);
          out = out.with(col);
        }
        return {
          scope: out,
          stage: (ctx, down) => ({
            push: (row) => {
              const input = importSlots ? importSlots.map((s) => row[s] ?? null) : row.slice();
              const rows = sub.run([input], ctx);
              for (const r of rows) down.push([...row, ...r]);
              if (nulls && rows.length === 0) down.push([...row, ...nulls]);
            },
            end: () => down.end(),
          }),
        };
      }
      case 'create':
        return compileCreate(this, c, scope);
      case 'delete':
        return compileDelete(this, c, scope);
      case 'procedure':
        return compileProcedureCall(this, c, scope, standalone);
    }
  }
}

/** Compiles a parsed query: columns, and a function from the graph and parameters to rows. */
export function compile(
  query: Query,
  stats: PropertyGraph | null = null,
  params: ReadonlySet<string> | null = null,
): CompiledQuery {
  return new Compiler(stats, params).query(query, new Scope());
}
