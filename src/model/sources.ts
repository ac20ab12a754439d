import type { IdList } from './generated';

/** The ids of a field that takes one id or a list of them (attributedTo, reportedBy), in order. */
export function ids(value: IdList | undefined): string[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : [...value];
}

/**
 * The entities a statement mentions: its subject, its object, whom the subject speaks for, and everyone
 * in its source chain.
 */
export function mentionedEntities(
  subject: string,
  object: string,
  sources: {
    onBehalfOf?: string | undefined;
    attributedTo?: IdList | undefined;
    reportedBy?: IdList | undefined;
  },
): string[] {
  return [
    subject,
    object,
    ...ids(sources.onBehalfOf),
    ...ids(sources.attributedTo),
    ...ids(sources.reportedBy),
  ];
}
