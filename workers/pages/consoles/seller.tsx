import type { Context, Hono } from "hono";
import { ColumnHeads, TableScroll } from "../components";
import type { AppEnv } from "../../platform/context";
import { type ApiFetch, callApi, answerProblem, problemMessage } from "../api";
import type { SellerDue } from "../../orders/seller-hand-over";
import { money, statusLabel, whenIst } from "../format";
import { Layout } from "../layout";
import { type Page, PageLinks, withQuery } from "../paging";
import { GstinWarning, type InvoicingState } from "./gstin-warning";
import { consoleGuard, Flash } from "./guard";
import { atPlace, formError, ListingForm, listingChanges, placeOf, ReceiptForm, StockForm, stockHeaders } from "./seller-forms";
import { type ListingDraft, ListingPanel, type SellerListing, type SellerWarehouse } from "./seller-listing";
import { type DueCounts, DueFilter, HandOverBy, LateOrdersAlert, OrdersJump } from "./seller-due";
import { creditedWords } from "../invoice";
import { sellerCreditNotePath, sellerInvoicePath } from "./seller-invoice";
import { SellerNav, waitingQuestions } from "./seller-nav";

/** An order for the seller's listings as GET /api/seller/orders answers it: their own lines only. */
interface SellerOrder {
  id: string;
  status: string;
  created_at: string;
  items: { listing_id: string; title: string; qty: number; unit_price: number }[];
  subtotal: number;
  ship_to: { city: string; state: string; pincode: string };
  invoice: { id: string; number: string } | null;
  credit_note: { id: string; number: string; amount: number } | null;
  hand_over_by: string | null;
  late: boolean;
}

/** Statuses of an order that never shipped and never will, so no invoice is coming for it. */
const NEVER_SHIPS = new Set(["cancelled", "payment_failed", "refunded"]);

/** Orders per page in the seller console. */
export const SELLER_ORDERS_PAGE = 20;

/** Listings per page in the seller console. */
export const SELLER_LISTINGS_PAGE = 20;

const SPENT_RECEIPT =
  "This form was already used for a different receipt, so nothing more was added. The form now shows the current stock: if more units arrived, enter them again.";

const STALE_STOCK =
  "The stock changed since this page was loaded (an order may have reserved or bought units), so your count was not saved. The form now shows the current figures: check them and set the stock again. To add units that just arrived, use Received units, which does not need the stock to stand still.";
const RESENT_STOCK =
  "You saved this stock form already, so this second count was not saved. The form now shows the stock your first save set: change it there if it needs to be different.";

// Post, then redirect: a refresh after saving never submits the form twice.
const DONE = {
  listing: "Listing saved. Shoppers see the new price shortly.",
  off: "Listing switched off: shoppers can no longer buy it from you. Switch it on again to sell it.",
  on: "Listing switched on: shoppers can buy it from you again shortly.",
  low_stock: "Listing saved. The low-stock alert now goes at the level you set.",
  unchanged: "Nothing to save: the form had no changes.",
  stock: "Stock updated.",
  received: "Received units added to the stock for sale.",
  received_before: "Those received units were added already, when this form was first sent: nothing more was added.",
  registered: "Welcome to Bazaar's sellers. List your first product: find it in the catalog, set your price and opening stock.",
} as const;

function doneMessage(done: string | undefined): string | undefined {
  return done && Object.hasOwn(DONE, done) ? DONE[done as keyof typeof DONE] : undefined;
}

/**
 * What the console says after the new-listing form redirected here, naming the product: the
 * console then shows only that listing, so it is the one listed, with its opening stock if any.
 */
function listedMessage(done: string | undefined, listing: SellerListing | undefined): string | undefined {
  if (done !== "listed") return undefined;
  const name = listing ? `“${listing.product_title ?? listing.title ?? listing.id}”` : "The product";
  const at = listing ? ` at ${money(listing.price)}` : "";
  const units = (listing?.stock ?? []).reduce((n, s) => n + s.available, 0);
  return `${name} is listed${at}${units > 0 ? ` with ${units} for sale` : ""}. Shoppers see it on the product page shortly.`;
}

async function renderSeller(c: Context<AppEnv>, fetchApi: ApiFetch, flash: { ok?: string; error?: string; draft?: ListingDraft } = {}) {
  // The two lists page independently; each link and form carries the other's position along.
  const place = placeOf((name) => c.req.query(name));
  const { cursor: listingsCursor, orders_cursor: ordersCursor, order, product, stock, due } = place;
  const productOrders = product !== undefined && !order && !due;
  const [listings, orders, warehouses, profile, dueCounts, questions] = await Promise.all([
    callApi<Page<SellerListing>>(
      c,
      fetchApi,
      withQuery("/api/seller/listings", { limit: SELLER_LISTINGS_PAGE, cursor: listingsCursor, product_id: product, stock }),
    ),
    callApi<Page<SellerOrder>>(
      c,
      fetchApi,
      // Showing one product shows its orders too, unless one order or a due list was asked for.
      withQuery("/api/seller/orders", {
        limit: SELLER_ORDERS_PAGE,
        cursor: ordersCursor,
        order,
        due,
        product_id: productOrders ? product : undefined,
      }),
    ),
    callApi<{ items: SellerWarehouse[] }>(c, fetchApi, "/api/seller/warehouses"),
    callApi<InvoicingState>(c, fetchApi, "/api/seller/profile"),
    // Only the order list's own filter shows them; one order on its own has none.
    order ? null : callApi<DueCounts>(c, fetchApi, "/api/seller/orders/due"),
    waitingQuestions(c, fetchApi),
  ]);
  const items = listings.ok ? listings.data.items : [];
  const next = listings.ok ? listings.data.next_cursor : null;
  const orderList = orders.ok ? orders.data.items : [];
  const nextOrders = orders.ok ? orders.data.next_cursor : null;
  // Without the list the console still sets stock where a listing has it; only the add form is missing.
  const warehouseList = warehouses.ok ? warehouses.data.items : [];
  const csrf = c.var.csrfToken;
  const listed = listedMessage(c.req.query("done"), product ? items[0] : undefined);
  // The order list from its start, all orders or those due, the listings kept where they are.
  const ordersAt = (to?: SellerDue) => withQuery("/seller", { product, stock, cursor: listingsCursor, due: to });
  const allOrders = ordersAt();
  const counts = dueCounts?.ok ? dueCounts.data : null;
  return c.html(
    <Layout degraded={c.var.degraded} viewer={c.var.user} csrf={c.var.csrfToken} title="Seller console" scripts={["stock-receipt.js"]}>
      <h1>Your listings</h1>
      <SellerNav current="/seller" questions={questions} />
      <Flash ok={flash.ok ?? listed} error={flash.error} />
      <GstinWarning profile={profile.ok ? profile.data : null} linkToProfile />
      {due !== "late" && <LateOrdersAlert counts={counts} href={`${ordersAt("late")}#orders`} />}
      <p class="row">
        <a class="button primary" href="/seller/new" data-list-product>
          List a product
        </a>
        <OrdersJump counts={counts} />
      </p>
      {product ? (
        <p class="muted" data-one-product>
          Showing your listing of one product. <a href="/seller">All your listings</a>
        </p>
      ) : stock === "low" ? (
        <p class="muted" data-stock-filter>
          Showing your listings running low or sold out. <a href="/seller">All your listings</a>
        </p>
      ) : (
        <p class="muted" data-stock-filter>
          <a href="/seller?stock=low">Only listings running low or sold out</a> · We tell you on your <a href="/account/updates">Updates</a>{" "}
          page when a listing runs low or sells out.
        </p>
      )}
      {!listings.ok ? (
        // In place of the list, so an unanswered read never looks like a seller with nothing listed.
        <p class="panel" role="alert" data-listings-failed>
          Your listings did not load. {problemMessage(listings.problem)}{" "}
          <a href={withQuery("/seller", { product, stock, cursor: listingsCursor, orders_cursor: ordersCursor, order, due })}>
            Load them again
          </a>
        </p>
      ) : items.length === 0 && !listingsCursor && stock === "low" && !product ? (
        <p class="panel" data-no-listings>
          None of your listings is running low. <a href="/seller">All your listings</a>
        </p>
      ) : items.length === 0 && !listingsCursor && !product ? (
        <p class="panel" data-no-listings>
          You have no listings yet. <a href="/seller/new">List a product</a>: find it in the catalog, set your price and opening stock; it
          then shows here, where you can change its price, status and stock.
        </p>
      ) : items.length === 0 && product ? (
        <p class="panel" data-no-listings>
          You do not sell this product. <a href={`/seller/new/${encodeURIComponent(product)}`}>Sell it</a>
        </p>
      ) : (
        <ul class="console-list">
          {items.map((l) => (
            <ListingPanel listing={l} warehouses={warehouseList} csrf={csrf} place={place} alone={Boolean(product)} draft={flash.draft} />
          ))}
        </ul>
      )}
      {next && (
        <p class="more">
          <a href={withQuery("/seller", { product, stock, cursor: next, orders_cursor: ordersCursor, order, due })} rel="next">
            More listings
          </a>
        </p>
      )}
      <h2 id="orders">Your orders</h2>
      {order ? (
        <p class="muted" data-one-order>
          Showing order {order} only. <a href={`${allOrders}#orders`}>Show all orders</a>
        </p>
      ) : productOrders ? (
        <p class="muted" data-product-orders>
          Showing the orders of this product only. <a href={`${withQuery("/seller", { stock })}#orders`}>Show all orders</a>
        </p>
      ) : (
        <DueFilter due={due} ordersAt={ordersAt} counts={counts} />
      )}
      {!orders.ok ? (
        <p class="panel">{problemMessage(orders.problem)}</p>
      ) : orderList.length === 0 && order ? (
        <p class="panel" data-no-orders>
          None of your listings is in this order.
        </p>
      ) : orderList.length === 0 && !ordersCursor && due ? (
        <p class="panel" data-no-orders>
          {due === "late" ? "None of your orders is late." : "No order is due to be handed over today."}
        </p>
      ) : orderList.length === 0 && !ordersCursor ? (
        <p class="panel">{productOrders ? "No orders of this product yet." : "No orders yet."}</p>
      ) : (
        <TableScroll label="Your orders">
          <table class="data" data-seller-orders>
            <ColumnHeads
              columns={["Order", "Placed", "Status", "Dispatch", "Your items", "Your total", "Ship to", "Your invoice and credit note"]}
            />
            <tbody>
              {orderList.map((o) => (
                <tr data-order-id={o.id}>
                  <td class="ref">{o.id}</td>
                  <td class="words">{whenIst(o.created_at)}</td>
                  <td class="words">{statusLabel(o.status)}</td>
                  <td class="words" data-hand-over-by={o.hand_over_by ?? undefined}>
                    <HandOverBy order={o} />
                  </td>
                  <td class="words">
                    {o.items.map((i) => (
                      <div data-listing-id={i.listing_id}>
                        {i.qty} × {i.title} at {money(i.unit_price)}
                      </div>
                    ))}
                  </td>
                  <td class="amount">{money(o.subtotal)}</td>
                  <td class="words">
                    {o.ship_to.city}, {o.ship_to.state} {o.ship_to.pincode}
                  </td>
                  <td data-seller-invoice>
                    {o.invoice ? (
                      <>
                        <a href={sellerInvoicePath(o.invoice.id)}>Invoice {o.invoice.number}</a>
                        {o.credit_note && (
                          <div data-seller-credit-note>
                            {creditedWords(o.credit_note.amount, o.subtotal).words}{" "}
                            <a href={sellerCreditNotePath(o.credit_note.id)}>Credit note {o.credit_note.number}</a>
                          </div>
                        )}
                      </>
                    ) : (
                      <span class="muted words">{NEVER_SHIPS.has(o.status) ? "None: it did not ship" : "Issued when shipped"}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <PageLinks
        next={
          nextOrders
            ? `${withQuery("/seller", { product, stock, cursor: listingsCursor, order, due, orders_cursor: nextOrders })}#orders`
            : null
        }
        first={ordersCursor ? `${withQuery("/seller", { product, stock, cursor: listingsCursor, due })}#orders` : null}
        label={due ? "Later orders" : "Older orders"}
      />
    </Layout>,
  );
}

/** A refused form's typed fields, to draw it again with them (a stale count is not: it shows the stock as it is now). */
function draftOf(listingId: string, form: Record<string, unknown>, names: string[]): ListingDraft {
  const fields: Record<string, string> = {};
  for (const name of names) {
    const value = form[name];
    if (typeof value === "string") fields[name] = value.slice(0, 100);
  }
  return { listingId, fields };
}

/** What a listing save changed, for the words the console says after it: a price, or only the switch or the alert level. */
function savedWhat(changes: ReturnType<typeof listingChanges>): "listing" | "off" | "on" | "low_stock" {
  if (changes.price !== undefined || changes.mrp !== undefined) return "listing";
  if (changes.active !== undefined) return changes.active ? "on" : "off";
  return "low_stock";
}

/** Registers the seller console: listings with price, MRP, active and per-warehouse stock, and the seller's orders (new listings: seller-new.tsx). */
export function registerSellerConsole(app: Hono<AppEnv>, fetchApi: ApiFetch): void {
  app.get("/seller", (c) => consoleGuard(c, "seller") ?? renderSeller(c, fetchApi, { ok: doneMessage(c.req.query("done")) }));

  // Forms post to URLs carrying the seller's place in the lists, so an error page redrawn here and
  // the redirect after a save both show the page the seller was on.
  const backTo = (c: Context<AppEnv>, done: keyof typeof DONE) =>
    atPlace(
      "/seller",
      placeOf((name) => c.req.query(name)),
      { done },
    );

  app.post("/seller/listings/:id", async (c) => {
    const denied = consoleGuard(c, "seller");
    if (denied) return denied;
    const form = await c.req.parseBody();
    const draft = draftOf(c.req.param("id"), form, ["price", "mrp", "active", "low_stock_at"]);
    const parsed = ListingForm.safeParse(form);
    if (!parsed.success) {
      c.status(400);
      return renderSeller(c, fetchApi, { error: formError(parsed.error), draft });
    }
    const changes = listingChanges(parsed.data);
    if (Object.keys(changes).length === 0) return c.redirect(backTo(c, "unchanged"), 303);
    const res = await callApi(c, fetchApi, `/api/seller/listings/${encodeURIComponent(c.req.param("id"))}`, {
      method: "PATCH",
      body: changes,
    });
    if (!res.ok) {
      answerProblem(c, res.problem);
      return renderSeller(c, fetchApi, { error: problemMessage(res.problem), draft });
    }
    return c.redirect(backTo(c, savedWhat(changes)), 303);
  });

  app.post("/seller/listings/:id/stock", async (c) => {
    const denied = consoleGuard(c, "seller");
    if (denied) return denied;
    const form = await c.req.parseBody();
    const draft = draftOf(c.req.param("id"), form, ["warehouse_id", "available"]);
    const parsed = StockForm.safeParse(form);
    if (!parsed.success) {
      c.status(400);
      return renderSeller(c, fetchApi, { error: formError(parsed.error), draft });
    }
    const { warehouse_id, available } = parsed.data;
    const res = await callApi(c, fetchApi, `/api/seller/listings/${encodeURIComponent(c.req.param("id"))}/stock`, {
      method: "PUT",
      body: { warehouse_id, available },
      headers: stockHeaders(parsed.data),
    });
    if (!res.ok) {
      // A stale form conflicts with the stock as it is now; one saved already and sent again with
      // another count (Back, edit, Save) was the seller's own change, not an order's.
      if (res.problem.status === 412 || res.problem.status === 422) {
        c.status(409);
        return renderSeller(c, fetchApi, { error: res.problem.status === 422 ? RESENT_STOCK : STALE_STOCK });
      }
      answerProblem(c, res.problem);
      return renderSeller(c, fetchApi, { error: problemMessage(res.problem), draft });
    }
    return c.redirect(backTo(c, "stock"), 303);
  });

  app.post("/seller/listings/:id/stock/receipts", async (c) => {
    const denied = consoleGuard(c, "seller");
    if (denied) return denied;
    const form = await c.req.parseBody();
    const draft = draftOf(c.req.param("id"), form, ["warehouse_id", "units"]);
    const parsed = ReceiptForm.safeParse(form);
    if (!parsed.success) {
      c.status(400);
      return renderSeller(c, fetchApi, { error: formError(parsed.error), draft });
    }
    const { warehouse_id, units, key } = parsed.data;
    const res = await callApi(c, fetchApi, `/api/seller/listings/${encodeURIComponent(c.req.param("id"))}/stock/receipts`, {
      method: "POST",
      body: { warehouse_id, units },
      headers: { "idempotency-key": key },
    });
    if (!res.ok) {
      // The same drawn form sent again with other figures: its first receipt stands.
      if (res.problem.status === 422) {
        c.status(409);
        return renderSeller(c, fetchApi, { error: SPENT_RECEIPT });
      }
      answerProblem(c, res.problem);
      return renderSeller(c, fetchApi, { error: problemMessage(res.problem), draft });
    }
    // The same receipt sent again (a form brought back and sent twice) is answered as the first.
    return c.redirect(backTo(c, res.headers.get("idempotent-replayed") === "true" ? "received_before" : "received"), 303);
  });
}
