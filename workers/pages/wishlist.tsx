import type { Context, Hono } from "hono";
import { z } from "zod";
import { CatalogId } from "../catalog/schemas";
import type { AppEnv } from "../platform/context";
import type { WishlistItem } from "../wishlist/wishlist";
import { type ApiFetch, answerProblem, callApi, problemMessage } from "./api";
import { personalPage } from "./cache";
import { Availability, Price, ProductThumb } from "./components";
import { dayAndTime, money } from "./format";
import { CsrfField, ErrorPanel, Layout } from "./layout";
import { AddToCart } from "./product";
import { refusedPage } from "./refused-page";
import type { ProductDetail } from "./types";

/** What the wishlist's forms post: the product, and for a removal, which page to come back to. */
const WishlistForm = z.object({
  product_id: CatalogId,
  back: z.enum(["wishlist", "product"]).default("wishlist"),
});

const savePage = (productId: string) => `/wishlist/save?product_id=${encodeURIComponent(productId)}`;

function signInFirst(c: Context<AppEnv>, next: string) {
  return c.redirect(`/signin?next=${encodeURIComponent(next)}`, 303);
}

/** What the wishlist says of a product's deal: when it opens, or that it is on, leading to its page. */
function DealNote(props: { deal: NonNullable<WishlistItem["deal"]> }) {
  const { deal } = props;
  return (
    <p class="deal-note">
      <span class="tag">Flash deal</span>{" "}
      <a href={`/deals/${encodeURIComponent(deal.id)}`}>
        {deal.status === "live" ? (
          "Deal live now"
        ) : deal.status === "paused" ? (
          "Deal paused for a moment"
        ) : (
          <>
            Deal opens <time datetime={deal.starts_at}>{dayAndTime(deal.starts_at)} IST</time>
          </>
        )}
      </a>{" "}
      at {money(deal.deal_price)}
    </p>
  );
}

/** How a saved product is bought from the list: its live deal's waiting room, or the buy box's Add to cart. */
function BuyControl(props: { item: WishlistItem }) {
  const { item } = props;
  // A deal's listing is bought through its waiting room, paused or not: its page says what to wait for.
  if ((item.deal?.status === "live" || item.deal?.status === "paused") && item.deal.listing_id === item.listing_id) {
    return (
      <a class="button primary" href={`/deals/${encodeURIComponent(item.deal.id)}`}>
        Get the deal
      </a>
    );
  }
  if (!item.listing_id) return null;
  const soldOut = item.availability === "sold_out";
  return <AddToCart listingId={item.listing_id} title={item.title} disabled={soldOut} label={soldOut ? "Sold out" : "Add to cart"} />;
}

function RemoveForm(props: { productId: string; title: string; csrf: string | null; back: "wishlist" | "product"; label: string }) {
  return (
    <form method="post" action="/wishlist/items/remove" class="remove">
      <CsrfField token={props.csrf} />
      <input type="hidden" name="product_id" value={props.productId} />
      <input type="hidden" name="back" value={props.back} />
      <button type="submit" class="link">
        {props.label}
        <span class="visually-hidden"> {props.title} from your wishlist</span>
      </button>
    </form>
  );
}

function WishlistLine(props: { item: WishlistItem; csrf: string | null }) {
  const { item } = props;
  const productPath = `/products/${encodeURIComponent(item.product_id)}`;
  return (
    <li class="cart-line wish-line" data-product-id={item.product_id}>
      <div class="line-item">
        <ProductThumb image={item.image} brand={item.brand} title={item.title} small />
        <div>
          <a href={productPath}>{item.title}</a>
          {item.price === null ? <p>No seller offers this right now.</p> : <Price price={item.price} mrp={item.mrp} />}
          {item.price_dropped && (
            <p class="price-drop" role="note">
              Price dropped from {money(item.price_when_saved)}
            </p>
          )}
          <Availability bucket={item.availability} />
          {item.deal && <DealNote deal={item.deal} />}
        </div>
      </div>
      <BuyControl item={item} />
      <RemoveForm productId={item.product_id} title={item.title} csrf={props.csrf} back="wishlist" label="Remove" />
    </li>
  );
}

/** What the wishlist page says after a form changed it. */
const NOTICES: Record<string, string> = { removed: "Removed from your wishlist." };

async function renderWishlist(c: Context<AppEnv>, fetchApi: ApiFetch, message?: string) {
  personalPage(c);
  const res = await callApi<{ items: WishlistItem[]; limit: number }>(c, fetchApi, "/api/wishlist");
  if (!res.ok) {
    if (res.problem.status === 401) return signInFirst(c, "/wishlist");
    return refusedPage(c, res.problem, { title: "Your wishlist", personal: true });
  }
  const { items, limit } = res.data;
  const done = c.req.query("done");
  const notice = done && done in NOTICES ? NOTICES[done] : undefined;
  return c.html(
    <Layout degraded={c.var.degraded} viewer={c.var.user} csrf={c.var.csrfToken} title="Your wishlist">
      <h1>Your wishlist</h1>
      {notice && (
        <p class="panel ok" role="status">
          {notice}
        </p>
      )}
      {message && (
        <p class="panel error" role="alert">
          {message}
        </p>
      )}
      {items.length === 0 ? (
        <p class="panel">
          Nothing saved yet. Press Save on a product to watch its price and deals here. <a href="/#deals">See the deals</a>.
        </p>
      ) : (
        <>
          <p class="muted">
            {items.length} of {limit} saved, newest first.
          </p>
          <ul class="cart-lines" aria-label="Saved products">
            {items.map((item) => (
              <WishlistLine item={item} csrf={c.var.csrfToken} />
            ))}
          </ul>
        </>
      )}
    </Layout>,
  );
}

/**
 * The personal page behind the shared product page's Save button when scripts are off: it says
 * whether the product is saved and offers the one form that changes it, carrying the session's
 * CSRF token, which the shared page cannot.
 */
async function renderSavePage(c: Context<AppEnv>, fetchApi: ApiFetch, productId: string, state: { done?: string; message?: string } = {}) {
  personalPage(c);
  const [product, entry] = await Promise.all([
    callApi<ProductDetail>(c, fetchApi, `/api/products/${encodeURIComponent(productId)}`, { as: "anonymous" }),
    callApi<{ saved: boolean }>(c, fetchApi, `/api/wishlist/${encodeURIComponent(productId)}`),
  ]);
  if (!entry.ok && entry.problem.status === 401) return signInFirst(c, savePage(productId));
  if (!product.ok) return refusedPage(c, product.problem, { title: "Save to your wishlist", heading: "Product not found", personal: true });
  if (!entry.ok) return refusedPage(c, entry.problem, { title: "Save to your wishlist", personal: true });
  const p = product.data;
  const saved = entry.data.saved;
  const productPath = `/products/${encodeURIComponent(productId)}`;
  return c.html(
    <Layout degraded={c.var.degraded} viewer={c.var.user} csrf={c.var.csrfToken} title="Save to your wishlist">
      <section class="panel" aria-labelledby="save-h">
        <h1 id="save-h">{saved ? "Saved to your wishlist" : "Save to your wishlist?"}</h1>
        {state.done === "saved" && saved && <p role="status">We will show you here when its price drops or its deal opens.</p>}
        {state.done === "removed" && !saved && <p role="status">Removed from your wishlist.</p>}
        {state.message && (
          <p class="field-error" role="alert">
            {state.message}
          </p>
        )}
        <p>{p.title}</p>
        {saved ? (
          <RemoveForm productId={productId} title={p.title} csrf={c.var.csrfToken} back="product" label="Remove" />
        ) : (
          <form method="post" action="/wishlist/items">
            <CsrfField token={c.var.csrfToken} />
            <input type="hidden" name="product_id" value={productId} />
            <button type="submit" class="primary">
              Save
            </button>
          </form>
        )}
        <p>
          <a href={productPath}>Back to the product</a> · <a href="/wishlist">Your wishlist</a>
        </p>
      </section>
    </Layout>,
  );
}

/** Registers the wishlist page, the save page and their forms, which work without scripts (post, then redirect). */
export function registerWishlistPages(app: Hono<AppEnv>, fetchApi: ApiFetch): void {
  app.get("/wishlist", async (c) => (c.var.user ? renderWishlist(c, fetchApi) : signInFirst(c, "/wishlist")));

  app.get("/wishlist/save", async (c) => {
    const parsed = WishlistForm.safeParse({ product_id: c.req.query("product_id") });
    if (!parsed.success) {
      personalPage(c);
      c.status(400);
      return c.html(
        <Layout degraded={c.var.degraded} viewer={c.var.user} csrf={c.var.csrfToken} title="Save to your wishlist">
          <ErrorPanel heading="Product not found" message="That link does not name a product." />
        </Layout>,
      );
    }
    const productId = parsed.data.product_id;
    if (!c.var.user) return signInFirst(c, savePage(productId));
    return renderSavePage(c, fetchApi, productId, { done: c.req.query("done") });
  });

  app.post("/wishlist/items", async (c) => {
    const parsed = WishlistForm.safeParse(await c.req.parseBody());
    if (!parsed.success) {
      c.status(400);
      return renderWishlist(c, fetchApi, "That form did not name a product.");
    }
    const productId = parsed.data.product_id;
    if (!c.var.user) return signInFirst(c, savePage(productId));
    const res = await callApi<WishlistItem>(c, fetchApi, `/api/wishlist/${encodeURIComponent(productId)}`, { method: "PUT", body: {} });
    if (!res.ok) {
      answerProblem(c, res.problem);
      return renderSavePage(c, fetchApi, productId, { message: problemMessage(res.problem) });
    }
    return c.redirect(`${savePage(productId)}&done=saved`, 303);
  });

  app.post("/wishlist/items/remove", async (c) => {
    const parsed = WishlistForm.safeParse(await c.req.parseBody());
    if (!parsed.success) {
      c.status(400);
      return renderWishlist(c, fetchApi, "That form did not name a product.");
    }
    const { product_id: productId, back } = parsed.data;
    if (!c.var.user) return signInFirst(c, "/wishlist");
    const res = await callApi<null>(c, fetchApi, `/api/wishlist/${encodeURIComponent(productId)}`, { method: "DELETE", body: {} });
    if (!res.ok) {
      answerProblem(c, res.problem);
      return renderWishlist(c, fetchApi, problemMessage(res.problem));
    }
    return c.redirect(back === "product" ? `${savePage(productId)}&done=removed` : "/wishlist?done=removed", 303);
  });
}
