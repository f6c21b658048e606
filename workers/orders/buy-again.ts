import { MAX_QTY_PER_LINE } from "../../durable-objects/cart";
import { cartOwner, cartStub } from "../cart/cart-service";
import { type ListingQuote, quoteListings } from "../cart/pricing";
import { AppError } from "../platform/errors";
import type { OrderView } from "./queries";
import type { OrderStatus } from "./state-machine";

/**
 * Orders a shopper can buy again: the ones that reached them (returned or refunded ones too), and
 * ones whose payment failed, whose lines left the cart when the order was placed and would
 * otherwise have to be found again one by one.
 */
export const BUY_AGAIN_STATUSES: readonly OrderStatus[] = [
  "delivered",
  "return_requested",
  "refunded",
  "return_received",
  "payment_failed",
];

/** Why a line of the order did not go back into the cart. */
export const BUY_AGAIN_SKIPS = ["not_sold", "sold_out", "product_gone", "cart_full"] as const;
export type BuyAgainSkipWhy = (typeof BUY_AGAIN_SKIPS)[number];

/** Why fewer units than ordered went in: the cart's own limit per line, or the stock one order can buy now. */
export const BUY_AGAIN_CAPS = ["cart_limit", "stock"] as const;
export type BuyAgainCap = (typeof BUY_AGAIN_CAPS)[number];

/** A line of the order as it is in the cart now. */
export interface BuyAgainAdded {
  listing_id: string;
  title: string;
  qty: number;
  ordered_qty: number;
  price: number;
  price_then: number;
  capped: BuyAgainCap | null;
  deal_price_ended: boolean;
}

/** A line of the order that is not in the cart, and why. */
export interface BuyAgainSkipped {
  listing_id: string;
  title: string;
  why: BuyAgainSkipWhy;
}

/** What buying an order again did, line by line. */
export interface BuyAgainOutcome {
  order_id: string;
  ordered_at: string;
  added: BuyAgainAdded[];
  skipped: BuyAgainSkipped[];
}

type OrderLine = Pick<OrderView["items"][number], "listing_id" | "product_id" | "title" | "qty" | "unit_price" | "deal_id">;

/** A line the cart should hold at least `qty` of, at today's price. */
export interface Wanted {
  line: OrderLine;
  quote: ListingQuote;
  qty: number;
  capped: BuyAgainCap | null;
}

/**
 * Decides, from today's quotes, what each line of an order becomes: wanted at today's price in
 * as many units as were ordered, at most what a cart line holds and what one order can buy now,
 * or skipped with why. `productsLeft` names which of the unquoted lines' products still exist,
 * to tell a product gone from a listing no longer sold.
 */
export function planBuyAgain(
  lines: OrderLine[],
  quotes: Map<string, ListingQuote>,
  productsLeft: Set<string>,
): { wanted: Wanted[]; skipped: BuyAgainSkipped[] } {
  const wanted: Wanted[] = [];
  const skipped: BuyAgainSkipped[] = [];
  for (const line of lines) {
    const quote = quotes.get(line.listing_id);
    const skip = (why: BuyAgainSkipWhy) => skipped.push({ listing_id: line.listing_id, title: line.title, why });
    if (!quote) skip(productsLeft.has(line.product_id) ? "not_sold" : "product_gone");
    else if (quote.availability === "unavailable") skip("not_sold");
    else if (quote.availability === "sold_out") skip("sold_out");
    else {
      const qty = Math.min(line.qty, MAX_QTY_PER_LINE, quote.maxQty ?? line.qty);
      const capped = qty >= line.qty ? null : qty === MAX_QTY_PER_LINE ? "cart_limit" : "stock";
      wanted.push({ line, quote, qty, capped });
    }
  }
  return { wanted, skipped };
}

/** Which of these products are still in the catalog. */
async function productsStillListed(db: D1Database, productIds: string[]): Promise<Set<string>> {
  if (productIds.length === 0) return new Set();
  const marks = productIds.map((_, i) => `?${i + 1}`).join(", ");
  const { results } = await db
    .prepare(`SELECT id FROM products WHERE id IN (${marks})`)
    .bind(...productIds)
    .all<{ id: string }>();
  return new Set(results.map((r) => r.id));
}

/**
 * Puts an order's lines back into its shopper's cart at today's price and availability. The cart
 * stays intent only (nothing is held; checkout re-reads both). Each line is raised to at least the
 * units ordered, never added on top, so a second press (a double click) changes nothing. A line
 * bought at a deal's price comes back at today's price, and says so.
 */
export async function buyAgain(env: Env, userId: string, order: OrderView): Promise<BuyAgainOutcome> {
  if (!BUY_AGAIN_STATUSES.includes(order.status as OrderStatus)) {
    throw new AppError("conflict", "An order can be bought again once it has been delivered, or after its payment failed.", {
      extensions: { current_status: order.status },
    });
  }
  const quotes = await quoteListings(
    env.DB,
    order.items.map((l) => l.listing_id),
  );
  const unquoted = order.items.filter((l) => !quotes.has(l.listing_id)).map((l) => l.product_id);
  const { wanted, skipped } = planBuyAgain(order.items, quotes, await productsStillListed(env.DB, unquoted));
  const held =
    wanted.length > 0
      ? await cartStub(env, cartOwner({ id: userId }, null)).raiseTo(
          wanted.map((w) => ({ listingId: w.line.listing_id, qty: w.qty, seenPrice: w.quote.price })),
        )
      : [];
  const added: BuyAgainAdded[] = [];
  wanted.forEach((w, i) => {
    const qty = held[i];
    if (qty === null || qty === undefined) {
      skipped.push({ listing_id: w.line.listing_id, title: w.line.title, why: "cart_full" });
      return;
    }
    added.push({
      listing_id: w.line.listing_id,
      title: w.quote.title,
      qty,
      ordered_qty: w.line.qty,
      price: w.quote.price,
      price_then: w.line.unit_price,
      capped: w.capped,
      deal_price_ended: w.line.deal_id !== null && w.quote.dealId !== w.line.deal_id,
    });
  });
  return { order_id: order.id, ordered_at: order.created_at, added, skipped };
}
