import type { CartLine } from "../../durable-objects/cart";
import type { SavedItem } from "../../durable-objects/cart-saved";
import { AppError } from "../platform/errors";
import { type Availability, type ListingQuote, quoteListings } from "./pricing";

/**
 * What changed on a line since it was added. `qty_exceeds_stock`: more than one order can buy now;
 * `qty_exceeds_limit`: more than the line's deal lets the shopper buy (its `per_user_limit`, less
 * what their orders already have of it).
 */
export type LineChange = "price_up" | "price_down" | "sold_out" | "unavailable" | "qty_exceeds_stock" | "qty_exceeds_limit";

/** One cart line as the API and the pages show it: the shopper's intent joined with today's price. */
export interface CartItemView {
  listing_id: string;
  product_id: string | null;
  title: string | null;
  /** Who sells the line, which tells two sellers' lines of one product apart. */
  seller_name: string | null;
  /** The product's picture, so a line is recognised at a glance; null when it has none. */
  image: string | null;
  qty: number;
  price: number | null;
  price_when_added: number;
  mrp: number | null;
  line_total: number;
  /** Units of the line the totals count: what can be bought now, so 0 for a sold-out or withdrawn line. */
  counted_qty: number;
  availability: Availability;
  /** Most units of this line one order can buy now, when that is fewer than the cart holds. */
  max_qty: number | null;
  deal_id: string | null;
  /** The deal's limit per shopper, and how many of it the shopper's orders have; null without a deal. */
  deal_limit: { per_shopper: number; ordered: number } | null;
  changes: LineChange[];
}

/** One item saved for later, priced like a cart line but counted in nothing. */
export interface SavedItemView {
  listing_id: string;
  product_id: string | null;
  title: string | null;
  seller_name: string | null;
  image: string | null;
  /** The quantity the line had, which Move to cart brings back. */
  qty: number;
  price: number | null;
  mrp: number | null;
  availability: Availability;
  deal_id: string | null;
  saved_at: string;
}

/** The cart's units its totals leave out, by why: sold out, withdrawn, or beyond what can be bought now. */
export interface NotIncluded {
  items: number;
  sold_out: number;
  unavailable: number;
  qty_exceeds_stock: number;
  qty_exceeds_limit: number;
}

/**
 * The whole cart with totals; `changed` is true when any line differs from what the shopper saw.
 * The totals are what the shopper would pay now, and `not_included` says what they leave out.
 * `saved` lists what the shopper saved for later, outside the totals and checkout.
 */
export interface CartView {
  items: CartItemView[];
  totals: {
    subtotal: number;
    mrp: number;
    savings: number;
    total: number;
    items: number;
    not_included: NotIncluded;
    currency: "INR";
  };
  changed: boolean;
  saved: SavedItemView[];
}

/** The Durable Object name for a shopper's cart: the account for signed-in shoppers, else the signed guest id. */
export function cartOwner(user: { id: string } | null, guestId: string | null): string {
  if (user) return `user:${user.id}`;
  if (!guestId) throw new Error("a cart needs a user or a guest id");
  return `guest:${guestId}`;
}

/** The shopper's cart object (every device of the shopper reaches the same one). */
export function cartStub(env: Env, owner: string) {
  return env.CART.getByName(owner);
}

/** Compares a line with its current quote. */
export function lineChanges(line: CartLine, quote: ListingQuote | undefined): LineChange[] {
  if (!quote || quote.availability === "unavailable") return ["unavailable"];
  const changes: LineChange[] = [];
  if (quote.price > line.seenPrice) changes.push("price_up");
  if (quote.price < line.seenPrice) changes.push("price_down");
  if (quote.availability === "sold_out") changes.push("sold_out");
  else if (quote.maxQty !== null && quote.maxQty < line.qty) changes.push(quote.dealId ? "qty_exceeds_limit" : "qty_exceeds_stock");
  return changes;
}

/** How many of a line can be bought, when fewer than the cart holds; null when the whole line can. */
export function maxQtyShort(line: CartLine, quote: ListingQuote | undefined): number | null {
  return quote?.maxQty != null && quote.maxQty < line.qty ? quote.maxQty : null;
}

/**
 * How many units of a line can be bought now: none of a sold-out or withdrawn line, at most what
 * one order can take (stock, or what a deal's limit leaves the shopper).
 */
export function countedQty(line: CartLine, quote: ListingQuote | undefined): number {
  if (!quote || quote.availability === "unavailable" || quote.availability === "sold_out") return 0;
  return Math.min(line.qty, maxQtyShort(line, quote) ?? line.qty);
}

/** Adds up the units the totals leave out, each under the reason its line gives. */
function notIncluded(items: CartItemView[]): NotIncluded {
  const out: NotIncluded = { items: 0, sold_out: 0, unavailable: 0, qty_exceeds_stock: 0, qty_exceeds_limit: 0 };
  for (const i of items) {
    const left = i.qty - i.counted_qty;
    if (left <= 0) continue;
    out.items += left;
    if (i.availability === "unavailable") out.unavailable += left;
    else if (i.availability === "sold_out") out.sold_out += left;
    else if (i.changes.includes("qty_exceeds_limit")) out.qty_exceeds_limit += left;
    else out.qty_exceeds_stock += left;
  }
  return out;
}

/** What a listing's quote says of it, as a cart line and a saved item both show it. */
function quoted(q: ListingQuote | undefined) {
  return {
    product_id: q?.productId ?? null,
    title: q?.title ?? null,
    seller_name: q?.sellerName ?? null,
    image: q?.image ?? null,
    price: q?.price ?? null,
    mrp: q?.mrp ?? null,
    availability: q?.availability ?? ("unavailable" as const),
    deal_id: q?.dealId ?? null,
  };
}

/** Joins saved items with their quotes: today's price and availability, as the cart lines show them. */
export function viewSaved(saved: SavedItem[], quotes: Map<string, ListingQuote>): SavedItemView[] {
  return saved.map((item) => ({
    listing_id: item.listingId,
    ...quoted(quotes.get(item.listingId)),
    qty: item.qty,
    saved_at: item.savedAt,
  }));
}

/** Joins cart lines and saved items with quotes into the view the API returns. */
export function viewCart(lines: CartLine[], quotes: Map<string, ListingQuote>, saved: SavedItem[] = []): CartView {
  const items = lines.map((line): CartItemView => {
    const q = quotes.get(line.listingId);
    return {
      listing_id: line.listingId,
      ...quoted(q),
      qty: line.qty,
      price_when_added: line.seenPrice,
      line_total: (q?.price ?? 0) * line.qty,
      counted_qty: countedQty(line, q),
      max_qty: maxQtyShort(line, q),
      deal_limit: q?.dealId && q.dealLimit !== null ? { per_shopper: q.dealLimit, ordered: q.dealOrdered } : null,
      changes: lineChanges(line, q),
    };
  });
  // Only what can be bought now is counted: the total is what placing the order would cost.
  const subtotal = items.reduce((s, i) => s + (i.price ?? 0) * i.counted_qty, 0);
  const mrp = items.reduce((s, i) => s + (i.mrp ?? 0) * i.counted_qty, 0);
  return {
    items,
    totals: {
      subtotal,
      mrp,
      savings: Math.max(0, mrp - subtotal),
      total: subtotal,
      items: items.reduce((s, i) => s + i.counted_qty, 0),
      not_included: notIncluded(items),
      currency: "INR",
    },
    changed: items.some((i) => i.changes.length > 0),
    saved: viewSaved(saved, quotes),
  };
}

/** Reads a shopper's cart with current prices and availability; for the cart API and the cart page. */
export async function readCart(env: Env, owner: string): Promise<CartView> {
  const { lines, saved } = await cartStub(env, owner).contents();
  // One quote for lines and saved items alike: the saved list costs no second read.
  const ids = [...lines.map((l) => l.listingId), ...saved.map((s) => s.listingId)];
  // A signed-in shopper's deal lines are measured against what their orders already hold of the deal.
  const account = owner.startsWith("user:") ? owner.slice("user:".length) : null;
  return viewCart(lines, await quoteListings(env.DB, ids, account), saved);
}

/**
 * Sets how many of a listing the cart holds (0 removes). The current price is remembered as the
 * one the shopper saw, so checkout can tell them if it moves. Unknown or inactive listings are 404.
 */
export async function setCartQty(env: Env, owner: string, listingId: string, qty: number): Promise<CartView> {
  const stub = cartStub(env, owner);
  if (qty === 0) {
    await stub.setQty(listingId, 0, 0);
  } else {
    const quote = (await quoteListings(env.DB, [listingId])).get(listingId);
    if (!quote || quote.availability === "unavailable") throw new AppError("not_found", "No such listing on sale.");
    if (!(await stub.setQty(listingId, qty, quote.price))) {
      throw new AppError("conflict", "Your cart is full; remove something first.");
    }
  }
  return readCart(env, owner);
}

/**
 * Moves a guest's cart, lines and saved items, into the account's cart at sign-in. Only what the
 * account's cart took leaves the guest cart; what did not fit (a full cart or saved list) stays
 * there for the next sign-in, and the numbers of lines and saved items left are returned so the
 * shopper can be told. Safe to call twice, and to retry after a crash between the steps: nothing
 * is added twice.
 */
export async function mergeGuestCart(env: Env, guestId: string, userId: string): Promise<GuestCartLeft> {
  const guest = cartStub(env, `guest:${guestId}`);
  const { lines, saved } = await guest.contents();
  if (lines.length === 0 && saved.length === 0) return { unmerged: 0, capped: 0, savedUnmerged: 0 };
  const result = await cartStub(env, `user:${userId}`).absorb(`guest:${guestId}`, lines, saved);
  if (result.merged.length > 0) await guest.removeLines(result.merged);
  if (result.savedMerged.length > 0) await guest.removeSaved(result.savedMerged);
  return { unmerged: result.unmerged.length, capped: result.capped.length, savedUnmerged: result.savedUnmerged.length };
}

/** What a sign-in's merge left in the guest cart (its lines and saved items), and the lines it cut to the per-line cap. */
export interface GuestCartLeft {
  unmerged: number;
  capped: number;
  savedUnmerged: number;
}
