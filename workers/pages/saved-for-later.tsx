import type { Child } from "hono/jsx";
import type { Context, Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../platform/context";
import { type ApiFetch, answerProblem, callApi, problemMessage, relayCookies } from "./api";
import { Price, ProductThumb } from "./components";
import { CsrfField } from "./layout";
import type { Cart, SavedLine } from "./types";

/** Draws the cart page with a message, as a refused form answers; the cart page's own renderer. */
export type CartRenderer = (c: Context<AppEnv>, fetchApi: ApiFetch, message?: string) => Response | Promise<Response>;

/** What the saved-for-later forms post: the one listing they act on. */
const SavedForm = z.object({ listing_id: z.string().min(1).max(64) });

/** What the cart says after a saved-for-later form did its work (`/cart?done=…`). */
export const SAVED_NOTICES: Record<string, string> = {
  saved: "Saved for later. It is listed under your cart.",
  "moved-to-cart": "Moved to your cart.",
  "removed-saved": "Removed from your saved items.",
};

/** A cart line's "Save for later" button; its hidden words name the product, so each button is told apart. */
export function SaveForLaterForm(props: { listingId: string; title: string; csrf: string | null }) {
  return (
    <form method="post" action="/cart/save-for-later" class="save-for-later">
      <CsrfField token={props.csrf} />
      <input type="hidden" name="listing_id" value={props.listingId} />
      <button type="submit" class="link">
        Save for later<span class="visually-hidden">: {props.title}</span>
      </button>
    </form>
  );
}

// Today's price, or why it cannot be bought; a saved item counts in no total, so there is no line total.
function SavedPrice(props: { item: SavedLine }) {
  const { item } = props;
  if (item.availability === "unavailable" || item.price == null) {
    return <p class="availability unavailable">No longer available</p>;
  }
  if (item.availability === "sold_out") return <p class="availability sold_out">Sold out</p>;
  return (
    <>
      <Price price={item.price} mrp={item.mrp} />
      {item.availability === "few_left" && <p class="availability few_left">Only a few left</p>}
    </>
  );
}

function SavedRow(props: { item: SavedLine; csrf: string | null }) {
  const { item } = props;
  const title = item.title ?? item.listing_id;
  const buyable = item.availability === "in_stock" || item.availability === "few_left";
  return (
    <li class="cart-line saved-line" data-listing-id={item.listing_id}>
      <div class="line-item">
        <ProductThumb image={item.image} title={title} small />
        <div>
          {item.product_id ? <a href={`/products/${encodeURIComponent(item.product_id)}`}>{title}</a> : <span>{title}</span>}
          <SavedPrice item={item} />
          {item.qty > 1 && <p class="muted">Quantity {item.qty}</p>}
        </div>
      </div>
      <div class="line-actions">
        {buyable && (
          <form method="post" action="/cart/saved/move-to-cart" class="move-to-cart">
            <CsrfField token={props.csrf} />
            <input type="hidden" name="listing_id" value={item.listing_id} />
            <button type="submit">
              Move to cart<span class="visually-hidden">: {title}</span>
            </button>
          </form>
        )}
        <form method="post" action="/cart/saved/remove" class="remove">
          <CsrfField token={props.csrf} />
          <input type="hidden" name="listing_id" value={item.listing_id} />
          <button type="submit" class="link">
            Remove<span class="visually-hidden"> {title} from your saved items</span>
          </button>
        </form>
      </div>
    </li>
  );
}

/** The "Saved for later (N)" list under the cart, drawn whenever something is saved, an empty cart too. */
export function SavedForLater(props: { cart: Cart; csrf: string | null }) {
  const saved = props.cart.saved ?? [];
  if (saved.length === 0) return null;
  return (
    <section class="saved-for-later" aria-labelledby="saved-for-later-h">
      <h2 id="saved-for-later-h">Saved for later ({saved.length})</h2>
      <ul class="cart-lines" aria-label="Items saved for later">
        {saved.map((item) => (
          <SavedRow item={item} csrf={props.csrf} />
        ))}
      </ul>
    </section>
  );
}

/** The notice a landing back on the cart names, if it is one of the saved list's. */
export function savedNotice(done: string | undefined): Child | undefined {
  return done && done in SAVED_NOTICES ? SAVED_NOTICES[done] : undefined;
}

/**
 * The saved list's form endpoints, which work without scripts: each posts one listing, calls the
 * cart API and lands back on the cart (303) saying what happened, or draws the cart with why not.
 */
export function registerSavedForLaterPages(app: Hono<AppEnv>, fetchApi: ApiFetch, renderCart: CartRenderer): void {
  const actions: Array<{ path: string; api: (id: string) => string; method: "POST" | "DELETE"; done: string }> = [
    { path: "/cart/save-for-later", api: (id) => `/api/cart/items/${id}/save-for-later`, method: "POST", done: "saved" },
    { path: "/cart/saved/move-to-cart", api: (id) => `/api/cart/saved/${id}/move-to-cart`, method: "POST", done: "moved-to-cart" },
    { path: "/cart/saved/remove", api: (id) => `/api/cart/saved/${id}`, method: "DELETE", done: "removed-saved" },
  ];
  for (const action of actions) {
    app.post(action.path, async (c) => {
      const parsed = SavedForm.safeParse(await c.req.parseBody());
      if (!parsed.success) {
        c.status(400);
        return renderCart(c, fetchApi, "That form did not name an item of your cart.");
      }
      // An empty body still makes the call carry the page's proven CSRF token, as the API checks it again.
      const path = action.api(encodeURIComponent(parsed.data.listing_id));
      const res = await callApi<Cart>(c, fetchApi, path, { method: action.method, body: {} });
      relayCookies(c, res.headers);
      if (!res.ok) {
        answerProblem(c, res.problem);
        return renderCart(c, fetchApi, problemMessage(res.problem));
      }
      return c.redirect(`/cart?done=${action.done}`, 303);
    });
  }
}
