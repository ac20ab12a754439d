import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import neo4j from 'neo4j-driver';
import { loadGraph } from '../../src';
import { isStatementNode } from '../../src/model/claims';
import { loadIntoNeo4j } from '../../src/backends/neo4j/load';
import type { Neo4jConfig } from '../../src/backends/neo4j/connection';
import { parseParams, queryNeo4j, type QueryResult } from '../../src/query/query';
import type { Json } from '../../src/backends/neo4j/values';
import { ROOT } from '../helpers';
import { cypher, resetNeo4j, testNeo4j } from '../neo4j-helpers';

const QUERIES = join(ROOT, 'queries');
const queryFiles = readdirSync(QUERIES)
  .filter((f) => f.endsWith('.cypher'))
  .sort();

let config: Neo4jConfig;

beforeAll(async () => {
  config = testNeo4j();
  await resetNeo4j(config);
  const { graph } = await loadGraph(['graph-data']);
  await loadIntoNeo4j(graph, config, { dataset: 'graph-data' });
  // search-quotes uses the full-text index, which a fresh database may still be populating.
  await cypher(config, 'CALL db.awaitIndexes(300)');
});

function text(name: string): string {
  return readFileSync(join(QUERIES, name), 'utf8');
}

/** The parameters of the file's `// Example:` line, parsed as the CLI parses them. */
function exampleParams(name: string): Record<string, unknown> {
  const line = text(name)
    .split('\n')
    .find((l) => l.startsWith('// Example: '));
  if (!line) throw new Error(`${name} has no // Example: line`);
  const words = line.slice('// Example: '.length).trim().split(/\s+/);
  const pairs = words.flatMap((w, i) => (words[i - 1] === '--param' ? [w] : []));
  return parseParams(pairs);
}

/** Runs a query file read-only on the test database, with the example's parameters unless given others. */
function run(name: string, params: Record<string, unknown> = exampleParams(name)): Promise<QueryResult> {
  return queryNeo4j(text(name), config, { params });
}

/** The rows with only the named columns, in the order given. */
function pick(rows: Record<string, Json>[], ...columns: string[]): Record<string, Json>[] {
  return rows.map((row) => Object.fromEntries(columns.map((c) => [c, row[c] ?? null])));
}

/** The query files that have a test below, registered when the test is defined. */
const tested = new Set<string>();

function queryTest(name: string, title: string, fn: () => Promise<void>): void {
  tested.add(name);
  test(`${name}: ${title}`, fn);
}

describe('the query files', () => {
  test('there are at least 12, and every one of them has a test in this file', () => {
    expect(queryFiles.length).toBeGreaterThanOrEqual(12);
    expect([...tested].sort()).toEqual(queryFiles);
  });

  test.each(queryFiles)('%s: starts with its question, documents its parameters and an example', (name) => {
    const lines = text(name).split('\n');
    expect(lines[0]).toMatch(/^\/\/ Question: \S/);
    expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*\.cypher$/);
    const example = lines.find((l) => l.startsWith('// Example: '));
    expect(example).toMatch(
      new RegExp(`^// Example: kg query --file queries/${name.replace('.', '\\.')}( |$)`),
    );
    const body = lines.filter((l) => !l.startsWith('//')).join('\n');
    const used = [...new Set([...body.matchAll(/\$([A-Za-z_]\w*)/g)].map((m) => m[1]!))].sort();
    const documented = lines.find((l) => l.startsWith('// Parameters: ')) ?? '';
    for (const p of used) expect(documented).toContain(`$${p}`);
    expect(Object.keys(exampleParams(name)).sort()).toEqual(used);
    expect(body).toMatch(/\bORDER BY\b/);
  });

  test.each(queryFiles)('%s: is a read-only query, accepted in a read transaction', async (name) => {
    const driver = neo4j.driver(config.uri, neo4j.auth.basic(config.username, config.password));
    const session = driver.session({ database: config.database, defaultAccessMode: neo4j.session.READ });
    try {
      const summary = await session.executeRead(
        async (tx) => (await tx.run(`EXPLAIN ${text(name)}`, exampleParams(name))).summary,
      );
      expect(summary.queryType).toBe('r');
    } finally {
      await session.close();
      await driver.close();
    }
    // And it runs, with its example's parameters, in the read-only mode kg query uses by default.
    await expect(run(name)).resolves.toHaveProperty('columns');
  });
});

queryTest(
  'who-proposes-what.cypher',
  'Meloni proposes her 24-hour plan; Ukraine its 2022 proposal',
  async () => {
    const { columns, rows } = await run('who-proposes-what.cypher');
    expect(columns).toEqual([
      'actor',
      'proposal',
      'qualifiers',
      'attributedTo',
      'reportedBy',
      'quote',
      'statement',
    ]);
    expect(rows).toEqual([
      {
        actor: 'Giorgia Meloni',
        proposal: "Meloni's 24-hour plan",
        qualifiers: [],
        attributedTo: 'the article',
        reportedBy: null,
        quote: 'Giorgia Meloni har foreslått en plan',
        statement: 's:meloni-proposes-24h-plan',
      },
      {
        actor: 'Ukraine',
        proposal: "Ukraine's 2022 proposal involving the UN Security Council",
        qualifiers: [],
        attributedTo: 'the article',
        reportedBy: null,
        quote: 'et tidligere ukrainsk forslag fra 2022',
        statement: 's:ukraine-made-2022-proposal',
      },
    ]);
  },
);

queryTest(
  'who-rejects-what.cypher',
  'Lavrov rejects unilateral guarantees; Zelensky rejects two claims: China’s role, unhelpful guarantors',
  async () => {
    const { columns, rows } = await run('who-rejects-what.cypher');
    expect(columns).toEqual([
      'actor',
      'rejects',
      'rejectedKind',
      'qualifiers',
      'attributedTo',
      'reportedBy',
      'quote',
      'statement',
    ]);
    expect(pick(rows, 'actor', 'rejects', 'rejectedKind', 'attributedTo', 'reportedBy', 'statement')).toEqual(
      [
        {
          actor: 'Sergey Lavrov',
          rejects: 'Unilateral security guarantees',
          rejectedKind: 'Proposal',
          attributedTo: 'Sergey Lavrov',
          reportedBy: null,
          statement: 's:lavrov-rejects-unilateral-guarantees',
        },
        {
          actor: 'Volodymyr Zelensky',
          rejects: 'China PARTICIPATES_IN Negotiations on ending the war in Ukraine (2025)',
          rejectedKind: 'Statement',
          attributedTo: 'the article',
          reportedBy: null,
          statement: 's:zelensky-rejects-china-role',
        },
        {
          actor: 'Volodymyr Zelensky',
          rejects:
            'Guarantors who do not help Ukraine PARTICIPATES_IN Security guarantees based on collective security',
          rejectedKind: 'Statement',
          attributedTo: 'Volodymyr Zelensky',
          reportedBy: null,
          statement: 's:zelensky-rejects-guarantors-who-do-not-help',
        },
      ],
    );
    expect(rows[0]!.quote).toBe(
      'Alt annet, alt som er ensidig, er selvsagt et fullstendig håpløst foretakende',
    );
    expect(rows[1]!.quote).toBe('Zelenskyj avviste Kinas rolle i forhandlingene');
  },
);

queryTest(
  'who-controls-which-region.cypher',
  'Russia controls small parts of Kharkiv, Sumy and Dnipropetrovsk, per Reuters',
  async () => {
    const { columns, rows } = await run('who-controls-which-region.cypher');
    expect(columns).toEqual([
      'controller',
      'region',
      'regionType',
      'extent',
      'inState',
      'qualifiers',
      'hedging',
      'attributedTo',
      'reportedBy',
      'quote',
      'statement',
    ]);
    const quote =
      'de små delene av Kharkiv-, Sumy- og Dnipropetrovsk-regionene i Ukraina som de kontrollerer';
    const row = (region: string, statement: string) => ({
      controller: 'Russia',
      region,
      regionType: 'oblast',
      extent: 'part',
      inState: 'Ukraine',
      qualifiers: [],
      hedging: null,
      attributedTo: 'the article',
      reportedBy: 'Reuters',
      quote,
      statement,
    });
    expect(rows).toEqual([
      row('Dnipropetrovsk Oblast', 's:russia-controls-parts-of-dnipropetrovsk'),
      row('Kharkiv Oblast', 's:russia-controls-parts-of-kharkiv'),
      row('Sumy Oblast', 's:russia-controls-parts-of-sumy'),
    ]);
  },
);

queryTest(
  'anonymous-or-second-hand-claims.cypher',
  'the White House sources’ claim about Putin is anonymous and reported by Bloomberg',
  async () => {
    const { columns, rows } = await run('anonymous-or-second-hand-claims.cypher');
    expect(columns).toEqual([
      'statement',
      'subject',
      'predicate',
      'object',
      'attributedTo',
      'anonymousSource',
      'reportedBy',
      'hedging',
      'quote',
    ]);
    expect(rows.find((r) => r.statement === 's:putin-open-to-article-5-like-guarantees')).toEqual({
      statement: 's:putin-open-to-article-5-like-guarantees',
      subject: 'Vladimir Putin',
      predicate: 'SUPPORTS',
      object: 'Article-5-like security guarantees for Ukraine',
      attributedTo: 'White House sources',
      anonymousSource: true,
      reportedBy: 'Bloomberg',
      hedging: null,
      quote:
        'Russlands president Vladimir Putin er åpen for «artikkel 5 liknende sikkerhetsgarantier» for Ukraina',
    });
    // Every row rests on an anonymous source or a cited outlet: 11 via Bloomberg (paragraphs 1-2), 8 via
    // Reuters, the European diplomats' two claims and the local authorities' casualty figures, which no
    // outlet reports.
    expect(rows.every((r) => r.anonymousSource === true || r.reportedBy !== null)).toBe(true);
    const count = (f: (r: Record<string, Json>) => boolean) => rows.filter(f).length;
    expect(rows).toHaveLength(22);
    expect(count((r) => r.reportedBy === 'Bloomberg')).toBe(11);
    expect(count((r) => r.reportedBy === 'Reuters')).toBe(8);
    expect(
      pick(
        rows.filter((r) => r.anonymousSource === true),
        'statement',
        'attributedTo',
        'reportedBy',
      ),
    ).toEqual([
      {
        statement: 's:putin-open-to-article-5-like-guarantees',
        attributedTo: 'White House sources',
        reportedBy: 'Bloomberg',
      },
      {
        statement: 's:article-5-like-guarantees-concern-ukraine',
        attributedTo: 'White House sources',
        reportedBy: 'Bloomberg',
      },
      {
        statement: 's:european-diplomats-believe-lavrov-stalls',
        attributedTo: 'Several European diplomats',
        reportedBy: null,
      },
      {
        statement: 's:european-diplomats-doubt-putin-wants-a-deal',
        attributedTo: 'Several European diplomats',
        reportedBy: null,
      },
      {
        statement: 's:bombing-casualties-in-western-border-areas',
        attributedTo: 'Local authorities (Ukraine)',
        reportedBy: null,
      },
    ]);
    // Text order: the first paragraph (Bloomberg) first, the local authorities' figures last.
    expect(rows[0]!.reportedBy).toBe('Bloomberg');
    expect(rows.at(-1)!.statement).toBe('s:bombing-casualties-in-western-border-areas');
  },
);

queryTest(
  'contradictions.cypher',
  'Russia supports the collective guarantees whose guarantors Zelensky rejects; he answers Lavrov’s claim',
  async () => {
    const { columns, rows } = await run('contradictions.cypher');
    expect(columns).toEqual([
      'conflict',
      'actor',
      'stance',
      'opponent',
      'opponentStance',
      'about',
      'attributedTo',
      'opponentAttributedTo',
      'quote',
      'opponentQuote',
      'statements',
    ]);
    expect(rows).toEqual([
      {
        conflict: 'opposite stances',
        actor: 'Russia',
        stance: 'SUPPORTS',
        opponent: 'Volodymyr Zelensky',
        opponentStance: 'REJECTS',
        about: 'Security guarantees based on collective security',
        attributedTo: 'Sergey Lavrov',
        opponentAttributedTo: 'Volodymyr Zelensky',
        quote: 'Moskva støtter garantier basert på kollektiv sikkerhet',
        opponentQuote: 'Vi trenger ikke garantister som ikke hjelper Ukraina',
        statements: [
          's:russia-supports-collective-security-guarantees',
          's:zelensky-rejects-guarantors-who-do-not-help',
        ],
      },
      {
        conflict: 'answers a claim',
        actor: 'Volodymyr Zelensky',
        stance: 'RESPONDS_TO',
        opponent: 'Sergey Lavrov',
        opponentStance: 'SUPPORTS',
        about: 'Russia SUPPORTS Security guarantees based on collective security',
        attributedTo: 'the article',
        opponentAttributedTo: 'Sergey Lavrov',
        quote: 'Zelenskyj avviste Kinas rolle i forhandlingene og svarte kontant på Lavrovs utspill',
        opponentQuote: 'Moskva støtter garantier basert på kollektiv sikkerhet',
        statements: ['s:zelensky-answers-lavrov', 's:russia-supports-collective-security-guarantees'],
      },
    ]);
  },
);

queryTest(
  'shortest-path-between-leaders.cypher',
  'Putin and Zelensky are three statements apart, three ways, one through the claim Zelensky answers',
  async () => {
    const { columns, rows } = await run('shortest-path-between-leaders.cypher');
    expect(exampleParams('shortest-path-between-leaders.cypher')).toEqual({
      from: 'person:vladimir-putin',
      to: 'person:volodymyr-zelensky',
    });
    expect(columns).toEqual(['hops', 'chain', 'names', 'predicates', 'statements']);
    expect(rows.map((r) => r.chain)).toEqual([
      'Vladimir Putin -LEADS-> Russia -ATTACKS-> Ukraine <-LEADS- Volodymyr Zelensky',
      'Vladimir Putin -LEADS-> Russia <-SUBJECT- Russia SUPPORTS Security guarantees based on collective security <-RESPONDS_TO- Volodymyr Zelensky',
      'Vladimir Putin -SUPPORTS-> Article-5-like security guarantees for Ukraine -CONCERNS-> Ukraine <-LEADS- Volodymyr Zelensky',
    ]);
    expect(rows.every((r) => r.hops === 3)).toBe(true);
    expect(rows[0]).toEqual({
      hops: 3,
      chain: 'Vladimir Putin -LEADS-> Russia -ATTACKS-> Ukraine <-LEADS- Volodymyr Zelensky',
      names: ['Vladimir Putin', 'Russia', 'Ukraine', 'Volodymyr Zelensky'],
      predicates: ['LEADS', 'ATTACKS', 'LEADS'],
      statements: [
        's:putin-leads-russia',
        's:russia-bombs-ukraine-despite-negotiations',
        's:zelensky-leads-ukraine',
      ],
    });
    // Statements only: a path through the document (MENTIONED_IN) would be two hops.
    expect(rows.flatMap((r) => r.predicates as string[])).not.toContain('MENTIONED_IN');

    const reverse = await run('shortest-path-between-leaders.cypher', {
      from: 'person:volodymyr-zelensky',
      to: 'person:vladimir-putin',
    });
    expect(reverse.rows).toHaveLength(3);
    expect(reverse.rows[0]!.chain).toBe(
      'Volodymyr Zelensky -LEADS-> Ukraine <-ATTACKS- Russia <-LEADS- Vladimir Putin',
    );

    const trumpMeloni = await run('shortest-path-between-leaders.cypher', {
      from: 'person:donald-trump',
      to: 'person:giorgia-meloni',
    });
    expect(trumpMeloni.rows.map((r) => r.chain)).toEqual([
      "Donald Trump -LEADS-> United States -PARTICIPATES_IN-> Security guarantees for Ukraine <-VARIANT_OF- Meloni's 24-hour plan <-PROPOSES- Giorgia Meloni",
      "Donald Trump -LEADS-> United States -WORKS_ON-> Security guarantees for Ukraine <-VARIANT_OF- Meloni's 24-hour plan <-PROPOSES- Giorgia Meloni",
      "Donald Trump -PRESSURES-> Volodymyr Zelensky -LEADS-> Ukraine <-CONCERNS- Meloni's 24-hour plan <-PROPOSES- Giorgia Meloni",
    ]);

    const unknown = await run('shortest-path-between-leaders.cypher', {
      from: 'person:vladimir-putin',
      to: 'person:nobody',
    });
    expect(unknown.rows).toEqual([]);
  },
);

queryTest(
  'about-entity.cypher',
  'everything on Lavrov, in text order, with his roles, claims about him included',
  async () => {
    const { columns, rows } = await run('about-entity.cypher');
    expect(exampleParams('about-entity.cypher')).toEqual({ id: 'person:sergey-lavrov' });
    expect(columns).toEqual([
      'quoteStart',
      'statement',
      'roles',
      'subject',
      'predicate',
      'object',
      'qualifiers',
      'hedging',
      'attributedTo',
      'reportedBy',
      'quote',
    ]);
    expect(pick(rows, 'statement', 'roles', 'predicate')).toEqual([
      { statement: 's:lavrov-represents-russia', roles: ['subject'], predicate: 'REPRESENTS' },
      {
        statement: 's:russia-supports-collective-security-guarantees',
        roles: ['attributedTo'],
        predicate: 'SUPPORTS',
      },
      {
        statement: 's:collective-security-guarantees-are-a-form-of-security-guarantees',
        roles: ['attributedTo'],
        predicate: 'VARIANT_OF',
      },
      { statement: 's:lavrov-refers-to-ukraine-2022-proposal', roles: ['subject'], predicate: 'REFERS_TO' },
      {
        statement: 's:lavrov-rejects-unilateral-guarantees',
        roles: ['subject', 'attributedTo'],
        predicate: 'REJECTS',
      },
      // The diplomats believe a claim about him; Zelensky answers a claim he made.
      { statement: 's:european-diplomats-believe-lavrov-stalls', roles: ['inClaim'], predicate: 'BELIEVES' },
      { statement: 's:zelensky-answers-lavrov', roles: ['inClaim'], predicate: 'RESPONDS_TO' },
    ]);
    expect(rows[5]!.object).toBe('Sergey Lavrov OBSTRUCTS Negotiations on ending the war in Ukraine (2025)');
    // The source text starts at the article: the seed's " date 2025-08-21 " token is not in it.
    expect(rows[0]).toMatchObject({ quoteStart: 363, quote: 'Russlands utenriksminister Sergej Lavrov' });
    const starts = rows.map((r) => r.quoteStart as number);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));

    // An outlet: everything Reuters reports, all about the Kharkiv/Sumy/Dnipropetrovsk paragraph.
    const reuters = await run('about-entity.cypher', { id: 'organization:reuters' });
    expect(reuters.rows).toHaveLength(8);
    expect(reuters.rows.every((r) => JSON.stringify(r.roles) === '["reportedBy"]')).toBe(true);
    expect((await run('about-entity.cypher', { id: 'person:nobody' })).rows).toEqual([]);
  },
);

queryTest(
  'hedged-claims.cypher',
  'five claims hedged or less than certain: Trump’s signals, Russia’s apparent demands, the plan’s open aid',
  async () => {
    const { columns, rows } = await run('hedged-claims.cypher');
    expect(columns).toEqual([
      'statement',
      'subject',
      'predicate',
      'object',
      'certainty',
      'hedging',
      'attributedTo',
      'reportedBy',
      'quote',
    ]);
    expect(pick(rows, 'statement', 'certainty', 'hedging', 'attributedTo', 'reportedBy')).toEqual([
      {
        statement: 's:usa-may-take-part-in-security-guarantees',
        certainty: 'possible',
        hedging: 'gitt signaler om',
        attributedTo: 'Donald Trump',
        reportedBy: null,
      },
      {
        statement: 's:usa-sends-no-ground-troops',
        certainty: 'probable',
        hedging: 'gitt signaler om',
        attributedTo: 'Donald Trump',
        reportedBy: null,
      },
      {
        statement: 's:russia-demands-all-of-donbas',
        certainty: 'probable',
        hedging: 'Det ser ut til',
        attributedTo: 'the article',
        reportedBy: null,
      },
      {
        statement: 's:russia-demands-freeze-at-front-lines',
        certainty: 'probable',
        hedging: 'Det ser ut til',
        attributedTo: 'the article',
        reportedBy: null,
      },
      {
        statement: 's:supporting-countries-decide-on-military-aid',
        certainty: 'unknown',
        hedging: null,
        attributedTo: 'Giorgia Meloni',
        reportedBy: null,
      },
    ]);
    // "er åpen for" and "er villig til" are content (modality willingness), not hedges.
    expect(rows.map((r) => r.statement)).not.toContain('s:putin-open-to-article-5-like-guarantees');
  },
);

queryTest(
  'russia-demands-and-offers.cypher',
  'Russia seeks territory, apparently demands all of Donbas and a freeze, is willing to hand small parts back',
  async () => {
    const { columns, rows } = await run('russia-demands-and-offers.cypher');
    expect(columns).toEqual([
      'actor',
      'stance',
      'what',
      'regions',
      'qualifiers',
      'hedging',
      'attributedTo',
      'reportedBy',
      'quote',
      'statement',
    ]);
    expect(pick(rows, 'actor', 'stance', 'what', 'regions', 'hedging', 'attributedTo', 'reportedBy')).toEqual(
      [
        {
          actor: 'Russia',
          stance: 'SEEKS',
          what: 'Ukrainian territory Russia wants to control',
          regions: ['Ukrainian territory Russia wants to control'],
          hedging: null,
          attributedTo: 'JD Vance',
          reportedBy: null,
        },
        {
          actor: 'Russia',
          stance: 'DEMANDS',
          what: 'Donbas',
          regions: ['Donbas'],
          hedging: 'Det ser ut til',
          attributedTo: 'the article',
          reportedBy: null,
        },
        {
          actor: 'Russia',
          stance: 'DEMANDS',
          what: 'Freezing the fighting at the current front lines in Zaporizhzhia and Kherson',
          regions: ['Kherson Oblast', 'Zaporizhzhia Oblast'],
          hedging: 'Det ser ut til',
          attributedTo: 'the article',
          reportedBy: null,
        },
        {
          actor: 'Russia',
          stance: 'OFFERS',
          what: 'Russian handover of the small Russian-held parts of Kharkiv, Sumy and Dnipropetrovsk oblasts',
          regions: ['Dnipropetrovsk Oblast', 'Kharkiv Oblast', 'Sumy Oblast'],
          hedging: null,
          attributedTo: 'the article',
          reportedBy: 'Reuters',
        },
      ],
    );
    expect(rows[3]!.qualifiers).toEqual([]);
  },
);

queryTest(
  'positions-on-security-guarantees.cypher',
  'seven positions, on the general proposal and three of its variants',
  async () => {
    const { columns, rows } = await run('positions-on-security-guarantees.cypher');
    expect(columns).toEqual([
      'proposal',
      'via',
      'actor',
      'stance',
      'qualifiers',
      'hedging',
      'attributedTo',
      'reportedBy',
      'quote',
      'statement',
    ]);
    const general = 'Security guarantees for Ukraine';
    expect(pick(rows, 'proposal', 'via', 'actor', 'stance', 'attributedTo', 'reportedBy')).toEqual([
      {
        proposal: general,
        via: [],
        actor: 'United States',
        stance: 'PARTICIPATES_IN',
        attributedTo: 'Donald Trump',
        reportedBy: null,
      },
      {
        proposal: general,
        via: [],
        actor: 'European allies of Ukraine',
        stance: 'WORKS_ON',
        attributedTo: 'the article',
        reportedBy: 'Bloomberg',
      },
      {
        proposal: general,
        via: [],
        actor: 'Ukraine',
        stance: 'WORKS_ON',
        attributedTo: 'the article',
        reportedBy: 'Bloomberg',
      },
      {
        proposal: general,
        via: [],
        actor: 'United States',
        stance: 'WORKS_ON',
        attributedTo: 'the article',
        reportedBy: 'Bloomberg',
      },
      {
        proposal: 'Article-5-like security guarantees for Ukraine',
        via: ['VARIANT_OF'],
        actor: 'Vladimir Putin',
        stance: 'SUPPORTS',
        attributedTo: 'White House sources',
        reportedBy: 'Bloomberg',
      },
      {
        proposal: "Meloni's 24-hour plan",
        via: ['VARIANT_OF'],
        actor: 'Giorgia Meloni',
        stance: 'PROPOSES',
        attributedTo: 'the article',
        reportedBy: null,
      },
      {
        proposal: 'Security guarantees based on collective security',
        via: ['VARIANT_OF'],
        actor: 'Russia',
        stance: 'SUPPORTS',
        attributedTo: 'Sergey Lavrov',
        reportedBy: null,
      },
    ]);
    expect(rows[0]).toMatchObject({
      hedging: 'gitt signaler om',
      quote: 'USA kan delta i sikkerhetsgarantier',
    });
  },
);

queryTest(
  'leaders-and-representatives.cypher',
  'six office holders with their roles (the White House sources are members, not representatives)',
  async () => {
    const { columns, rows } = await run('leaders-and-representatives.cypher');
    expect(columns).toEqual(['of', 'ofKind', 'relation', 'who', 'role', 'quote', 'statement']);
    expect(pick(rows, 'of', 'ofKind', 'relation', 'who', 'role')).toEqual([
      {
        of: 'Italy',
        ofKind: 'State',
        relation: 'LEADS',
        who: 'Giorgia Meloni',
        role: 'Prime Minister of Italy',
      },
      {
        of: 'Russia',
        ofKind: 'State',
        relation: 'LEADS',
        who: 'Vladimir Putin',
        role: 'President of Russia',
      },
      {
        of: 'Russia',
        ofKind: 'State',
        relation: 'REPRESENTS',
        who: 'Sergey Lavrov',
        role: 'Foreign Minister of Russia',
      },
      {
        of: 'Ukraine',
        ofKind: 'State',
        relation: 'LEADS',
        who: 'Volodymyr Zelensky',
        role: 'President of Ukraine',
      },
      {
        of: 'United States',
        ofKind: 'State',
        relation: 'LEADS',
        who: 'Donald Trump',
        role: 'President of the United States',
      },
      {
        of: 'United States',
        ofKind: 'State',
        relation: 'REPRESENTS',
        who: 'JD Vance',
        role: 'Vice President of the United States',
      },
    ]);
    expect(rows[2]!.quote).toBe('Russlands utenriksminister Sergej Lavrov');
  },
);

queryTest(
  'sources-of-claims.cypher',
  'most claims are the article’s own; then Bloomberg and Reuters; every asserted statement once',
  async () => {
    const { columns, rows } = await run('sources-of-claims.cypher');
    expect(columns).toEqual(['attributedTo', 'anonymous', 'reportedBy', 'statements']);
    expect(rows).toEqual([
      { attributedTo: 'the article', anonymous: false, reportedBy: null, statements: 34 },
      { attributedTo: 'the article', anonymous: false, reportedBy: 'Bloomberg', statements: 9 },
      { attributedTo: 'the article', anonymous: false, reportedBy: 'Reuters', statements: 8 },
      { attributedTo: 'JD Vance', anonymous: false, reportedBy: null, statements: 4 },
      { attributedTo: 'Sergey Lavrov', anonymous: false, reportedBy: null, statements: 3 },
      { attributedTo: 'Donald Trump', anonymous: false, reportedBy: null, statements: 2 },
      { attributedTo: 'Several European diplomats', anonymous: true, reportedBy: null, statements: 2 },
      { attributedTo: 'Volodymyr Zelensky', anonymous: false, reportedBy: null, statements: 2 },
      { attributedTo: 'White House sources', anonymous: true, reportedBy: 'Bloomberg', statements: 2 },
      { attributedTo: 'Giorgia Meloni', anonymous: false, reportedBy: null, statements: 1 },
      { attributedTo: 'Local authorities (Ukraine)', anonymous: true, reportedBy: null, statements: 1 },
    ]);
    // Every asserted statement is counted once; the six nobody asserts are no relationship.
    const [{ n }] = (await cypher(
      config,
      'MATCH (:Entity)-[r]->(o) WHERE o:Entity OR o:Statement RETURN count(r) AS n',
    )) as [{ n: number }];
    expect(n).toBe(68);
    expect(rows.reduce((sum, r) => sum + (r.statements as number), 0)).toBe(n);
  },
);

queryTest(
  'regions-at-stake.cypher',
  'seven regions: all of Donbas and the front lines demanded, parts of three oblasts offered, territory sought',
  async () => {
    const { columns, rows } = await run('regions-at-stake.cypher');
    expect(columns).toEqual([
      'region',
      'inState',
      'controlledBy',
      'actor',
      'stance',
      'proposal',
      'extent',
      'qualifiers',
      'hedging',
      'attributedTo',
      'reportedBy',
      'quote',
      'statement',
    ]);
    const handover =
      'Russian handover of the small Russian-held parts of Kharkiv, Sumy and Dnipropetrovsk oblasts';
    const freeze = 'Freezing the fighting at the current front lines in Zaporizhzhia and Kherson';
    const offered = (region: string) => ({
      region,
      inState: 'Ukraine',
      controlledBy: ['Russia'],
      actor: 'Russia',
      stance: 'OFFERS',
      proposal: handover,
      extent: 'part',
      reportedBy: 'Reuters',
    });
    const frozen = (region: string) => ({
      region,
      inState: null,
      controlledBy: [],
      actor: 'Russia',
      stance: 'DEMANDS',
      proposal: freeze,
      extent: null,
      reportedBy: null,
    });
    expect(
      pick(rows, 'region', 'inState', 'controlledBy', 'actor', 'stance', 'proposal', 'extent', 'reportedBy'),
    ).toEqual([
      offered('Dnipropetrovsk Oblast'),
      {
        region: 'Donbas',
        inState: null,
        controlledBy: [],
        actor: 'Russia',
        stance: 'DEMANDS',
        proposal: null,
        extent: 'whole',
        reportedBy: null,
      },
      offered('Kharkiv Oblast'),
      frozen('Kherson Oblast'),
      offered('Sumy Oblast'),
      {
        region: 'Ukrainian territory Russia wants to control',
        inState: null,
        controlledBy: [],
        actor: 'Russia',
        stance: 'SEEKS',
        proposal: null,
        extent: null,
        reportedBy: null,
      },
      frozen('Zaporizhzhia Oblast'),
    ]);
    expect(rows[1]).toMatchObject({
      hedging: 'Det ser ut til',
      quote: 'Russland krever kontroll over hele Donbas-regionen',
    });
  },
);

queryTest(
  'events.cypher',
  'the bombing in the night to 21 August and the negotiations, with what they concern',
  async () => {
    const { columns, rows } = await run('events.cypher');
    expect(columns).toEqual([
      'event',
      'date',
      'carriedOutBy',
      'participants',
      'places',
      'concerns',
      'details',
      'statements',
    ]);
    expect(rows).toEqual([
      {
        event: 'Russian bombing of Ukraine in the night to 21 August 2025',
        date: '2025-08-20/2025-08-21',
        carriedOutBy: ['Russia'],
        participants: [],
        places: ['Ukraine', 'Western Ukraine near the Polish and Hungarian borders'],
        concerns: [],
        details: [],
        statements: [
          's:bombing-casualties-in-western-border-areas',
          's:bombing-occurs-in-ukraine',
          's:russia-carries-out-overnight-bombing',
        ],
      },
      {
        event: 'Negotiations on ending the war in Ukraine (2025)',
        date: null,
        carriedOutBy: [],
        participants: [],
        places: [],
        concerns: ['Security guarantees for Ukraine', 'Ukrainian territory Russia wants to control'],
        details: ['quickly'],
        statements: [
          's:negotiations-concern-security-guarantees',
          's:negotiations-concern-territory',
          's:talks-run-into-problems',
        ],
      },
    ]);
  },
);

queryTest('search-quotes.cypher', 'words in the quotes: Donbas, a phrase, and no match', async () => {
  const { columns, rows } = await run('search-quotes.cypher', { text: 'Donbas' });
  expect(columns).toEqual([
    'quoteStart',
    'statement',
    'subject',
    'predicate',
    'object',
    'asserted',
    'attributedTo',
    'reportedBy',
    'quote',
  ]);
  expect(pick(rows, 'quoteStart', 'statement')).toEqual([
    { quoteStart: 1489, statement: 's:russia-demands-all-of-donbas' },
    { quoteStart: 1489, statement: 's:russia-demands-freeze-at-front-lines' },
  ]);
  const phrase = await run('search-quotes.cypher', { text: '"kollektiv sikkerhet"' });
  expect(phrase.rows.map((r) => r.statement)).toEqual([
    's:russia-supports-collective-security-guarantees',
    's:collective-security-guarantees-are-a-form-of-security-guarantees',
  ]);
  // The example: every quote with the word "sikkerhetsgarantier", 15 asserted and one that only
  // Ukraine and its allies' seeing it as key carries (a :Statement node, found by its own index).
  const example = await run('search-quotes.cypher');
  expect(example.rows).toHaveLength(16);
  expect(example.rows.every((r) => /sikkerhetsgarantier/i.test(r.quote as string))).toBe(true);
  expect(
    pick(
      example.rows.filter((r) => r.asserted === false),
      'statement',
      'subject',
      'predicate',
      'object',
    ),
  ).toEqual([
    {
      statement: 's:strong-guarantees-key-to-peace-agreement',
      subject: 'Strong security guarantees for Ukraine',
      predicate: 'PRECONDITION_FOR',
      object: 'Peace agreement between Ukraine and Russia',
    },
  ]);
  // Every quote is searchable: each statement that is a node only, by its quote as a phrase.
  const { graph } = await loadGraph(['graph-data']);
  const unasserted = graph
    .mapNodes((id, a) => (isStatementNode(a) && !graph.hasEdge(id) ? [[id, a.quote] as const] : []))
    .flat();
  expect(unasserted).toHaveLength(6);
  for (const [id, quote] of unasserted) {
    const found = (await run('search-quotes.cypher', { text: `"${quote}"` })).rows;
    expect(found.filter((r) => r.asserted === false).map((r) => r.statement)).toEqual([id]);
  }
  expect((await run('search-quotes.cypher', { text: 'bakkestyrker' })).rows.map((r) => r.statement)).toEqual([
    's:usa-sends-no-ground-troops',
  ]);
  expect((await run('search-quotes.cypher', { text: 'Finland' })).rows).toEqual([]);
});

queryTest(
  'most-discussed-entities.cypher',
  'Ukraine in 15 statements, Russia in 14, Bloomberg and the general guarantees in 11',
  async () => {
    const { columns, rows } = await run('most-discussed-entities.cypher');
    expect(columns).toEqual([
      'entity',
      'kind',
      'statements',
      'asSubject',
      'asObject',
      'asSource',
      'asOutlet',
    ]);
    expect(rows).toHaveLength(10);
    expect(rows.slice(0, 6)).toEqual([
      {
        entity: 'Ukraine',
        kind: 'State',
        statements: 15,
        asSubject: 3,
        asObject: 12,
        asSource: 0,
        asOutlet: 0,
      },
      {
        entity: 'Russia',
        kind: 'State',
        statements: 14,
        asSubject: 10,
        asObject: 4,
        asSource: 0,
        asOutlet: 0,
      },
      {
        entity: 'Bloomberg',
        kind: 'Organization',
        statements: 11,
        asSubject: 0,
        asObject: 0,
        asSource: 0,
        asOutlet: 11,
      },
      {
        entity: 'Security guarantees for Ukraine',
        kind: 'Proposal',
        statements: 11,
        asSubject: 2,
        asObject: 9,
        asSource: 0,
        asOutlet: 0,
      },
      {
        entity: 'Reuters',
        kind: 'Organization',
        statements: 8,
        asSubject: 0,
        asObject: 0,
        asSource: 0,
        asOutlet: 8,
      },
      // Zelensky's rejection of unhelpful guarantors is his own word: counted as subject and as source.
      {
        entity: 'Volodymyr Zelensky',
        kind: 'Person',
        statements: 6,
        asSubject: 4,
        asObject: 1,
        asSource: 2,
        asOutlet: 0,
      },
    ]);
    expect(rows.slice(6).map((r) => [r.entity, r.statements])).toEqual([
      ['JD Vance', 5],
      ['Russian handover of the small Russian-held parts of Kharkiv, Sumy and Dnipropetrovsk oblasts', 5],
      ['Sergey Lavrov', 5],
      ['United States', 5],
    ]);
  },
);

queryTest(
  'doubted-denied-rejected.cypher',
  'Lavrov rejects a thing; the diplomats doubt, and Zelensky rejects, claims nobody makes',
  async () => {
    const { columns, rows } = await run('doubted-denied-rejected.cypher');
    expect(columns).toEqual([
      'actor',
      'stance',
      'what',
      'whatKind',
      'claimAsserted',
      'claimModality',
      'claimQuote',
      'attributedTo',
      'quote',
      'statement',
    ]);
    expect(rows).toEqual([
      {
        actor: 'Sergey Lavrov',
        stance: 'REJECTS',
        what: 'Unilateral security guarantees',
        whatKind: 'Proposal',
        claimAsserted: null,
        claimModality: null,
        claimQuote: null,
        attributedTo: 'Sergey Lavrov',
        quote: 'Alt annet, alt som er ensidig, er selvsagt et fullstendig håpløst foretakende',
        statement: 's:lavrov-rejects-unilateral-guarantees',
      },
      {
        actor: 'Several European diplomats',
        stance: 'DOUBTS',
        what: 'Vladimir Putin SUPPORTS Peace agreement between Ukraine and Russia',
        whatKind: 'Statement',
        claimAsserted: false,
        claimModality: 'willingness',
        claimQuote: 'president Vladimir Putin egentlig er villig til å inngå en avtale',
        attributedTo: 'Several European diplomats',
        quote:
          'Flere europeiske diplomater mener Lavrovs uttalelser er et forsøk på å trenere prosessen, og tviler på at president Vladimir Putin egentlig er villig til å inngå en avtale',
        statement: 's:european-diplomats-doubt-putin-wants-a-deal',
      },
      {
        actor: 'Volodymyr Zelensky',
        stance: 'REJECTS',
        what: 'China PARTICIPATES_IN Negotiations on ending the war in Ukraine (2025)',
        whatKind: 'Statement',
        claimAsserted: false,
        claimModality: null,
        claimQuote: 'Kinas rolle i forhandlingene',
        attributedTo: 'the article',
        quote: 'Zelenskyj avviste Kinas rolle i forhandlingene',
        statement: 's:zelensky-rejects-china-role',
      },
      {
        actor: 'Volodymyr Zelensky',
        stance: 'REJECTS',
        what: 'Guarantors who do not help Ukraine PARTICIPATES_IN Security guarantees based on collective security',
        whatKind: 'Statement',
        claimAsserted: false,
        claimModality: null,
        claimQuote: 'garantister som ikke hjelper Ukraina',
        attributedTo: 'Volodymyr Zelensky',
        quote: 'Vi trenger ikke garantister som ikke hjelper Ukraina',
        statement: 's:zelensky-rejects-guarantors-who-do-not-help',
      },
    ]);
  },
);

queryTest(
  'claims-by-standing.cypher',
  'the article asserts 34, reports 34 and only mentions 6; every statement counted once',
  async () => {
    const { columns, rows } = await run('claims-by-standing.cypher');
    expect(columns).toEqual(['standing', 'certainty', 'statements', 'ids']);
    expect(pick(rows, 'standing', 'certainty', 'statements')).toEqual([
      { standing: 'asserted by the article', certainty: 'certain', statements: 32 },
      { standing: 'asserted by the article', certainty: 'probable', statements: 2 },
      { standing: 'only mentioned', certainty: 'certain', statements: 6 },
      { standing: 'reported', certainty: 'certain', statements: 31 },
      { standing: 'reported', certainty: 'possible', statements: 1 },
      { standing: 'reported', certainty: 'probable', statements: 1 },
      { standing: 'reported', certainty: 'unknown', statements: 1 },
    ]);
    // The article's own hedge ("Det ser ut til"): Russia's demands.
    expect(rows[1]!.ids).toEqual([
      's:russia-demands-all-of-donbas',
      's:russia-demands-freeze-at-front-lines',
    ]);
    // What nobody in the article asserts: what is believed, doubted, rejected, or a condition.
    expect(rows[2]!.ids).toEqual([
      's:china-has-role-in-negotiations',
      's:lavrov-stalls-the-process',
      's:putin-really-willing-to-make-a-deal',
      's:strong-guarantees-key-to-peace-agreement',
      's:ukraine-attacked-again',
      's:unhelpful-guarantors-in-collective-guarantees',
    ]);
    expect(rows.slice(4).map((r) => r.ids)).toEqual([
      ['s:usa-may-take-part-in-security-guarantees'],
      ['s:usa-sends-no-ground-troops'],
      ['s:supporting-countries-decide-on-military-aid'],
    ]);
    const ids = rows.flatMap((r) => r.ids as string[]);
    expect(new Set(ids).size).toBe(ids.length);
    const count = async (query: string) => ((await cypher(config, query)) as [{ n: number }])[0].n;
    const edges = await count('MATCH (:Entity)-[r]->(o) WHERE o:Entity OR o:Statement RETURN count(r) AS n');
    const unasserted = await count('MATCH (s:Statement) WHERE s.asserted = false RETURN count(s) AS n');
    expect(ids).toHaveLength(edges + unasserted);
  },
);

queryTest(
  'conditional-commitments.cypher',
  "Meloni's plan: supporting countries must decide within 24 hours if Ukraine is attacked again",
  async () => {
    const { columns, rows } = await run('conditional-commitments.cypher');
    expect(columns).toEqual([
      'who',
      'predicate',
      'what',
      'modality',
      'certainty',
      'condition',
      'conditionClaim',
      'conditionAsserted',
      'quantities',
      'proposal',
      'proposedBy',
      'attributedTo',
      'quote',
      'statement',
    ]);
    expect(rows).toEqual([
      {
        who: 'Supporting countries',
        predicate: 'SUPPORTS',
        what: 'Ukraine',
        modality: 'obligation',
        certainty: 'unknown',
        condition: 'if Ukraine is attacked again',
        conditionClaim: 'Russia ATTACKS Ukraine',
        conditionAsserted: false,
        quantities: ['decisionDeadline=24 hours'],
        proposal: "Meloni's 24-hour plan",
        proposedBy: 'Giorgia Meloni',
        attributedTo: 'Giorgia Meloni',
        quote:
          'støtteland må beslutte innen 24 timer om de skal gi militær hjelp dersom Ukraina angripes på nytt',
        statement: 's:supporting-countries-decide-on-military-aid',
      },
    ]);
  },
);

queryTest(
  'casualty-figures.cypher',
  'the night bombing: one killed, at least twelve injured, say anonymous local authorities',
  async () => {
    const { columns, rows } = await run('casualty-figures.cypher');
    expect(exampleParams('casualty-figures.cypher')).toEqual({ atLeast: 10 });
    expect(columns).toEqual([
      'event',
      'date',
      'place',
      'killedMin',
      'killedMax',
      'injuredMin',
      'injuredMax',
      'figures',
      'attributedTo',
      'anonymousSource',
      'reportedBy',
      'quote',
      'statement',
    ]);
    expect(rows).toEqual([
      {
        event: 'Russian bombing of Ukraine in the night to 21 August 2025',
        date: '2025-08-20/2025-08-21',
        place: 'Western Ukraine near the Polish and Hungarian borders',
        killedMin: 1,
        killedMax: 1,
        injuredMin: 12,
        injuredMax: null,
        figures: ['killed=1', 'injured>=12'],
        attributedTo: 'Local authorities (Ukraine)',
        anonymousSource: true,
        reportedBy: null,
        quote: 'ble én person drept og minst tolv såret i vestlige områder nær grensen til Polen og Ungarn',
        statement: 's:bombing-casualties-in-western-border-areas',
      },
    ]);
    // At least 13 (1 killed, 12 injured or more), not 14.
    expect((await run('casualty-figures.cypher', { atLeast: 13 })).rows).toHaveLength(1);
    expect((await run('casualty-figures.cypher', { atLeast: 14 })).rows).toEqual([]);
  },
);

queryTest(
  'negated-claims.cypher',
  'no US ground troops (signalled, probable); guarantors who did not help (Zelensky)',
  async () => {
    const { columns, rows } = await run('negated-claims.cypher');
    expect(columns).toEqual([
      'who',
      'predicate',
      'what',
      'certainty',
      'modality',
      'hedging',
      'date',
      'attributedTo',
      'quote',
      'statement',
    ]);
    expect(rows).toEqual([
      {
        who: 'Guarantors who do not help Ukraine',
        predicate: 'SUPPORTS',
        what: 'Ukraine',
        certainty: 'certain',
        modality: null,
        hedging: null,
        date: '../2025-08-20',
        attributedTo: 'Volodymyr Zelensky',
        quote: 'som ikke hjalp oss da vi virkelig trengte det',
        statement: 's:unhelpful-guarantors-did-not-help-ukraine',
      },
      {
        who: 'United States',
        predicate: 'PARTICIPATES_IN',
        what: 'US ground troops in Ukraine',
        certainty: 'probable',
        modality: null,
        hedging: 'gitt signaler om',
        date: '2025-08-21',
        attributedTo: 'Donald Trump',
        quote: 'men uten å sende bakkestyrker',
        statement: 's:usa-sends-no-ground-troops',
      },
    ]);
  },
);

queryTest(
  'stance-congruence-network.cypher',
  'Putin and Russia both back a form of security guarantees: the one tie of agreement',
  async () => {
    const { columns, rows } = await run('stance-congruence-network.cypher');
    expect(columns).toEqual(['actor', 'standsWith', 'weight', 'on']);
    expect(rows).toEqual([
      { actor: 'Vladimir Putin', standsWith: 'Russia', weight: 1, on: ['Security guarantees for Ukraine'] },
    ]);
  },
);

queryTest(
  'stance-conflict-network.cypher',
  'the guarantors who did not help Ukraine against the supporting countries that would: the one tie of conflict',
  async () => {
    const { columns, rows } = await run('stance-conflict-network.cypher');
    expect(columns).toEqual(['actor', 'standsAgainst', 'weight', 'on']);
    expect(rows).toEqual([
      {
        actor: 'Guarantors who do not help Ukraine',
        standsAgainst: 'Supporting countries',
        weight: 1,
        on: ['Ukraine'],
      },
    ]);
  },
);
