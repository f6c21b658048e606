import { claimKey, completeKey, releaseKey, requestFingerprint } from "../checkout/idempotency";
import type { FieldError } from "../platform/errors";
import { applyBulkPlan } from "./bulk-apply";
import { planBulkUpdate, readCsvRows, readJsonRows } from "./bulk-check";
import type { BulkUpdateResult } from "./bulk-schemas";

/** A bulk update's body as it arrived: CSV text, or the parsed JSON. */
export type BulkSource = { csv: string } | { json: unknown };

// Keys live in the shared idempotency table under the seller, apart from checkout's and listing creation's.
const scopeOf = (sellerId: string) => `bulk:${sellerId}`;

/**
 * Changes prices, MRPs, status and stock of many of the seller's listings at once. Every row is
 * checked before anything is written (any bad row: 400 listing them all, nothing written); a
 * valid file is applied in one batch (see bulk-apply.ts). Under the Idempotency-Key (per seller,
 * as checkout's: the same key and rows answer what the first request answered, other rows 422,
 * while it runs 409), a retry applies nothing twice. A refused file frees its key, as it changed
 * nothing. Should a run die after its batch and before its answer is stored, a retry taking the
 * key over finds its counts already journaled under the key's refs and its prices already set,
 * so it applies nothing twice either.
 */
export async function bulkUpdateListings(
  d1: D1Database,
  sellerId: string,
  source: BulkSource,
  key: string,
): Promise<{ result: BulkUpdateResult; replayed: boolean }> {
  const errors: FieldError[] = [];
  const rows = "csv" in source ? readCsvRows(source.csv, errors) : readJsonRows(source.json, errors);
  // The rows as read, so a CSV and the same rows re-sent (or re-saved by a spreadsheet) are the same request.
  const fingerprint = await requestFingerprint({ rows, errors });
  const claim = await claimKey(d1, scopeOf(sellerId), key, fingerprint);
  if (claim.kind === "replay") return { result: claim.response.body as BulkUpdateResult, replayed: true };
  try {
    const plan = await planBulkUpdate(d1, sellerId, key, rows, errors);
    const result = await applyBulkPlan(d1, sellerId, plan);
    await completeKey(d1, scopeOf(sellerId), key, { status: 200, body: result });
    return { result, replayed: false };
  } catch (err) {
    await releaseKey(d1, scopeOf(sellerId), key);
    throw err;
  }
}
