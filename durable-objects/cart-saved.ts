/**
 * "Saved for later": lines the shopper took out of the cart without losing them. They live in the
 * cart object itself, beside its lines, so every device of the shopper sees the same list and a
 * move between the two is one synchronous transaction of that object: a listing is in the cart or
 * saved, never both and never neither. Saved items count for nothing: not the total, not the COD
 * limit, not checkout, which reads only `lines`.
 */

/** One saved item as the cart stores it: the listing and the quantity the line had. */
export interface SavedItem {
  listingId: string;
  qty: number;
  savedAt: string;
}

/** Most items a shopper may keep saved for later, as many as a cart may hold lines. */
export const MAX_SAVED = 50;

/**
 * Saved items outlive the cart's lines: the expiry alarm takes the lines of a cart untouched for
 * CART_TTL_MS, and the saved items only once nothing in the cart was changed for this long, as a
 * saved list is kept for sales months apart.
 */
export const SAVED_TTL_MS = 180 * 24 * 3600 * 1000;

/** What saving a cart line for later did. */
export type SaveOutcome = "saved" | "already_saved" | "not_in_cart" | "saved_full";

/** What moving a saved item back into the cart did. */
export type MoveOutcome = "moved" | "already_in_cart" | "not_saved" | "unavailable" | "cart_full";

interface SavedRow extends Record<string, SqlStorageValue> {
  listing_id: string;
  qty: number;
  saved_at: string;
}

/** Idempotent DDL for the saved list, run with the cart's own. */
export function createSavedTable(sql: SqlStorage): void {
  sql.exec(`CREATE TABLE IF NOT EXISTS saved (
    listing_id TEXT PRIMARY KEY, qty INTEGER NOT NULL CHECK (qty > 0), saved_at TEXT NOT NULL)`);
}

/** The saved items, most recently saved first, as shops list them. */
export function savedItems(sql: SqlStorage): SavedItem[] {
  return sql
    .exec<SavedRow>("SELECT * FROM saved ORDER BY saved_at DESC, listing_id")
    .toArray()
    .map((r) => ({ listingId: r.listing_id, qty: r.qty, savedAt: r.saved_at }));
}

function count(sql: SqlStorage, table: "lines" | "saved"): number {
  return sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`).one().n;
}

function has(sql: SqlStorage, table: "lines" | "saved", listingId: string): boolean {
  return sql.exec(`SELECT 1 FROM ${table} WHERE listing_id = ?`, listingId).toArray().length > 0;
}

/**
 * Moves a cart line to the saved list with its quantity. A listing already saved and no longer in
 * the cart (the button pressed twice, or on two devices) is answered as such and changes nothing.
 */
export function saveLine(sql: SqlStorage, listingId: string, now: string): SaveOutcome {
  const line = sql.exec<{ qty: number }>("SELECT qty FROM lines WHERE listing_id = ?", listingId).toArray()[0];
  if (!line) return has(sql, "saved", listingId) ? "already_saved" : "not_in_cart";
  if (!has(sql, "saved", listingId) && count(sql, "saved") >= MAX_SAVED) return "saved_full";
  sql.exec(
    `INSERT INTO saved (listing_id, qty, saved_at) VALUES (?1, ?2, ?3)
     ON CONFLICT (listing_id) DO UPDATE SET qty = excluded.qty, saved_at = excluded.saved_at`,
    listingId,
    line.qty,
    now,
  );
  sql.exec("DELETE FROM lines WHERE listing_id = ?", listingId);
  return "saved";
}

/**
 * Moves a saved item back into the cart with the quantity it had (capped at `maxQty`), at
 * `seenPrice`, today's price that the saved list showed; null when the listing is no longer on
 * sale, which keeps it saved. A full cart (`maxLines`) keeps it saved too.
 */
export function moveSavedToCart(
  sql: SqlStorage,
  listingId: string,
  seenPrice: number | null,
  limits: { maxLines: number; maxQty: number },
  now: string,
): MoveOutcome {
  const saved = sql.exec<{ qty: number }>("SELECT qty FROM saved WHERE listing_id = ?", listingId).toArray()[0];
  if (!saved) return has(sql, "lines", listingId) ? "already_in_cart" : "not_saved";
  if (seenPrice === null) return "unavailable";
  if (!has(sql, "lines", listingId) && count(sql, "lines") >= limits.maxLines) return "cart_full";
  sql.exec(
    `INSERT INTO lines (listing_id, qty, seen_price, added_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)
     ON CONFLICT (listing_id) DO UPDATE SET qty = MIN(qty + excluded.qty, ?5), seen_price = excluded.seen_price,
       updated_at = excluded.updated_at`,
    listingId,
    Math.min(saved.qty, limits.maxQty),
    seenPrice,
    now,
    limits.maxQty,
  );
  sql.exec("DELETE FROM saved WHERE listing_id = ?", listingId);
  return "moved";
}

/** Drops saved items; a listing not saved is no error, so a repeated Remove changes nothing. */
export function removeSaved(sql: SqlStorage, listingIds: string[]): void {
  for (const id of listingIds) sql.exec("DELETE FROM saved WHERE listing_id = ?", id);
}

/**
 * Adds another cart's saved items (a guest's, at sign-in) to this list, each once per version
 * (`source`, listing, `savedAt`, recorded in `merges`), so a retried merge adds nothing twice.
 * A listing this cart already holds, as a line or saved, keeps what this cart has and counts as
 * merged, so it leaves the guest cart without a duplicate. One that would take the list past
 * MAX_SAVED is answered as unmerged and stays with its owner for a later merge.
 */
export function absorbSaved(
  sql: SqlStorage,
  source: string,
  incoming: SavedItem[],
  maxQty: number,
  now: string,
): { merged: string[]; unmerged: string[] } {
  const result = { merged: [] as string[], unmerged: [] as string[] };
  for (const item of incoming) {
    const version = `${source}:saved:${item.listingId}:${item.savedAt}`;
    const seen = sql.exec("SELECT 1 FROM merges WHERE source = ?", version).toArray().length > 0;
    if (seen || has(sql, "lines", item.listingId) || has(sql, "saved", item.listingId)) {
      result.merged.push(item.listingId);
      continue;
    }
    if (count(sql, "saved") >= MAX_SAVED) {
      result.unmerged.push(item.listingId);
      continue;
    }
    sql.exec("INSERT INTO saved (listing_id, qty, saved_at) VALUES (?, ?, ?)", item.listingId, Math.min(item.qty, maxQty), item.savedAt);
    sql.exec("INSERT INTO merges (source, merged_at) VALUES (?, ?)", version, now);
    result.merged.push(item.listingId);
  }
  return result;
}
