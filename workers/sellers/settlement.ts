import { type GstRule, gstRateFor, RESIDUARY_RULE, taxableValue } from "../invoices/gst-rate";
import { type ReturnLine, returnWindow } from "../orders/return-window";
import type { OrderStatus } from "../orders/state-machine";

/**
 * What a seller is paid for what it sold, and from when. The store moves no money to sellers (it has
 * no bank rail), so these rules only work out the statement: what each line earns after the
 * marketplace's fees and the taxes the marketplace must withhold, and the day it becomes payable.
 *
 * Rounding, once for every figure: each component of a line (commission, closing fee, GST on fees,
 * TCS, TDS) is rounded to the paisa on its own, halves up, and the net is what is left of the sale
 * value. Totals are sums of the lines' rounded figures, so a statement's lines add up to its totals.
 */

/**
 * The store's commission rate card, in percent of the sale value (GST included), by category slug.
 * A product pays the rate of the most specific category of its path listed here, so a group may
 * differ from its department (phones sell on thin margins, so they pay less than the rest of
 * electronics). Every top-level department of the catalog has its own line.
 */
export const COMMISSION_RATE_CARD: ReadonlyArray<{ slug: string; percent: number; label: string }> = [
  { slug: "mobiles-tablets", percent: 5, label: "Mobiles & tablets" },
  { slug: "computers", percent: 7, label: "Computers & laptops" },
  { slug: "tv-video", percent: 6, label: "TVs & video" },
  { slug: "electronics", percent: 10, label: "Other electronics (audio, cameras, accessories, gaming)" },
  { slug: "large-appliances", percent: 8, label: "Large appliances" },
  { slug: "appliances", percent: 8, label: "Other appliances" },
  { slug: "fashion", percent: 15, label: "Fashion" },
  { slug: "home-kitchen", percent: 12, label: "Home & kitchen" },
  { slug: "grocery", percent: 5, label: "Grocery" },
  { slug: "sports-toys", percent: 10, label: "Sports, toys & hobbies" },
  { slug: "office-books", percent: 10, label: "Office & stationery" },
];

/** The store's commission on goods of a category not on the rate card (or a product no longer listed). */
export const DEFAULT_COMMISSION_PERCENT = 10;

/**
 * The store's closing fee per unit sold, by the unit's price (GST included) in paise: up to ₹500 pays
 * ₹10, up to ₹1,000 pays ₹20, dearer units ₹40. A slab's limit belongs to it (₹500.00 pays ₹10).
 */
export const CLOSING_FEE_SLABS: ReadonlyArray<{ upTo: number; fee: number }> = [
  { upTo: 50_000, fee: 1_000 },
  { upTo: 100_000, fee: 2_000 },
  { upTo: Number.POSITIVE_INFINITY, fee: 4_000 },
];

/** GST on the marketplace's services to the seller (its commission and closing fee): 18%. */
export const FEES_GST_PERCENT = 18;

/**
 * Tax collected at source by the marketplace under section 52 of the CGST Act, per mille: 0.5% of
 * the taxable value (CGST 0.25% + SGST 0.25% within a state, else IGST 0.5%), the rate since 10 July 2024.
 */
export const TCS_PER_MILLE = 5;

/**
 * Income tax deducted at source under section 194-O of the Income-tax Act, per mille: 0.1% (the rate
 * since 1 October 2024), which the store takes of the line's gross sale value.
 */
export const TDS_PER_MILLE = 1;

/** Days after a line's return window closes until its money is payable to the seller. */
export const SETTLEMENT_DAYS = 7;

/** `parts` per `whole` of `amount` paise, rounded to the paisa, halves up, in integers so no floating point moves a paisa. */
export function shareOf(amount: number, parts: number, whole: number): number {
  return Math.floor((2 * amount * parts + whole) / (2 * whole));
}

/** The commission percent of goods of the category at `categoryPath` ("/electronics/mobiles-tablets/smartphones/"). */
export function commissionPercent(categoryPath: string | null | undefined): number {
  const slugs = (categoryPath ?? "").split("/").filter((s) => s !== "");
  for (const slug of slugs.reverse()) {
    const rate = COMMISSION_RATE_CARD.find((r) => r.slug === slug);
    if (rate) return rate.percent;
  }
  return DEFAULT_COMMISSION_PERCENT;
}

/** The closing fee on one unit sold for `unitPrice` paise. */
export function closingFeePerUnit(unitPrice: number): number {
  return (CLOSING_FEE_SLABS.find((s) => unitPrice <= s.upTo) ?? { fee: 0 }).fee;
}

/** Orders the shopper never had the goods of (cancelled before shipping, or never paid): nothing is kept. */
export const NEVER_KEPT_STATUSES: readonly OrderStatus[] = ["cancelled", "payment_failed"];

/**
 * Refunded orders, with their goods back or on the way. Ops refunding an order on their own, and a
 * cancelled order's refund, give all the money back; a refund that accepted a shopper's return gives
 * back only the units the return asked for (`returnRefund`), and the rest stay sold.
 */
export const REFUNDED_STATUSES: readonly OrderStatus[] = ["refunded", "return_received"];

/** What decides how many of a line's units the shopper kept. */
export interface KeptFacts {
  status: OrderStatus;
  /** Whether the order was refunded by accepting the shopper's return (its refund came from `return_requested`). */
  returnAccepted: boolean;
  /**
   * Whether any line of the order is stamped as asked back. An accepted return with none stamped was
   * asked for before returns were per line, and so took the whole order, as `readReturnedLines` reads it.
   */
  linesAskedBack: boolean;
}

/**
 * The units of a line the seller is paid for: what the shopper kept. A refund that accepted a return
 * keeps the units the return did not ask back (`askedBack` null: the line was not asked back, so all
 * of it); any other refund, a cancellation or a failed payment keeps nothing. While a return is only
 * asked for, every unit still counts as kept: ops may decline it (see `unitsOnHold`), and a declined
 * return's stamps on the lines are never read as a return.
 */
export function unitsKept(line: { qty: number; askedBack: number | null }, order: KeptFacts): number {
  if (NEVER_KEPT_STATUSES.includes(order.status)) return 0;
  if (!REFUNDED_STATUSES.includes(order.status)) return line.qty;
  if (!order.returnAccepted || !order.linesAskedBack) return 0;
  return line.qty - Math.min(line.askedBack ?? 0, line.qty);
}

/**
 * The units of a line a return waiting for ops' decision asks back: the seller is paid for them if
 * ops decline it, and not if they accept it, so they are held. Zero on any order not waiting on a return.
 */
export function unitsOnHold(line: { qty: number; askedBack: number | null }, order: KeptFacts): number {
  if (order.status !== "return_requested") return 0;
  return order.linesAskedBack ? Math.min(line.askedBack ?? 0, line.qty) : line.qty;
}

/** One line's money, in paise. */
export interface LineFigures {
  sale_value: number;
  commission_percent: number;
  commission: number;
  closing_fee: number;
  fees_gst: number;
  tcs: number;
  tds: number;
  net: number;
}

/** What the seller's tax documents say of one line, as TCS is reckoned on them. */
export interface LineDocuments {
  /** The line on the seller's tax invoice: units, taxable value and GST rate; null before it shipped. */
  invoiced: { qty: number; taxable: number; rate: number } | null;
  /** What the invoice's credit note cancelled of the line; null when none was issued or it cancelled none of this line. */
  credited: { qty: number; taxable: number } | null;
}

/**
 * The taxable value of the `units` kept of a line sold at `unitPrice`, as the seller's documents
 * state it: the invoice line's less what its credit note cancelled of it, which is the net supply
 * the seller reports, to the paisa. A credit note owed but not issued yet (the seller's series ran
 * out when the money moved) will cancel the units asked back taxed afresh at the invoice line's rate
 * (`creditLines`), so that same split is taken off the invoice's figure. Null when the documents do
 * not state these units (nothing invoiced yet, or figures for other units).
 */
export function keptTaxable(units: number, unitPrice: number, docs: LineDocuments): number | null {
  const { invoiced, credited } = docs;
  if (!invoiced) return null;
  if (credited) return invoiced.qty - credited.qty === units ? invoiced.taxable - credited.taxable : null;
  if (units === invoiced.qty) return invoiced.taxable;
  if (units > invoiced.qty) return null;
  return invoiced.taxable - taxableValue(unitPrice * (invoiced.qty - units), invoiced.rate);
}

/**
 * What `units` units sold at `unitPrice` paise each (GST included) earn the seller. TCS is on the
 * taxable value the seller's tax invoice, less its credit note, shows for those units (`documents`,
 * see `keptTaxable`), else on the split of their sale value the invoices use: the category's GST rate.
 */
export function lineFigures(input: {
  unitPrice: number;
  units: number;
  categoryPath: string | null;
  gstRule: GstRule | null;
  documents?: LineDocuments;
}): LineFigures {
  const { unitPrice, units } = input;
  const sale_value = unitPrice * units;
  const commission_percent = commissionPercent(input.categoryPath);
  if (units === 0) return { sale_value, commission_percent, commission: 0, closing_fee: 0, fees_gst: 0, tcs: 0, tds: 0, net: 0 };
  const commission = shareOf(sale_value, commission_percent, 100);
  const closing_fee = closingFeePerUnit(unitPrice) * units;
  const fees_gst = shareOf(commission + closing_fee, FEES_GST_PERCENT, 100);
  const taxable =
    (input.documents && keptTaxable(units, unitPrice, input.documents)) ??
    taxableValue(sale_value, gstRateFor(input.gstRule ?? RESIDUARY_RULE, unitPrice));
  const tcs = shareOf(taxable, TCS_PER_MILLE, 1000);
  const tds = shareOf(sale_value, TDS_PER_MILLE, 1000);
  return {
    sale_value,
    commission_percent,
    commission,
    closing_fee,
    fees_gst,
    tcs,
    tds,
    net: sale_value - commission - closing_fee - fees_gst - tcs - tds,
  };
}

/** Where a line's money stands: waiting on delivery or the return window, payable, or not owed at all. */
export const PAYOUT_STATES = ["pending", "payable", "no_payout"] as const;
export type PayoutState = (typeof PAYOUT_STATES)[number];

/** Each state as a seller reads it, in the statement's filter and its file. */
export const PAYOUT_STATE_WORDS: Readonly<Record<PayoutState, string>> = {
  pending: "Pending",
  payable: "Payable",
  no_payout: "No payout",
};

/** India Standard Time's offset from UTC; it keeps no daylight saving. */
const IST_OFFSET_MS = 330 * 60_000;
const DAY_MS = 86_400_000;

/** The calendar day (IST, "YYYY-MM-DD") money is payable on for a window that closed at `closedAt`. */
export function settlementDate(closedAt: string): string {
  return new Date(Date.parse(closedAt) + IST_OFFSET_MS + SETTLEMENT_DAYS * DAY_MS).toISOString().slice(0, 10);
}

/** What decides when an order's lines are paid for. */
export interface OrderSettlementFacts {
  status: OrderStatus;
  /** The order's first delivery; null before it. */
  deliveredAt: string | null;
  /** Whether ops declined a return of it, which is final. */
  declined: boolean;
  /** All the order's lines (every seller's): a return takes the whole order, in its shortest window. */
  lines: readonly ReturnLine[];
}

/**
 * Where a line of the seller's stands at `now`, and the day it is (or, while its window is open,
 * will be) payable. A line is pending until its order is delivered and its return window has closed
 * (an order that cannot be returned closes at delivery); then payable `SETTLEMENT_DAYS` after the
 * close. A line with no units kept pays nothing. A return asked for holds every line of the order
 * pending, with no date, until ops decide. A refunded order's line keeps units only when the refund
 * accepted a return of part of the order (`unitsKept`): those units were delivered and stay sold, so
 * they settle on the same window as if the order were still delivered.
 */
export function payoutOf(kept: number, order: OrderSettlementFacts, now: Date): { state: PayoutState; settles_on: string | null } {
  if (kept === 0) return { state: "no_payout", settles_on: null };
  const settling = order.status === "delivered" || REFUNDED_STATUSES.includes(order.status);
  if (!settling || !order.deliveredAt) return { state: "pending", settles_on: null };
  const window = returnWindow(order.deliveredAt, order.lines, now, order.declined ? "" : null);
  const closesAt = window.until ?? order.deliveredAt;
  const closed = window.state === "not_returnable" || now.getTime() > Date.parse(closesAt);
  return { state: closed ? "payable" : "pending", settles_on: settlementDate(closesAt) };
}

/** A sum of lines. */
export interface Totals {
  lines: number;
  sale_value: number;
  net: number;
}

/** What a statement's lines come to: per state, and the payable money per settlement day, soonest first. */
export interface StatementSummary {
  pending: Totals;
  payable: Totals;
  no_payout: { lines: number };
  settlements: Array<Totals & { date: string }>;
}

/** Sums statement lines by state and by settlement day. */
export function summarize(
  lines: ReadonlyArray<{ state: PayoutState; sale_value: number; net: number; settles_on: string | null }>,
): StatementSummary {
  const zero = (): Totals => ({ lines: 0, sale_value: 0, net: 0 });
  const add = (t: Totals, l: { sale_value: number; net: number }) => {
    t.lines += 1;
    t.sale_value += l.sale_value;
    t.net += l.net;
  };
  const summary: StatementSummary = { pending: zero(), payable: zero(), no_payout: { lines: 0 }, settlements: [] };
  const byDate = new Map<string, Totals & { date: string }>();
  for (const l of lines) {
    if (l.state === "no_payout") {
      summary.no_payout.lines += 1;
      continue;
    }
    add(summary[l.state], l);
    if (l.state === "payable" && l.settles_on) {
      const day = byDate.get(l.settles_on) ?? { date: l.settles_on, ...zero() };
      byDate.set(l.settles_on, day);
      add(day, l);
    }
  }
  summary.settlements = [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
  return summary;
}

/** The nearest rule among `rules` (GST by category path) of the category at `path` or an ancestor; null without one. */
export function gstRuleOf(path: string | null, rules: ReadonlyMap<string, GstRule>): GstRule | null {
  if (!path) return null;
  for (const prefix of pathPrefixes(path).reverse()) {
    const rule = rules.get(prefix);
    if (rule) return rule;
  }
  return null;
}

/** A category path and its ancestors' ("/a/b/" → ["/a/", "/a/b/"]), the top first. */
export function pathPrefixes(path: string): string[] {
  const slugs = path.split("/").filter((s) => s !== "");
  return slugs.map((_, i) => `/${slugs.slice(0, i + 1).join("/")}/`);
}
