/**
 * Expressions, loosest first: OR, XOR, AND, NOT, comparison, string/list/null predicates, + -, * / %, ^,
 * unary + -, postfix (property, index, slice, label test), atoms. Pattern predicates and subqueries
 * (`EXISTS { }`, `COUNT { }`) are parsed by the parts below, which this one declares.
 */
import type {
  BinaryOp,
  CompareOp,
  CypherType,
  Expr,
  LabelExpr,
  MapProjectionItem,
  PatternPart,
  Query,
} from '../ast';
import { notInMemoryEngine } from '../errors';
import { TokenCursor } from './cursor';
import { type Token, syntax } from './lexer';

/** Type names as Neo4j 5 spells them (with synonyms), to the base names type predicates test. */
const TYPE_NAMES = new Map<string, string>([
  ...(['BOOL', 'BOOLEAN'].map((n) => [n, 'BOOLEAN']) as [string, string][]),
  ...(['STRING', 'VARCHAR'].map((n) => [n, 'STRING']) as [string, string][]),
  ...(['INT', 'INTEGER', 'SIGNED INTEGER', 'INT64', 'INTEGER64'].map((n) => [n, 'INTEGER']) as [
    string,
    string,
  ][]),
  ...(['FLOAT', 'FLOAT64'].map((n) => [n, 'FLOAT']) as [string, string][]),
  ['DATE', 'DATE'],
  ...(['LOCAL TIME', 'TIME WITHOUT TIME ZONE'].map((n) => [n, 'LOCAL TIME']) as [string, string][]),
  ...(['ZONED TIME', 'TIME WITH TIME ZONE'].map((n) => [n, 'ZONED TIME']) as [string, string][]),
  ...(['LOCAL DATETIME', 'TIMESTAMP WITHOUT TIME ZONE'].map((n) => [n, 'LOCAL DATETIME']) as [
    string,
    string,
  ][]),
  ...(['ZONED DATETIME', 'TIMESTAMP WITH TIME ZONE'].map((n) => [n, 'ZONED DATETIME']) as [string, string][]),
  ['DURATION', 'DURATION'],
  ['POINT', 'POINT'],
  ...(['NODE', 'ANY NODE', 'VERTEX', 'ANY VERTEX'].map((n) => [n, 'NODE']) as [string, string][]),
  ...(['RELATIONSHIP', 'ANY RELATIONSHIP', 'EDGE', 'ANY EDGE'].map((n) => [n, 'RELATIONSHIP']) as [
    string,
    string,
  ][]),
  ...(['MAP', 'ANY MAP'].map((n) => [n, 'MAP']) as [string, string][]),
  ...(['LIST', 'ARRAY'].map((n) => [n, 'LIST']) as [string, string][]),
  ['PATH', 'PATH'],
  ...(['ANY', 'ANY VALUE'].map((n) => [n, 'ANY']) as [string, string][]),
  ['PROPERTY VALUE', 'PROPERTY VALUE'],
  ['ANY PROPERTY VALUE', 'PROPERTY VALUE'],
  ['NOTHING', 'NOTHING'],
  ['NULL', 'NULL'],
]);

export abstract class ExpressionParser extends TokenCursor {
  protected abstract patterns(): PatternPart[];
  protected abstract patternElement(at: number, pathVariable: string | null): PatternPart;
  protected abstract labels(): { labels: string[]; expr: LabelExpr | null };
  protected abstract union(): Query;
  protected abstract withInlineWhere(from: number, where: Expr | null): Expr | null;

  expr(): Expr {
    return this.binaryLevel(0);
  }

  protected static readonly LEVELS: [string, BinaryOp][] = [
    ['OR', 'or'],
    ['XOR', 'xor'],
    ['AND', 'and'],
  ];

  protected binaryLevel(level: number): Expr {
    const entry = ExpressionParser.LEVELS[level];
    if (!entry) return this.not();
    const [word, op] = entry;
    let left = this.binaryLevel(level + 1);
    while (this.isKw(word)) {
      const at = this.tok.at;
      this.pos++;
      left = { kind: 'binary', at, op, left, right: this.binaryLevel(level + 1) };
    }
    return left;
  }

  protected not(): Expr {
    if (this.isKw('NOT')) {
      const at = this.tok.at;
      this.pos++;
      return { kind: 'unary', at, op: 'not', arg: this.not() };
    }
    return this.comparison();
  }

  protected comparison(): Expr {
    const first = this.predicates();
    const ops: CompareOp[] = [];
    const args: Expr[] = [first];
    for (;;) {
      const t = this.tok;
      if (t.type !== 'op') break;
      const op = t.text === '!=' ? '<>' : t.text;
      if (!['=', '<>', '<', '>', '<=', '>='].includes(op)) break;
      this.pos++;
      ops.push(op as CompareOp);
      args.push(this.predicates());
    }
    return ops.length === 0 ? first : { kind: 'compare', at: first.at, ops, args };
  }

  /** A type of a type predicate: `INTEGER`, `LIST<STRING NOT NULL>`, `INTEGER | FLOAT`, `ANY NODE`... */
  protected cypherType(): CypherType {
    const alternatives: CypherType['alternatives'] = [];
    const one = () => {
      const at = this.tok.at;
      const words: string[] = [];
      while (this.tok.type === 'ident' && !(this.isKw('NOT') && this.isKw('NULL', this.peek()))) {
        const w = this.tok.text.toUpperCase();
        const next = [...words, w].join(' ');
        if (words.length > 0 && ![...TYPE_NAMES.keys()].some((k) => k === next || k.startsWith(`${next} `)))
          break;
        words.push(w);
        this.pos++;
      }
      let base = TYPE_NAMES.get(words.join(' '));
      let element: CypherType | null = null;
      if ((base === 'LIST' || words.join(' ') === 'ANY') && this.acceptOp('<')) {
        if (base !== 'LIST') base = 'ANY';
        element = this.cypherType();
        this.expectOp('>');
        if (base === 'ANY') {
          alternatives.push(...element.alternatives);
          return;
        }
      }
      if (!base) throw syntax(`unknown type ${words.join(' ') || this.tok.text}`, at);
      const notNull = this.isKw('NOT') && this.isKw('NULL', this.peek());
      if (notNull) this.pos += 2;
      alternatives.push({ base, element, notNull });
    };
    one();
    while (this.acceptOp('|')) one();
    return { alternatives };
  }

  protected predicates(): Expr {
    let left = this.additive();
    for (;;) {
      const at = this.tok.at;
      if (this.isOp('=~')) {
        this.pos++;
        left = { kind: 'binary', at, op: '=~', left, right: this.additive() };
      } else if (this.isKw('STARTS') && this.isKw('WITH', this.peek())) {
        this.pos += 2;
        left = { kind: 'binary', at, op: 'startsWith', left, right: this.additive() };
      } else if (this.isKw('ENDS') && this.isKw('WITH', this.peek())) {
        this.pos += 2;
        left = { kind: 'binary', at, op: 'endsWith', left, right: this.additive() };
      } else if (this.isKw('CONTAINS')) {
        this.pos++;
        left = { kind: 'binary', at, op: 'contains', left, right: this.additive() };
      } else if (this.isKw('IN')) {
        this.pos++;
        left = { kind: 'binary', at, op: 'in', left, right: this.additive() };
      } else if (this.isOp(':') && this.isOp(':', this.peek())) {
        this.pos += 2;
        left = { kind: 'isType', at, arg: left, type: this.cypherType(), negated: false };
      } else if (this.isKw('IS')) {
        this.pos++;
        const negated = this.acceptKw('NOT');
        if (this.isOp(':') && this.isOp(':', this.peek())) {
          this.pos += 2;
          left = { kind: 'isType', at, arg: left, type: this.cypherType(), negated };
          continue;
        }
        if (this.acceptKw('TYPED')) {
          left = { kind: 'isType', at, arg: left, type: this.cypherType(), negated };
          continue;
        }
        if (!this.acceptKw('NULL')) {
          throw notInMemoryEngine('an IS test other than IS [NOT] NULL and IS :: TYPE', this.tok.at);
        }
        left = { kind: 'isNull', at, arg: left, negated };
      } else break;
    }
    return left;
  }

  protected additive(): Expr {
    let left = this.multiplicative();
    while (this.isOp('+') || this.isOp('-') || this.isOp('||')) {
      const at = this.tok.at;
      const op = this.tok.text as '+' | '-' | '||';
      this.pos++;
      left = { kind: 'binary', at, op, left, right: this.multiplicative() };
    }
    return left;
  }

  protected multiplicative(): Expr {
    let left = this.power();
    while (this.isOp('*') || this.isOp('/') || this.isOp('%')) {
      const at = this.tok.at;
      const op = this.tok.text as '*' | '/' | '%';
      this.pos++;
      left = { kind: 'binary', at, op, left, right: this.power() };
    }
    return left;
  }

  protected power(): Expr {
    let left = this.unary();
    while (this.isOp('^')) {
      const at = this.tok.at;
      this.pos++;
      left = { kind: 'binary', at, op: '^', left, right: this.unary() };
    }
    return left;
  }

  protected unary(): Expr {
    if (this.isOp('-') || this.isOp('+')) {
      const at = this.tok.at;
      const op = this.tok.text as '-' | '+';
      this.pos++;
      const next = this.tok;
      // -9223372036854775808 is a literal of its own: its digits alone are out of range.
      if (op === '-' && next.type === 'int') {
        this.pos++;
        return this.postfix({ kind: 'literal', at, value: this.integer('-' + next.text, at) });
      }
      return { kind: 'unary', at, op, arg: this.unary() };
    }
    return this.postfix(this.primary());
  }

  protected integer(text: string, at: number): bigint {
    const negative = text.startsWith('-');
    const digits = negative ? text.slice(1) : text;
    const value = BigInt(digits.startsWith('0o') ? '0o' + digits.slice(2) : digits);
    const signed = negative ? -value : value;
    if (signed > 9223372036854775807n || signed < -9223372036854775808n) {
      throw syntax(`integer ${text} is too large`, at);
    }
    if (/^0\d/.test(digits)) throw syntax(`invalid number ${text}`, at);
    return signed;
  }

  protected postfix(target: Expr): Expr {
    for (;;) {
      const at = this.tok.at;
      if (this.isOp('.')) {
        this.pos++;
        target = { kind: 'prop', at, target, key: this.name('a property name') };
      } else if (this.isOp('[')) {
        this.pos++;
        if (this.acceptOp('..')) {
          const to = this.isOp(']') ? null : this.expr();
          this.expectOp(']');
          target = { kind: 'slice', at, target, from: null, to };
          continue;
        }
        const index = this.expr();
        if (this.acceptOp('..')) {
          const to = this.isOp(']') ? null : this.expr();
          this.expectOp(']');
          target = { kind: 'slice', at, target, from: index, to };
          continue;
        }
        this.expectOp(']');
        target = { kind: 'index', at, target, index };
      } else if (this.isOp(':') && !this.isOp(':', this.peek()) && target.kind !== 'literal') {
        const { labels, expr } = this.labels();
        target = { kind: 'hasLabels', at, target, labels, ...(expr ? { expr } : {}) };
      } else if (this.isOp('{') && target.kind === 'var') {
        target = this.mapProjection(target);
      } else return target;
    }
  }

  protected mapProjection(target: Expr): Expr {
    const at = this.tok.at;
    this.expectOp('{');
    const items: MapProjectionItem[] = [];
    if (!this.isOp('}')) {
      do {
        if (this.acceptOp('.')) {
          if (this.acceptOp('*')) items.push({ kind: 'allProperties' });
          else items.push({ kind: 'property', key: this.name('a property name') });
        } else {
          const key = this.name('a key');
          if (this.acceptOp(':')) items.push({ kind: 'entry', key, value: this.expr() });
          else items.push({ kind: 'variable', name: key });
        }
      } while (this.acceptOp(','));
    }
    this.expectOp('}');
    return { kind: 'mapProjection', at, target, items };
  }

  protected mapLiteral(): Expr {
    const at = this.tok.at;
    this.expectOp('{');
    const entries: [string, Expr][] = [];
    if (!this.isOp('}')) {
      do {
        const key = this.name('a key');
        this.expectOp(':');
        entries.push([key, this.expr()]);
      } while (this.acceptOp(','));
    }
    this.expectOp('}');
    return { kind: 'map', at, entries };
  }

  protected primary(): Expr {
    const t = this.tok;
    const at = t.at;
    switch (t.type) {
      case 'int':
        this.pos++;
        return { kind: 'literal', at, value: this.integer(t.text, at) };
      case 'float': {
        this.pos++;
        const value = Number(t.text);
        if (!Number.isFinite(value)) throw syntax(`float ${t.text} is too large`, at);
        return { kind: 'literal', at, value };
      }
      case 'string':
        this.pos++;
        return { kind: 'literal', at, value: t.text };
      case 'param':
        this.pos++;
        return { kind: 'param', at, name: t.text };
      case 'qident':
        this.pos++;
        return this.isOp('(') ? this.call(at, t.text) : { kind: 'var', at, name: t.text };
      case 'eof':
        return this.fail('an expression');
      case 'op':
        if (t.text === '(') {
          const saved = this.pos;
          const from = this.inlineWhere.length;
          const pattern = this.attempt(() => this.patternElement(at, null));
          if (pattern && pattern.rels.length > 0) {
            if (this.inlineWhere.length > from)
              throw notInMemoryEngine('WHERE inside a pattern predicate (EXISTS { } has it)', at);
            return { kind: 'pattern', at, pattern };
          }
          this.inlineWhere.length = from;
          this.pos = saved + 1;
          const inner = this.expr();
          this.expectOp(')');
          return inner;
        }
        if (t.text === '[') return this.listOrComprehension();
        if (t.text === '{') return this.mapLiteral();
        return this.fail('an expression');
      case 'ident':
        return this.identifierExpr(t);
    }
  }

  protected identifierExpr(t: Token): Expr {
    const at = t.at;
    const upper = t.text.toUpperCase();
    const next = this.peek();
    if (upper === 'TRUE' || upper === 'FALSE') {
      this.pos++;
      return { kind: 'literal', at, value: upper === 'TRUE' };
    }
    if (upper === 'NULL') {
      this.pos++;
      return { kind: 'literal', at, value: null };
    }
    if (upper === 'CASE') return this.caseExpr();
    if ((upper === 'EXISTS' || upper === 'COUNT' || upper === 'COLLECT') && this.isOp('{', next)) {
      this.pos += 2;
      let query: Query;
      const clauseStart = ['MATCH', 'OPTIONAL', 'WITH', 'UNWIND', 'CALL', 'RETURN'].some((w) => this.isKw(w));
      if (upper !== 'COLLECT' && !clauseStart) {
        // EXISTS { (a)-->(b) WHERE ... }: a pattern, not a query.
        const from = this.inlineWhere.length;
        const patterns = this.patterns();
        const where = this.withInlineWhere(from, this.acceptKw('WHERE') ? this.expr() : null);
        query = {
          at,
          parts: [{ at, clauses: [{ kind: 'match', at, optional: false, patterns, where }] }],
          unionAll: [],
        };
      } else {
        query = this.union();
      }
      this.expectOp('}');
      return { kind: 'subquery', at, type: upper.toLowerCase() as 'exists' | 'count' | 'collect', query };
    }
    if (this.isOp('(', next)) {
      if (['ALL', 'ANY', 'NONE', 'SINGLE'].includes(upper)) {
        const q = this.attempt(() => {
          this.pos += 2;
          const variable = this.name('a variable');
          this.expectKw('IN');
          const list = this.expr();
          this.expectKw('WHERE');
          const where = this.expr();
          this.expectOp(')');
          return { variable, list, where };
        });
        if (q) {
          const quantifier = upper.toLowerCase() as 'all' | 'any' | 'none' | 'single';
          return { kind: 'quantifier', at, quantifier, ...q };
        }
      }
      if (upper === 'REDUCE') {
        this.pos += 2;
        const acc = this.name('an accumulator');
        this.expectOp('=');
        const init = this.expr();
        this.expectOp(',');
        const variable = this.name('a variable');
        this.expectKw('IN');
        const list = this.expr();
        this.expectOp('|');
        const expr = this.expr();
        this.expectOp(')');
        return { kind: 'reduce', at, acc, init, variable, list, expr };
      }
      if (upper === 'SHORTESTPATH' || upper === 'ALLSHORTESTPATHS') {
        throw notInMemoryEngine(`${t.text} as an expression (use it in MATCH)`, at);
      }
      this.pos++;
      return this.call(at, t.text);
    }
    // A namespaced function: a.b.c(...)
    if (this.isOp('.', next)) {
      let k = 1;
      const parts = [t.text];
      while (this.isOp('.', this.peek(k)) && this.peek(k + 1).type === 'ident') {
        parts.push(this.peek(k + 1).text);
        k += 2;
      }
      if (parts.length > 1 && this.isOp('(', this.peek(k))) {
        this.pos += k;
        return this.call(at, parts.join('.'));
      }
    }
    this.pos++;
    return { kind: 'var', at, name: t.text };
  }

  protected call(at: number, name: string): Expr {
    this.expectOp('(');
    const distinct = this.acceptKw('DISTINCT');
    const args: Expr[] = [];
    let star = false;
    if (this.acceptOp('*')) star = true;
    else if (!this.isOp(')')) {
      do args.push(this.expr());
      while (this.acceptOp(','));
    }
    this.expectOp(')');
    return { kind: 'call', at, name, distinct, args, star };
  }

  protected caseExpr(): Expr {
    const at = this.tok.at;
    this.pos++;
    const subject = this.isKw('WHEN') ? null : this.expr();
    const whens: [Expr, Expr][] = [];
    while (this.acceptKw('WHEN')) {
      const when = this.expr();
      this.expectKw('THEN');
      whens.push([when, this.expr()]);
    }
    if (whens.length === 0) this.fail('WHEN');
    const otherwise = this.acceptKw('ELSE') ? this.expr() : null;
    this.expectKw('END');
    return { kind: 'case', at, subject, whens, otherwise };
  }

  protected listOrComprehension(): Expr {
    const at = this.tok.at;
    // [x IN list WHERE ... | ...]
    if ((this.peek().type === 'ident' || this.peek().type === 'qident') && this.isKw('IN', this.peek(2))) {
      const comprehension = this.attempt(() => {
        this.pos++;
        const variable = this.name();
        this.expectKw('IN');
        const list = this.expr();
        const where = this.acceptKw('WHERE') ? this.expr() : null;
        const map = this.acceptOp('|') ? this.expr() : null;
        this.expectOp(']');
        return { kind: 'listComprehension' as const, at, variable, list, where, map };
      });
      if (comprehension) return comprehension;
    }
    // [(a)-->(b) WHERE ... | ...], [p = (a)-->(b) | ...]
    const named =
      (this.peek().type === 'ident' || this.peek().type === 'qident') && this.isOp('=', this.peek(2));
    if (this.isOp('(', this.peek()) || (named && this.isOp('(', this.peek(3)))) {
      const comprehension = this.attempt(() => {
        this.pos++;
        const start = this.tok.at;
        let pathVariable: string | null = null;
        if ((this.tok.type === 'ident' || this.tok.type === 'qident') && this.isOp('=', this.peek())) {
          pathVariable = this.name();
          this.pos++;
        }
        const from = this.inlineWhere.length;
        const pattern = this.patternElement(start, pathVariable);
        if (pattern.rels.length === 0) this.fail('a relationship');
        const where = this.withInlineWhere(from, this.acceptKw('WHERE') ? this.expr() : null);
        this.expectOp('|');
        const map = this.expr();
        this.expectOp(']');
        return { kind: 'patternComprehension' as const, at, pattern, where, map };
      });
      if (comprehension) return comprehension;
    }
    this.pos++;
    const items: Expr[] = [];
    if (!this.isOp(']')) {
      do items.push(this.expr());
      while (this.acceptOp(','));
    }
    this.expectOp(']');
    return { kind: 'list', at, items };
  }
}
