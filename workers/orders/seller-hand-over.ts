import { handedOverFrom, istDate, nextDate } from "../delivery/estimate";
import type { CourierCalendar } from "../delivery/holidays";
import { packByDate } from "../sellers/order-notifications";
import { TO_SHIP_STATUSES } from "./ready-to-ship";
import type { OrderStatus } from "./state-machine";

/** The days a seller's list can be narrowed to: orders past the day they were due, or due today. */
export const SELLER_DUE = ["late", "today"] as const;

export type SellerDue = (typeof SELLER_DUE)[number];

/** What a hand-over day is counted with: the courier calendar, and the moment the list is read. */
export interface HandOverClock {
  calendar: CourierCalendar;
  now: Date;
}

const TO_HAND_OVER: ReadonlySet<OrderStatus> = new Set(TO_SHIP_STATUSES);

/**
 * When an order must leave its seller: the day the new-order message named (`packByDate` of when it
 * was placed and confirmed, today's calendar), and whether today in India is past it. An order
 * already shipped, cancelled or beyond has no such day.
 */
export function handOver(
  status: OrderStatus,
  placedAt: string,
  confirmedAt: string | null,
  clock: HandOverClock,
): { hand_over_by: string | null; late: boolean } {
  if (!TO_HAND_OVER.has(status) || confirmedAt === null) return { hand_over_by: null, late: false };
  const by = packByDate(placedAt, confirmedAt, clock.calendar);
  return { hand_over_by: by, late: istDate(clock.now) > by };
}

/**
 * The stored times (ISO, UTC) between which an order ready to pack (the later of its placing and its
 * confirmation) is `due`: `packByDate` is the dispatch day of that moment, and dispatch days only
 * move forward with time, so "due before today" is "ready before the cut-off of the last dispatch
 * day before today". The list then filters in SQL, and no order placed early but confirmed late
 * (a payment reconciled days after) hides a later-placed late order behind it.
 */
export function dueWindow(due: SellerDue, clock: HandOverClock): { from: string; before: string } {
  const today = istDate(clock.now);
  const from = (day: string) => handedOverFrom(day, clock.calendar).toISOString();
  return due === "late" ? { from: "", before: from(today) } : { from: from(today), before: from(nextDate(today)) };
}
