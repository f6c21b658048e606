import type { z } from "@hono/zod-openapi";
import type { Address } from "../checkout/schemas";
import { AppError } from "../platform/errors";
import { MAX_ADDED_ADDRESSES, type SavedAddress, savedAddressOf } from "./saved-addresses";

/**
 * Stores an address the shopper adds in their account, so checkout offers it first. One row per
 * address id: the same address again, however spaced or cased, keeps its row and moves its time
 * (and its spelling, to the one typed last, as a newer order's does).
 *
 * One statement decides everything, so two adds at once cannot pass the cap together: it writes
 * when the address is already there or the shopper has fewer than the cap, else nothing. Its time
 * is now, or just after the address's removal when that is later (a removal stamps at least the
 * last use, which an order's clock may have put ahead of this one), since adding an address the
 * shopper removed is them asking for it back. The read of the row before the write, in the same
 * batch, says whether it was there already.
 */
export async function addAddress(
  db: D1Database,
  userId: string,
  secret: string,
  address: z.infer<typeof Address>,
): Promise<{ saved: SavedAddress; created: boolean }> {
  const draft = await savedAddressOf({ userId, secret }, address, new Date().toISOString());
  const [before, written] = await db.batch<unknown>([
    db.prepare("SELECT 1 AS present FROM added_addresses WHERE user_id = ?1 AND address_id = ?2").bind(userId, draft.id),
    db
      .prepare(
        `INSERT INTO added_addresses (user_id, address_id, address, added_at)
         SELECT ?1, ?2, ?3, max(?4, coalesce((
           SELECT strftime('%Y-%m-%dT%H:%M:%fZ', forgotten_at, '+0.001 seconds')
           FROM forgotten_addresses WHERE user_id = ?1 AND address_id = ?2), ''))
         WHERE (SELECT count(*) FROM added_addresses WHERE user_id = ?1) < ?5
            OR EXISTS (SELECT 1 FROM added_addresses WHERE user_id = ?1 AND address_id = ?2)
         ON CONFLICT (user_id, address_id) DO UPDATE SET address = excluded.address, added_at = excluded.added_at
         RETURNING added_at`,
      )
      .bind(userId, draft.id, JSON.stringify(address), draft.last_used_at, MAX_ADDED_ADDRESSES),
  ]);
  const addedAt = (written?.results as { added_at: string }[] | undefined)?.[0]?.added_at;
  if (addedAt === undefined) {
    throw new AppError(
      "conflict",
      `You have added ${MAX_ADDED_ADDRESSES} addresses, the most an account keeps. Remove one you no longer use on your account page, then add this one.`,
    );
  }
  return { saved: { ...draft, last_used_at: addedAt }, created: (before?.results ?? []).length === 0 };
}
