import { countSql } from "../platform/count-sql";
import { dueWindow, type HandOverClock, SELLER_DUE, type SellerDue } from "./seller-hand-over";

/**
 * The most either count counts to. A seller reads a hundred late orders as "a lot" whatever the
 * true number, and the console asks on every load: stopped here, a count reads at most a hundred
 * orders' lines of the seller's own index, however far behind a sale day has left them.
 */
export const SELLER_DUE_COUNT_CAP = 100;

export interface SellerDueCounts {
  late: number;
  today: number;
  capped_at: number;
  /** The counts that reached `capped_at`: more orders than that are in that list. */
  capped: SellerDue[];
}

// The due lists' own range of order_items_seller_to_ship_idx (see DUE_PAGE in seller-orders.ts),
// counted by order: a line of each order is enough, and the window is the list's, so a count
// never disagrees with the list its link opens.
const dueOrders = (from: string, before: string) => ({
  from: `(SELECT DISTINCT i.order_id FROM order_items i WHERE i.seller_id = ?1 AND i.ready_to_ship_at >= ${from} AND i.ready_to_ship_at < ${before})`,
  where: "1",
});

/** The statement counting the seller's late orders and those due today, each up to `cap`: exported for its plan's test. */
export function sellerDueCountsStatement(
  sellerId: string,
  clock: HandOverClock,
  cap = SELLER_DUE_COUNT_CAP,
): { sql: string; binds: unknown[] } {
  const late = dueWindow("late", clock);
  const today = dueWindow("today", clock);
  const sql = `SELECT (${countSql(dueOrders("?2", "?3"), cap)}) AS late, (${countSql(dueOrders("?4", "?5"), cap)}) AS today`;
  return { sql, binds: [sellerId, late.from, late.before, today.from, today.before] };
}

/** How many of the seller's orders are late and how many are due today, each exact up to `cap`. */
export async function countSellerDue(
  db: D1Database,
  sellerId: string,
  clock: HandOverClock,
  cap = SELLER_DUE_COUNT_CAP,
): Promise<SellerDueCounts> {
  const { sql, binds } = sellerDueCountsStatement(sellerId, clock, cap);
  const row = await db
    .prepare(sql)
    .bind(...binds)
    .first<Record<SellerDue, number>>();
  const counts = { late: row?.late ?? 0, today: row?.today ?? 0 };
  return {
    late: Math.min(counts.late, cap),
    today: Math.min(counts.today, cap),
    capped_at: cap,
    capped: SELLER_DUE.filter((due) => counts[due] > cap),
  };
}
