/** The syntax tree of a read query, as the parser gives it to the planner. `at` is the offset in the text. */

export type Expr =
  | { kind: 'literal'; at: number; value: null | boolean | bigint | number | string }
  | { kind: 'param'; at: number; name: string }
  | { kind: 'var'; at: number; name: string }
  | { kind: 'prop'; at: number; target: Expr; key: string }
  | { kind: 'index'; at: number; target: Expr; index: Expr }
  | { kind: 'slice'; at: number; target: Expr; from: Expr | null; to: Expr | null }
  /** `n:A:B` (labels, all required), or a label expression `n:A|B` (expr). */
  | { kind: 'hasLabels'; at: number; target: Expr; labels: string[]; expr?: LabelExpr }
  | { kind: 'list'; at: number; items: Expr[] }
  | { kind: 'map'; at: number; entries: [string, Expr][] }
  | { kind: 'mapProjection'; at: number; target: Expr; items: MapProjectionItem[] }
  | { kind: 'unary'; at: number; op: 'not' | '-' | '+'; arg: Expr }
  | { kind: 'binary'; at: number; op: BinaryOp; left: Expr; right: Expr }
  | { kind: 'compare'; at: number; ops: CompareOp[]; args: Expr[] }
  | { kind: 'isNull'; at: number; arg: Expr; negated: boolean }
  /** `x IS [NOT] :: TYPE` (also `IS [NOT] TYPED`, `x :: TYPE`). */
  | { kind: 'isType'; at: number; arg: Expr; type: CypherType; negated: boolean }
  | { kind: 'call'; at: number; name: string; distinct: boolean; args: Expr[]; star: boolean }
  | { kind: 'case'; at: number; subject: Expr | null; whens: [Expr, Expr][]; otherwise: Expr | null }
  | {
      kind: 'listComprehension';
      at: number;
      variable: string;
      list: Expr;
      where: Expr | null;
      map: Expr | null;
    }
  | {
      kind: 'quantifier';
      at: number;
      quantifier: 'all' | 'any' | 'none' | 'single';
      variable: string;
      list: Expr;
      where: Expr;
    }
  | { kind: 'reduce'; at: number; acc: string; init: Expr; variable: string; list: Expr; expr: Expr }
  | { kind: 'pattern'; at: number; pattern: PatternPart }
  | {
      kind: 'patternComprehension';
      at: number;
      pattern: PatternPart;
      where: Expr | null;
      map: Expr;
    }
  | { kind: 'subquery'; at: number; type: 'exists' | 'count' | 'collect'; query: Query };

export type BinaryOp =
  | 'or'
  | 'xor'
  | 'and'
  | '+'
  | '||'
  | '-'
  | '*'
  | '/'
  | '%'
  | '^'
  | 'in'
  | 'startsWith'
  | 'endsWith'
  | 'contains'
  | '=~';
export type CompareOp = '=' | '<>' | '<' | '>' | '<=' | '>=';

export type MapProjectionItem =
  | { kind: 'property'; key: string }
  | { kind: 'allProperties' }
  | { kind: 'variable'; name: string }
  | { kind: 'entry'; key: string; value: Expr };

/** A label (or relationship type) expression, Neo4j 5: `A|B`, `A&B`, `!A`, `%` (any), in parentheses. */
export type LabelExpr =
  | { kind: 'name'; name: string }
  | { kind: 'any' }
  | { kind: 'not'; arg: LabelExpr }
  | { kind: 'and' | 'or'; args: LabelExpr[] };

export interface NodePattern {
  at: number;
  variable: string | null;
  /** The labels a match must have; a label expression beyond that is in labelExpr. */
  labels: string[];
  labelExpr?: LabelExpr;
  properties: Expr | null;
}

export interface RelPattern {
  at: number;
  variable: string | null;
  /** Alternatives (`:A|B`); a type expression beyond that (`:!A`) is in typeExpr. */
  types: string[];
  typeExpr?: LabelExpr;
  direction: 'out' | 'in' | 'both';
  properties: Expr | null;
  /** Variable length: `*` gives min 1, max unbounded (null). */
  length: { min: number; max: number | null } | null;
  /** Written with a quantifier (`-->{1,3}`, `-->+`, a group), not as `-[*]-`. */
  quantified?: true;
  /**
   * A quantified path pattern `((a)-[r:T]->(b)<-[:U]-(c) WHERE ...){m,n}`, repeated `length` times:
   * this relationship stands for every iteration's relationships, in the pattern's order.
   */
  group?: QuantifiedGroup;
}

/** The path pattern one iteration of a quantified path pattern matches; its named elements are group variables. */
export interface QuantifiedGroup {
  nodes: NodePattern[];
  rels: RelPattern[];
  /** The group's WHERE and the WHEREs written inside its elements, checked on each iteration. */
  where: Expr | null;
}

export interface PatternPart {
  at: number;
  pathVariable: string | null;
  shortest: 'shortest' | 'all' | null;
  /** `SHORTEST k` (k paths) or `SHORTEST k GROUPS` (the paths of k lengths); 1 when absent. */
  k?: number;
  /** `shortestPath()` / `allShortestPaths()`: the WHERE parts that read the path filter during the search. */
  legacy?: true;
  /** A selective pattern's own WHEREs (inside its elements), applied before the selection. */
  where?: Expr;
  nodes: NodePattern[];
  rels: RelPattern[];
}

export interface ProjectionItem {
  at: number;
  expr: Expr;
  /** The column name: the alias, or the expression's text. */
  name: string;
  aliased: boolean;
  /** The expression as written. */
  text: string;
}

export interface SortItem {
  expr: Expr;
  descending: boolean;
  /** The expression as written, to match it to a projected column. */
  text: string;
}

export interface Projection {
  at: number;
  distinct: boolean;
  star: boolean;
  items: ProjectionItem[];
  orderBy: SortItem[];
  skip: Expr | null;
  limit: Expr | null;
}

export type Clause =
  | { kind: 'match'; at: number; optional: boolean; patterns: PatternPart[]; where: Expr | null }
  | { kind: 'unwind'; at: number; expr: Expr; variable: string }
  | { kind: 'with'; at: number; projection: Projection; where: Expr | null }
  | { kind: 'return'; at: number; projection: Projection }
  /** `[OPTIONAL] CALL [(x, y)] { ... }`: imports null when the subquery sees the whole outer scope. */
  | { kind: 'call'; at: number; imports: string[] | null; query: Query; optional: boolean }
  | ProcedureCall
  /** Only on the setup-only path (building test graphs); queries refuse it. */
  | { kind: 'create'; at: number; patterns: PatternPart[] }
  | { kind: 'delete'; at: number; detach: boolean; exprs: Expr[] };

export interface SingleQuery {
  at: number;
  clauses: Clause[];
}

export interface Query {
  at: number;
  parts: SingleQuery[];
  /** One entry between each two parts: UNION ALL keeps duplicates. */
  unionAll: boolean[];
}

/** `CALL name(args) YIELD ... WHERE ...`: `args` null when called without parentheses (standalone only). */
export interface ProcedureCall {
  kind: 'procedure';
  at: number;
  name: string;
  args: Expr[] | null;
  /** null: no YIELD (every output, standalone only); `YIELD *` gives every output too. */
  yields: { name: string; alias: string; at: number }[] | null;
  where: Expr | null;
  optional: boolean;
}

/** A type in a type predicate: alternatives, each a base type (`LIST` with its element type) and NOT NULL. */
export interface CypherType {
  alternatives: { base: string; element: CypherType | null; notNull: boolean }[];
}
