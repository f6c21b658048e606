import { problem } from "../catalog/schemas";
import { AppError } from "../platform/errors";
import { relaySoon } from "../platform/outbox";
import { createRouter, createdHeaders, route } from "../platform/router";
import { SellerDueCountsSchema, SellerOrdersPage, SellerOrdersQuery } from "../orders/schemas";
import { countSellerDue } from "../orders/seller-due-counts";
import { listSellerOrders } from "../orders/seller-orders";
import { loadCourierCalendar } from "../delivery/courier-calendar";
import { CreditNoteSchema, SellerInvoiceSchema } from "../invoices/schemas";
import { readSellerCreditNote, readSellerInvoice } from "../invoices/seller-invoice";
import { json, SELLER, sellerErrors, sellerIdOf } from "./access";
import { createListing } from "./create-listing";
import { getOwnListing, listOwnListings, setListingStock, updateListing } from "./listings";
import { receiveListingStock } from "./receipts";
import { listWarehouses } from "./warehouses";
import {
  CreateListingBody,
  CreateListingHeaders,
  CreditNoteParams,
  InvoiceParams,
  ListingParams,
  ListingsQuery,
  ReceiveStockBody,
  ReceiveStockHeaders,
  SellerListingSchema,
  SellerListingsPage,
  SellerWarehouses,
  SetStockBody,
  SetStockHeaders,
  UpdateListingBody,
} from "./schemas";

/** Seller listings, prices and stock, and the orders for them. */
export const sellerRoutes = createRouter();

const errors = sellerErrors;

sellerRoutes.openapi(
  route({
    method: "get",
    path: "/seller/listings",
    access: SELLER,
    tags: ["sellers"],
    summary: "Your listings, with exact stock per warehouse; `stock=low` for only those running low or sold out",
    request: { query: ListingsQuery },
    responses: { 200: json(SellerListingsPage, "A page of listings"), ...errors },
  }),
  async (c) => {
    const page = await listOwnListings(c.env.DB, sellerIdOf(c), c.req.valid("query"));
    // One seller's exact stock: never kept by a browser or anything between.
    c.header("cache-control", "private, no-store");
    return c.json(page, 200);
  },
);

sellerRoutes.openapi(
  route({
    method: "post",
    path: "/seller/listings",
    access: SELLER,
    tags: ["sellers"],
    summary: "List a product for sale, optionally with its opening stock in one warehouse, in one step",
    request: {
      headers: CreateListingHeaders,
      body: { content: { "application/json": { schema: CreateListingBody } }, required: true },
    },
    responses: {
      201: json(
        SellerListingSchema,
        "The new listing with its opening stock (or, for a retry under the same Idempotency-Key, that listing as it now stands)",
        createdHeaders,
      ),
      ...errors,
      400: problem(
        "Invalid fields, or `stock.warehouse_id` names a warehouse that is not in the network (or has closed): nothing was listed or stocked",
      ),
      409: problem("You already list this product: `listing_id` names that listing"),
      422: problem("The Idempotency-Key was used to list a product with other figures"),
    },
  }),
  async (c) => {
    const { listing, replayed } = await createListing(c.env.DB, sellerIdOf(c), c.req.valid("json"), c.req.valid("header"));
    relaySoon(c.env, c.executionCtx);
    if (replayed) c.header("idempotent-replayed", "true");
    c.header("location", `/api/seller/listings/${listing.id}`);
    return c.json(listing, 201);
  },
);

sellerRoutes.openapi(
  route({
    method: "get",
    path: "/seller/listings/{id}",
    access: SELLER,
    tags: ["sellers"],
    summary: "One of your listings as it stands: price, MRP, whether it is on sale, and its stock in each warehouse",
    request: { params: ListingParams },
    responses: {
      200: json(SellerListingSchema, "The listing as it stands"),
      ...errors,
      404: problem("No such listing of yours"),
    },
  }),
  async (c) => {
    c.header("cache-control", "private, no-store");
    return c.json(await getOwnListing(c.env.DB, sellerIdOf(c), c.req.valid("param").id), 200);
  },
);

sellerRoutes.openapi(
  route({
    method: "patch",
    path: "/seller/listings/{id}",
    access: SELLER,
    tags: ["sellers"],
    summary: "Change a listing's price, MRP, whether it is on sale, or the stock at which you are told it runs low",
    request: { params: ListingParams, body: { content: { "application/json": { schema: UpdateListingBody } }, required: true } },
    responses: {
      200: json(SellerListingSchema, "The listing after the change"),
      ...errors,
      404: problem("No such listing of yours"),
      409: problem(
        "The listing changed while the edit was being saved; or it was to be switched off while a flash deal on it is to come or under way (`deal_id`), which its deal manager must end first",
      ),
    },
  }),
  async (c) => {
    const listing = await updateListing(c.env.DB, sellerIdOf(c), c.req.valid("param").id, c.req.valid("json"));
    relaySoon(c.env, c.executionCtx);
    return c.json(listing, 200);
  },
);

sellerRoutes.openapi(
  route({
    method: "put",
    path: "/seller/listings/{id}/stock",
    access: SELLER,
    tags: ["sellers"],
    summary: "Set the units available in one warehouse, stocking it for the first time if need be",
    request: {
      params: ListingParams,
      headers: SetStockHeaders,
      body: { content: { "application/json": { schema: SetStockBody } }, required: true },
    },
    responses: {
      200: {
        ...json(SellerListingSchema, "The listing after the change"),
        headers: {
          ETag: { description: "The warehouse's new stock version, quoted: the If-Match for the next count", schema: { type: "string" } },
        },
      },
      ...errors,
      404: problem("No such listing of yours"),
      412: problem(
        "The warehouse's stock moved since the If-Match version was read, or (If-None-Match: *) the listing already has stock there; nothing was changed",
      ),
      422: problem("The Idempotency-Key was used for a different stock count"),
    },
  }),
  async (c) => {
    const input = c.req.valid("json");
    const listing = await setListingStock(c.env.DB, sellerIdOf(c), c.req.valid("param").id, input, c.req.valid("header"));
    relaySoon(c.env, c.executionCtx);
    const counted = listing.stock.find((s) => s.warehouse_id === input.warehouse_id);
    if (counted) c.header("etag", `"${counted.version}"`);
    return c.json(listing, 200);
  },
);

sellerRoutes.openapi(
  route({
    method: "post",
    path: "/seller/listings/{id}/stock/receipts",
    access: SELLER,
    tags: ["sellers"],
    summary: "Add units that arrived at one warehouse, whatever sold meanwhile: no If-Match, but an Idempotency-Key is required",
    request: {
      params: ListingParams,
      headers: ReceiveStockHeaders,
      body: { content: { "application/json": { schema: ReceiveStockBody } }, required: true },
    },
    responses: {
      200: {
        ...json(SellerListingSchema, "The listing after the receipt (or, for a retry, as it now stands)"),
        headers: {
          ETag: { description: "The warehouse's stock version now, quoted, as the count route sends it", schema: { type: "string" } },
          "Idempotent-Replayed": {
            description: "`true` when the key's receipt was made before: nothing more was added",
            schema: { type: "string", enum: ["true"] },
          },
        },
      },
      ...errors,
      404: problem("No such listing of yours"),
      409: problem("The receipt could not be recorded; retry with the same Idempotency-Key"),
      422: problem("The Idempotency-Key was used for a different receipt"),
    },
  }),
  async (c) => {
    const input = c.req.valid("json");
    const key = c.req.valid("header")["idempotency-key"];
    const { listing, replayed } = await receiveListingStock(c.env.DB, sellerIdOf(c), c.req.valid("param").id, input, key);
    relaySoon(c.env, c.executionCtx);
    if (replayed) c.header("idempotent-replayed", "true");
    const received = listing.stock.find((s) => s.warehouse_id === input.warehouse_id);
    if (received) c.header("etag", `"${received.version}"`);
    return c.json(listing, 200);
  },
);

sellerRoutes.openapi(
  route({
    method: "get",
    path: "/seller/warehouses",
    access: SELLER,
    tags: ["sellers"],
    summary: "The warehouses you may stock a listing in",
    responses: { 200: json(SellerWarehouses, "Every warehouse, by name"), ...errors },
  }),
  async (c) => {
    // A seller grant not linked to a seller can stock nothing, so it has nothing to pick from either.
    sellerIdOf(c);
    return c.json({ items: await listWarehouses(c.env.DB) }, 200);
  },
);

sellerRoutes.openapi(
  route({
    method: "get",
    path: "/seller/orders",
    access: SELLER,
    tags: ["sellers", "orders"],
    summary: "Orders for your listings, newest first: your lines only, with city and PIN code to dispatch to",
    description:
      "Each order still to ship says the day to hand it to the courier by (`hand_over_by`) and whether that day is past (`late`). `due=late` (or `today`) lists only those orders, oldest first.",
    request: { query: SellerOrdersQuery },
    responses: { 200: json(SellerOrdersPage, "A page of orders"), ...errors },
  }),
  async (c) => {
    const sellerId = sellerIdOf(c);
    // A failed read of the calendar counts hand-over days over the national holidays alone rather
    // than failing the seller's whole list: the list is never stored and counts afresh on the next
    // load, unlike a pack-by day already sent in a message.
    const { holidays } = await loadCourierCalendar(c.env.DB);
    c.header("cache-control", "private, no-store");
    return c.json(await listSellerOrders(c.env.DB, sellerId, c.req.valid("query"), { calendar: holidays, now: new Date() }), 200);
  },
);

sellerRoutes.openapi(
  route({
    method: "get",
    path: "/seller/orders/due",
    access: SELLER,
    tags: ["sellers", "orders"],
    summary: "How many of your orders are late, and how many are to hand over today",
    description:
      "The same orders `GET /api/seller/orders?due=late` and `?due=today` list, counted up to `capped_at` each: a count that reached it is named in `capped`.",
    responses: { 200: json(SellerDueCountsSchema, "The two counts"), ...errors },
  }),
  async (c) => {
    const sellerId = sellerIdOf(c);
    const { holidays } = await loadCourierCalendar(c.env.DB);
    c.header("cache-control", "private, no-store");
    return c.json(await countSellerDue(c.env.DB, sellerId, { calendar: holidays, now: new Date() }), 200);
  },
);

sellerRoutes.openapi(
  route({
    method: "get",
    path: "/seller/invoices/{id}",
    access: SELLER,
    tags: ["sellers", "invoices"],
    summary: "One of your own tax invoices, to print or keep, with the credit notes that cancelled it",
    description:
      "Only an invoice you issued: another seller's invoice of the same order is 404, as is an unknown one. It states the buyer's name and delivery address, as the invoice must; nothing else of the shopper's. Once its order was refunded, `credit_notes` names the credit note cancelling it.",
    request: { params: InvoiceParams },
    responses: {
      200: json(SellerInvoiceSchema, "The invoice with its lines and totals, and its credit notes"),
      ...errors,
      404: problem("No such invoice of yours"),
    },
  }),
  async (c) => {
    const invoice = await readSellerInvoice(c.env.DB, sellerIdOf(c), c.req.valid("param").id);
    // Another seller's invoice is indistinguishable from a missing one.
    if (!invoice) throw new AppError("not_found", "No such invoice.");
    c.header("cache-control", "private, no-store");
    return c.json(invoice, 200);
  },
);

sellerRoutes.openapi(
  route({
    method: "get",
    path: "/seller/credit-notes/{id}",
    access: SELLER,
    tags: ["sellers", "invoices"],
    summary: "One of your own credit notes, cancelling your invoice of a refunded order, to print or keep",
    description:
      "Only a credit note in your own series: another seller's credit note of the same order is 404, as is an unknown one. It names the invoice it cancels and credits its lines, tax and totals in full.",
    request: { params: CreditNoteParams },
    responses: {
      200: json(CreditNoteSchema, "The credit note with its lines and totals"),
      ...errors,
      404: problem("No such credit note of yours"),
    },
  }),
  async (c) => {
    const note = await readSellerCreditNote(c.env.DB, sellerIdOf(c), c.req.valid("param").id);
    // Another seller's credit note is indistinguishable from a missing one.
    if (!note) throw new AppError("not_found", "No such credit note.");
    c.header("cache-control", "private, no-store");
    return c.json(note, 200);
  },
);
