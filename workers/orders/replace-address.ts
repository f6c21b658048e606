import type { z } from "@hono/zod-openapi";
import type { Address } from "../checkout/schemas";
import { AppError } from "../platform/errors";
import { addAddress } from "./add-address";
import { MAX_ADDED_ADDRESSES, type SavedAddress, savedAddresses, savedAddressOf } from "./saved-addresses";

/**
 * Corrects one of the shopper's saved addresses: the address as typed now is added (as adding it
 * in the account does) and the one it corrects is removed (as removing it does), in one batch, so
 * the list never shows both or neither. The old one is removed only once the new one is stored:
 * at the cap on added addresses, correcting an address from an order (which takes a new place)
 * is refused and changes nothing, while correcting an added one reuses its place. Orders keep
 * the address they were sent to.
 */
export async function replaceAddress(
  db: D1Database,
  userId: string,
  secret: string,
  addressId: string,
  address: z.infer<typeof Address>,
): Promise<SavedAddress> {
  const old = (await savedAddresses(db, userId, secret, "all")).find((a) => a.id === addressId);
  if (!old) throw new AppError("not_found", "No such saved address.");
  const now = new Date().toISOString();
  const draft = await savedAddressOf({ userId, secret }, address, now);
  // Only its spelling changed (spacing or case): the same entry, moved to the top with it.
  if (draft.id === addressId) return (await addAddress(db, userId, secret, address)).saved;
  const forgottenAt = new Date(Math.max(Date.now(), Date.parse(old.last_used_at) || 0)).toISOString();
  const stored = "EXISTS (SELECT 1 FROM added_addresses WHERE user_id = ?1 AND address_id = ?2)";
  const [written] = await db.batch<unknown>([
    db
      .prepare(
        `INSERT INTO added_addresses (user_id, address_id, address, added_at)
         SELECT ?1, ?2, ?3, max(?4, coalesce((
           SELECT strftime('%Y-%m-%dT%H:%M:%fZ', forgotten_at, '+0.001 seconds')
           FROM forgotten_addresses WHERE user_id = ?1 AND address_id = ?2), ''))
         WHERE (SELECT count(*) FROM added_addresses WHERE user_id = ?1 AND address_id != ?6) < ?5
            OR ${stored}
         ON CONFLICT (user_id, address_id) DO UPDATE SET address = excluded.address, added_at = excluded.added_at
         RETURNING added_at`,
      )
      .bind(userId, draft.id, JSON.stringify(address), now, MAX_ADDED_ADDRESSES, addressId),
    db
      .prepare(
        `INSERT INTO forgotten_addresses (user_id, address_id, forgotten_at) SELECT ?1, ?3, ?4 WHERE ${stored}
         ON CONFLICT (user_id, address_id) DO UPDATE SET forgotten_at = excluded.forgotten_at`,
      )
      .bind(userId, draft.id, addressId, forgottenAt),
    db.prepare(`DELETE FROM added_addresses WHERE user_id = ?1 AND address_id = ?3 AND ${stored}`).bind(userId, draft.id, addressId),
  ]);
  const addedAt = (written?.results as { added_at: string }[] | undefined)?.[0]?.added_at;
  if (addedAt === undefined) {
    throw new AppError(
      "conflict",
      `You have added ${MAX_ADDED_ADDRESSES} addresses, the most an account keeps. Remove one you no longer use on your account page, then correct this one.`,
    );
  }
  return { ...draft, last_used_at: addedAt };
}
