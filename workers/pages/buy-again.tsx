import { MAX_LINES, MAX_QTY_PER_LINE } from "../../durable-objects/cart";
import type { BuyAgainOutcome, BuyAgainSkipWhy } from "../orders/buy-again";
import { BUY_AGAIN_CAPS, BUY_AGAIN_SKIPS, BUY_AGAIN_STATUSES } from "../orders/buy-again";
import { day } from "./format";
import { CsrfField } from "./layout";
import type { Order } from "./types";

/**
 * The statuses an order can be bought again in from its own button, as the order page's stage
 * panels name them. An order whose payment failed offers it inside the panel saying so instead.
 */
export const BUY_AGAIN_STAGE = BUY_AGAIN_STATUSES.filter((s) => s !== "payment_failed").join(" ");

/** What the button says: an order that never went through is tried again, not bought again. */
export function buyAgainLabel(status: string): string {
  return status === "payment_failed" ? "Put these items back in my cart" : "Buy again";
}

/** "Buy again": a plain form, so it works without scripts; the page answers with the cart and what went in. */
export function BuyAgainForm(props: { orderId: string; csrf: string | null; stage?: Record<string, unknown>; label?: string }) {
  return (
    <form method="post" action={`/orders/${encodeURIComponent(props.orderId)}/buy-again`} class="buy-again" {...props.stage}>
      <CsrfField token={props.csrf} />
      <button type="submit">{props.label ?? "Buy again"}</button>
    </form>
  );
}

/** True when an order in this status can be bought again. */
export function canBuyAgain(status: string): boolean {
  return (BUY_AGAIN_STATUSES as readonly string[]).includes(status);
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Where the cart is after buying an order again: `/cart` with what happened, as codes only (the
 * order, each line's listing and quantity, why one was capped or skipped). The cart page words it
 * from the shopper's own order, so a link made up elsewhere cannot put other words on the page.
 */
export function buyAgainLanding(outcome: BuyAgainOutcome): string {
  const qs = new URLSearchParams({ again: outcome.order_id });
  const list = (entries: string[]) => entries.join(",");
  qs.set("added", list(outcome.added.map((a) => `${a.listing_id}.${a.qty}`)));
  const capped = outcome.added.filter((a) => a.capped).map((a) => `${a.listing_id}.${a.capped}`);
  if (capped.length) qs.set("capped", list(capped));
  const deals = outcome.added.filter((a) => a.deal_price_ended).map((a) => a.listing_id);
  if (deals.length) qs.set("deal_ended", list(deals));
  if (outcome.skipped.length) qs.set("skipped", list(outcome.skipped.map((s) => `${s.listing_id}.${s.why}`)));
  return `/cart?${qs.toString()}`;
}

/** The order a landing's `again` names, when it names one. */
export function buyAgainOrderId(query: (name: string) => string | undefined): string | null {
  const id = query("again");
  return id && /^ord_[A-Za-z0-9_-]{1,64}$/.test(id) ? id : null;
}

/** `listing.value` pairs of a landing's parameter, dropping any that is not one. */
function pairs<T extends string>(raw: string | undefined, values: readonly T[] | null): Map<string, T> {
  const found = new Map<string, T>();
  for (const entry of (raw ?? "").split(",").slice(0, 200)) {
    const [id, value] = entry.split(".");
    if (!id || !ID.test(id) || value === undefined) continue;
    if (values ? (values as readonly string[]).includes(value) : /^\d{1,3}$/.test(value)) found.set(id, value as T);
  }
  return found;
}

const SKIP_WORDS: Readonly<Record<BuyAgainSkipWhy, string>> = {
  not_sold: "no longer sold",
  sold_out: "sold out now",
  product_gone: "no longer in our catalog",
  cart_full: `your cart is full: it holds at most ${MAX_LINES} items`,
};

/**
 * What the cart says after an order was bought again: how many of its items went in, which were
 * capped and why, which came back without their deal price, and which could not go in and why.
 * Titles come from the order itself.
 */
export function buyAgainNotice(order: Order, query: (name: string) => string | undefined): string {
  const lines = Array.isArray(order.items) ? order.items : [];
  const title = (id: string) => lines.find((l) => l.listing_id === id)?.title ?? "An item";
  const mine = (id: string) => lines.some((l) => l.listing_id === id);
  const added = [...pairs(query("added"), null)].filter(([id]) => mine(id));
  const capped = pairs(query("capped"), BUY_AGAIN_CAPS);
  const deals = (query("deal_ended") ?? "").split(",").filter(mine);
  const skipped = [...pairs(query("skipped"), BUY_AGAIN_SKIPS)].filter(([id]) => mine(id));
  const of = `from your order of ${day(order.created_at)}`;
  const words = [added.length ? `Added ${added.length} ${added.length === 1 ? "item" : "items"} ${of}.` : `Nothing ${of} could be added.`];
  for (const [id, qty] of added) {
    const cap = capped.get(id);
    if (cap === "cart_limit") words.push(`${title(id)}: ${qty} added, the most one cart line holds (${MAX_QTY_PER_LINE}).`);
    else if (cap === "stock") words.push(`${title(id)}: only ${qty} can be bought in one order now, so ${qty} added.`);
  }
  for (const id of deals) words.push(`${title(id)}: the deal price no longer applies; it is in your cart at today's price.`);
  if (skipped.length) words.push(`Not added: ${skipped.map(([id, why]) => `${title(id)} (${SKIP_WORDS[why]})`).join(", ")}.`);
  return words.join(" ");
}
