/**
 * Procedure calls: `CALL db.labels() YIELD label AS l WHERE ...`, standalone or in a query; and the
 * SHOW commands, which become calls of the procedures in show.ts.
 */
import type { Clause, Expr, ProcedureCall, Projection } from '../ast';
import { notInMemoryEngine } from '../errors';
import { SHOW_COMMANDS } from '../show';
import { syntax } from './lexer';
import { PatternParser } from './patterns';

export abstract class ProcedureParser extends PatternParser {
  protected procedureCall(at: number): ProcedureCall {
    const parts = [this.name('a procedure name')];
    while (this.acceptOp('.')) parts.push(this.name('a procedure name'));
    let args: Expr[] | null = null;
    if (this.acceptOp('(')) {
      args = [];
      if (!this.isOp(')')) {
        do args.push(this.expr());
        while (this.acceptOp(','));
      }
      this.expectOp(')');
    }
    let yields: ProcedureCall['yields'] = null;
    let where: Expr | null = null;
    if (this.acceptKw('YIELD')) {
      if (!this.acceptOp('*')) yields = this.yieldItems();
      if (this.acceptKw('WHERE')) where = this.expr();
    }
    return { kind: 'procedure', at, name: parts.join('.'), args, yields, where, optional: false };
  }

  /** `name [AS alias], ...` after YIELD. */
  private yieldItems(): NonNullable<ProcedureCall['yields']> {
    const yields: NonNullable<ProcedureCall['yields']> = [];
    do {
      const at = this.tok.at;
      const name = this.name('an output name');
      yields.push({ name, alias: this.acceptKw('AS') ? this.name('a variable') : name, at });
    } while (this.acceptOp(','));
    return yields;
  }

  protected abstract projectionTail(
    at: number,
    distinct: boolean,
    star: boolean,
    items: Projection['items'],
  ): Projection;

  /**
   * `SHOW [filter] INDEXES|CONSTRAINTS|FUNCTIONS|PROCEDURES [YIELD ... [ORDER BY] [SKIP] [LIMIT]]
   * [WHERE ...]`: the command's procedure YIELDing its shown columns (all with `YIELD *`), a WITH for
   * the ordering and WHERE after it, and a RETURN of those columns unless the query gives its own.
   */
  protected showCommand(at: number): Clause[] {
    this.expectKw('SHOW');
    const words: string[] = [];
    while (this.tok.type === 'ident' && !SHOW_COMMANDS.has(this.tok.text.toUpperCase())) {
      words.push(this.tok.text.toUpperCase());
      this.pos++;
    }
    const noun = this.tok.type === 'ident' ? this.tok.text.toUpperCase() : '';
    const command = SHOW_COMMANDS.get(noun);
    if (!command) throw notInMemoryEngine(`SHOW ${[...words, noun].join(' ').trim()}`, at);
    this.pos++;
    const filter = words.join(' ') || 'ALL';
    if (!command.filters.includes(filter)) throw syntax(`SHOW ${filter} ${noun} is not a SHOW command`, at);
    const outputs = command.procedure.outputs.map((o) => o.name);
    let names = outputs.slice(0, command.shown);
    let yields: ProcedureCall['yields'] = null;
    let after: Clause | null = null;
    let where: Expr | null = null;
    const yielded = this.acceptKw('YIELD');
    if (yielded) {
      if (this.acceptOp('*')) names = outputs;
      else {
        yields = this.yieldItems();
        names = yields.map((y) => y.alias);
      }
      const order = this.projectionTail(this.tok.at, false, true, []);
      const filtered = this.acceptKw('WHERE') ? this.expr() : null;
      if (order.orderBy.length > 0 || order.skip || order.limit)
        after = { kind: 'with', at: order.at, projection: order, where: filtered };
      else where = filtered;
    } else if (this.acceptKw('WHERE')) where = this.expr();
    const call: ProcedureCall = {
      kind: 'procedure',
      at,
      name: command.procedure.name,
      args: [{ kind: 'literal', at, value: filter }],
      yields: yields ?? names.map((name) => ({ name, alias: name, at })),
      where,
      optional: false,
    };
    const clauses: Clause[] = after ? [call, after] : [call];
    if (this.isKw('RETURN') && !yielded) throw syntax(`RETURN after SHOW ${noun} needs a YIELD`, this.tok.at);
    if (!this.isKw('RETURN')) {
      const items = names.map((name) => ({
        at,
        expr: { kind: 'var' as const, at, name },
        name,
        aliased: false,
        text: name,
      }));
      clauses.push({
        kind: 'return',
        at,
        projection: { at, distinct: false, star: false, items, orderBy: [], skip: null, limit: null },
      });
    }
    return clauses;
  }
}
