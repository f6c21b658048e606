/** How much of a deal one shopper has bought, against the deal's limit per shopper. */
export interface BoughtOfDeal {
  perUserLimit: number;
  bought: number;
}

/**
 * SQL: whether the order `o` counts against a deal's limit per shopper, which is whether it was
 * never cancelled nor failed. Asked of its transitions, not its status: a cancelled order moves on
 * to refunded, which its status alone does not tell from a return's refund. A delivered order
 * counts, and so does a returned one: the deal sold the shopper the unit, and a return sends it
 * to the seller's own stock, never back into the deal, so buying again after a return would take
 * a second unit of the deal's price. The gate counts alike: only a cancel releases its sale.
 */
export const COUNTS_TOWARDS_LIMIT = `NOT EXISTS (SELECT 1 FROM order_transitions t
  WHERE t.order_id = o.id AND t.to_status IN ('cancelled', 'payment_failed'))`;

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
          WHERE o.user_id = ?2 AND ${COUNTS_TOWARDS_LIMIT}) AS bought
       FROM deals WHERE deals.id = ?1 AND deals.status != 'setting_up'`,
    )
    .bind(dealId, userId)
    .first<BoughtOfDeal>();
}

/** How many more units the shopper may buy under the limit; never below nothing. */
export function moreAllowed(b: BoughtOfDeal): number {
  return Math.max(0, b.perUserLimit - b.bought);
}
