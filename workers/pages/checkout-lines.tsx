import { cartTotal } from "./cart";
import { money } from "./format";
import type { Cart } from "./types";

/** The query parameter and form field naming the cart lines checkout takes; repeated, one listing id each. */
export const LINES_PARAM = "listing_ids";

/**
 * What checkout pays for: the cart lines `requested` names, or the whole cart. An id no longer in
 * the cart (removed in another tab) is dropped; when none is left, or every line is named, it is
 * the whole cart again, so the page never shows an empty order or a needless choice.
 */
export interface CheckoutLines {
  /** The lines being paid for, as a cart of their own (its total is theirs). */
  shown: Cart;
  /** The listing ids of the lines being paid for, when they are not the whole cart. */
  subset: string[] | null;
  /** The units left in the cart for later. */
  othersQty: number;
}

/** Picks the lines checkout pays for (see CheckoutLines). */
export function checkoutLines(cart: Cart, requested: string[]): CheckoutLines {
  const wanted = new Set(requested);
  const items = cart.items.filter((l) => wanted.has(l.listing_id));
  if (items.length === 0 || items.length === cart.items.length) return { shown: cart, subset: null, othersQty: 0 };
  const othersQty = cart.items.reduce((n, l) => n + (wanted.has(l.listing_id) ? 0 : l.qty), 0);
  return { shown: { items }, subset: items.map((l) => l.listing_id), othersQty };
}

/** `query` with the lines to pay for set to `ids` (none: the whole cart). */
function withLines(query: URLSearchParams, ids: string[]): string {
  const next = new URLSearchParams(query);
  next.delete(LINES_PARAM);
  for (const id of ids) next.append(LINES_PARAM, id);
  return `/checkout?${next}`;
}

/**
 * A flash deal's shopper has a hold's clock running and, on a sale day, often other things in the
 * cart: they can pay for the deal alone, and the rest stays in the cart. Shown only when the cart
 * holds a deal line and something else. Plain links reloading checkout, so it works without
 * scripts; `query` is everything checkout was opened with (the deal's admission among it), which
 * each link keeps.
 */
export function PayForChoice(props: { cart: Cart; lines: CheckoutLines; query: URLSearchParams }) {
  const { cart, lines } = props;
  const deal = cart.items.filter((l) => l.deal_id);
  if (deal.length === 0 || deal.length === cart.items.length) return null;
  const dealIds = deal.map((l) => l.listing_id);
  const dealAlone = lines.subset !== null && lines.subset.join(" ") === dealIds.join(" ");
  const everything = withLines(props.query, []);
  return (
    <section class="panel pay-for" aria-labelledby="pay-for" data-pay-for={dealAlone ? "deal" : lines.subset ? "some" : "all"}>
      <p id="pay-for">
        <strong>Your cart holds more than the deal.</strong>
      </p>
      <ul class="chips">
        <li>
          <a href={withLines(props.query, dealIds)} aria-current={dealAlone ? "true" : undefined} data-pay-for-deal>
            Pay for the deal alone ({money(cartTotal({ items: deal }))})
          </a>
        </li>
        <li>
          <a href={everything} aria-current={lines.subset ? undefined : "true"} data-pay-for-all>
            Pay for the whole cart ({money(cartTotal(cart))})
          </a>
        </li>
      </ul>
      {lines.subset && (
        <p>
          {lines.othersQty === 1 ? "Your other item stays" : `Your other ${lines.othersQty} items stay`} in your cart.{" "}
          <a href={everything}>Check out everything instead</a>
        </p>
      )}
    </section>
  );
}
