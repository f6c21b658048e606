import type { Context, Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../../platform/context";
import { type ApiFetch, callApi, answerProblem, problemMessage } from "../api";
import { money, statusLabel, when } from "../format";
import { CsrfField, Layout } from "../layout";
import { cursorParam, type Page, PageLinks, withQuery } from "../paging";
import { consoleGuard, Flash, rupeesField } from "./guard";

/** A seller's listing as the seller API returns it. */
interface SellerListing {
  id: string;
  product_id?: string;
  title?: string;
  product_title?: string;
  price: number;
  mrp: number;
  active: boolean;
  stock?: { warehouse_id: string; warehouse_name?: string; available: number; reserved?: number; version?: number }[];
}

/** An order for the seller's listings as GET /api/seller/orders answers it: their own lines only. */
interface SellerOrder {
  id: string;
  status: string;
  created_at: string;
  items: { listing_id: string; title: string; qty: number; unit_price: number }[];
  subtotal: number;
  ship_to: { city: string; state: string; pincode: string };
}

/** Orders per page in the seller console. */
export const SELLER_ORDERS_PAGE = 20;

/** The price form: rupees as typed, converted to paise before the API sees them. */
export const ListingForm = z.object({
  price: rupeesField("Enter the price in rupees"),
  mrp: rupeesField("Enter the MRP in rupees"),
  active: z.enum(["true", "false"]).transform((v) => v === "true"),
});

/**
 * The stock form: units available in one warehouse, the stock version the form was drawn from
 * (so a count made on a stale page cannot undo a sale since) and a per-form key (so a double
 * submit counts once). Both are optional: a form drawn before they existed still posts.
 */
export const StockForm = z.object({
  warehouse_id: z.string().min(1).max(64),
  available: z.coerce.number().int().min(0).max(1_000_000),
  version: z
    .string()
    .regex(/^\d{1,15}$/)
    .optional(),
  key: z
    .string()
    .regex(/^[A-Za-z0-9-]{8,128}$/)
    .optional(),
});

const STALE_STOCK =
  "The stock changed since this page was loaded (an order may have reserved or bought units), so your count was not saved. The form now shows the current figures: check them and set the stock again.";

// Post, then redirect: a refresh after saving never submits the form twice.
const DONE: Record<string, string> = {
  listing: "Listing saved. Shoppers see the new price shortly.",
  stock: "Stock updated.",
};

function pageQuery(cursor: string | undefined): string {
  const qs = new URLSearchParams({ limit: "20" });
  if (cursor && /^[A-Za-z0-9_-]{1,64}$/.test(cursor)) qs.set("cursor", cursor);
  return qs.toString();
}

async function renderSeller(c: Context<AppEnv>, fetchApi: ApiFetch, flash: { ok?: string; error?: string } = {}) {
  // The two lists page independently; each link carries the other's position along.
  const listingsCursor = cursorParam(c.req.query("cursor"));
  const ordersCursor = cursorParam(c.req.query("orders_cursor"));
  const [listings, orders] = await Promise.all([
    callApi<{ items?: SellerListing[]; next_cursor?: string | null } | SellerListing[]>(
      c,
      fetchApi,
      `/api/seller/listings?${pageQuery(c.req.query("cursor"))}`,
    ),
    callApi<Page<SellerOrder>>(c, fetchApi, withQuery("/api/seller/orders", { limit: SELLER_ORDERS_PAGE, cursor: ordersCursor })),
  ]);
  const items = listings.ok ? (Array.isArray(listings.data) ? listings.data : (listings.data.items ?? [])) : [];
  const next = listings.ok && !Array.isArray(listings.data) ? listings.data.next_cursor : null;
  const orderList = orders.ok ? orders.data.items : [];
  const nextOrders = orders.ok ? orders.data.next_cursor : null;
  const csrf = c.var.csrfToken;
  return c.html(
    <Layout degraded={c.var.degraded} viewer={c.var.user} csrf={c.var.csrfToken} title="Seller console">
      <h1>Your listings</h1>
      <Flash ok={flash.ok} error={flash.error ?? (listings.ok ? undefined : problemMessage(listings.problem))} />
      <ul class="console-list">
        {items.map((l) => (
          <li class="panel" data-listing-id={l.id} data-product-id={l.product_id}>
            <h2>
              {l.product_id ? (
                <a href={`/products/${encodeURIComponent(l.product_id)}`}>{l.product_title ?? l.title ?? l.id}</a>
              ) : (
                (l.product_title ?? l.title ?? l.id)
              )}
            </h2>
            <p class="muted" data-listing-summary>
              {l.active ? "Active" : "Inactive"} · {money(l.price)} (MRP {money(l.mrp)}) ·{" "}
              {(l.stock ?? []).reduce((n, s) => n + s.available, 0)} in stock
            </p>
            <details>
              <summary>Edit price, status and stock</summary>
              <p class="muted">Listing {l.id}</p>
              <form method="post" action={`/seller/listings/${encodeURIComponent(l.id)}`} class="row-form">
                <CsrfField token={csrf} />
                <label>
                  Price (₹) <input name="price" inputmode="decimal" required value={(l.price / 100).toFixed(2)} />
                </label>
                <label>
                  MRP (₹) <input name="mrp" inputmode="decimal" required value={(l.mrp / 100).toFixed(2)} />
                </label>
                <label>
                  Status{" "}
                  <select name="active">
                    <option value="true" selected={l.active}>
                      Active
                    </option>
                    <option value="false" selected={!l.active}>
                      Inactive
                    </option>
                  </select>
                </label>
                <button type="submit">Save</button>
              </form>
              {(l.stock ?? []).map((s) => (
                <form method="post" action={`/seller/listings/${encodeURIComponent(l.id)}/stock`} class="row-form">
                  <CsrfField token={csrf} />
                  <input type="hidden" name="warehouse_id" value={s.warehouse_id} />
                  {typeof s.version === "number" && <input type="hidden" name="version" value={String(s.version)} />}
                  <input type="hidden" name="key" value={crypto.randomUUID()} />
                  <label>
                    Available at {s.warehouse_name ?? s.warehouse_id}{" "}
                    <input type="number" name="available" min="0" value={String(s.available)} />
                  </label>
                  {typeof s.reserved === "number" && <span class="muted">{s.reserved} reserved</span>}
                  <button type="submit">Set stock</button>
                </form>
              ))}
            </details>
          </li>
        ))}
      </ul>
      {next && (
        <p class="more">
          <a href={withQuery("/seller", { cursor: next, orders_cursor: ordersCursor })} rel="next">
            More listings
          </a>
        </p>
      )}
      <h2 id="orders">Your orders</h2>
      {!orders.ok ? (
        <p class="panel">{problemMessage(orders.problem)}</p>
      ) : orderList.length === 0 && !ordersCursor ? (
        <p class="panel">No orders yet.</p>
      ) : (
        <table class="data" data-seller-orders>
          <thead>
            <tr>
              <th scope="col">Order</th>
              <th scope="col">Placed</th>
              <th scope="col">Status</th>
              <th scope="col">Your items</th>
              <th scope="col">Your total</th>
              <th scope="col">Ship to</th>
            </tr>
          </thead>
          <tbody>
            {orderList.map((o) => (
              <tr data-order-id={o.id}>
                <td>{o.id}</td>
                <td>{when(o.created_at)}</td>
                <td>{statusLabel(o.status)}</td>
                <td>
                  {o.items.map((i) => (
                    <div data-listing-id={i.listing_id}>
                      {i.qty} × {i.title} at {money(i.unit_price)}
                    </div>
                  ))}
                </td>
                <td>{money(o.subtotal)}</td>
                <td>
                  {o.ship_to.city}, {o.ship_to.state} {o.ship_to.pincode}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <PageLinks
        next={nextOrders ? `${withQuery("/seller", { cursor: listingsCursor, orders_cursor: nextOrders })}#orders` : null}
        first={ordersCursor ? `${withQuery("/seller", { cursor: listingsCursor })}#orders` : null}
        label="Older orders"
      />
    </Layout>,
  );
}

/** Registers the seller console: listings with price, MRP, active and per-warehouse stock, and the seller's orders. */
export function registerSellerConsole(app: Hono<AppEnv>, fetchApi: ApiFetch): void {
  app.get("/seller", (c) => consoleGuard(c, "seller") ?? renderSeller(c, fetchApi, { ok: DONE[c.req.query("done") ?? ""] }));

  app.post("/seller/listings/:id", async (c) => {
    const denied = consoleGuard(c, "seller");
    if (denied) return denied;
    const parsed = ListingForm.safeParse(await c.req.parseBody());
    if (!parsed.success) {
      c.status(400);
      return renderSeller(c, fetchApi, { error: parsed.error.issues.map((i) => i.message).join(". ") });
    }
    const res = await callApi(c, fetchApi, `/api/seller/listings/${encodeURIComponent(c.req.param("id"))}`, {
      method: "PATCH",
      body: parsed.data,
    });
    if (!res.ok) {
      answerProblem(c, res.problem);
      return renderSeller(c, fetchApi, { error: problemMessage(res.problem) });
    }
    return c.redirect("/seller?done=listing", 303);
  });

  app.post("/seller/listings/:id/stock", async (c) => {
    const denied = consoleGuard(c, "seller");
    if (denied) return denied;
    const parsed = StockForm.safeParse(await c.req.parseBody());
    if (!parsed.success) {
      c.status(400);
      return renderSeller(c, fetchApi, { error: "Enter a whole number of units." });
    }
    const { warehouse_id, available, version, key } = parsed.data;
    const headers: Record<string, string> = {};
    if (version) headers["if-match"] = `"${version}"`;
    if (key) headers["idempotency-key"] = key;
    const res = await callApi(c, fetchApi, `/api/seller/listings/${encodeURIComponent(c.req.param("id"))}/stock`, {
      method: "PUT",
      body: { warehouse_id, available },
      headers,
    });
    if (!res.ok) {
      // A stale form (or one resubmitted with another count) conflicts with the stock as it is now.
      if (res.problem.status === 412 || res.problem.status === 422) {
        c.status(409);
        return renderSeller(c, fetchApi, { error: STALE_STOCK });
      }
      answerProblem(c, res.problem);
      return renderSeller(c, fetchApi, { error: problemMessage(res.problem) });
    }
    return c.redirect("/seller?done=stock", 303);
  });
}
