/**
 * Stances: the statements a discourse network is made of (docs/discourse-networks.md). A SUPPORTS
 * statement is agreement (+1) of its actor with its object, a REJECTS statement disagreement (-1); a
 * negated one (`polarity: negated`) says the opposite, so its sign flips. The object, whatever its kind
 * (Concept, Proposal, Agreement, Person, ...), is the stance's *concept*.
 */
import { KgError } from '../errors';
import { isStatementId, type Dataset, type StatementEntry } from '../model/dataset';
import { parseEdtf } from '../model/edtf';
import { REFERENCE_KINDS } from '../model/generated';

export type Sign = 1 | -1;

/** Whose stance it is: the subject, or the organization the subject speaks for. */
export type ActorMode = 'person' | 'organization';

export interface Stance {
  statement: string;
  actor: string;
  concept: string;
  sign: Sign;
  /** The first and last day the stance can have been taken on (an EDTF date's bounds); null: open. */
  from: string | null;
  to: string | null;
}

/**
 * Why a SUPPORTS or REJECTS statement is not a stance of the network: nobody asserts it (`asserted:
 * false`: only what another statement doubts or denies), its object is a claim (a statement) rather
 * than a concept, its subject speaks for no organization (`--actors organization`), or its date is not
 * inside the period (`--from`, `--to`).
 */
export type SkipReason = 'unasserted' | 'claim' | 'no-organization' | 'outside-period';

export interface Skipped {
  statement: string;
  reason: SkipReason;
}

export const STANCE_SIGNS: Readonly<Record<string, Sign>> = { SUPPORTS: 1, REJECTS: -1 };

/** The kinds that speak for others (onBehalfOf's kinds): with --actors organization, such a subject is its own actor. */
const ORGANIZATION_KINDS: readonly string[] = REFERENCE_KINDS.statement.onBehalfOf;

/** The stances of the data set, in statement order, and the stance statements that are not counted. */
export function collectStances(
  dataset: Dataset,
  actors: ActorMode,
): { stances: Stance[]; skipped: Skipped[] } {
  const stances: Stance[] = [];
  const skipped: Skipped[] = [];
  for (const entry of dataset.statements.values()) {
    const { record } = entry;
    const sign = STANCE_SIGNS[record.predicate];
    if (sign === undefined) continue;
    const skip = (reason: SkipReason) => skipped.push({ statement: record.id, reason });
    if (record.asserted === false) skip('unasserted');
    else if (isStatementId(dataset, record.object)) skip('claim');
    else {
      const actor = actorOf(dataset, entry, actors);
      if (actor === undefined) skip('no-organization');
      else
        stances.push({
          statement: record.id,
          actor,
          concept: record.object,
          sign: record.polarity === 'negated' ? (-sign as Sign) : sign,
          ...stanceDays(dataset, entry),
        });
    }
  }
  return { stances, skipped };
}

function actorOf(dataset: Dataset, entry: StatementEntry, actors: ActorMode): string | undefined {
  const { subject, onBehalfOf } = entry.record;
  if (actors === 'person') return subject;
  if (onBehalfOf !== undefined) return onBehalfOf;
  const kind = dataset.entities.get(subject)?.record.kind;
  return kind !== undefined && ORGANIZATION_KINDS.includes(kind) ? subject : undefined;
}

/**
 * When the stance was taken: its `date` (when the claim holds: here, when the actor holds the
 * position), else its `saidOn`, else its document's date, as the schema reads an omitted date.
 */
function stanceDays(dataset: Dataset, entry: StatementEntry): { from: string | null; to: string | null } {
  const written = entry.record.date ?? entry.record.saidOn;
  if (written === undefined) {
    const day = dataset.documents.get(entry.document)?.record.date ?? null;
    return { from: day, to: day };
  }
  const parsed = parseEdtf(written);
  // Validated data has only well-formed dates.
  if (!parsed.ok) throw new KgError('INVALID_EDTF', parsed.message, entry.fields.date ?? entry.where);
  return { from: parsed.from, to: parsed.to };
}
