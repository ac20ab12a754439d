/** The parser's position in the tokens, and the small steps every part of the grammar takes. */
import type { Expr } from '../ast';
import { CypherFault } from '../errors';
import { type Token, syntax, tokenize } from './lexer';

export abstract class TokenCursor {
  protected readonly tokens: Token[];
  protected pos = 0;
  protected anonymous = 0;
  /** `WHERE` inside node and relationship patterns, until the clause holding them takes them. */
  protected inlineWhere: Expr[] = [];

  constructor(
    protected readonly text: string,
    protected readonly allowCreate: boolean,
  ) {
    this.tokens = tokenize(text);
  }

  protected get tok(): Token {
    return this.tokens[this.pos]!;
  }

  protected peek(k = 1): Token {
    return this.tokens[Math.min(this.pos + k, this.tokens.length - 1)]!;
  }

  protected isKw(word: string, t: Token = this.tok): boolean {
    return t.type === 'ident' && t.text.toUpperCase() === word;
  }

  protected isOp(op: string, t: Token = this.tok): boolean {
    return t.type === 'op' && t.text === op;
  }

  protected acceptKw(word: string): boolean {
    if (!this.isKw(word)) return false;
    this.pos++;
    return true;
  }

  protected acceptOp(op: string): boolean {
    if (!this.isOp(op)) return false;
    this.pos++;
    return true;
  }

  protected fail(expected: string): never {
    const t = this.tok;
    const found = t.type === 'eof' ? 'the end of the query' : JSON.stringify(this.text.slice(t.at, t.end));
    throw syntax(`expected ${expected}, found ${found}`, t.at);
  }

  protected expectKw(word: string): void {
    if (!this.acceptKw(word)) this.fail(word);
  }

  protected expectOp(op: string): void {
    if (!this.acceptOp(op)) this.fail(`'${op}'`);
  }

  protected name(what = 'a name'): string {
    const t = this.tok;
    if (t.type === 'ident' || t.type === 'qident') {
      this.pos++;
      return t.text;
    }
    return this.fail(what);
  }

  /** A name for something anonymous, which no query can spell (it starts with a space). */
  protected fresh(): string {
    return ` anon${this.anonymous++}`;
  }

  /** Tries `parse`; on a syntax error puts the position back and gives null. */
  protected attempt<T>(parse: () => T): T | null {
    const saved = this.pos;
    const anonymous = this.anonymous;
    const inline = this.inlineWhere.length;
    try {
      return parse();
    } catch (e) {
      if (!(e instanceof CypherFault) || e.code !== 'CYPHER_SYNTAX') throw e;
      this.pos = saved;
      this.anonymous = anonymous;
      this.inlineWhere.length = inline;
      return null;
    }
  }
}
