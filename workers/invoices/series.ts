import { AppError } from "../platform/errors";
import { nowIso } from "../platform/time";
import { MAX_SEQ, type NumberedDocument } from "./document-number";
import { financialYearOf } from "./financial-year";

/** A seller whose series a batch is about to take numbers from. */
export interface SeriesHolder {
  id: string;
  name: string;
}

const COUNTERS: Readonly<Record<NumberedDocument, string>> = {
  invoice: "invoice_counters",
  credit_note: "credit_note_counters",
};

const WORDS: Readonly<Record<NumberedDocument, string>> = { invoice: "invoice", credit_note: "credit note" };

/** The first of `sellers` that has used every number of its `kind` series for the financial year of `at`; null when none has. */
export async function exhaustedSeries(
  db: D1Database,
  kind: NumberedDocument,
  sellers: readonly SeriesHolder[],
  at: string,
): Promise<SeriesHolder | null> {
  if (sellers.length === 0) return null;
  const { results } = await db
    .prepare(
      `SELECT seller_id AS sellerId FROM ${COUNTERS[kind]}
       WHERE financial_year = ?1 AND last_seq >= ?2 AND seller_id IN (SELECT value FROM json_each(?3))`,
    )
    .bind(financialYearOf(at), MAX_SEQ, JSON.stringify(sellers.map((s) => s.id)))
    .all<{ sellerId: string }>();
  return sellers.find((s) => results.some((r) => r.sellerId === s.id)) ?? null;
}

/**
 * Refuses (409) when one of `sellers` has used every number of its `kind` series for the financial year of
 * `at`: the batch would fail on its NOT NULL number, which is no reason to answer 500. `unchanged` says
 * what the refusal leaves as it was, for the problem's words.
 */
export async function refuseExhaustedSeries(
  db: D1Database,
  kind: NumberedDocument,
  sellers: readonly SeriesHolder[],
  at: string,
  unchanged: string,
): Promise<void> {
  const spent = await exhaustedSeries(db, kind, sellers, at);
  if (!spent) return;
  const year = financialYearOf(at);
  throw new AppError(
    "series_exhausted",
    `${spent.name}'s ${WORDS[kind]} series for ${year} is exhausted: all ${MAX_SEQ.toLocaleString("en-IN")} numbers of the year ` +
      `are used, so its ${WORDS[kind]} cannot be issued. ${unchanged}`,
    { extensions: { seller_id: spent.id, financial_year: year, document: kind } },
  );
}

/**
 * Runs `issue`, a batch taking numbers from `sellers`' series, refused as exhausted beforehand when a
 * series has no number left. A concurrent batch can still take the last number between that check and
 * this batch, which then fails on its NOT NULL number: checked again, that failure is the same 409.
 */
export async function issuingFromSeries<T>(
  db: D1Database,
  kind: NumberedDocument,
  sellers: readonly SeriesHolder[],
  unchanged: string,
  issue: () => Promise<T>,
): Promise<T> {
  await refuseExhaustedSeries(db, kind, sellers, nowIso(), unchanged);
  try {
    return await issue();
  } catch (err) {
    if (!(err instanceof AppError)) await refuseExhaustedSeries(db, kind, sellers, nowIso(), unchanged);
    throw err;
  }
}
