import { AppError } from "../platform/errors";
import { savedAddresses } from "./saved-addresses";

/**
 * Removes one of the shopper's saved addresses from what checkout offers, leaving their orders as
 * they are. Only an id in the shopper's whole list now (scope `all`, as the account page lists it)
 * is accepted: every address they added can be removed, not only the few checkout offers, which
 * is how a shopper at the cap on adding makes room. So a shopper cannot probe or mark another
 * account's ids (they are keyed per shopper, so none matches), and nothing is written for one
 * that is not theirs; one already removed is not in the list, so removing it again is a
 * 404 too. Ordering to the address later, or adding it in the account, offers it again (see
 * distinctAddresses and addAddress).
 */
export async function forgetAddress(db: D1Database, userId: string, secret: string, addressId: string): Promise<void> {
  const address = (await savedAddresses(db, userId, secret, "all")).find((a) => a.id === addressId);
  if (!address) throw new AppError("not_found", "No such saved address.");
  // At least its last use, so the removal hides it even when that order's clock ran ahead of this one.
  const forgottenAt = new Date(Math.max(Date.now(), Date.parse(address.last_used_at) || 0)).toISOString();
  await db.batch([
    // Removed before, used again since, and now removed again: the later removal counts.
    db
      .prepare(
        `INSERT INTO forgotten_addresses (user_id, address_id, forgotten_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (user_id, address_id) DO UPDATE SET forgotten_at = excluded.forgotten_at`,
      )
      .bind(userId, addressId, forgottenAt),
    // An address the shopper added no longer counts against the cap on adding once removed; the
    // removal above still hides the same address in their orders.
    db.prepare("DELETE FROM added_addresses WHERE user_id = ?1 AND address_id = ?2").bind(userId, addressId),
  ]);
}
