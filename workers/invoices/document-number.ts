/**
 * GST numbers an invoice or a credit note with at most 16 characters, unique within the seller's
 * financial year. Invoices read "2026-27/000042" and credit notes "CN26-27/000042": six digits at
 * least, growing to eight, so either kind fits 99,999,999 documents a seller a year and stays
 * within 16. Credit notes were "CN/2026-27/00042" until that format ran out at 99,999; the ones
 * issued so keep their numbers, and the counter carries on.
 */
export const MAX_NUMBER_LENGTH = 16;

/** The most documents of one kind a seller can number in a financial year. */
export const MAX_SEQ = 99_999_999;

/** A document's kind, as its number is prefixed. */
export type NumberedDocument = "invoice" | "credit_note";

/** The part of a number before its sequence, from the financial year ("2026-27"). */
function prefix(kind: NumberedDocument, year: string): string {
  return kind === "invoice" ? `${year}/` : `CN${year.slice(2)}/`;
}

/**
 * The number of a seller's `seq`th document of `kind` in financial year `year`. Refuses a sequence
 * past MAX_SEQ rather than give a number GST would not accept.
 */
export function documentNumber(kind: NumberedDocument, year: string, seq: number): string {
  if (!Number.isInteger(seq) || seq < 1 || seq > MAX_SEQ) {
    throw new RangeError(
      `No ${kind.replace("_", " ")} number is left for sequence ${seq} of ${year}: at most ${MAX_SEQ} a year fit in 16 characters.`,
    );
  }
  const number = `${prefix(kind, year)}${String(seq).padStart(6, "0")}`;
  if (number.length > MAX_NUMBER_LENGTH) throw new RangeError(`${number} is longer than ${MAX_NUMBER_LENGTH} characters.`);
  return number;
}

/**
 * The same number in SQL, from the year's parameter and the sequence's column, for the statements that
 * take the sequence inside their batch. Past MAX_SEQ it is NULL, which the NOT NULL number column
 * refuses, so the batch fails and no over-long number is ever issued.
 */
export function documentNumberSql(kind: NumberedDocument, year: string, seq: string): string {
  const head = kind === "invoice" ? `${year} || '/'` : `'CN' || substr(${year}, 3) || '/'`;
  return `CASE WHEN ${seq} BETWEEN 1 AND ${MAX_SEQ} THEN ${head} || printf('%06d', ${seq}) END`;
}
