/**
 * A recursive-descent parser for the read subset of Cypher, written here rather than taken from npm:
 * the maintained npm parser (@neo4j-cypher/language-support, ANTLR) is an editor toolkit of several
 * megabytes whose parse tree would still need converting, and measured far slower on our queries (see
 * README, "Cypher without a server"); this one gives our AST directly, with exact offsets for errors.
 */
import type {
  BinaryOp,
  Clause,
  CompareOp,
  CypherType,
  Expr,
  LabelExpr,
  MapProjectionItem,
  NodePattern,
  PatternPart,
  ProcedureCall,
  Projection,
  ProjectionItem,
  Query,
  RelPattern,
  SingleQuery,
  SortItem,
} from './ast';
import { CypherFault } from './errors';

type TokenType = 'ident' | 'qident' | 'string' | 'int' | 'float' | 'param' | 'op' | 'eof';

interface Token {
  type: TokenType;
  /** The identifier, operator or parameter name, the string's value, or the number's text. */
  text: string;
  at: number;
  end: number;
}

const OPERATORS = [
  '..',
  '||',
  '<>',
  '!=',
  '<=',
  '>=',
  '=~',
  '+=',
  '->',
  '<-',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  '.',
  ':',
  '|',
  '&',
  '!',
  '=',
  '<',
  '>',
  '+',
  '-',
  '*',
  '/',
  '%',
  '^',
  ';',
  '$',
];

const WRITE_CLAUSES = new Set(['CREATE', 'MERGE', 'SET', 'DELETE', 'DETACH', 'REMOVE', 'FOREACH']);

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

/** The names of a label expression that is only names joined by &, else null. */
function conjunction(e: LabelExpr): string[] | null {
  if (e.kind === 'name') return [e.name];
  if (e.kind !== 'and') return null;
  const parts = e.args.map(conjunction);
  return parts.every((p) => p !== null) ? parts.flat() : null;
}

/** The names of a type expression that is only names joined by |, else null. */
function alternatives(e: LabelExpr): string[] | null {
  if (e.kind === 'name') return [e.name];
  if (e.kind !== 'or') return null;
  const parts = e.args.map(alternatives);
  return parts.every((p) => p !== null) ? parts.flat() : null;
}

function syntax(message: string, at: number): CypherFault {
  return new CypherFault('CYPHER_SYNTAX', message, at);
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (text.startsWith('//', i)) {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) throw syntax('unclosed comment', i);
      i = close + 2;
      continue;
    }
    const at = i;
    if (/[A-Za-z_\u00C0-\uFFFF]/.test(c)) {
      while (i < n && /[\w\u00C0-\uFFFF]/.test(text[i]!)) i++;
      tokens.push({ type: 'ident', text: text.slice(at, i), at, end: i });
      continue;
    }
    if (c === '`') {
      let name = '';
      i++;
      for (;;) {
        if (i >= n) throw syntax('unclosed `quoted name`', at);
        if (text[i] === '`') {
          if (text[i + 1] === '`') {
            name += '`';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        name += text[i++];
      }
      tokens.push({ type: 'qident', text: name, at, end: i });
      continue;
    }
    if (c === "'" || c === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= n) throw syntax('unclosed string', at);
        const d = text[i]!;
        if (d === c) {
          i++;
          break;
        }
        if (d === '\\') {
          const e = text[i + 1];
          const simple: Record<string, string> = {
            '\\': '\\',
            "'": "'",
            '"': '"',
            n: '\n',
            t: '\t',
            r: '\r',
            b: '\b',
            f: '\f',
          };
          if (e !== undefined && Object.hasOwn(simple, e)) {
            value += simple[e];
            i += 2;
          } else if (e === 'u' || e === 'U') {
            const len = e === 'u' ? 4 : 8;
            const hex = text.slice(i + 2, i + 2 + len);
            if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) throw syntax('bad unicode escape', i);
            value += String.fromCodePoint(parseInt(hex, 16));
            i += 2 + len;
          } else throw syntax(`bad escape \\${e ?? ''}`, i);
          continue;
        }
        value += d;
        i++;
      }
      tokens.push({ type: 'string', text: value, at, end: i });
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      const rest = text.slice(i);
      const m =
        /^0x[0-9A-Fa-f]+/.exec(rest) ??
        /^0o[0-7]+/.exec(rest) ??
        /^(\d+\.\d+|\.\d+|\d+)([eE][-+]?\d+)?/.exec(rest);
      if (!m) throw syntax('bad number', at);
      i += m[0].length;
      if (/^[A-Za-z_]/.test(text[i] ?? '')) throw syntax(`invalid number ${text.slice(at, i + 1)}`, at);
      const float = !/^0[xo]/.test(m[0]) && /[.eE]/.test(m[0]);
      tokens.push({ type: float ? 'float' : 'int', text: m[0], at, end: i });
      continue;
    }
    if (c === '$') {
      i++;
      let name: string;
      if (text[i] === '`') {
        const close = text.indexOf('`', i + 1);
        if (close < 0) throw syntax('unclosed `quoted name`', i);
        name = text.slice(i + 1, close);
        i = close + 1;
      } else {
        const m = /^[\w\u00C0-\uFFFF]+/.exec(text.slice(i));
        if (!m) throw syntax('a parameter name must follow $', at);
        name = m[0];
        i += name.length;
      }
      tokens.push({ type: 'param', text: name, at, end: i });
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (!op) throw syntax(`unexpected character ${JSON.stringify(c)}`, at);
    i += op.length;
    tokens.push({ type: 'op', text: op, at, end: i });
  }
  tokens.push({ type: 'eof', text: '', at: n, end: n });
  return tokens;
}

/** Parses a query; `allowCreate` is the setup-only path that builds test graphs. */
export function parseQuery(text: string, allowCreate = false): Query {
  return new Parser(text, allowCreate).query();
}

class Parser {
  private readonly tokens: Token[];
  private pos = 0;
  private anonymous = 0;

  constructor(
    private readonly text: string,
    private readonly allowCreate: boolean,
  ) {
    this.tokens = tokenize(text);
  }

  private get tok(): Token {
    return this.tokens[this.pos]!;
  }

  private peek(k = 1): Token {
    return this.tokens[Math.min(this.pos + k, this.tokens.length - 1)]!;
  }

  private isKw(word: string, t: Token = this.tok): boolean {
    return t.type === 'ident' && t.text.toUpperCase() === word;
  }

  private isOp(op: string, t: Token = this.tok): boolean {
    return t.type === 'op' && t.text === op;
  }

  private acceptKw(word: string): boolean {
    if (!this.isKw(word)) return false;
    this.pos++;
    return true;
  }

  private acceptOp(op: string): boolean {
    if (!this.isOp(op)) return false;
    this.pos++;
    return true;
  }

  private fail(expected: string): never {
    const t = this.tok;
    const found = t.type === 'eof' ? 'the end of the query' : JSON.stringify(this.text.slice(t.at, t.end));
    throw syntax(`expected ${expected}, found ${found}`, t.at);
  }

  private expectKw(word: string): void {
    if (!this.acceptKw(word)) this.fail(word);
  }

  private expectOp(op: string): void {
    if (!this.acceptOp(op)) this.fail(`'${op}'`);
  }

  private name(what = 'a name'): string {
    const t = this.tok;
    if (t.type === 'ident' || t.type === 'qident') {
      this.pos++;
      return t.text;
    }
    return this.fail(what);
  }

  /** A name for something anonymous, which no query can spell (it starts with a space). */
  private fresh(): string {
    return ` anon${this.anonymous++}`;
  }

  query(): Query {
    const q = this.union();
    this.acceptOp(';');
    if (this.tok.type !== 'eof') this.fail('the end of the query');
    return q;
  }

  private union(): Query {
    const at = this.tok.at;
    const parts = [this.singleQuery()];
    const unionAll: boolean[] = [];
    while (this.acceptKw('UNION')) {
      unionAll.push(this.acceptKw('ALL'));
      parts.push(this.singleQuery());
    }
    return { at, parts, unionAll };
  }

  private singleQuery(): SingleQuery {
    const at = this.tok.at;
    const clauses: Clause[] = [];
    for (;;) {
      const clause = this.clause();
      if (!clause) break;
      clauses.push(clause);
      if (clause.kind === 'return') break;
    }
    if (clauses.length === 0) this.fail('a clause (MATCH, UNWIND, WITH, RETURN, ...)');
    return { at, clauses };
  }

  private clause(): Clause | null {
    const t = this.tok;
    const at = t.at;
    if (t.type !== 'ident') return null;
    const word = t.text.toUpperCase();
    if (word === 'MATCH' || (word === 'OPTIONAL' && this.isKw('MATCH', this.peek()))) {
      const optional = word === 'OPTIONAL';
      this.pos += optional ? 2 : 1;
      const patterns = this.patterns();
      const where = this.acceptKw('WHERE') ? this.expr() : null;
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
      const call = this.clause();
      if (call?.kind !== 'procedure') throw syntax('OPTIONAL CALL { } is not supported yet', at);
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
      if (this.isKw('IN'))
        throw new CypherFault('CYPHER_UNSUPPORTED', 'CALL { } IN TRANSACTIONS', this.tok.at);
      return { kind: 'call', at, imports, query };
    }
    if (word === 'CREATE' && this.allowCreate) {
      this.pos++;
      return { kind: 'create', at, patterns: this.patterns() };
    }
    if (WRITE_CLAUSES.has(word)) {
      throw new CypherFault('CYPHER_WRITE', `${word} writes; the memory backend runs read-only queries`, at);
    }
    if (['LOAD', 'USE', 'SHOW', 'FINISH', 'INSERT', 'TERMINATE'].includes(word)) {
      throw new CypherFault('CYPHER_UNSUPPORTED', `the ${word} clause is not supported`, at);
    }
    return null;
  }

  private procedureCall(at: number): ProcedureCall {
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

  private projection(at: number): Projection {
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

  private projectionTail(at: number, distinct: boolean, star: boolean, items: ProjectionItem[]): Projection {
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

  private patterns(): PatternPart[] {
    const parts: PatternPart[] = [];
    do parts.push(this.patternPart());
    while (this.acceptOp(','));
    return parts;
  }

  private patternPart(): PatternPart {
    const at = this.tok.at;
    let pathVariable: string | null = null;
    if ((this.tok.type === 'ident' || this.tok.type === 'qident') && this.isOp('=', this.peek())) {
      pathVariable = this.name();
      this.pos++;
    }
    if (this.isKw('SHORTESTPATH') || this.isKw('ALLSHORTESTPATHS')) {
      const shortest = this.isKw('SHORTESTPATH') ? 'shortest' : 'all';
      this.pos++;
      this.expectOp('(');
      const inner = this.patternElement(at, pathVariable);
      this.expectOp(')');
      if (inner.rels.length !== 1) {
        throw syntax('shortestPath needs a pattern of exactly one relationship', at);
      }
      return { ...inner, shortest };
    }
    return this.patternElement(at, pathVariable);
  }

  private patternElement(at: number, pathVariable: string | null): PatternPart {
    const nodes: NodePattern[] = [];
    const rels: RelPattern[] = [];
    const anonymous = (): NodePattern => ({
      at: this.tok.at,
      variable: this.fresh(),
      labels: [],
      properties: null,
    });
    for (;;) {
      if (this.isOp('(') && this.isOp('(', this.peek())) {
        // A parenthesized path: grouping, or a quantified path pattern `((a)-[:T]->(b)){1,3}`.
        const groupAt = this.tok.at;
        this.pos++;
        const inner = this.patternElement(groupAt, null);
        this.expectOp(')');
        const length = this.quantifier();
        if (!length) {
          if (nodes.length > 0) throw syntax('a parenthesized path must be quantified here', groupAt);
          nodes.push(...inner.nodes);
          rels.push(...inner.rels);
        } else {
          // The group is one relationship between nodes it does not constrain: a variable-length one.
          const [a, b] = inner.nodes;
          const rel = inner.rels[0];
          const free = (n: NodePattern | undefined) =>
            n && n.variable!.startsWith(' ') && n.labels.length === 0 && !n.labelExpr && !n.properties;
          if (inner.rels.length !== 1 || !rel || rel.length || !free(a) || !free(b)) {
            throw new CypherFault(
              'CYPHER_UNSUPPORTED',
              'quantified path patterns other than (()-[r:TYPE]->()){m,n} are not in the memory engine; run the query with --backend neo4j',
              groupAt,
            );
          }
          if (nodes.length === rels.length) nodes.push(anonymous());
          rels.push({ ...rel, length });
          nodes.push(this.isOp('(') && !this.isOp('(', this.peek()) ? this.nodePattern() : anonymous());
        }
      } else if (nodes.length === rels.length) nodes.push(this.nodePattern());
      if (this.isOp('-') || this.isOp('<-')) {
        const rel = this.relPattern();
        const length = this.quantifier();
        if (length && rel.length)
          throw syntax('a relationship cannot be both variable-length and quantified', rel.at);
        rels.push(length ? { ...rel, length } : rel);
        if (!(this.isOp('(') && this.isOp('(', this.peek()))) nodes.push(this.nodePattern());
        else nodes.push(anonymous());
        continue;
      }
      if (!(this.isOp('(') && this.isOp('(', this.peek()))) break;
    }
    return { at, pathVariable, shortest: null, nodes, rels };
  }

  /** A path pattern quantifier: `{m,n}`, `{m,}`, `{,n}`, `{n}`, `+` or `*`; null when there is none. */
  private quantifier(): RelPattern['length'] {
    if (this.acceptOp('+')) return { min: 1, max: null };
    if (this.acceptOp('*')) return { min: 0, max: null };
    if (!(this.isOp('{') && (this.peek().type === 'int' || this.isOp(',', this.peek())))) return null;
    this.pos++;
    const int = (): number | null => {
      if (this.tok.type !== 'int') return null;
      return Number(this.tokens[this.pos++]!.text);
    };
    const min = int();
    if (this.acceptOp('}')) return { min: min!, max: min };
    this.expectOp(',');
    const max = int();
    this.expectOp('}');
    return { min: min ?? 0, max };
  }

  private nodePattern(): NodePattern {
    const at = this.tok.at;
    this.expectOp('(');
    let variable: string | null = null;
    if (this.tok.type === 'ident' || this.tok.type === 'qident') variable = this.name();
    const { labels, expr: labelExpr } = this.labels();
    let properties: Expr | null = null;
    if (this.isOp('{')) properties = this.mapLiteral();
    else if (this.tok.type === 'param' && !this.allowCreate) {
      throw syntax('a parameter cannot stand for the properties of a pattern to match', this.tok.at);
    } else if (this.tok.type === 'param') properties = this.primary();
    if (this.isKw('WHERE')) {
      throw new CypherFault('CYPHER_UNSUPPORTED', 'WHERE inside a node pattern', this.tok.at);
    }
    this.expectOp(')');
    return {
      at,
      variable: variable ?? this.fresh(),
      labels,
      ...(labelExpr ? { labelExpr } : {}),
      properties,
    };
  }

  /**
   * `:A:B` or `:A&B` (labels all required), or any other label expression (`:A|B`, `:!A`, `:%`): the
   * required labels, and the expression when it is more than that.
   */
  private labels(): { labels: string[]; expr: LabelExpr | null } {
    const labels: string[] = [];
    const others: LabelExpr[] = [];
    while (this.acceptOp(':')) {
      const e = this.labelOr();
      const names = conjunction(e);
      if (names) labels.push(...names);
      else others.push(e);
    }
    const expr =
      others.length === 0 ? null : others.length === 1 ? others[0]! : { kind: 'and' as const, args: others };
    return { labels, expr };
  }

  private labelOr(): LabelExpr {
    const args = [this.labelAnd()];
    // `:A|:B`, the older spelling of relationship type alternatives.
    // `[x IN l WHERE x:A | x.name]`: a | before an expression ends the label expression.
    while (
      this.isOp('|') &&
      !(this.peek(2).type === 'op' && ['.', '(', '[', '{'].includes(this.peek(2).text))
    ) {
      this.pos++;
      this.acceptOp(':');
      args.push(this.labelAnd());
    }
    return args.length === 1 ? args[0]! : { kind: 'or', args };
  }

  private labelAnd(): LabelExpr {
    const args = [this.labelNot()];
    while (this.acceptOp('&')) args.push(this.labelNot());
    return args.length === 1 ? args[0]! : { kind: 'and', args };
  }

  private labelNot(): LabelExpr {
    if (this.acceptOp('!')) return { kind: 'not', arg: this.labelNot() };
    if (this.acceptOp('%')) return { kind: 'any' };
    if (this.acceptOp('(')) {
      const e = this.labelOr();
      this.expectOp(')');
      return e;
    }
    return { kind: 'name', name: this.name('a label') };
  }

  private relPattern(): RelPattern {
    const at = this.tok.at;
    let left = false;
    if (this.acceptOp('<-')) left = true;
    else this.expectOp('-');
    let variable: string | null = null;
    const types: string[] = [];
    let typeExpr: LabelExpr | undefined;
    let properties: Expr | null = null;
    let length: RelPattern['length'] = null;
    if (this.acceptOp('[')) {
      if (this.tok.type === 'ident' || this.tok.type === 'qident') variable = this.name();

      if (this.acceptOp(':')) {
        const e = this.labelOr();
        const names = alternatives(e);
        if (names) types.push(...names);
        else typeExpr = e;
      }
      if (this.acceptOp('*')) {
        let min = 1;
        let max: number | null = null;
        const int = () => {
          const t = this.tok;
          if (t.type !== 'int') return null;
          this.pos++;
          return Number(t.text);
        };
        const first = int();
        if (this.acceptOp('..')) {
          if (first !== null) min = first;
          max = int();
        } else if (first !== null) {
          min = first;
          max = first;
        }
        length = { min, max };
      }
      if (this.isOp('{')) properties = this.mapLiteral();
      else if (this.tok.type === 'param' && !this.allowCreate) {
        throw syntax('a parameter cannot stand for the properties of a pattern to match', this.tok.at);
      } else if (this.tok.type === 'param') properties = this.primary();
      if (this.isKw('WHERE')) {
        throw new CypherFault('CYPHER_UNSUPPORTED', 'WHERE inside a relationship pattern', this.tok.at);
      }
      this.expectOp(']');
    }
    let right = false;
    if (this.acceptOp('->')) right = true;
    else this.expectOp('-');
    // <--> is either way, as -- is.
    return {
      at,
      variable: variable ?? this.fresh(),
      types,
      ...(typeExpr ? { typeExpr } : {}),
      direction: left === right ? 'both' : left ? 'in' : 'out',
      properties,
      length,
    };
  }

  // Expressions, loosest first: OR, XOR, AND, NOT, comparison, string/list/null predicates, + -, * / %, ^,
  // unary + -, postfix (property, index, slice, label test), atoms.

  expr(): Expr {
    return this.binaryLevel(0);
  }

  private static readonly LEVELS: [string, BinaryOp][] = [
    ['OR', 'or'],
    ['XOR', 'xor'],
    ['AND', 'and'],
  ];

  private binaryLevel(level: number): Expr {
    const entry = Parser.LEVELS[level];
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

  private not(): Expr {
    if (this.isKw('NOT')) {
      const at = this.tok.at;
      this.pos++;
      return { kind: 'unary', at, op: 'not', arg: this.not() };
    }
    return this.comparison();
  }

  private comparison(): Expr {
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
  private cypherType(): CypherType {
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

  private predicates(): Expr {
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
          throw new CypherFault('CYPHER_UNSUPPORTED', 'IS tests other than IS [NOT] NULL', this.tok.at);
        }
        left = { kind: 'isNull', at, arg: left, negated };
      } else break;
    }
    return left;
  }

  private additive(): Expr {
    let left = this.multiplicative();
    while (this.isOp('+') || this.isOp('-') || this.isOp('||')) {
      const at = this.tok.at;
      const op = this.tok.text as '+' | '-' | '||';
      this.pos++;
      left = { kind: 'binary', at, op, left, right: this.multiplicative() };
    }
    return left;
  }

  private multiplicative(): Expr {
    let left = this.power();
    while (this.isOp('*') || this.isOp('/') || this.isOp('%')) {
      const at = this.tok.at;
      const op = this.tok.text as '*' | '/' | '%';
      this.pos++;
      left = { kind: 'binary', at, op, left, right: this.power() };
    }
    return left;
  }

  private power(): Expr {
    let left = this.unary();
    while (this.isOp('^')) {
      const at = this.tok.at;
      this.pos++;
      left = { kind: 'binary', at, op: '^', left, right: this.unary() };
    }
    return left;
  }

  private unary(): Expr {
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

  private integer(text: string, at: number): bigint {
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

  private postfix(target: Expr): Expr {
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
      } else if (this.isOp(':') && target.kind !== 'literal') {
        const { labels, expr } = this.labels();
        target = { kind: 'hasLabels', at, target, labels, ...(expr ? { expr } : {}) };
      } else if (this.isOp('{') && target.kind === 'var') {
        target = this.mapProjection(target);
      } else return target;
    }
  }

  private mapProjection(target: Expr): Expr {
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

  private mapLiteral(): Expr {
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

  /** Tries `parse`; on a syntax error puts the position back and gives null. */
  private attempt<T>(parse: () => T): T | null {
    const saved = this.pos;
    const anonymous = this.anonymous;
    try {
      return parse();
    } catch (e) {
      if (!(e instanceof CypherFault) || e.code !== 'CYPHER_SYNTAX') throw e;
      this.pos = saved;
      this.anonymous = anonymous;
      return null;
    }
  }

  private primary(): Expr {
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
          const pattern = this.attempt(() => this.patternElement(at, null));
          if (pattern && pattern.rels.length > 0) return { kind: 'pattern', at, pattern };
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

  private identifierExpr(t: Token): Expr {
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
        const patterns = this.patterns();
        const where = this.acceptKw('WHERE') ? this.expr() : null;
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
        throw new CypherFault('CYPHER_UNSUPPORTED', `${t.text} as an expression (use it in MATCH)`, at);
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

  private call(at: number, name: string): Expr {
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

  private caseExpr(): Expr {
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

  private listOrComprehension(): Expr {
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
        const pattern = this.patternElement(start, pathVariable);
        if (pattern.rels.length === 0) this.fail('a relationship');
        const where = this.acceptKw('WHERE') ? this.expr() : null;
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
