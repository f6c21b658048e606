import type { ChangeCursor, ProviderPayment } from "./provider";

/**
 * Reconciliation reads the provider's changes `limit` at a time. Starting each run from the oldest
 * change in the window would, on a sale day, compare the same oldest changes again and again and
 * the newest ones only once they neared the window's end, if ever. So each run goes on from where
 * the last one stopped, and starts again from the oldest once it has read up to the newest: with N
 * changes in the window, every one is compared within N / limit + 1 runs.
 */

/** Where the last run stopped in `provider`'s feed; null to start from the oldest change in the window. */
export async function readCursor(db: D1Database, provider: string): Promise<ChangeCursor | null> {
  return (
    (await db
      .prepare("SELECT updated_at AS updatedAt, ref FROM reconcile_cursor WHERE provider = ?")
      .bind(provider)
      .first<ChangeCursor>()) ?? null
  );
}

/**
 * Where the next run starts after one that read `page` asking for `limit`: after its last change
 * while pages come back full, and from the oldest again once a page falls short (the feed's end).
 */
export function nextCursor(page: ProviderPayment[], limit: number): ChangeCursor | null {
  const last = page.at(-1);
  return page.length >= limit && last ? { updatedAt: last.updatedAt, ref: last.ref } : null;
}

/** Stores `next` for `provider`, as a statement for the run's own closing batch. */
export function saveCursor(db: D1Database, provider: string, next: ChangeCursor | null): D1PreparedStatement {
  if (!next) return db.prepare("DELETE FROM reconcile_cursor WHERE provider = ?").bind(provider);
  return db
    .prepare(
      `INSERT INTO reconcile_cursor (provider, updated_at, ref) VALUES (?1, ?2, ?3)
       ON CONFLICT (provider) DO UPDATE SET updated_at = excluded.updated_at, ref = excluded.ref`,
    )
    .bind(provider, next.updatedAt, next.ref);
}
