import { refreshProductSummary } from "../catalog/summary";
import { tooFarBelowMrp, tooFarBelowMrpMessage } from "./price-sanity";
import { OPEN_DEAL_ON } from "../deals/deal-window";
import { type CatalogChange, catalogChangeStatement } from "../catalog/changes";
import { setAvailableStatements } from "../inventory/ledger";
import { AppError } from "../platform/errors";
import { newId } from "../platform/ids";
import { istTime, nowIso } from "../platform/time";
import { inboxOnSwitchStatements } from "../questions/inbox";
import { buyBoxStatus } from "./buy-box-status";
import { requireWarehouse } from "./warehouses";
import type { SellerListing, SetStockInput, SetStockOptions, UpdateListingInput } from "./schemas";
import { money } from "../pages/format";

/**
 * A seller's listings, prices and stock. Every change is one D1 batch (one transaction): the
 * change, the product's buy-box summary and the outbox row that tells the catalog consumer to
 * rebuild the page, so the page can never miss a committed change. Every query is scoped by
 * the seller id: another seller's listing is indistinguishable from a missing one (404).
 */

interface ListingRow {
  id: string;
  product_id: string;
  product_title: string;
  price: number;
  mrp: number;
  active: number;
  low_stock_at: number;
  updated_at: string;
  stock: string | null;
  buy_box_listing_id: string | null;
  buy_box_price: number | null;
  product_stock: number;
}

// The buy box comes from the product summary on the row already joined for the title: no query per listing.
const LISTING_SELECT = `SELECT l.id, l.product_id, p.title AS product_title, l.price, l.mrp, l.active, l.low_stock_at, l.updated_at,
    p.buy_box_listing_id, p.price AS buy_box_price, p.stock_total AS product_stock,
    (SELECT json_group_array(json_object('warehouse_id', i.warehouse_id, 'warehouse_name', COALESCE(w.name, i.warehouse_id), 'available', i.available,
              'reserved', i.reserved, 'allocated', i.allocated, 'sold', i.sold, 'version', i.version))
       FROM inventory i LEFT JOIN warehouses w ON w.id = i.warehouse_id WHERE i.sku_id = l.id) AS stock
  FROM listings l JOIN products p ON p.id = l.product_id`;

function toView(r: ListingRow): SellerListing {
  const stock = (r.stock ? JSON.parse(r.stock) : []) as SellerListing["stock"];
  const available = stock.reduce((n, s) => n + s.available, 0);
  return {
    id: r.id,
    product_id: r.product_id,
    product_title: r.product_title,
    price: r.price,
    mrp: r.mrp,
    currency: "INR",
    active: r.active === 1,
    low_stock_at: r.low_stock_at,
    low_stock: r.low_stock_at > 0 && available <= r.low_stock_at,
    stock: stock.sort((a, b) => a.warehouse_id.localeCompare(b.warehouse_id)),
    buy_box: buyBoxStatus({
      listingId: r.id,
      active: r.active === 1,
      available,
      price: r.price,
      buyBoxListingId: r.buy_box_listing_id,
      buyBoxPrice: r.buy_box_price,
      productStock: r.product_stock,
    }),
    updated_at: r.updated_at,
  };
}

/** One of the seller's listings, or a 404 when it does not exist or belongs to someone else. */
export async function getOwnListing(d1: D1Database, sellerId: string, listingId: string): Promise<SellerListing> {
  const row = await d1.prepare(`${LISTING_SELECT} WHERE l.id = ?1 AND l.seller_id = ?2`).bind(listingId, sellerId).first<ListingRow>();
  if (!row) throw new AppError("not_found", `You have no listing ${listingId}.`);
  return toView(row);
}

/**
 * The seller's low listings (`?1`) after listing `?2`, in id order, `?3` of them: those the seller
 * was told ran low or sold out and not restocked above their line since. A range of the partial
 * (seller, id) index of marked listings, however many listings the seller has.
 */
export const LOW_LISTINGS_SQL = `${LISTING_SELECT} WHERE l.seller_id = ?1 AND l.low_stock_notified_at IS NOT NULL AND l.id > ?2
  ORDER BY l.id LIMIT ?3`;

/**
 * The seller's listings (`?1`) after listing `?2` in id order, `?3` of them, only of the products in
 * the JSON list `?4` when given, only the low ones when `?5`: a range of the (seller, id) index, so
 * a page costs its own rows however many listings the seller has.
 */
export const OWN_LISTINGS_SQL = `${LISTING_SELECT} WHERE l.seller_id = ?1 AND l.id > ?2
  AND (?4 IS NULL OR l.product_id IN (SELECT value FROM json_each(?4)))
  AND (?5 IS NULL OR l.low_stock_notified_at IS NOT NULL) ORDER BY l.id LIMIT ?3`;

/** A page of the seller's listings in id order, of every product or only of `product_id`'s, or only the low ones. */
export async function listOwnListings(
  d1: D1Database,
  sellerId: string,
  page: { limit: number; cursor?: string | undefined; product_id?: string[] | undefined; stock?: "low" | undefined },
): Promise<{ items: SellerListing[]; next_cursor: string | null }> {
  const products = page.product_id ? JSON.stringify(page.product_id) : null;
  const query =
    page.stock === "low" && !products
      ? d1.prepare(LOW_LISTINGS_SQL).bind(sellerId, page.cursor ?? "", page.limit + 1)
      : d1.prepare(OWN_LISTINGS_SQL).bind(sellerId, page.cursor ?? "", page.limit + 1, products, page.stock ?? null);
  const { results } = await query.all<ListingRow>();
  const items = results.slice(0, page.limit).map(toView);
  return { items, next_cursor: results.length > page.limit ? (items.at(-1)?.id ?? null) : null };
}

/**
 * The product summary refresh and the catalog change that follow a listing change in its batch,
 * each run only if the statement before it changed one row: a refused change announces nothing.
 */
function afterListingChange(
  d1: D1Database,
  productId: string,
  listingId: string,
  reason: CatalogChange["reason"],
  at: string,
): D1PreparedStatement[] {
  return [
    ...refreshProductSummary(d1, productId, at, { afterChange: true }),
    catalogChangeStatement(
      d1,
      { type: "product.changed", product_id: productId, listing_id: listingId, reason, at },
      { afterChange: true },
    ),
  ];
}

/** Refuses an update whose resulting price (sent, or kept from `current`) would be above the MRP, or too far below it. */
function checkPriceWithinMrp(input: UpdateListingInput, current: SellerListing): void {
  const price = input.price ?? current.price;
  const mrp = input.mrp ?? current.mrp;
  if (price > mrp) {
    throw new AppError("validation_failed", "Price cannot be above the MRP.", {
      // In the seller's forms' words, on the field the seller changed.
      errors: [
        input.price !== undefined
          ? { path: "price", message: `Your price cannot be above the MRP (${money(mrp)}).` }
          : { path: "mrp", message: `The MRP cannot be below your price (${money(price)}).` },
      ],
    });
  }
  if (tooFarBelowMrp(price, mrp)) {
    const field = input.price !== undefined ? "price" : "mrp";
    const message = tooFarBelowMrpMessage(field, price, mrp);
    throw new AppError("validation_failed", message, { errors: [{ path: field, message }] });
  }
}

/**
 * The product an edit sets on or off, for the seller's inbox of questions: by what the edit writes,
 * not by the listing as read before it. This update is not conditional on that read, so another
 * edit may switch the listing the other way in between (two tabs, a bulk update): an edit sent as on
 * then writes it on again, and must put back the questions the other one's batch took out, and an
 * edit sent as off must take out those the other one put in. Both statements check the listing as
 * this batch left it and are idempotent, so where the read was right they change nothing. An edit
 * sent as on for a listing already on costs one bounded read of the product's questions
 * (`inboxOnListingStatement`); the console's form sends `active` only when the seller changed it,
 * and an edit that does not send it (price, MRP, low-stock line) runs no inbox statement.
 */
function switchedBy(input: UpdateListingInput, current: SellerListing): { on: string[]; off: string[] } {
  return {
    on: input.active === true ? [current.product_id] : [],
    off: input.active === false ? [current.product_id] : [],
  };
}

/**
 * A listing with a flash deal to come or under way stays on sale: switched off, the deal would
 * still open and admit shoppers, hold units for them, and then refuse every one at checkout.
 * The deal manager ends the deal (its units go back to the listing's stock), then it can go off.
 */
async function refuseWhileDealOpen(d1: D1Database, listingId: string, now: string): Promise<void> {
  const deal = await d1
    .prepare(`SELECT id, ends_at AS endsAt FROM deals WHERE ${OPEN_DEAL_ON("?1", "?2")} ORDER BY starts_at LIMIT 1`)
    .bind(listingId, now)
    .first<{ id: string; endsAt: string }>();
  if (!deal) return;
  throw new AppError(
    "conflict",
    `This listing has a flash deal to come or under way, until ${istTime(deal.endsAt)}, so it stays on sale: switched off, the deal would let shoppers in who could not buy. Ask the deal manager to end the deal first.`,
    { extensions: { deal_id: deal.id } },
  );
}

/**
 * Changes price, MRP, whether the listing is on sale or its low-stock line; price may never
 * exceed MRP. A new line is weighed against the stock by the catalog change this writes: a
 * listing already under it is news to the seller, one above it is re-armed. Only the
 * fields sent are written and the MRP rule is checked in SQL on the row as it stands, so an edit
 * racing another one neither undoes the other's field nor slips a price above a lowered MRP.
 */
export async function updateListing(
  d1: D1Database,
  sellerId: string,
  listingId: string,
  input: UpdateListingInput,
): Promise<SellerListing> {
  const current = await getOwnListing(d1, sellerId, listingId);
  checkPriceWithinMrp(input, current);
  const now = nowIso();
  const [update] = await d1.batch([
    d1
      .prepare(
        `UPDATE listings SET price = COALESCE(?1, price), mrp = COALESCE(?2, mrp), active = COALESCE(?3, active),
           low_stock_at = COALESCE(?7, low_stock_at), updated_at = ?4
         WHERE id = ?5 AND seller_id = ?6 AND COALESCE(?1, price) <= COALESCE(?2, mrp)
           AND (COALESCE(?3, 1) = 1 OR NOT EXISTS (SELECT 1 FROM deals WHERE ${OPEN_DEAL_ON("?5", "?4")}))`,
      )
      .bind(
        input.price ?? null,
        input.mrp ?? null,
        input.active === undefined ? null : input.active ? 1 : 0,
        now,
        listingId,
        sellerId,
        input.low_stock_at ?? null,
      ),
    // Chained on the update, so a refused update leaves the summary and the outbox as they were.
    ...afterListingChange(d1, current.product_id, listingId, "listing_updated", now),
    ...inboxOnSwitchStatements(d1, sellerId, switchedBy(input, current), now),
  ]);
  if (update?.meta.changes !== 1) {
    if (input.active === false) await refuseWhileDealOpen(d1, listingId, now);
    // Another edit landed since the read: answer as if this one had arrived after it.
    checkPriceWithinMrp(input, await getOwnListing(d1, sellerId, listingId));
    throw new AppError("conflict", "The listing changed while your edit was being saved; read it again and retry.");
  }
  return getOwnListing(d1, sellerId, listingId);
}

/** How the journal names a seller's count, the opening stock of a new listing included. */
export const SELLER_COUNT_REASON = "seller stock count";

/**
 * The journal ref of a seller's count: keyed per listing, so one seller's key can never replay
 * into another listing's count; unkeyed counts each get their own.
 */
export const sellerCountRef = (listingId: string, key: string | undefined) => (key ? `cnt:${listingId}:${key}` : newId("cnt"));

/**
 * A count already made under this Idempotency-Key: the listing as it stands, or 422 when the key
 * was used for a different count. Null when the key has not been used.
 */
async function replayedCount(d1: D1Database, sellerId: string, listingId: string, input: SetStockInput, ref: string) {
  const done = await d1
    .prepare("SELECT sku_id, warehouse_id, available_after FROM inventory_journal WHERE ref = ? AND kind = 'adjust'")
    .bind(ref)
    .first<{ sku_id: string; warehouse_id: string; available_after: number }>();
  if (!done) return null;
  if (done.sku_id !== listingId || done.warehouse_id !== input.warehouse_id || done.available_after !== input.available) {
    throw new AppError("idempotency_mismatch", "This Idempotency-Key was used for a different stock count.");
  }
  return getOwnListing(d1, sellerId, listingId);
}

/**
 * Sets the units available in one warehouse, through the inventory ledger (journaled, with the
 * product summary and catalog change the ledger chains on a count); a warehouse the listing has
 * no stock in yet gets its row. With `if-match` the count applies only if the warehouse's stock
 * has not moved since the seller read it, with `if-none-match: *` only if the listing has no
 * stock there yet (412 otherwise); with `idempotency-key` a retried count is applied once.
 */
export async function setListingStock(
  d1: D1Database,
  sellerId: string,
  listingId: string,
  input: SetStockInput,
  options: SetStockOptions = {},
): Promise<SellerListing> {
  // Another seller's listing is a 404 before anything is counted.
  await getOwnListing(d1, sellerId, listingId);
  await requireWarehouse(d1, input.warehouse_id);
  const key = options["idempotency-key"];
  const ref = sellerCountRef(listingId, key);
  if (key) {
    const replay = await replayedCount(d1, sellerId, listingId, input, ref);
    if (replay) return replay;
  }
  const now = nowIso();
  const [journaled] = await d1.batch(
    setAvailableStatements(
      d1,
      {
        skuId: listingId,
        warehouseId: input.warehouse_id,
        available: input.available,
        ref,
        reason: SELLER_COUNT_REASON,
        expectedVersion: options["if-match"],
        expectAbsent: options["if-none-match"] === "*",
      },
      now,
    ),
  );
  if (journaled?.meta.changes !== 1) {
    // A retry that raced its first attempt is a replay, not a conflict.
    const replay = key ? await replayedCount(d1, sellerId, listingId, input, ref) : null;
    if (replay) return replay;
    throw new AppError(
      "precondition_failed",
      options["if-none-match"]
        ? "This listing already has stock in that warehouse (it was counted since you read the listing). Read the listing again and count against what it shows now."
        : "The stock in this warehouse moved (units were reserved, sold, released or counted) since you read it. Read the listing again and count against what it shows now.",
    );
  }
  return getOwnListing(d1, sellerId, listingId);
}
