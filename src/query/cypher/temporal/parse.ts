/** Temporal values from text, in every ISO 8601 form Neo4j 5 reads. */
import { LocalDate } from '@js-joda/core';
import { CDate } from './instants';

/** A date from its text, or null when the text is no date (or names a day its month does not have). */
export function parseDate(text: string): CDate | null {
  try {
    return new CDate(LocalDate.parse(text));
  } catch {
    return null;
  }
}
