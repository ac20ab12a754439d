/**
 * A recursive-descent parser for the read subset of Cypher, written here rather than taken from npm:
 * the maintained npm parser (@neo4j-cypher/language-support, ANTLR) is an editor toolkit of several
 * megabytes whose parse tree would still need converting, and measured far slower on our queries (see
 * docs/cypher.md); this one gives our AST directly, with exact offsets for errors.
 *
 * The grammar is in parts, each a class the next extends: the tokens (lexer.ts, cursor.ts),
 * expressions.ts, patterns.ts, procedures.ts, and here the clauses and whole queries.
 */
import type { Clause, Projection, ProjectionItem, Query, SingleQuery, SortItem } from '../ast';
import { CypherFault, notInMemoryEngine } from '../errors';
import { syntax } from './lexer';
import { ProcedureParser } from './procedures';

const WRITE_CLAUSES = new Set(['CREATE', 'MERGE', 'SET', 'DELETE', 'DETACH', 'REMOVE', 'FOREACH']);

/** Parses a query; `allowCreate` is the setup-only path that builds test graphs. */
export function parseQuery(text: string, allowCreate = false): Query {
  return new ClauseParser(text, allowCreate).query();
}

class ClauseParser extends ProcedureParser {
  query(): Query {
    const q = this.union();
    this.acceptOp(';');
    if (this.tok.type !== 'eof') this.fail('the end of the query');
    return q;
  }

  protected union(): Query {
    const at = this.tok.at;
    const parts = [this.singleQuery()];
    const unionAll: boolean[] = [];
    while (this.acceptKw('UNION')) {
      const unionAt = this.tok.at;
      unionAll.push(this.acceptKw('ALL'));
      if (unionAll.some((a) => a !== unionAll[0]))
        throw syntax('UNION and UNION ALL cannot be mixed in one query', unionAt);
      parts.push(this.singleQuery());
    }
    return { at, parts, unionAll };
  }

  protected singleQuery(): SingleQuery {
    const at = this.tok.at;
    const clauses: Clause[] = [];
    // A SHOW command comes first, and only a RETURN may follow it.
    if (this.isKw('SHOW')) clauses.push(...this.showCommand(at));
    while (clauses.at(-1)?.kind !== 'return') {
      const clause = this.clause();
      if (!clause) break;
      clauses.push(clause);
    }
    if (clauses.length === 0) this.fail('a clause (MATCH, UNWIND, WITH, RETURN, ...)');
    return { at, clauses };
  }

  protected clause(): Clause | null {
    const t = this.tok;
    const at = t.at;
    if (t.type !== 'ident') return null;
    const word = t.text.toUpperCase();
    if (word === 'MATCH' || (word === 'OPTIONAL' && this.isKw('MATCH', this.peek()))) {
      const optional = word === 'OPTIONAL';
      this.pos += optional ? 2 : 1;
      const from = this.inlineWhere.length;
      const patterns = this.patterns();
      const where = this.withInlineWhere(from, this.acceptKw('WHERE') ? this.expr() : null);
      return { kind: 'match', at, optional, patterns, where };
    }
    if (word === 'UNWIND') {
      this.pos++;
      const expr = this.expr();
      this.expectKw('AS');
      return { kind: 'unwind', at, expr, variable: this.name('a variable') };
    }
    if (word === 'WITH') {
      this.pos++;
      const projection = this.projection(at);
      const where = this.acceptKw('WHERE') ? this.expr() : null;
      return { kind: 'with', at, projection, where };
    }
    if (word === 'RETURN') {
      this.pos++;
      return { kind: 'return', at, projection: this.projection(at) };
    }
    if (word === 'OPTIONAL' && this.isKw('CALL', this.peek())) {
      this.pos++;
      const call = this.clause() as Extract<Clause, { kind: 'call' | 'procedure' }>;
      return { ...call, at, optional: true };
    }
    if (word === 'CALL' && (this.peek().type === 'ident' || this.peek().type === 'qident')) {
      this.pos++;
      return this.procedureCall(at);
    }
    if (word === 'CALL') {
      this.pos++;
      let imports: string[] | null = null;
      if (this.acceptOp('(')) {
        imports = [];
        if (this.acceptOp('*')) imports = null;
        else if (!this.isOp(')')) {
          do imports.push(this.name('a variable'));
          while (this.acceptOp(','));
        }
        this.expectOp(')');
      }
      this.expectOp('{');
      const query = this.union();
      this.expectOp('}');
      if (this.isKw('IN')) throw notInMemoryEngine('CALL { } IN TRANSACTIONS', this.tok.at);
      return { kind: 'call', at, imports, query, optional: false };
    }
    if (word === 'CREATE' && this.allowCreate) {
      this.pos++;
      return { kind: 'create', at, patterns: this.patterns() };
    }
    if ((word === 'DELETE' || word === 'DETACH') && this.allowCreate) {
      this.pos++;
      const detach = word === 'DETACH';
      if (detach) this.expectKw('DELETE');
      const exprs = [this.expr()];
      while (this.acceptOp(',')) exprs.push(this.expr());
      return { kind: 'delete', at, detach, exprs };
    }
    if (WRITE_CLAUSES.has(word)) {
      throw new CypherFault('CYPHER_WRITE', `${word} writes; the memory backend runs read-only queries`, at);
    }
    if (['LOAD', 'USE', 'SHOW', 'FINISH', 'INSERT', 'TERMINATE'].includes(word)) {
      throw notInMemoryEngine(`the ${word} clause`, at);
    }
    return null;
  }

  protected projection(at: number): Projection {
    const distinct = this.acceptKw('DISTINCT');
    let star = false;
    const items: ProjectionItem[] = [];
    if (this.acceptOp('*')) {
      star = true;
      if (!this.acceptOp(',')) return this.projectionTail(at, distinct, star, items);
    }
    do {
      const start = this.tok.at;
      const expr = this.expr();
      const text = this.text.slice(start, this.tokens[this.pos - 1]!.end);
      if (this.acceptKw('AS')) {
        items.push({ at: start, expr, name: this.name('an alias'), aliased: true, text });
      } else {
        items.push({ at: start, expr, name: expr.kind === 'var' ? expr.name : text, aliased: false, text });
      }
    } while (this.acceptOp(','));
    return this.projectionTail(at, distinct, star, items);
  }

  protected projectionTail(
    at: number,
    distinct: boolean,
    star: boolean,
    items: ProjectionItem[],
  ): Projection {
    const orderBy: SortItem[] = [];
    if (this.isKw('ORDER') && this.isKw('BY', this.peek())) {
      this.pos += 2;
      do {
        const start = this.tok.at;
        const expr = this.expr();
        const text = this.text.slice(start, this.tokens[this.pos - 1]!.end);
        let descending = false;
        if (this.acceptKw('DESC') || this.acceptKw('DESCENDING')) descending = true;
        else if (!this.acceptKw('ASC')) this.acceptKw('ASCENDING');
        orderBy.push({ expr, descending, text });
      } while (this.acceptOp(','));
    }
    const skip = this.acceptKw('SKIP') || this.acceptKw('OFFSET') ? this.expr() : null;
    const limit = this.acceptKw('LIMIT') ? this.expr() : null;
    return { at, distinct, star, items, orderBy, skip, limit };
  }
}
