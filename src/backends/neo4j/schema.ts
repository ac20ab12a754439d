/**
 * The constraints and indexes the Neo4j load creates, as data: the load makes them from here
 * (ensureSchema in load.ts), and the memory engine's `SHOW INDEXES` / `SHOW CONSTRAINTS` report them.
 */
import { PREDICATES } from '../../model/generated';
import { MENTIONED_IN } from '../../load/canonical';

export interface SchemaRule {
  /** A uniqueness constraint (with the range index that backs it), a range index or a full-text index. */
  kind: 'CONSTRAINT' | 'RANGE' | 'FULLTEXT';
  name: string;
  entityType: 'NODE' | 'RELATIONSHIP';
  labelsOrTypes: string[];
  properties: string[];
}

const node = (
  kind: SchemaRule['kind'],
  name: string,
  label: string,
  ...properties: string[]
): SchemaRule => ({
  kind,
  name,
  entityType: 'NODE',
  labelsOrTypes: [label],
  properties,
});

/** The full-text index of quotes: over every predicate's type, so a search finds every statement's quote. */
export const QUOTE_INDEX: SchemaRule = {
  kind: 'FULLTEXT',
  name: 'factgraph_quote',
  entityType: 'RELATIONSHIP',
  labelsOrTypes: Object.keys(PREDICATES).sort(),
  properties: ['quote'],
};

export const SCHEMA_RULES: SchemaRule[] = [
  node('CONSTRAINT', 'factgraph_entity_id', 'Entity', 'id'),
  node('CONSTRAINT', 'factgraph_document_id', 'Document', 'id'),
  node('CONSTRAINT', 'factgraph_dataset_name', 'Dataset', 'name'),
  // A statement node is its data set's, as a statement's relationship is.
  node('CONSTRAINT', 'factgraph_statement_node', 'Statement', 'dataset', 'id'),
  node('RANGE', 'factgraph_entity_name', 'Entity', 'name'),
  // The quotes of statements that are nodes only (nobody asserts them, so no relationship holds them).
  node('FULLTEXT', 'factgraph_statement_quote', 'Statement', 'quote'),
  // A statement is its data set's: two data sets may use the same statement id without touching each
  // other's relationship.
  ...Object.keys(PREDICATES).map((type): SchemaRule => ({
    kind: 'CONSTRAINT',
    name: `factgraph_statement_key_${type}`,
    entityType: 'RELATIONSHIP',
    labelsOrTypes: [type],
    properties: ['dataset', 'id'],
  })),
  QUOTE_INDEX,
];

/** Names of schema objects earlier versions made that the load drops. */
export const OBSOLETE_SCHEMA: { kind: 'CONSTRAINT' | 'INDEX'; name: string }[] = [
  ...[...Object.keys(PREDICATES), MENTIONED_IN].flatMap((type) => [
    // Earlier versions made statement ids unique across data sets, also indexed each type's data set,
    // which no query of the load uses, and held mentions to the statements' constraint.
    { kind: 'CONSTRAINT' as const, name: `factgraph_statement_id_${type}` },
    { kind: 'INDEX' as const, name: `factgraph_dataset_${type}` },
  ]),
  { kind: 'CONSTRAINT', name: `factgraph_statement_key_${MENTIONED_IN}` },
];

const quoted = (name: string) => `\`${name}\``;

/**
 * The statement that makes the rule, as Neo4j's `createStatement` column gives it (the load's with IF
 * NOT EXISTS). Only names from the schema's own tables get into these statements.
 */
export function createStatement(rule: SchemaRule, ifNotExists = false): string {
  const v = rule.entityType === 'NODE' ? 'n' : 'r';
  const pattern =
    rule.entityType === 'NODE'
      ? `(n:${rule.labelsOrTypes.map(quoted).join('|')})`
      : `()-[r:${rule.labelsOrTypes.map(quoted).join('|')}]-()`;
  const props = rule.properties.map((p) => `${v}.${quoted(p)}`).join(', ');
  const head = (what: string) =>
    `CREATE ${what} ${quoted(rule.name)}${ifNotExists ? ' IF NOT EXISTS' : ''} FOR ${pattern}`;
  switch (rule.kind) {
    case 'CONSTRAINT':
      return `${head('CONSTRAINT')} REQUIRE (${props}) IS UNIQUE`;
    case 'RANGE':
      return `${head('RANGE INDEX')} ON (${props})`;
    case 'FULLTEXT':
      return `${head('FULLTEXT INDEX')} ON EACH [${props}] OPTIONS {indexConfig: {\`fulltext.analyzer\`: 'standard-no-stop-words',\`fulltext.eventually_consistent\`: false}}`;
  }
}
