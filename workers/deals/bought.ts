/** How much of a deal one shopper has bought, against the deal's limit per shopper. */
export interface BoughtOfDeal {
  perUserLimit: number;
  bought: number;
}

/**
 * What a signed-in shopper has bought of a deal (units in their orders that were not cancelled,
 * paid or awaiting payment), and the deal's limit per shopper; null for no such public deal. Read
 * from their own orders (a few rows through their index), never from the deal's gate: it is asked
 * as the deal page loads, which the herd does, and the gate sees admitted shoppers only. So it is
 * what the gate counts, less units held at a checkout not yet placed, and the gate still decides.
 */
export async function boughtOfDeal(db: D1Database, dealId: string, userId: string): Promise<BoughtOfDeal | null> {
  return db
    .prepare(
      `SELECT deals.per_user_limit AS perUserLimit,
         (SELECT COALESCE(SUM(oi.qty), 0) FROM orders o JOIN order_items oi ON oi.order_id = o.id AND oi.deal_id = deals.id
          WHERE o.user_id = ?2 AND o.status_group != 'cancelled') AS bought
       FROM deals WHERE deals.id = ?1 AND deals.status != 'setting_up'`,
    )
    .bind(dealId, userId)
    .first<BoughtOfDeal>();
}

/** How many more units the shopper may buy under the limit; never below nothing. */
export function moreAllowed(b: BoughtOfDeal): number {
  return Math.max(0, b.perUserLimit - b.bought);
}
