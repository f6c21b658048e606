/**
 * How a shopper looks for an old order: by what became of it (the groups of their list, which
 * the `status_group` column computes from the status; see `STATUS_GROUP_SQL`) and by the year
 * they placed it.
 */
export const ORDER_GROUPS = ["in_progress", "delivered", "returns", "cancelled"] as const;

/** One group of the shopper's order list. */
export type OrderGroup = (typeof ORDER_GROUPS)[number];

/** Each group in the shopper's words, in the order the list offers them. */
export const ORDER_GROUP_WORDS: Readonly<Record<OrderGroup, string>> = {
  in_progress: "In progress",
  delivered: "Delivered",
  returns: "Returns & refunds",
  cancelled: "Cancelled",
};

/** The first year an order can be looked for in: the store took none before. */
export const FIRST_ORDER_YEAR = 2020;

// India has one time zone and no daylight saving: its years start at 18:30 UTC the day before.
const IST_OFFSET_MS = 330 * 60_000;

/**
 * The creation times of the orders placed in `year` as a shopper in India counts it, as the
 * half-open range [from, to) of RFC 3339 UTC strings, which compare as the times they name.
 */
export function yearRange(year: number): { from: string; to: string } {
  const start = (y: number) => new Date(Date.UTC(y, 0, 1) - IST_OFFSET_MS).toISOString();
  return { from: start(year), to: start(year + 1) };
}

/** The year in India of an RFC 3339 time. */
export function yearInIndia(iso: string): number {
  return new Date(Date.parse(iso) + IST_OFFSET_MS).getUTCFullYear();
}

/** The years to offer a shopper whose first order was placed at `firstAt`: that year to this one, newest first. */
export function orderYears(firstAt: string | null, now: Date = new Date()): number[] {
  if (!firstAt) return [];
  const last = yearInIndia(now.toISOString());
  const first = Math.max(FIRST_ORDER_YEAR, Math.min(yearInIndia(firstAt), last));
  return Array.from({ length: last - first + 1 }, (_, i) => last - i);
}
