import type { Context, Hono } from "hono";
import type { Child } from "hono/jsx";
import type { AppEnv } from "../../platform/context";
import { type ApiFetch, answerProblem, callApi, problemMessage } from "../api";
import { money } from "../format";
import { Layout } from "../layout";
import type { Page } from "../paging";
import { withQuery } from "../paging";
import type { ProductDetail, ProductList } from "../types";
import { consoleGuard, Flash } from "./guard";
import type { SellerListing, SellerWarehouse } from "./seller-listing";
import { apiFieldErrors, fieldErrors, NewListingForm, type NewListingState, refusalSummary, typedValues } from "./seller-new-form";
import { CatalogResults, CatalogSearch, NewListingFormView, ownListingPath, ProductSummary } from "./seller-new-view";

/** Catalog matches shown per search: enough to find the right variant, few enough to compare prices. */
export const NEW_LISTING_RESULTS = 8;

const PRODUCT_ID = /^[A-Za-z0-9_-]{1,64}$/;

const NO_SUCH_PRODUCT = "That product is not in the catalog. Find the product you want to sell with the search below.";

const NOT_IN_CATALOG = "That product is not in the catalog, so nothing was listed. Find the product with the search below.";

const ALREADY_LISTED = "You already sell this product, so nothing new was listed. Change its price and stock from your listing.";

const SPENT_FORM =
  "This form already listed the product with other figures, so nothing more was listed. Change the price from your listing's panel.";

/** The seller's listings of these products, by product id; empty when the API could not say. */
async function ownListings(c: Context<AppEnv>, fetchApi: ApiFetch, productIds: string[]): Promise<Map<string, SellerListing>> {
  if (productIds.length === 0) return new Map();
  const query = new URLSearchParams({ limit: String(productIds.length) });
  for (const id of productIds) query.append("product_id", id);
  const res = await callApi<Page<SellerListing>>(c, fetchApi, `/api/seller/listings?${query}`);
  return new Map(res.ok ? res.data.items.map((l) => [l.product_id ?? "", l]) : []);
}

/** The page's frame: heading, the way back, and the status line. */
function Frame(props: { c: Context<AppEnv>; title: string; heading: string; error?: string | undefined; children?: Child }) {
  const { c } = props;
  return (
    <Layout degraded={c.var.degraded} viewer={c.var.user} csrf={c.var.csrfToken} title={props.title}>
      <p>
        <a href="/seller">Back to your listings</a>
      </p>
      <h1>{props.heading}</h1>
      <Flash error={props.error} />
      {props.children}
    </Layout>
  );
}

async function renderSearch(c: Context<AppEnv>, fetchApi: ApiFetch, error?: string) {
  const q = (c.req.query("q") ?? "").trim().slice(0, 200);
  if (!q) {
    return c.html(
      <Frame c={c} title="List a product" heading="List a product" error={error}>
        <p>Find the product you want to sell, then set your price and opening stock.</p>
        <CatalogSearch q="" />
      </Frame>,
    );
  }
  // Anonymous, as the public search it is: shoppers' cached answers serve it too.
  // A seller lists one size or colour at a time, so every product is listed, not each model once.
  const found = await callApi<ProductList>(c, fetchApi, withQuery("/api/products", { q, limit: NEW_LISTING_RESULTS, group: "product" }), {
    as: "anonymous",
  });
  const items = found.ok ? found.data.items : [];
  const listed = await ownListings(
    c,
    fetchApi,
    items.map((p) => p.id),
  );
  return c.html(
    <Frame c={c} title="List a product" heading="List a product" error={error ?? (found.ok ? undefined : problemMessage(found.problem))}>
      <CatalogSearch q={q} />
      {found.ok && <CatalogResults q={q} items={items} listed={new Map([...listed].map(([p, l]) => [p, l.id]))} />}
    </Frame>,
  );
}

/** How the form page is drawn: blank, or again after a refusal (with the status already set). */
interface FormPage {
  state?: NewListingState;
  error?: string | undefined;
  refused?: boolean;
}

async function renderNew(c: Context<AppEnv>, fetchApi: ApiFetch, productId: string, page: FormPage = {}) {
  const [product, warehouses, listed] = await Promise.all([
    callApi<ProductDetail>(c, fetchApi, `/api/products/${encodeURIComponent(productId)}`, { as: "anonymous" }),
    callApi<{ items: SellerWarehouse[] }>(c, fetchApi, "/api/seller/warehouses"),
    ownListings(c, fetchApi, [productId]),
  ]);
  if (!product.ok) {
    const missing = product.problem.status === 404 || product.problem.status === 400;
    if (!page.refused) {
      if (missing) c.status(404);
      else answerProblem(c, product.problem);
    }
    return c.html(
      <Frame
        c={c}
        title="List a product"
        heading="List a product"
        error={missing ? (page.refused ? NOT_IN_CATALOG : NO_SUCH_PRODUCT) : problemMessage(product.problem)}
      >
        <CatalogSearch q="" />
      </Frame>,
    );
  }
  const p = product.data;
  const own = listed.get(productId);
  return c.html(
    <Frame c={c} title={`Sell ${p.title}`} heading={`Sell ${p.title}`} error={page.error}>
      <ProductSummary product={p} />
      {own ? (
        <p class="panel" data-already-listed>
          You already sell this product at {money(own.price)} (MRP {money(own.mrp)}).{" "}
          <a href={ownListingPath(productId)}>Go to your listing</a> to change its price, status or stock.
        </p>
      ) : (
        <section class="panel" aria-labelledby="sell-h">
          <h2 id="sell-h">Your offer</h2>
          {!warehouses.ok && (
            <p class="muted">The warehouse list is unavailable right now: list the product and add stock from its panel.</p>
          )}
          <NewListingFormView
            productId={productId}
            warehouses={warehouses.ok ? warehouses.data.items : []}
            csrf={c.var.csrfToken}
            state={page.state ?? {}}
            suggestedMrp={p.buy_box?.mrp ?? undefined}
          />
        </section>
      )}
      <p>
        <a href="/seller/new">Find another product</a>
      </p>
    </Frame>,
  );
}

/** Where the console shows a just-made listing, saying it was listed. */
const listedAt = (productId: string) => withQuery("/seller", { product: productId, done: "listed" });

/** Registers the seller's new-listing flow: find a catalog product, then list it with a price and opening stock. */
export function registerSellerNewListing(app: Hono<AppEnv>, fetchApi: ApiFetch): void {
  app.get("/seller/new", (c) => consoleGuard(c, "seller") ?? renderSearch(c, fetchApi));

  app.get("/seller/new/:productId", (c) => {
    const denied = consoleGuard(c, "seller");
    if (denied) return denied;
    const productId = c.req.param("productId");
    if (!PRODUCT_ID.test(productId)) {
      c.status(404);
      return renderSearch(c, fetchApi, NO_SUCH_PRODUCT);
    }
    return renderNew(c, fetchApi, productId);
  });

  app.post("/seller/listings", async (c) => {
    const denied = consoleGuard(c, "seller");
    if (denied) return denied;
    const body = await c.req.parseBody();
    const productId = typeof body.product_id === "string" ? body.product_id : "";
    if (!PRODUCT_ID.test(productId)) {
      c.status(400);
      return renderSearch(c, fetchApi, "Choose a product from the catalog search first: the form did not say which product to list.");
    }
    const values = typedValues(body);
    const parsed = NewListingForm.safeParse(body);
    if (!parsed.success) {
      c.status(400);
      const errors = fieldErrors(parsed.error);
      // A failure on no field of the form is its key: an older copy of the page.
      const unplaced = parsed.error.issues.find((i) => i.path[0] === "key")?.message;
      return renderNew(c, fetchApi, productId, { state: { values, errors }, error: unplaced ?? refusalSummary(errors), refused: true });
    }
    const { key, price, mrp, active, warehouse_id, units } = parsed.data;
    // The opening stock goes with the listing, so a warehouse that closed meanwhile lists nothing.
    const stock = warehouse_id && units !== undefined ? { warehouse_id, available: units } : undefined;
    const created = await callApi<SellerListing>(c, fetchApi, "/api/seller/listings", {
      method: "POST",
      body: { product_id: productId, price, mrp, active, stock },
      headers: { "idempotency-key": key },
    });
    if (!created.ok) {
      const problem = created.problem;
      // The API's one conflict on create: this seller already lists the product (a form from another tab).
      if (problem.status === 409) {
        c.status(409);
        return renderNew(c, fetchApi, productId, { error: ALREADY_LISTED, refused: true });
      }
      if (problem.status === 422) {
        c.status(409);
        return renderNew(c, fetchApi, productId, { error: SPENT_FORM, refused: true });
      }
      answerProblem(c, problem);
      if (problem.errors?.some((e) => e.path === "product_id")) return renderSearch(c, fetchApi, NOT_IN_CATALOG);
      const errors = apiFieldErrors(problem);
      return renderNew(c, fetchApi, productId, {
        state: { values, errors },
        error: refusalSummary(errors) ?? problemMessage(problem),
        refused: true,
      });
    }
    return c.redirect(listedAt(productId), 303);
  });
}
