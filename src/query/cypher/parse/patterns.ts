/**
 * Patterns: node and relationship patterns, label and type expressions, variable-length and quantified
 * relationships, quantified path patterns, shortest paths.
 */
import type { Expr, LabelExpr, NodePattern, PatternPart, RelPattern } from '../ast';
import { ExpressionParser } from './expressions';
import { syntax } from './lexer';

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

function and(left: Expr, right: Expr): Expr {
  return { kind: 'binary', at: right.at, op: 'and', left, right };
}

export abstract class PatternParser extends ExpressionParser {
  protected patterns(): PatternPart[] {
    const parts: PatternPart[] = [];
    do parts.push(this.patternPart());
    while (this.acceptOp(','));
    const rels = parts.flatMap((p) => p.rels);
    const legacy = rels.find((r) => r.length && !r.quantified);
    if (legacy && rels.some((r) => r.quantified)) {
      throw syntax(
        "mixing variable-length relationships ('-[*]-') with quantified relationships or quantified path patterns is not allowed",
        legacy.at,
      );
    }
    const selective = parts.find((p) => p.shortest && !p.legacy);
    if (selective && parts.length > 1) {
      throw syntax(
        'multiple path patterns cannot be used in the same clause in combination with a selective path selector',
        selective.at,
      );
    }
    return parts;
  }

  /**
   * The WHERE of a clause or subquery with the `WHERE`s written inside its patterns since `from`
   * (`(n:A WHERE n.x > 1)`), which filter the same rows.
   */
  protected withInlineWhere(from: number, where: Expr | null): Expr | null {
    return this.inlineWhere.splice(from).reduce<Expr | null>((acc, e) => (acc ? and(acc, e) : e), where);
  }

  protected patternPart(): PatternPart {
    const at = this.tok.at;
    let pathVariable: string | null = null;
    if ((this.tok.type === 'ident' || this.tok.type === 'qident') && this.isOp('=', this.peek())) {
      pathVariable = this.name();
      this.pos++;
    }
    const selector = this.pathSelector();
    if (selector) {
      // The WHEREs inside a selective pattern filter the paths it selects from (the clause's, those selected).
      const wheres = this.inlineWhere.length;
      const inner = this.patternElement(this.tok.at, pathVariable);
      const where = this.withInlineWhere(wheres, null);
      return {
        ...inner,
        at,
        shortest: selector.selector,
        ...(selector.k === 1 ? {} : { k: selector.k }),
        ...(where ? { where } : {}),
      };
    }
    if (this.isKw('SHORTESTPATH') || this.isKw('ALLSHORTESTPATHS')) {
      const shortest = this.isKw('SHORTESTPATH') ? 'shortest' : 'all';
      this.pos++;
      this.expectOp('(');
      const inner = this.patternElement(at, pathVariable);
      this.expectOp(')');
      if (inner.rels.length !== 1) {
        throw syntax('shortestPath(...) requires a pattern containing a single relationship', at);
      }
      if (inner.rels[0]!.quantified) {
        throw syntax('shortestPath(...) contains a quantified pattern, which Neo4j does not support', at);
      }
      return { ...inner, shortest, legacy: true };
    }
    return this.patternElement(at, pathVariable);
  }

  protected patternElement(at: number, pathVariable: string | null): PatternPart {
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
        const wheres = this.inlineWhere.length;
        const inner = this.patternElement(groupAt, null);
        if (this.acceptKw('WHERE')) this.inlineWhere.push(this.expr());
        this.expectOp(')');
        const length = this.quantifier();
        if (!length) {
          // Unquantified, its WHERE filters like the clause's (or, in a selective pattern, the pattern's).
          if (nodes.length > 0) throw syntax('a parenthesized path must be quantified here', groupAt);
          nodes.push(...inner.nodes);
          rels.push(...inner.rels);
        } else {
          const where = this.withInlineWhere(wheres, null);
          if (nodes.length === rels.length) nodes.push(anonymous());
          rels.push(this.quantifiedGroup(inner, where, length, groupAt));
          nodes.push(this.isOp('(') && !this.isOp('(', this.peek()) ? this.nodePattern() : anonymous());
        }
      } else if (nodes.length === rels.length) nodes.push(this.nodePattern());
      if (this.isOp('-') || this.isOp('<-')) {
        const rel = this.relPattern();
        const length = this.quantifier();
        if (length && rel.length)
          throw syntax('a relationship cannot be both variable-length and quantified', rel.at);
        rels.push(length ? { ...rel, length, quantified: true } : rel);
        if (!(this.isOp('(') && this.isOp('(', this.peek()))) nodes.push(this.nodePattern());
        else nodes.push(anonymous());
        continue;
      }
      if (!(this.isOp('(') && this.isOp('(', this.peek()))) break;
    }
    return { at, pathVariable, shortest: null, nodes, rels };
  }

  /**
   * A quantified path pattern as one relationship of its part: a plain variable-length one when the
   * group is a single relationship between free, unnamed nodes, else one that repeats the group.
   */
  private quantifiedGroup(
    inner: PatternPart,
    where: Expr | null,
    length: NonNullable<RelPattern['length']>,
    at: number,
  ): RelPattern {
    if (inner.rels.length === 0) {
      throw syntax('a quantified path pattern needs to have at least one relationship', at);
    }
    if (inner.rels.some((r) => r.length)) {
      throw syntax(
        inner.rels.some((r) => r.group)
          ? 'quantified path patterns are not allowed to be nested'
          : 'variable-length relationships cannot be part of a quantified path pattern',
        at,
      );
    }
    const [a, b] = inner.nodes;
    const rel = inner.rels[0]!;
    const free = (n: NodePattern | undefined) =>
      n !== undefined &&
      n.variable!.startsWith(' ') &&
      n.labels.length === 0 &&
      !n.labelExpr &&
      !n.properties;
    if (inner.rels.length === 1 && !where && free(a) && free(b)) return { ...rel, length, quantified: true };
    return {
      at,
      variable: this.fresh(),
      types: [],
      direction: 'out',
      properties: null,
      length,
      quantified: true,
      group: { nodes: inner.nodes, rels: inner.rels, where },
    };
  }

  /**
   * Neo4j 5's path selectors: `ANY SHORTEST`, `SHORTEST k`, `ANY [k]` (k shortest paths a pair of
   * ends), `ALL SHORTEST`, `SHORTEST k GROUPS` (all paths of the k least lengths); `PATH` or `PATHS`
   * may follow.
   */
  private pathSelector(): { selector: PatternPart['shortest']; k: number } | null {
    if (this.tok.type !== 'ident') return null;
    const at = this.tok.at;
    let selector: PatternPart['shortest'];
    let k = 1;
    if (this.acceptKw('ALL')) {
      this.expectKw('SHORTEST');
      selector = 'all';
    } else if (this.acceptKw('ANY')) {
      this.acceptKw('SHORTEST');
      k = this.count() ?? 1;
      selector = 'shortest';
    } else if (this.acceptKw('SHORTEST')) {
      k = this.count() ?? 1;
      selector = 'shortest';
    } else return null;
    if (!this.acceptKw('PATHS')) this.acceptKw('PATH');
    if (this.acceptKw('GROUPS') || this.acceptKw('GROUP')) {
      if (selector === 'all') this.fail("'('");
      selector = 'all';
    }
    if (k < 1) throw syntax(`a path selector needs at least 1 path or group, not ${k}`, at);
    return { selector, k };
  }

  /** An integer literal, as a number; null when there is none. */
  private count(): number | null {
    const t = this.tok;
    if (t.type !== 'int') return null;
    this.pos++;
    return Number(t.text);
  }

  /** A path pattern quantifier: `{m,n}`, `{m,}`, `{,n}`, `{n}`, `+` or `*`; null when there is none. */
  protected quantifier(): RelPattern['length'] {
    if (this.acceptOp('+')) return { min: 1, max: null };
    if (this.acceptOp('*')) return { min: 0, max: null };
    if (!(this.isOp('{') && (this.peek().type === 'int' || this.isOp(',', this.peek())))) return null;
    this.pos++;
    const min = this.count();
    if (min === 0 && this.isOp('}')) {
      throw syntax('a quantifier for a path pattern must not be limited by 0', this.tok.at);
    }
    if (this.acceptOp('}')) return { min: min!, max: min };
    this.expectOp(',');
    const max = this.count();
    this.expectOp('}');
    if (max === 0) throw syntax('a quantifier for a path pattern must not be limited by 0', this.tok.at);
    return { min: min ?? 0, max };
  }

  protected nodePattern(): NodePattern {
    const at = this.tok.at;
    this.expectOp('(');
    let variable: string | null = null;
    if (this.tok.type === 'ident' || this.tok.type === 'qident') variable = this.name();
    const { labels, expr: labelExpr } = this.labels(true);
    const properties = this.elementFilters();
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
  protected labels(inPattern = false): { labels: string[]; expr: LabelExpr | null } {
    const labels: string[] = [];
    const others: LabelExpr[] = [];
    while (this.acceptOp(':')) {
      const e = this.labelOr(inPattern);
      const names = conjunction(e);
      if (names) labels.push(...names);
      else others.push(e);
    }
    const expr =
      others.length === 0 ? null : others.length === 1 ? others[0]! : { kind: 'and' as const, args: others };
    return { labels, expr };
  }

  /** `inPattern`: in a node or relationship pattern, where a `|` always goes on with the expression. */
  protected labelOr(inPattern = false): LabelExpr {
    const args = [this.labelAnd()];
    // `:A|:B`, the older spelling of relationship type alternatives.
    // `[x IN l WHERE x:A | x.name]`: a | before an expression ends the label expression.
    while (
      this.isOp('|') &&
      (inPattern || !(this.peek(2).type === 'op' && ['.', '(', '[', '{'].includes(this.peek(2).text)))
    ) {
      this.pos++;
      this.acceptOp(':');
      args.push(this.labelAnd());
    }
    return args.length === 1 ? args[0]! : { kind: 'or', args };
  }

  protected labelAnd(): LabelExpr {
    const args = [this.labelNot()];
    while (this.acceptOp('&')) args.push(this.labelNot());
    return args.length === 1 ? args[0]! : { kind: 'and', args };
  }

  protected labelNot(): LabelExpr {
    if (this.acceptOp('!')) return { kind: 'not', arg: this.labelNot() };
    if (this.acceptOp('%')) return { kind: 'any' };
    if (this.acceptOp('(')) {
      const e = this.labelOr(true);
      this.expectOp(')');
      return e;
    }
    return { kind: 'name', name: this.name('a label') };
  }

  /** A node's or relationship's property map (a parameter only when building test graphs), and its WHERE. */
  private elementFilters(): Expr | null {
    let properties: Expr | null = null;
    if (this.isOp('{')) properties = this.mapLiteral();
    else if (this.tok.type === 'param' && !this.allowCreate) {
      throw syntax('a parameter cannot stand for the properties of a pattern to match', this.tok.at);
    } else if (this.tok.type === 'param') properties = this.primary();
    if (this.acceptKw('WHERE')) this.inlineWhere.push(this.expr());
    return properties;
  }

  protected relPattern(): RelPattern {
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
        const e = this.labelOr(true);
        const names = alternatives(e);
        if (names) types.push(...names);
        else typeExpr = e;
      }
      if (this.acceptOp('*')) {
        let min = 1;
        let max: number | null = null;
        const first = this.count();
        if (this.acceptOp('..')) {
          if (first !== null) min = first;
          max = this.count();
        } else if (first !== null) {
          min = first;
          max = first;
        }
        length = { min, max };
        if (typeExpr)
          throw syntax('variable length relationships must not use relationship type expressions', at);
      }
      properties = this.elementFilters();
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
}
