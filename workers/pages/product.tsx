import type { Hono } from "hono";
import type { AppEnv } from "../platform/context";
import { type ApiFetch, callApi } from "./api";
import { edgeSecondsFor, personalPage, sharedPage } from "./cache";
import { COMPARE_SCRIPT, CompareToggle, CompareTray } from "./compare-toggle";
import { askedPincode, DeliverTo, loadDelivery } from "./deliver-to";
import { Availability, DEAL_ENDED, DealCountdown, dealClock, dealPhase, nextTexts, Price, ProductThumb, Rating } from "./components";
import { money, offerSellerRated, specLabel } from "./format";
import { Layout } from "./layout";
import { ProductQuestions } from "./question-list";
import { RECENTLY_VIEWED_SCRIPT, RecentlyViewed, recordViewed } from "./recently-viewed";
import { NEWEST_ON_PRODUCT_PAGE, ProductReviews, VOTES_SCRIPT } from "./review-list";
import { Recommendations } from "./shop";
import type { Deal, ProductDetail, ReviewsPage } from "./types";
import { refusedPage } from "./refused-page";
import { VariantPicker } from "./variant-picker";

/** The product API's own freshness at the edge (the catalog's PRODUCT_CACHE), which the page must not outlive. */
const PRODUCT_PAGE_EDGE_SECONDS = 10;

/** How long the edge keeps a page drawn without its reviews (shed under load), as for any degraded page. */
const WITHOUT_REVIEWS_EDGE_SECONDS = 5;

/**
 * An add-to-cart form. app.js sends it straight to the cart API. Without scripts it asks the
 * personal /cart/add page, which can carry the session's CSRF token that this shared page cannot.
 */
export function AddToCart(props: { listingId: string; title: string; label?: string; disabled?: boolean }) {
  return (
    <form method="get" action="/cart/add" class="add-to-cart" data-add-to-cart>
      <input type="hidden" name="listing_id" value={props.listingId} />
      <input type="hidden" name="title" value={props.title} />
      <label>
        Qty <input type="number" name="qty" value="1" min="1" max="10" inputmode="numeric" required />
      </label>
      <button type="submit" class="primary" disabled={props.disabled}>
        {props.label ?? "Add to cart"}
      </button>
    </form>
  );
}

/**
 * A product page's Save button. The page is shared by everyone, so it is drawn unsaved and
 * wishlist.js shows this shopper's state and saves in place; without scripts it opens the
 * personal save page, which carries the session's CSRF token that this page cannot.
 */
export function SaveToWishlist(props: {
  productId: string;
  /** The button's words unsaved and saved: "Save" and "Saved" unless the page says otherwise. */
  label?: string;
  savedLabel?: string;
  /**
   * Whether the script asks the API on load whether this shopper saved it. A deal page the herd
   * loads before the opening does not, so its views cost no request: pressing saves (a save is
   * idempotent) and says so.
   */
  askOnLoad?: boolean;
  /** Attributes for the button, e.g. to switch it off when a deal opens. */
  button?: Record<string, string>;
}) {
  const label = props.label ?? "Save";
  return (
    <form
      method="get"
      action="/wishlist/save"
      class="save-toggle"
      data-wishlist-toggle
      data-label={props.label}
      data-saved-label={props.savedLabel}
      data-wishlist-ask={props.askOnLoad === false ? "false" : undefined}
    >
      <input type="hidden" name="product_id" value={props.productId} />
      <button type="submit" {...props.button}>
        {label}
      </button>
    </form>
  );
}

/**
 * What a live deal's listing offers in place of "Add to cart": the way into the deal's waiting
 * room. Checkout sells a deal's units only with the admission its waiting room gives, so a plain
 * add-to-cart would lead to a cart that can never be checked out. When the deal ends while the
 * page is open, app.js switches the way in off and says so.
 */
export function DealEntry(props: { deal: Deal }) {
  const phase = dealPhase(props.deal);
  return (
    <div class="deal-entry" data-deal-entry={props.deal.id} {...dealClock(props.deal, phase)}>
      <a class="button primary" href={`/deals/${encodeURIComponent(props.deal.id)}`} {...nextTexts(phase, { off: true })}>
        Get the deal in the waiting room
      </a>
      <p class="muted" {...nextTexts(phase, { ended: DEAL_ENDED })}>
        While the flash deal is live, this offer is sold through its waiting room.
      </p>
    </div>
  );
}

/** Registers the product page: offers from every seller, the buy box, availability and any live deal. */
export function registerProductPage(app: Hono<AppEnv>, fetchApi: ApiFetch): void {
  app.get("/products/:id", async (c) => {
    const id = c.req.param("id");
    const [res, recs, reviews, delivery] = await Promise.all([
      callApi<ProductDetail>(c, fetchApi, `/api/products/${encodeURIComponent(id)}`, { as: "anonymous" }),
      c.var.degraded
        ? null
        : callApi<unknown>(c, fetchApi, `/api/recommendations?product_id=${encodeURIComponent(id)}`, { as: "anonymous" }),
      // One more than shown, so the page knows whether there are more to link to.
      c.var.degraded
        ? null
        : callApi<ReviewsPage>(c, fetchApi, `/api/products/${encodeURIComponent(id)}/reviews?limit=${NEWEST_ON_PRODUCT_PAGE + 1}`, {
            as: "anonymous",
          }),
      loadDelivery(c, fetchApi, id),
    ]);
    if (!res.ok) {
      const heading = res.problem.status === 404 ? "Product not found" : "Product unavailable";
      return refusedPage(c, res.problem, { title: "Product", heading });
    }
    const p = res.data;
    const box = p.buy_box ?? p.offers?.[0] ?? null;
    // Those that can be bought first, each group cheapest first as the offers come: a sold-out offer
    // is often the cheapest, and at the top it read as the best price with a broken button.
    const others = (p.offers ?? [])
      .filter((o) => o.listing_id !== box?.listing_id)
      .sort((a, b) => Number(a.availability === "sold_out") - Number(b.availability === "sold_out"));
    const soldOut = p.availability === "sold_out";
    const deal = p.deal && dealPhase(p.deal) !== "ended" ? p.deal : null;
    const dealListing = deal?.listing_id ?? null;
    const phase = deal ? dealPhase(deal) : "ended";
    const category = typeof p.category === "string" ? { slug: p.category, name: p.category } : p.category;
    // No longer than the product's JSON stays fresh at the edge: in a location the catalog
    // consumer's purge does not reach, a page kept longer would outlive the copy it was built from.
    // Reviews are shed first under load: a page drawn without them is kept no longer than a degraded one.
    const edgeSeconds = edgeSecondsFor(res.headers, PRODUCT_PAGE_EDGE_SECONDS);
    // Drawn for one shopper's PIN code, the page is theirs alone (the page cache never keeps it).
    if (askedPincode(c) !== null) personalPage(c);
    else sharedPage(c, reviews?.ok ? edgeSeconds : Math.min(edgeSeconds, WITHOUT_REVIEWS_EDGE_SECONDS));
    if (delivery?.error) c.status(400);
    return c.html(
      <Layout
        degraded={c.var.degraded}
        title={p.title}
        description={`${p.title} at the best price on Bazaar.`}
        scripts={["delivery.js", "wishlist.js", RECENTLY_VIEWED_SCRIPT, COMPARE_SCRIPT, VOTES_SCRIPT]}
      >
        <nav class="crumbs" aria-label="Breadcrumb">
          <a href="/">Home</a>
          {category?.slug && (
            <>
              {" › "}
              <a href={`/categories/${encodeURIComponent(category.slug)}`}>{category.name ?? category.slug}</a>
            </>
          )}
        </nav>
        <article class="product" data-product-id={p.id} {...recordViewed(p)}>
          <div class="gallery">
            <ProductThumb image={p.image} brand={p.brand} title={p.title} big />
          </div>
          <div class="details">
            <h1>{p.title}</h1>
            {p.brand && <p class="muted">by {p.brand}</p>}
            <Rating rating={p.rating ?? null} />
            <VariantPicker variants={p.variants} />
            {/* Worded from the page's own availability, never the shopper's: the page is one shared copy. */}
            {soldOut ? (
              <SaveToWishlist productId={p.id} label="Notify me when it's back" savedLabel="We'll tell you when it's back" />
            ) : (
              <SaveToWishlist productId={p.id} />
            )}
            {category && typeof p.category === "object" && p.category?.id && (
              <CompareToggle kind={{ id: p.category.id, name: category.name ?? category.slug ?? "" }} />
            )}
            {deal && (
              <section class="deal-banner" aria-label="Flash deal" {...dealClock(deal, phase)}>
                <p class="tag">{deal.status === "paused" ? "Flash deal · Paused" : "Flash deal"}</p>
                <Price price={deal.deal_price} mrp={deal.mrp ?? box?.mrp} size="large" />
                {deal.status === "paused" && (
                  <p data-deal-paused>Paused for a moment: shoppers in its waiting room keep their places, and a unit held stays held.</p>
                )}
                <DealCountdown deal={deal} phase={phase} startLabel="Starts in" />
                <a
                  class="button primary"
                  href={`/deals/${encodeURIComponent(deal.id)}`}
                  {...nextTexts(phase, { live: "Get the deal", off: true })}
                >
                  {phase === "upcoming" ? "Join the waiting room" : "Get the deal"}
                </a>
              </section>
            )}
            <section class="buy-box" aria-label="Buy box">
              {box ? (
                <>
                  <Price price={box.price} mrp={box.mrp} size="large" />
                  <p class="muted">Sold by {offerSellerRated(box)}</p>
                  <Availability bucket={p.availability} />
                  {deal && box.listing_id === dealListing ? (
                    <DealEntry deal={deal} />
                  ) : (
                    <AddToCart listingId={box.listing_id} title={p.title} disabled={soldOut} label={soldOut ? "Sold out" : "Add to cart"} />
                  )}
                </>
              ) : (
                <p>No seller offers this right now.</p>
              )}
            </section>
            {box && <DeliverTo productId={p.id} state={delivery} />}
            {p.description && <p>{p.description}</p>}
            {p.attributes && Object.keys(p.attributes).length > 0 && (
              <table class="specs">
                <caption>Specifications</caption>
                <tbody>
                  {Object.entries(p.attributes).map(([k, v]) => (
                    <tr>
                      <th scope="row">{specLabel(k)}</th>
                      <td>{String(v)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        </article>
        {reviews?.ok && <ProductReviews productId={p.id} rating={p.rating ?? null} page={reviews.data} />}
        {/* From the product's own document, never a read of its own: the page stays one read of the projection. */}
        <ProductQuestions productId={p.id} questions={p.questions ?? { count: 0, newest: [] }} />
        {others.length > 0 && (
          <section aria-labelledby="offers-h">
            <h2 id="offers-h">
              {others.length} more {others.length === 1 ? "seller" : "sellers"}
            </h2>
            <table class="offers">
              <thead>
                <tr>
                  <th scope="col">Seller</th>
                  <th scope="col">Price</th>
                  <th scope="col">
                    <span class="visually-hidden">Buy</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {others.map((o) => (
                  <tr>
                    <td>{offerSellerRated(o)}</td>
                    <td class="amount">{money(o.price)}</td>
                    <td>
                      {deal && o.listing_id === dealListing ? (
                        <DealEntry deal={deal} />
                      ) : o.availability === "sold_out" ? (
                        <span class="muted" data-offer-sold-out>
                          Sold out
                        </span>
                      ) : (
                        <AddToCart listingId={o.listing_id} title={p.title} />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
        {recs?.ok && <Recommendations data={recs.data} />}
        <RecentlyViewed />
        <CompareTray />
      </Layout>,
    );
  });
}
