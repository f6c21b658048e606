/**
 * How long after delivery a shopper may ask to return what they bought, by the product's top-level
 * department (the first segment of its category path). Kept in code rather than in the catalog:
 * it is marketplace policy, changed by a release and reviewed like one, not by a seller.
 *
 * The figures follow what Indian marketplaces promise: clothes and shoes are tried on at home and
 * sent back for fit, so fashion gets the longest window; a phone, an appliance or a book is checked
 * on arrival, so a week is enough to find a fault; food and other consumables cannot be resold once
 * they have left the warehouse, so grocery is not returnable at all.
 */
const POLICY: Readonly<Record<string, { days: number | null; goods: string }>> = {
  fashion: { days: 10, goods: "Fashion items" },
  electronics: { days: 7, goods: "Electronics" },
  appliances: { days: 7, goods: "Appliances" },
  "home-kitchen": { days: 7, goods: "Home and kitchen items" },
  "sports-toys": { days: 7, goods: "Sports goods and toys" },
  "office-books": { days: 7, goods: "Books and stationery" },
  grocery: { days: null, goods: "Groceries" },
};

/**
 * The window for a department without a rule (one added since, or a product no longer in the
 * catalog): the marketplace's common week. Goods that must not come back are listed above by name,
 * so a new department is never made unreturnable by forgetting it here.
 */
export const DEFAULT_RETURN_DAYS = 7;

/** The longest window of any department: an order delivered longer ago than this is past every window. */
export const LONGEST_RETURN_DAYS = Math.max(DEFAULT_RETURN_DAYS, ...Object.values(POLICY).map((p) => p.days ?? 0));

/** India Standard Time's offset from UTC; it keeps no daylight saving, so it is one constant. */
const IST_OFFSET_MS = 330 * 60_000;
const DAY_MS = 86_400_000;

/** The department a category belongs to, from its materialized path ("/fashion/footwear/"); null without one. */
export function departmentOf(categoryPath: string | null | undefined): string | null {
  return categoryPath?.split("/").find((s) => s !== "") ?? null;
}

/** Days a product of `department` may be returned after delivery; null when it cannot be returned. */
export function returnDays(department: string | null): number | null {
  const policy = department ? POLICY[department] : undefined;
  return policy ? policy.days : DEFAULT_RETURN_DAYS;
}

/** What shoppers call a department's goods when telling them they cannot be returned ("Groceries"). */
export function goodsOf(department: string | null): string {
  return (department && POLICY[department]?.goods) || "This item";
}

/**
 * The last moment a return may be asked for: the end of the `days`-th day after the day of
 * delivery, in India Standard Time. Shoppers count days on the calendar ("returnable until 11 Dec"),
 * so an order delivered on 1 Dec at 9 pm is still returnable all of 11 Dec with a 10-day window.
 */
export function returnDeadline(deliveredAt: string, days: number): string {
  return new Date(istDayStart(Date.parse(deliveredAt)) + (days + 1) * DAY_MS - 1).toISOString();
}

/** The first moment (epoch ms) of the day in India Standard Time that `epochMs` falls on. */
export function istDayStart(epochMs: number): number {
  return Math.floor((epochMs + IST_OFFSET_MS) / DAY_MS) * DAY_MS - IST_OFFSET_MS;
}

/** One line of an order as far as returning it goes. */
export interface ReturnLine {
  listing_id: string;
  title: string;
  department: string | null;
}

/** A line that cannot be returned, and the words that say why. */
export interface UnreturnableLine {
  listing_id: string;
  title: string;
  why: string;
}

/**
 * Whether an order can be returned now: `open` until `until`; `closed` since `until`;
 * `not_returnable` when no line can ever be returned; `not_delivered` before delivery; `declined`
 * once ops declined its return (`reason` says why), which is final whatever the calendar says. The
 * lines that can never be returned are named in `lines` whatever the state, as they stay behind in
 * any return. A return takes the shortest window of the lines that can be returned.
 */
export type ReturnWindow =
  | { state: "open" | "closed"; until: string; lines: UnreturnableLine[] }
  | { state: "not_returnable"; until: null; lines: UnreturnableLine[] }
  | { state: "not_delivered"; until: null; lines: UnreturnableLine[] }
  | { state: "declined"; until: string | null; lines: UnreturnableLine[]; reason: string };

/**
 * The return window of an order delivered at `deliveredAt` (its first delivery: a declined return
 * puts it back to delivered without starting the window again), as it stands at `now`, given why
 * its return was declined (null when it was not).
 */
export function returnWindow(
  deliveredAt: string | null,
  lines: readonly ReturnLine[],
  now: Date,
  declined: string | null = null,
): ReturnWindow {
  const window = timeWindow(deliveredAt, lines, now);
  // Ops looked at the goods once; asking again would only bring them the same answer.
  if (declined !== null) return { state: "declined", until: window.until, lines: window.lines, reason: declined };
  return window;
}

/** The window as the calendar and the goods alone decide it. */
function timeWindow(deliveredAt: string | null, lines: readonly ReturnLine[], now: Date): Exclude<ReturnWindow, { state: "declined" }> {
  const unreturnable = lines
    .filter((l) => returnDays(l.department) === null)
    .map((l) => ({ listing_id: l.listing_id, title: l.title, why: `${goodsOf(l.department)} can't be returned` }));
  const days = lines.map((l) => returnDays(l.department)).filter((d) => d !== null);
  if (lines.length > 0 && days.length === 0) return { state: "not_returnable", until: null, lines: unreturnable };
  if (!deliveredAt) return { state: "not_delivered", until: null, lines: unreturnable };
  const until = returnDeadline(deliveredAt, days.length ? Math.min(...days) : DEFAULT_RETURN_DAYS);
  return { state: now.getTime() <= Date.parse(until) ? "open" : "closed", until, lines: unreturnable };
}
