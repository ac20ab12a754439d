/** Procedure calls: `CALL db.labels() YIELD label AS l WHERE ...`, standalone or in a query. */
import type { Expr, ProcedureCall } from '../ast';
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
      if (!this.acceptOp('*')) {
        yields = [];
        do {
          const yat = this.tok.at;
          const name = this.name('an output name');
          yields.push({ name, alias: this.acceptKw('AS') ? this.name('a variable') : name, at: yat });
        } while (this.acceptOp(','));
      }
      if (this.acceptKw('WHERE')) where = this.expr();
    }
    return { kind: 'procedure', at, name: parts.join('.'), args, yields, where, optional: false };
  }
}
