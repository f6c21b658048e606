import { loadCourierCalendar } from "../delivery/courier-calendar";
import { handedOverFrom, istDate } from "../delivery/estimate";
import type { CourierCalendar } from "../delivery/holidays";
import { encodeOrderCursor } from "./cursor";
import { ON_ITS_WAY } from "./delivery-promise";
import { OPS_SUMMARY, type OpsOrderSummary, type OpsSummaryRow, type OrderPage, type PageRequest, opsSummaries } from "./queries";

/** The cursor scope of the ops list of late orders. */
export const LATE_SCOPE = "ops:late";

/** Orders read per status per step of the scan. */
const STEP = 200;

/**
 * At most this many orders placed early enough to be late are read for one page. A day the
 * couriers closed may leave many orders near their due day without being past it; a page then ends
 * early, with a cursor to look further, rather than reading the whole backlog in one request.
 */
export const LATE_SCAN_LIMIT = 2_000;

const DAY_MS = 86_400_000;

/**
 * The moment before which an order must have been placed to be late today. Its due day is at
 * least a day after the day it is dispatched, and it is dispatched no earlier than it was placed
 * (`handedOverFrom`: orders ready before this moment leave before yesterday), so an order placed
 * at or after it is due today or later. The rest are only candidates: the due day decides.
 */
export function lateCandidatesBefore(now: Date, calendar: CourierCalendar): Date {
  const yesterday = new Date(Date.parse(`${istDate(now)}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
  return handedOverFrom(yesterday, calendar);
}

/** Whether an order of the ops lists is past the day it is due by, today in India. */
const isLate = (o: OpsOrderSummary, now: Date) => o.delivery_by !== null && o.delivery_by < istDate(now);

// One status's candidates, in the order the status index holds them, past the scan's position.
// One statement over `status IN (...)` ordered by (created_at, id) would have SQLite read every
// status's whole range and sort it before its LIMIT; four bounded reads merged here read at most
// four steps' rows, however long the backlog.
const STEP_SQL = `${OPS_SUMMARY} WHERE o.status = ?1 AND o.created_at < ?2 AND (o.created_at, o.id) > (?3, ?4)
  ORDER BY o.created_at, o.id LIMIT ?5`;

/**
 * A page of the orders on their way whose due day has passed, oldest placed first: the parcels a
 * shopper is waiting on past the day they were promised. The due day comes from the courier
 * calendar, so it is worked out here rather than in SQL: each status's orders placed early enough
 * to be late are read in steps along its index and merged, and the late ones kept. A page holds
 * fewer than `limit` orders, even none, with a `next_cursor`, when `LATE_SCAN_LIMIT` orders were read
 * first; without a cursor, every late order has been listed.
 */
export async function listLateOrders(
  db: D1Database,
  page: PageRequest,
  { now = new Date(), scanLimit = LATE_SCAN_LIMIT }: { now?: Date; scanLimit?: number } = {},
): Promise<OrderPage<OpsOrderSummary>> {
  const calendar = (await loadCourierCalendar(db)).holidays;
  const before = lateCandidatesBefore(now, calendar).toISOString();
  const statuses = [...ON_ITS_WAY];
  let at = page.cursor ? { created_at: page.cursor.at, id: page.cursor.id } : { created_at: "", id: "" };
  const late: OpsOrderSummary[] = [];
  let scanned = 0;
  for (;;) {
    const step = Math.min(STEP, scanLimit - scanned);
    const read = await db.batch<OpsSummaryRow>(statuses.map((s) => db.prepare(STEP_SQL).bind(s, before, at.created_at, at.id, step)));
    // Each status's rows are in order, so the first `step` of their merge are the next `step` overall.
    const merged = read
      .flatMap((r) => r.results)
      .sort((a, b) => (a.created_at === b.created_at ? (a.id < b.id ? -1 : 1) : a.created_at < b.created_at ? -1 : 1))
      .slice(0, step);
    for (const row of opsSummaries(merged, calendar)) {
      scanned++;
      at = row;
      if (!isLate(row, now)) continue;
      late.push(row);
      if (late.length > page.limit) {
        const items = late.slice(0, page.limit);
        return { items, next_cursor: encodeOrderCursor(LATE_SCOPE, items[items.length - 1] as OpsOrderSummary) };
      }
    }
    // A short step read every candidate left.
    if (merged.length < step) return { items: late, next_cursor: null };
    if (scanned >= scanLimit) return { items: late, next_cursor: encodeOrderCursor(LATE_SCOPE, at) };
  }
}
