/**
 * `SHOW INDEXES`, `SHOW CONSTRAINTS`, `SHOW FUNCTIONS` and `SHOW PROCEDURES` as procedures the parser
 * turns the command into (with YIELD, WHERE and RETURN as usual): the indexes and constraints the Neo4j
 * load creates, with Neo4j's columns, and the functions and procedures this engine implements.
 */
import { createStatement, SCHEMA_RULES, type SchemaRule } from '../../backends/neo4j/schema';
import { AGGREGATES } from './aggregates';
import { FUNCTIONS } from './functions';
import { type Procedure } from './procedures';
import catalog from './show-catalog.json';
import type { Value } from './values';

/** A SHOW command: its columns (the first `shown` without YIELD, all with `YIELD *`) and its rows. */
export interface ShowCommand {
  /** The procedure the command runs; its one input is the filter word(s) before the noun. */
  procedure: Procedure;
  shown: number;
  /** The words allowed between SHOW and the noun (`RANGE` in `SHOW RANGE INDEXES`). */
  filters: string[];
}

const map = (entries: Record<string, Value>) => new Map(Object.entries(entries));

const FULLTEXT_CONFIG = {
  'fulltext.analyzer': 'standard-no-stop-words',
  'fulltext.eventually_consistent': false,
};

/** Neo4j's two token lookup indexes: every database has them, under these names. */
const LOOKUPS = [
  { name: 'index_343aff4e', entityType: 'NODE', create: 'FOR (n) ON EACH labels(n)' },
  { name: 'index_f7700477', entityType: 'RELATIONSHIP', create: 'FOR ()-[r]-() ON EACH type(r)' },
];

/** One row per index (a constraint's backing range index too), sorted by name as Neo4j lists them. */
function indexRows(filter: string): Value[][] {
  const provider = (type: string) =>
    type === 'FULLTEXT' ? 'fulltext-1.0' : type === 'LOOKUP' ? 'token-lookup-1.0' : 'range-1.0';
  const row = (
    id: number,
    name: string,
    type: string,
    entityType: string,
    labels: string[] | null,
    props: string[] | null,
    owner: string | null,
    statement: string,
  ): Value[] => [
    BigInt(id),
    name,
    'ONLINE',
    100.0,
    type,
    entityType,
    labels,
    props,
    provider(type),
    owner,
    null,
    0n,
    null,
    map({ indexConfig: map(type === 'FULLTEXT' ? FULLTEXT_CONFIG : {}), indexProvider: provider(type) }),
    '',
    statement,
  ];
  const rows = [
    ...LOOKUPS.map((l, i) =>
      row(
        i + 1,
        l.name,
        'LOOKUP',
        l.entityType,
        null,
        null,
        null,
        `CREATE LOOKUP INDEX \`${l.name}\` ${l.create}`,
      ),
    ),
    ...SCHEMA_RULES.map((r, i) =>
      row(
        i + 3,
        r.name,
        r.kind === 'CONSTRAINT' ? 'RANGE' : r.kind,
        r.entityType,
        r.labelsOrTypes,
        r.properties,
        r.kind === 'CONSTRAINT' ? r.name : null,
        createStatement(r),
      ),
    ),
  ];
  return byName(rows.filter((r) => filter === 'ALL' || r[4] === filter));
}

const byName = (rows: Value[][]) => rows.sort((a, b) => ((a[1] as string) < (b[1] as string) ? -1 : 1));

function constraintType(r: SchemaRule): string {
  return r.entityType === 'NODE' ? 'UNIQUENESS' : 'RELATIONSHIP_UNIQUENESS';
}

function constraintRows(filter: string): Value[][] {
  // The load makes uniqueness constraints only: a key, existence or property type filter finds none.
  const wanted = (r: SchemaRule) =>
    ['ALL', 'UNIQUE', 'UNIQUENESS'].includes(filter) ||
    (/^NODE UNIQUE/.test(filter) && r.entityType === 'NODE') ||
    (/^REL(ATIONSHIP)? UNIQUE/.test(filter) && r.entityType === 'RELATIONSHIP');
  return byName(
    SCHEMA_RULES.flatMap((r, i) =>
      r.kind === 'CONSTRAINT' && wanted(r)
        ? [
            [
              BigInt(i + 3 + SCHEMA_RULES.length),
              r.name,
              constraintType(r),
              r.entityType,
              r.labelsOrTypes,
              r.properties,
              r.name,
              null,
              map({ indexConfig: map({}), indexProvider: 'range-1.0' }),
              createStatement(r),
            ],
          ]
        : [],
    ),
  );
}

/** Functions the evaluator reads as expression forms rather than looking them up. */
const EXPRESSION_FORMS = new Set(['all', 'any', 'none', 'single', 'reduce']);

/** Whether the engine implements a function (in FUNCTIONS, AGGREGATES, or as an expression form). */
export function implemented(name: string): boolean {
  const key = name.toLowerCase();
  return FUNCTIONS.has(key) || AGGREGATES.has(key) || EXPRESSION_FORMS.has(key);
}

/** A catalog entry as a value: its maps as maps. */
function value(j: unknown): Value {
  if (Array.isArray(j)) return j.map(value);
  if (j !== null && typeof j === 'object') return new Map(Object.entries(j).map(([k, x]) => [k, value(x)]));
  return j as Value;
}

/**
 * Neo4j's own rows (`scripts/show-catalog.mjs` captures them from a server) for what the engine
 * implements, in the command's columns: one row a signature, as Neo4j lists them.
 */
const catalogRows = (entries: Record<string, unknown>[], outputs: string) => {
  const names = outputs.split(' ');
  return entries.map((e) => names.map((n) => value(e[n] ?? null)));
};

const STRING = 'STRING' as const;
const ANY = 'ANY' as const;
const columns = (names: string, types: Record<string, 'STRING' | 'ANY'> = {}) =>
  names.split(' ').map((name) => ({ name, type: types[name] ?? ANY }));

const command = (
  name: string,
  outputs: string,
  shown: number,
  filters: string[],
  rows: (filter: string) => Value[][],
): ShowCommand => ({
  shown,
  filters,
  procedure: {
    name,
    inputs: [{ name: 'filter', type: STRING }],
    outputs: columns(outputs, { name: STRING }),
    run: (_graph, [filter]) => rows(filter as string),
  },
});

const FUNCTION_COLUMNS =
  'name category description signature isBuiltIn argumentDescription returnDescription aggregating rolesExecution rolesBoostedExecution isDeprecated deprecatedBy';
const PROCEDURE_COLUMNS =
  'name description mode worksOnSystem signature argumentDescription returnDescription admin rolesExecution rolesBoostedExecution isDeprecated deprecatedBy option';

/** The commands by their noun, singular and plural. */
export const SHOW_COMMANDS = new Map<string, ShowCommand>();

const commands: [string[], ShowCommand][] = [
  [
    ['INDEX', 'INDEXES'],
    command(
      'SHOW INDEXES',
      'id name state populationPercent type entityType labelsOrTypes properties indexProvider owningConstraint lastRead readCount trackedSince options failureMessage createStatement',
      12,
      ['ALL', 'RANGE', 'FULLTEXT', 'LOOKUP', 'TEXT', 'POINT', 'VECTOR'],
      indexRows,
    ),
  ],
  [
    ['CONSTRAINT', 'CONSTRAINTS'],
    command(
      'SHOW CONSTRAINTS',
      'id name type entityType labelsOrTypes properties ownedIndex propertyType options createStatement',
      8,
      ['', 'NODE ', 'RELATIONSHIP ', 'REL ']
        .flatMap((on) => ['UNIQUE', 'UNIQUENESS', 'KEY', 'EXISTENCE'].map((kind) => `${on}${kind}`))
        .concat('ALL'),
      constraintRows,
    ),
  ],
  [
    ['FUNCTION', 'FUNCTIONS'],
    command('SHOW FUNCTIONS', FUNCTION_COLUMNS, 3, ['ALL', 'BUILT IN', 'USER DEFINED'], (filter) =>
      filter === 'USER DEFINED' ? [] : catalogRows(catalog.functions, FUNCTION_COLUMNS),
    ),
  ],
  [
    ['PROCEDURE', 'PROCEDURES'],
    command('SHOW PROCEDURES', PROCEDURE_COLUMNS, 4, ['ALL'], () =>
      catalogRows(catalog.procedures, PROCEDURE_COLUMNS),
    ),
  ],
];
for (const [nouns, c] of commands) for (const noun of nouns) SHOW_COMMANDS.set(noun, c);
