import type { Context, Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../platform/context";
import { type ApiFetch, answerProblem, callApi, relayCookies } from "./api";
import { targetQty } from "./cart-line-form";
import { money, offerSeller } from "./format";
import { CsrfField } from "./layout";
import type { Cart, CartLine, Offer, ProductDetail } from "./types";

/** Another seller's offer of a cart line's product, for a line its own seller can no longer sell. */
export interface OtherSeller {
  listingId: string;
  seller: string;
  price: number;
}

const BUYABLE = new Set(["in_stock", "few_left"]);

/**
 * For each line that is sold out or off sale, the product's buy box when another seller's listing
 * holds it and can be bought now: on a sale day one seller runs out while another still has the
 * same product. One product read per such line, side by side; a read that fails offers nothing.
 */
export async function otherSellers(c: Context<AppEnv>, fetchApi: ApiFetch, cart: Cart): Promise<Map<string, OtherSeller>> {
  const gone = cart.items.filter((l) => (l.availability === "sold_out" || l.availability === "unavailable") && l.product_id && !l.deal_id);
  const found = await Promise.all(
    gone.map(async (line): Promise<[string, OtherSeller] | null> => {
      const res = await callApi<ProductDetail>(c, fetchApi, `/api/products/${encodeURIComponent(line.product_id ?? "")}`, {
        as: "anonymous",
      });
      const offer: Offer | null | undefined = res.ok ? res.data.buy_box : null;
      if (!offer || offer.listing_id === line.listing_id || !BUYABLE.has(offer.availability ?? "")) return null;
      return [line.listing_id, { listingId: offer.listing_id, seller: offerSeller(offer), price: offer.price }];
    }),
  );
  return new Map(found.filter((f): f is [string, OtherSeller] => f !== null));
}

/** The offer under the line, with the one button that swaps the line for it. */
export function OtherSellerOffer(props: { line: CartLine; other: OtherSeller; csrf: string | null }) {
  const { line, other } = props;
  return (
    <form method="post" action="/cart/switch-seller" class="other-seller" data-other-seller={other.listingId}>
      <CsrfField token={props.csrf} />
      <input type="hidden" name="from" value={line.listing_id} />
      <input type="hidden" name="to" value={other.listingId} />
      <input type="hidden" name="qty" value={String(line.qty)} />
      <p>
        {other.seller} has it at {money(other.price)}.{" "}
        <button type="submit" class="link">
          Buy from {other.seller} instead
        </button>
      </p>
    </form>
  );
}

const SwitchForm = z.object({
  from: z.string().min(1).max(64),
  to: z.string().min(1).max(64),
  qty: z.coerce.number().int().min(1).max(10),
});

/**
 * `POST /cart/switch-seller`: the other seller's listing goes into the cart first, and only then
 * the line that cannot be bought comes out, so a refused add leaves the cart as it was.
 */
export function registerSwitchSeller(
  app: Hono<AppEnv>,
  fetchApi: ApiFetch,
  refused: (c: Context<AppEnv>, message: string) => Response | Promise<Response>,
): void {
  app.post("/cart/switch-seller", async (c) => {
    const parsed = SwitchForm.safeParse(await c.req.parseBody());
    if (!parsed.success) {
      c.status(400);
      return refused(c, "That item could not be switched to another seller. Please try again from your cart.");
    }
    const { from, to, qty } = parsed.data;
    // Only a line still in the cart, for another seller's offer of the same product: the form names
    // both, and an edited one could otherwise swap a line for anything.
    const swap = await sameProductOffer(c, fetchApi, from, to);
    if (swap !== "ok") {
      c.status(swap === "gone" ? 409 : 400);
      return refused(
        c,
        swap === "gone"
          ? "That item is no longer in your cart, so there is nothing to switch."
          : "That offer is not another seller's offer of the same product. Please try again from your cart.",
      );
    }
    // Onto what the cart already holds of the other listing, as adding does, within one order's 10.
    const target = await targetQty(c, fetchApi, { listing_id: to, qty, mode: "add" });
    const added = await callApi<Cart>(c, fetchApi, `/api/cart/items/${encodeURIComponent(to)}`, {
      method: "PUT",
      body: { qty: target.qty },
    });
    relayCookies(c, added.headers);
    if (!added.ok) {
      answerProblem(c, added.problem);
      return refused(c, added.problem.detail ?? "That seller's offer could not be added.");
    }
    const removed = await callApi<Cart>(c, fetchApi, `/api/cart/items/${encodeURIComponent(from)}`, { method: "PUT", body: { qty: 0 } });
    relayCookies(c, removed.headers);
    // The new line is in; a cart that still holds the old one must say so, or checkout refuses it unexplained.
    if (!removed.ok)
      return refused(c, "The other seller's offer is in your cart, but the sold-out item could not be taken out: remove it to check out.");
    return c.redirect(target.capped ? "/cart?switched=1&capped=1" : "/cart?switched=1", 303);
  });
}

/** Whether `from` is a line of the cart and `to` another offer of its product on the product page. */
async function sameProductOffer(c: Context<AppEnv>, fetchApi: ApiFetch, from: string, to: string): Promise<"ok" | "gone" | "other"> {
  if (from === to) return "other";
  const cart = await callApi<Cart>(c, fetchApi, "/api/cart");
  const line = cart.ok ? cart.data.items.find((l) => l.listing_id === from) : undefined;
  if (!line) return "gone";
  if (!line.product_id) return "other";
  const product = await callApi<ProductDetail>(c, fetchApi, `/api/products/${encodeURIComponent(line.product_id)}`, { as: "anonymous" });
  if (!product.ok) return "other";
  const offers = [product.data.buy_box, ...(product.data.offers ?? [])];
  return offers.some((o) => o?.listing_id === to) ? "ok" : "other";
}
