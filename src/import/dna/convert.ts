import { KgError } from '../../errors';
import type { DocumentRecord, Entity, StatementRecord } from '../../model/generated';
import { splitsPair } from '../../model/code-points';
import { normalizeQuote } from '../../validate/quotes';
import { IdMaker } from '../ids';
import type { DnaDatabase, DnaEntity, DnaStatement, DnaVariable } from './read';

export interface DnaImportOptions {
  /** The statement type whose statements become stances (default `DNA Statement`). */
  statementType?: string;
  /** The BCP 47 language of the documents (DNA does not record it; default `und`, undetermined). */
  language?: string;
  /** The names of the statement type's variables, where a study renamed DNA's defaults. */
  variables?: Partial<Record<Role, string>>;
}

/** What a variable of the statement type stands for. */
type Role = 'person' | 'organization' | 'concept' | 'agreement';

const DEFAULT_VARIABLES: Record<Role, string> = {
  person: 'person',
  organization: 'organization',
  concept: 'concept',
  agreement: 'agreement',
};

/** The longest quote the schema takes (statement.schema.json). */
const MAX_QUOTE = 20000;
/** The longest text field (common.schema.json `text`). */
const MAX_TEXT = 2000;

export interface ImportedDocument {
  /** The document's file name, without extension, in documents/, sources/ and statements/. */
  name: string;
  record: DocumentRecord;
  /** The text as DNA holds it. */
  text: string;
  statements: ImportedStatement[];
}

export interface ImportedStatement {
  record: StatementRecord;
  /** Why the quote is longer than DNA's span, if it is. */
  extended?: string;
}

/** Something of the DNA file the data set does not carry, counted. */
export interface NotImported {
  what: string;
  count: number;
  reason: string;
  /** The DNA ids of the statements or entities concerned, when they are statements or entities. */
  dnaIds?: number[];
}

export interface DnaImportSummary {
  dnaVersion?: string;
  statementType: string;
  documents: number;
  entities: { Person: number; Organization: number; Concept: number };
  statements: { SUPPORTS: number; REJECTS: number };
  /** Quotes made longer than DNA's span so that they occur once in the text. */
  quotesExtended: number;
  notImported: NotImported[];
}

export interface DnaImport {
  documents: ImportedDocument[];
  entities: { Person: Entity[]; Organization: Entity[]; Concept: Entity[] };
  summary: DnaImportSummary;
}

const KIND_OF: Record<'person' | 'organization' | 'concept', 'Person' | 'Organization' | 'Concept'> = {
  person: 'Person',
  organization: 'Organization',
  concept: 'Concept',
};

/**
 * The factgraph records of a DNA database: each document with its text and record, the persons,
 * organizations and concepts of the statement type as entities, and each of its statements as the
 * person's SUPPORTS (agreement 1) or REJECTS (agreement 0) of the concept, on behalf of the
 * organization, its quote DNA's span of the text. `file` is the DNA file's name, for the records' origin.
 */
export function convertDna(dna: DnaDatabase, file: string, options: DnaImportOptions = {}): DnaImport {
  const typeLabel = options.statementType ?? 'DNA Statement';
  const type = dna.statementTypes.find((t) => t.label === typeLabel);
  if (!type)
    throw new KgError(
      'DNA_STATEMENT_TYPE_NOT_FOUND',
      `${file} has no statement type "${typeLabel}"; it has ${dna.statementTypes.map((t) => `"${t.label}"`).join(', ') || 'none'} (--statement-type)`,
      { file },
    );
  const roles = roleVariables(dna, type.id, typeLabel, file, { ...DEFAULT_VARIABLES, ...options.variables });
  const notImported: NotImported[] = [];
  const skip = (what: string, reason: string, dnaIds?: number[]) => {
    const item = notImported.find((n) => n.what === what && n.reason === reason);
    if (!item) notImported.push({ what, count: 1, reason, ...(dnaIds && { dnaIds: [...dnaIds] }) });
    else {
      item.count++;
      if (dnaIds) (item.dnaIds ??= []).push(...dnaIds);
    }
  };

  const entityIds = new Map<number, string>();
  const entities: DnaImport['entities'] = { Person: [], Organization: [], Concept: [] };
  for (const role of ['person', 'organization', 'concept'] as const) {
    const variable = roles[role];
    if (!variable) continue;
    const kind = KIND_OF[role];
    const ids = new IdMaker(`${role}:`, 120);
    for (const e of dna.entities.values()) {
      // DNA keeps an empty entity per variable for a statement not coded on it.
      if (e.variable !== variable.id || e.value.trim() === '') continue;
      const id = ids.make(e.value, `dna-${e.id}`);
      entityIds.set(e.id, id);
      entities[kind].push(entityRecord(e, id, kind, role, skip));
    }
  }

  const coder = (id: number | null) => (id === null ? undefined : dna.coders.get(id));
  const documentIds = new IdMaker('doc:', 120);
  const documents = new Map<number, ImportedDocument>();
  for (const d of dna.documents) {
    const date = new Date(d.date * 1000);
    const day = date.toISOString().slice(0, 10);
    if (d.date % 86400 !== 0) skip('time of day of documents', 'a document date is a day', [d.id]);
    const id = documentIds.make(`${day} ${d.title}`, `${day}-dna-${d.id}`);
    const name = id.slice('doc:'.length);
    const field = (value: string, what: string) => {
      if (value.trim() === '') return undefined;
      if (value.length <= MAX_TEXT) return value;
      skip(what, `longer than ${MAX_TEXT} characters`, [d.id]);
      return undefined;
    };
    const record: DocumentRecord = {
      id,
      title: d.title.trim() === '' ? `DNA document ${d.id}` : d.title,
      date: day,
      language: options.language ?? 'und',
      path: `../sources/${name}.txt`,
      ...optional({
        outlet: field(d.source, 'document source'),
        author: field(d.author, 'document author'),
        section: field(d.section, 'document section'),
        genre: field(d.type, 'document type'),
        note: field(d.notes, 'document notes'),
        coder: coder(d.coder),
      }),
      origin: { file, note: `DNA document ${d.id}` },
    };
    documents.set(d.id, { name, record, text: d.text, statements: [] });
  }

  const mapped = new Set(Object.values(roles).map((v) => v?.id));
  const counts = { SUPPORTS: 0, REJECTS: 0 };
  let quotesExtended = 0;
  const texts = new Map<number, { lf: string; nfc: string }>();
  for (const s of dna.statements) {
    if (s.statementType !== type.id) {
      const label = dna.statementTypes.find((t) => t.id === s.statementType)?.label ?? `#${s.statementType}`;
      skip(`statements of type "${label}"`, `only "${typeLabel}" is imported (--statement-type)`, [s.id]);
      countValues(dna, s, new Set(), label, 'the statement type is not imported', skip);
      continue;
    }
    countValues(dna, s, mapped, typeLabel, 'the model has no field for it', skip);
    const value = (variable: DnaVariable | undefined) =>
      variable ? dna.values.get(s.id)?.get(variable.id) : undefined;
    const entity = (variable: DnaVariable | undefined) => {
      const v = value(variable);
      return v?.kind === 'entity' ? entityIds.get(v.entity) : undefined;
    };
    const person = entity(roles.person);
    const organization = entity(roles.organization);
    const concept = entity(roles.concept);
    const agreement = value(roles.agreement);
    const fail = (reason: string) => skip(`statements of type "${typeLabel}"`, reason, [s.id]);
    const document = documents.get(s.document);
    if (!document) {
      fail('its document is not in the file');
      continue;
    }
    if (!concept) {
      fail('no concept coded');
      continue;
    }
    if (!person && !organization) {
      fail('neither person nor organization coded');
      continue;
    }
    if (agreement?.kind !== 'number' || (agreement.value === 0 && roles.agreement?.dataType === 'integer')) {
      fail(agreement ? 'neutral agreement (0 on an integer scale)' : 'no agreement coded');
      continue;
    }
    let text = texts.get(s.document);
    if (!text) {
      const lf = lfText(document.text);
      text = { lf, nfc: lf.normalize('NFC') };
      texts.set(s.document, text);
    }
    const span = quoteSpan(text, s);
    if (typeof span === 'string') {
      fail(span);
      continue;
    }
    const predicate = agreement.value > 0 ? 'SUPPORTS' : 'REJECTS';
    counts[predicate]++;
    const record: StatementRecord = {
      id: `s:dna-${s.id}`,
      subject: person ?? organization!,
      predicate,
      object: concept,
      quote: span.quote,
      ...optional({ onBehalfOf: person ? organization : undefined, coder: coder(s.coder) }),
    };
    if (span.widened) quotesExtended++;
    document.statements.push({
      record,
      ...(span.widened && {
        extended: `DNA statement ${s.id}: its span ${s.start}-${s.stop} ${span.widened}; the quote is widened to ${span.start}-${span.stop}`,
      }),
    });
  }

  return {
    documents: [...documents.values()],
    entities,
    summary: {
      ...(dna.version !== undefined && { dnaVersion: dna.version }),
      statementType: typeLabel,
      documents: documents.size,
      entities: {
        Person: entities.Person.length,
        Organization: entities.Organization.length,
        Concept: entities.Concept.length,
      },
      statements: counts,
      quotesExtended,
      notImported,
    },
  };
}

/** The statement type's variables for each role, checked: a concept, an agreement, a person or organization. */
function roleVariables(
  dna: DnaDatabase,
  typeId: number,
  typeLabel: string,
  file: string,
  names: Record<Role, string>,
): Partial<Record<Role, DnaVariable>> {
  const own = dna.variables.filter((v) => v.statementType === typeId);
  const find = (role: Role, types: readonly string[]) => {
    const v = own.find((x) => x.name === names[role]);
    if (v && !types.includes(v.dataType))
      throw new KgError(
        'DNA_VARIABLE_NOT_FOUND',
        `the ${role} variable "${v.name}" of "${typeLabel}" is ${v.dataType}, not ${types.join(' or ')}`,
        { file },
      );
    return v;
  };
  const roles = {
    person: find('person', ['short text']),
    organization: find('organization', ['short text']),
    concept: find('concept', ['short text']),
    agreement: find('agreement', ['boolean', 'integer']),
  };
  const missing = (['concept', 'agreement'] as const).filter((r) => !roles[r]);
  if (!roles.person && !roles.organization) missing.unshift('person' as never);
  if (missing.length > 0)
    throw new KgError(
      'DNA_VARIABLE_NOT_FOUND',
      `"${typeLabel}" has no variable ${missing.map((r) => `"${names[r]}"`).join(', ')}; its variables are ${own.map((v) => `"${v.name}"`).join(', ') || 'none'} (name yours with --${missing[0]})`,
      { file },
    );
  return roles;
}

/** An entity's record: its name, DNA's Alias as an alias and its Notes as the description. */
function entityRecord(
  e: DnaEntity,
  id: string,
  kind: 'Person' | 'Organization' | 'Concept',
  role: string,
  skip: (what: string, reason: string, dnaIds?: number[]) => void,
): Entity {
  let alias: string | undefined;
  let description: string | undefined;
  for (const [name, value] of e.attributes) {
    if (value.trim() === '') continue;
    if (name === 'Alias' && value !== e.value) alias = value;
    else if (name === 'Notes' && value.length <= MAX_TEXT) description = value;
    else if (name !== 'Alias')
      skip(
        `attribute "${name}" of ${role} entities`,
        name === 'Notes' ? `longer than ${MAX_TEXT} characters` : 'the model has no field for it',
        [e.id],
      );
  }
  if (e.childOf !== null) skip(`${role} hierarchy (ChildOf)`, 'the model has no entity hierarchy', [e.id]);
  return { id, kind, name: e.value, ...optional({ aliases: alias && [alias], description }) } as Entity;
}

/** Counts a statement's values of variables not in `mapped` (non-empty ones), by variable. */
function countValues(
  dna: DnaDatabase,
  s: DnaStatement,
  mapped: ReadonlySet<number | undefined>,
  typeLabel: string,
  reason: string,
  skip: (what: string, reason: string, dnaIds?: number[]) => void,
): void {
  for (const [variableId, v] of dna.values.get(s.id) ?? []) {
    if (mapped.has(variableId)) continue;
    const empty =
      v.kind === 'entity'
        ? (dna.entities.get(v.entity)?.value ?? '') === ''
        : v.kind === 'text' && v.value === '';
    if (empty) continue;
    const variable = dna.variables.find((x) => x.id === variableId);
    skip(
      `values of variable "${variable?.name ?? variableId}" (${typeLabel}, ${variable?.dataType ?? '?'})`,
      reason,
    );
  }
}

/**
 * The text as DNA's editor shows it, which its offsets count in: Swing's text components read `\r\n`
 * and `\r` as `\n` (as the validator does).
 */
function lfText(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

interface Span {
  quote: string;
  start: number;
  stop: number;
  /** Why the quote is wider than DNA's span, if it is. */
  widened?: string;
}

/**
 * The statement's quote: DNA's span of the text (UTF-16 offsets, as Swing's selection gives them),
 * widened a word at a time on either side, if it occurs more than once or has too few letters to stand
 * as evidence, until it occurs once with enough. A string says why there is none.
 */
export function quoteSpan(text: { lf: string; nfc: string }, s: DnaStatement): Span | string {
  const { lf, nfc } = text;
  if (s.start < 0 || s.stop > lf.length || s.start >= s.stop) return 'its span is outside the document text';
  if (splitsPair(lf, s.start) || splitsPair(lf, s.stop)) return 'its span cuts a character in two';
  // A span that ends between a letter and its combining accent (`e` | U+0301) would not match the text
  // the validator compares in NFC (`é`): it takes the whole character.
  let start = s.start;
  let stop = s.stop;
  while (start > 0 && isMark(lf[start])) start--;
  while (stop < lf.length && isMark(lf[stop])) stop++;
  let left = true;
  const unclear = (quote: string) => occurrences(nfc, quote) > 1 || letters(quote) < MIN_LETTERS;
  const dna = normalizeQuote(lf.slice(start, stop));
  const why =
    occurrences(nfc, dna) > 1
      ? 'occurs more than once in the text'
      : letters(dna) < MIN_LETTERS
        ? `has fewer than ${MIN_LETTERS} letters or digits`
        : undefined;
  while (unclear(normalizeQuote(lf.slice(start, stop))) && (start > 0 || stop < lf.length)) {
    if ((left && start > 0) || stop === lf.length) start = wordBefore(lf, start);
    else stop = wordAfter(lf, stop);
    left = !left;
  }
  const quote = normalizeQuote(lf.slice(start, stop));
  if (quote.length > MAX_QUOTE) return `its quote is longer than ${MAX_QUOTE} characters`;
  return { quote, start, stop, ...(why && { widened: why }) };
}

const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);
const isMark = (c: string | undefined) => c !== undefined && /\p{M}/u.test(c);

/** The start of the word before `i` (the rest of the word `i` is in, if it is in one). */
function wordBefore(text: string, i: number): number {
  while (i > 0 && isSpace(text[i - 1])) i--;
  while (i > 0 && !isSpace(text[i - 1])) i--;
  return i;
}

/** The end of the word after `i` (the rest of the word `i` is in, if it is in one). */
function wordAfter(text: string, i: number): number {
  while (i < text.length && isSpace(text[i])) i++;
  while (i < text.length && !isSpace(text[i])) i++;
  return i;
}

/** The fewest letters or digits a quote has (the validator's rule for a quote that stands as evidence). */
const MIN_LETTERS = 4;

const letters = (text: string) => text.match(/[\p{L}\p{N}]/gu)?.length ?? 0;

/** How often `quote` occurs in `text`, overlaps included, counting to 2. */
function occurrences(text: string, quote: string): number {
  const first = text.indexOf(quote);
  if (first < 0) return 0;
  return text.indexOf(quote, first + 1) < 0 ? 1 : 2;
}

/** The object without its undefined fields (so the YAML has no empty keys). */
function optional<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<T>;
}
