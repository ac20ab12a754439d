// A deterministic generator of annotated data of realistic shape, for tests and the bench:
//   npm run corpus -- --statements N --out DIR [--seed S] [--invalid-rate R]
// DIR gets a shared entity registry (entities/), document records (documents/), their source texts
// (sources/) and one statements file per document (statements/), whose quotes are verbatim in the text.
// The same arguments give the same bytes. With --invalid-rate R, about R of the statements carry one
// known error; DIR/manifest.json lists each (file, line, code) exactly as `kg validate` reports it.
// Kinds and predicates (with their allowed subject and object kinds) are read from schema/.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const schemaDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'schema');
const readSchemas = (dir) =>
  readdirSync(join(schemaDir, dir))
    .filter((f) => f.endsWith('.schema.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(schemaDir, dir, f), 'utf8')));

const KINDS = readSchemas('kinds').map((s) => ({
  kind: s.properties.kind.const,
  prefix: /^\^([a-z]+):$/.exec(s.properties.id.pattern)[1],
}));
// A corpus's claims are about entities: predicates that take only a claim (BELIEVES, ...) are left out.
const PREDICATES = readSchemas('predicates')
  .map((s) => ({
    name: s.properties.predicate.const,
    subjectKinds: s.subjectKinds,
    objectKinds: s.objectKinds.filter((k) => k !== 'Statement'),
  }))
  .filter((p) => p.objectKinds.length > 0);
const STATEMENT_FIELDS = JSON.parse(readFileSync(join(schemaDir, 'statement.schema.json'), 'utf8'));
const ACTOR_KINDS = STATEMENT_FIELDS.properties.attributedTo.refKinds;
const OUTLET_KINDS = STATEMENT_FIELDS.properties.reportedBy.refKinds;

/** mulberry32: a tiny, well-known seeded PRNG; Math.random cannot be seeded. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST =
  'Kari Ola Ingrid Lars Sigrid Per Astrid Nils Solveig Erik Marit Knut Liv Olav Randi Håkon Tone Øystein Berit Jens'.split(
    ' ',
  );
const LAST =
  'Hansen Johansen Olsen Larsen Andersen Pedersen Nilsen Kristiansen Jensen Karlsen Berg Haugen Dahl Lund Moen Bakke Strand Sæther Holm Lie'.split(
    ' ',
  );
const STEMS =
  'Nord Sør Øst Vest Fjell Dal Sjø Skog Elv Berg Strand Vik Lia Heim Haug Bru Øy Mo Nes Stad'.split(' ');
const NOUNS = {
  Agreement: ['avtalen', 'traktaten', 'pakten', 'overenskomsten'],
  Event: ['møtet', 'angrepet', 'toppmøtet', 'forhandlingene', 'valget'],
  Issue: ['problemet', 'striden', 'hindringen', 'uenigheten'],
  Concept: ['prinsippet', 'synspunktet', 'ideen', 'målet'],
  Group: ['lederne', 'diplomatene', 'kildene', 'rådgiverne', 'delegatene'],
  Organization: ['forbundet', 'rådet', 'byrået', 'avisen', 'departementet'],
  Proposal: ['planen', 'forslaget', 'garantien', 'våpenhvilen', 'reformen'],
  Region: ['fylket', 'regionen', 'provinsen', 'kysten'],
  State: ['republikken', 'kongeriket', 'forbundsstaten'],
};
const VERBS = [
  'støtter',
  'avviser',
  'krever',
  'foreslår',
  'kritiserer',
  'tviler på',
  'arbeider med',
  'viser til',
];
const FILLER =
  'i går etter lange samtaler ifølge kilder som kjenner saken men uten å gi detaljer om videre prosess denne uken sa han til pressen'.split(
    ' ',
  );
const HEDGES = ['signals', 'is open to', 'it appears that', 'reportedly'];
const QUALIFIERS = ['without ground troops', 'after a ceasefire', 'for a limited time', 'under UN mandate'];

const slug = (s) =>
  s
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/[øö]/g, 'o')
    .replace(/å/g, 'a')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
const pad = (n, w) => String(n).padStart(w, '0');
const yamlString = (s) => `'${s.replace(/'/g, "''")}'`;
const isoDay = (n) => new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

const CODES = [
  'UNKNOWN_REFERENCE',
  'KIND_NOT_ALLOWED',
  'QUOTE_NOT_FOUND',
  'DUPLICATE_ID',
  'UNKNOWN_PREDICATE',
  'MISSING_FIELD',
  'YAML_SYNTAX',
];

export function generateCorpus({ statements, out, seed = 1, invalidRate = 0 }) {
  const rng = prng(seed);
  const int = (n) => Math.floor(rng() * n);
  const pick = (list) => list[int(list.length)];
  // Popular entities are cited far more often: a squared uniform draw skews toward the head of a pool.
  const skewed = (list) => list[Math.floor(rng() * rng() * list.length)];

  // A file that cannot be parsed hides every unknown reference (it may define them), so a corpus
  // carries either syntax errors or unknown entity references, chosen by the seed.
  const syntaxErrors = rng() < 0.5;
  const codes = CODES.filter((c) => c !== (syntaxErrors ? 'UNKNOWN_REFERENCE' : 'YAML_SYNTAX'));

  // The registry: about 20·√N entities, each kind in equal shares.
  const entityCount = Math.max(KINDS.length * 5, Math.round(20 * Math.sqrt(statements)));
  const byKind = new Map(KINDS.map((k) => [k.kind, []]));
  const entities = [];
  for (let i = 0; i < entityCount; i++) {
    const { kind, prefix } = KINDS[i % KINDS.length];
    const name =
      kind === 'Person'
        ? `${pick(FIRST)} ${pick(LAST)}`
        : `${pick(STEMS)}${pick(STEMS).toLowerCase()}${kind === 'State' || kind === 'Region' ? '' : ` ${pick(NOUNS[kind])}`}`;
    const entity = { id: `${prefix}:${slug(name)}-${i}`, kind, name, n: i };
    entities.push(entity);
    byKind.get(kind).push(entity);
  }
  const pool = (kinds) => kinds.flatMap((k) => byKind.get(k) ?? []);
  const pools = new Map(
    PREDICATES.map((p) => [p.name, { subjects: pool(p.subjectKinds), objects: pool(p.objectKinds) }]),
  );
  const actors = pool(ACTOR_KINDS);
  const outlets = pool(OUTLET_KINDS);

  if (existsSync(out) && readdirSync(out).length > 0) {
    if (!existsSync(join(out, 'manifest.json'))) throw new Error(`${out} is not empty and holds no corpus`);
    rmSync(out, { recursive: true });
  }
  for (const dir of ['entities', 'documents', 'sources', 'statements'])
    mkdirSync(join(out, dir), { recursive: true });

  const files = new Map();
  const ENTITIES_PER_FILE = 1000;
  for (let f = 0; f * ENTITIES_PER_FILE < entities.length; f++) {
    const lines = ['# Shared registry of generated entities.', 'entities:'];
    for (const e of entities.slice(f * ENTITIES_PER_FILE, (f + 1) * ENTITIES_PER_FILE)) {
      lines.push(`  - id: ${e.id}`, `    kind: ${e.kind}`, `    name: ${e.name}`);
      if (e.n % 3 === 0) lines.push('    aliases:', `      - ${e.name.split(' ')[0]}`);
      if (e.n % 7 === 0) lines.push(`    wikidata: Q${100000 + e.n}`);
      lines.push('');
    }
    files.set(`entities/registry-${pad(f + 1, 3)}.yaml`, lines.join('\n'));
  }

  // Documents of 500 to 1500 statements, so the statements spread over many files.
  const errors = [];
  const documentBlocks = [];
  let remaining = statements;
  for (let d = 1; remaining > 0; d++) {
    const count = Math.min(remaining, 500 + int(1001));
    remaining -= count;
    const docId = `doc:${isoDay(d)}-corpus-${pad(d, 5)}`;
    const base = `doc-${pad(d, 5)}`;
    const title = `${pick(STEMS)}${pick(STEMS).toLowerCase()} ${pick(VERBS)} ${pick(NOUNS.Proposal)}`;
    documentBlocks.push([
      `  - id: ${docId}`,
      `    title: ${title}`,
      `    date: ${isoDay(d)}`,
      '    language: nb',
      `    path: ../sources/${base}.nb.txt`,
      ...(outlets.length ? [`    publisher: ${skewed(outlets).id}`] : []),
      '',
    ]);
    const file = `statements/${base}.yaml`;
    const { yaml, text } = documentFile(file, docId, count);
    files.set(file, yaml);
    files.set(`sources/${base}.nb.txt`, text);
  }
  const DOCUMENTS_PER_FILE = 200;
  for (let f = 0; f * DOCUMENTS_PER_FILE < documentBlocks.length; f++) {
    const part = documentBlocks.slice(f * DOCUMENTS_PER_FILE, (f + 1) * DOCUMENTS_PER_FILE);
    files.set(`documents/documents-${pad(f + 1, 3)}.yaml`, ['documents:', ...part.flat()].join('\n'));
  }

  /** One document's statements file and source text; records the errors it injects. */
  function documentFile(file, docId, count) {
    const lines = ['# Generated statements, in text order.', `document: ${docId}`];
    // Some articles describe a registry entity again (another alias): merged, not a duplicate.
    if (rng() < 0.1) {
      const e = skewed(entities);
      lines.push('entities:', `  - id: ${e.id}`, `    kind: ${e.kind}`, `    name: ${e.name}`);
      lines.push('    aliases:', `      - ${e.name.split(' ').pop()}s`, '');
    }
    lines.push('statements:');
    const sentences = [];
    let sentence;
    let uses = 0;
    let syntaxBroken = false;
    let lastId;
    /** Each statement, its injected error, and where its quote is: in which sentence, from which character. */
    const drafts = [];
    for (let i = 1; i <= count; i++) {
      const p = pick(PREDICATES);
      const { subjects, objects } = pools.get(p.name);
      const subject = skewed(subjects);
      let object = skewed(objects);
      while (object === subject) object = pick(objects);
      // A sentence supports one to four statements, as in real articles.
      if (uses === 0) {
        const words = Array.from({ length: 4 + int(8) }, () => pick(FILLER));
        sentence = `${subject.name} ${pick(VERBS)} ${object.name} ${words.join(' ')}.`;
        sentences.push(sentence);
        uses = 1 + int(4);
      }
      uses--;
      const cut = sentence.split(' ');
      const from = int(Math.min(3, cut.length - 2));
      const quote = cut.slice(from, from + 3 + int(cut.length - from - 2)).join(' ');
      const s = {
        id: `s:d${docId.slice(-5)}:${pad(i, 4)}`,
        subject: subject.id,
        predicate: p.name,
        object: object.id,
        quote,
      };
      if (actors.length && rng() < 0.2) s.attributedTo = skewed(actors).id;
      if (outlets.length && rng() < 0.3) s.reportedBy = skewed(outlets).id;
      if (rng() < 0.05) s.qualifiers = [pick(QUALIFIERS)];
      if (rng() < 0.1) s.hedging = pick(HEDGES);
      if (rng() < 0.1) s.date = isoDay(int(2000));

      let code = rng() < invalidRate && !syntaxBroken ? pick(codes) : undefined;
      if (code === 'DUPLICATE_ID' && lastId === undefined) code = undefined;
      if (code === 'KIND_NOT_ALLOWED') {
        const wrong = KINDS.filter((k) => !p.objectKinds.includes(k.kind) && byKind.get(k.kind).length);
        if (wrong.length) s.object = pick(byKind.get(pick(wrong).kind)).id;
        else code = undefined;
      }
      if (code === 'UNKNOWN_REFERENCE') s.subject = `${subject.id.split(':')[0]}:nobody-${i}`;
      if (code === 'QUOTE_NOT_FOUND') s.quote = `${quote} og så videre`;
      if (code === 'DUPLICATE_ID') s.id = lastId;
      else lastId = s.id;
      if (code === 'UNKNOWN_PREDICATE') s.predicate = p.name.slice(0, -1);
      if (code === 'MISSING_FIELD') delete s.quote;
      // A syntax error stops the file: nothing after it is injected.
      if (code === 'YAML_SYNTAX') syntaxBroken = true;
      const at = from === 0 ? 0 : cut.slice(0, from).join(' ').length + 1;
      drafts.push({ s, code, sentence: sentences.length - 1, at });
    }
    const paragraphs = [];
    for (let i = 0; i < sentences.length; i += 4) paragraphs.push(sentences.slice(i, i + 4).join(' '));
    const text = `${paragraphs.join('\n\n')}\n`;
    // Where each sentence starts in the text: four to a paragraph, a space between, a blank line after.
    const sentenceStart = [];
    for (let i = 0, offset = 0; i < sentences.length; i++) {
      sentenceStart.push(offset);
      offset += sentences[i].length + (i % 4 === 3 ? 2 : 1);
    }
    // Random words repeat: a quote the text has more than once says which occurrence is its own.
    for (const { s, code, sentence: k, at } of drafts) {
      if (s.quote === undefined || code === 'QUOTE_NOT_FOUND') continue;
      const own = sentenceStart[k] + at;
      let before = 0;
      let next = text.indexOf(s.quote);
      for (; next < own; next = text.indexOf(s.quote, next + 1)) before++;
      if (before > 0 || text.indexOf(s.quote, own + 1) >= 0) s.quoteOccurrence = before + 1;
    }

    const injected = [];
    for (const { s, code } of drafts) {
      const start = lines.length + 1;
      const lineOf = { id: start };
      lines.push(`  - id: ${s.id}`);
      for (const [key, value] of Object.entries(s)) {
        if (key === 'id') continue;
        lineOf[key] = lines.length + 1;
        if (Array.isArray(value)) lines.push(`    ${key}:`, ...value.map((v) => `      - ${v}`));
        else if (code === 'YAML_SYNTAX' && key === 'predicate') lines.push(`    predicate ${value}`);
        else lines.push(`    ${key}: ${key === 'quote' ? yamlString(value) : value}`);
      }
      lines.push('');
      // A syntax error stops the file: what was injected before it is never reported.
      if (code === 'YAML_SYNTAX') injected.length = 0;
      const at = {
        UNKNOWN_REFERENCE: lineOf.subject,
        KIND_NOT_ALLOWED: lineOf.object,
        QUOTE_NOT_FOUND: lineOf.quote,
        DUPLICATE_ID: start,
        UNKNOWN_PREDICATE: lineOf.predicate,
        MISSING_FIELD: start,
        YAML_SYNTAX: lineOf.predicate,
      };
      if (code) injected.push({ file, line: at[code], code });
    }
    errors.push(...injected);
    return { yaml: lines.join('\n'), text };
  }

  for (const [rel, content] of files) writeFileSync(join(out, rel), content);
  const manifest = {
    seed,
    statements,
    invalidRate,
    entities: entities.length,
    documents: documentBlocks.length,
    files: [...files.keys()].filter((f) => f.endsWith('.yaml')).length,
    errors: errors.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line)),
  };
  writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      statements: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string', default: '1' },
      'invalid-rate': { type: 'string', default: '0' },
    },
  });
  const statements = Number(
    String(values.statements ?? '')
      .replace(/k$/i, '000')
      .replace(/m$/i, '000000'),
  );
  const seed = Number(values.seed);
  const invalidRate = Number(values['invalid-rate']);
  if (!Number.isSafeInteger(statements) || statements < 1 || !values.out || !Number.isSafeInteger(seed)) {
    console.error('usage: npm run corpus -- --statements N --out DIR [--seed S] [--invalid-rate R]');
    process.exit(2);
  }
  if (!(invalidRate >= 0 && invalidRate <= 1)) {
    console.error('--invalid-rate must be a number from 0 to 1');
    process.exit(2);
  }
  const m = generateCorpus({ statements, out: values.out, seed, invalidRate });
  console.log(
    `wrote ${m.statements} statements, ${m.documents} documents, ${m.entities} entities in ${m.files} files to ${values.out}` +
      (m.errors.length ? ` with ${m.errors.length} known errors (manifest.json)` : ''),
  );
}
