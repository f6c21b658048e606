import type { z } from "@hono/zod-openapi";
import { matchesEtag } from "../platform/if-none-match";
import type { Context } from "hono";
import type { AppEnv } from "../platform/context";
import { requireUser } from "../accounts/authorize";
import { AppError } from "../platform/errors";
import { relayOutbox } from "../platform/outbox";
import { createRouter, route } from "../platform/router";
import { BULK_MAX, moveOrders } from "./bulk-moves";
import { BulkTransitionBody, BulkTransitionResult } from "./bulk-move-schemas";
import { buyAgain } from "./buy-again";
import { unsettledCancellations } from "./cancellation";
import { applyOpsTransition, cancelOrder } from "./lifecycle";
import { getOrderForOps } from "./ops-order";
import { findOrders, logLookup } from "./order-lookup";
import { getOrder, listOrders, listOrdersByStatus, orderVersion } from "./queries";
import { listLateOrders } from "./late-orders";
import { requestReturn } from "./return-request";
import { setShipment } from "./shipment";
import {
  BuyAgainResult,
  CancelBody,
  MyOrdersQuery,
  OpsListQuery,
  UnsettledCancellationsSchema,
  OpsOrderPage,
  OpsOrderSchema,
  OpsTransitionBody,
  OrderParam,
  OrderSchema,
  MyOrderPage,
  ReturnBody,
  ShipmentInput,
} from "./schemas";

/** Shopper orders and ops order transitions. */
export const orderRoutes = createRouter();

const orderJson = { description: "The order", content: { "application/json": { schema: OrderSchema } } };
const listJson = { description: "A page of orders", content: { "application/json": { schema: MyOrderPage } } };
const invalid = { description: "Invalid query (problem details naming the fields)" };
const opsListJson = { description: "A page of orders", content: { "application/json": { schema: OpsOrderPage } } };

async function mustGet(c: Context<AppEnv>, id: string, userId: string | null) {
  const order = await getOrder(c.env.DB, id, userId);
  // Someone else's order is indistinguishable from a missing one.
  if (!order) throw new AppError("not_found", "No such order.");
  // The payment page as checkout gave it, a full URL: a client resuming a payment from the order
  // gets the same form of link it got from checkout.
  const link = order.payment?.redirect_url;
  if (order.payment && link?.startsWith("/"))
    return { ...order, payment: { ...order.payment, redirect_url: `${new URL(c.req.url).origin}${link}` } };
  return order;
}

orderRoutes.openapi(
  route({
    method: "get",
    path: "/orders",
    access: "signed_in",
    tags: ["orders"],
    summary: "The shopper's orders, newest first, a page at a time, narrowed by group (`status`) and year",
    description:
      "Each filter reads one index range of the shopper's orders. A `cursor` continues only the list it came from: send it with the same `status` and `year`.",
    request: { query: MyOrdersQuery },
    responses: { 200: listJson, 400: invalid },
  }),
  async (c) => {
    c.header("cache-control", "private, no-store");
    return c.json(await listOrders(c.env.DB, requireUser(c.var.user).id, c.req.valid("query")), 200);
  },
);

orderRoutes.openapi(
  route({
    method: "get",
    path: "/orders/{id}",
    access: "signed_in",
    tags: ["orders"],
    summary: "Status and timeline of an order",
    description: "Updates live by polling: send the ETag back in If-None-Match and a 304 costs one indexed read until the order moves.",
    request: { params: OrderParam },
    responses: { 200: orderJson, 304: { description: "Unchanged since the ETag" }, 404: { description: "Not the shopper's order" } },
  }),
  async (c) => {
    const user = requireUser(c.var.user);
    const { id } = c.req.valid("param");
    const etag = await orderVersion(c.env.DB, id, user.id);
    if (!etag) throw new AppError("not_found", "No such order.");
    c.header("etag", etag);
    c.header("cache-control", "private, no-cache");
    if (matchesEtag(c.req.header("if-none-match"), etag)) return c.body(null, 304);
    return c.json(await mustGet(c, id, user.id), 200);
  },
);

orderRoutes.openapi(
  route({
    method: "post",
    path: "/orders/{id}/cancel",
    access: "signed_in",
    tags: ["orders"],
    summary: "Cancel before shipping: releases or restocks the items and voids or refunds the payment",
    request: { params: OrderParam, body: { content: { "application/json": { schema: CancelBody } }, required: false } },
    responses: {
      200: orderJson,
      404: { description: "Not the shopper's order" },
      409: { description: "Already shipped (illegal transition)" },
    },
  }),
  async (c) => {
    const user = requireUser(c.var.user);
    const { id } = c.req.valid("param");
    await mustGet(c, id, user.id);
    // The body is optional: without one, valid("json") is undefined at runtime whatever its type says.
    const reason = (c.req.valid("json") as z.infer<typeof CancelBody> | undefined)?.reason ?? "cancelled by shopper";
    await cancelOrder(c.env, id, { actor: "shopper", actorId: user.id, origin: new URL(c.req.url).origin }, reason);
    c.executionCtx.waitUntil(relayOutbox(c.env));
    return c.json(await mustGet(c, id, user.id), 200);
  },
);

orderRoutes.openapi(
  route({
    method: "post",
    path: "/orders/{id}/buy-again",
    access: "signed_in",
    tags: ["orders", "cart"],
    summary:
      "Put a delivered (or returned, or refunded) order's lines, or those of an order whose payment failed, back into the shopper's cart at today's price",
    description:
      "The cart keeps intent only: nothing is held, and checkout re-reads price and availability. Each line goes in at today's price, raised to at least the units ordered " +
      "(never added on top of what the cart holds, so asking twice adds nothing more), at most the cart's 10 per line and what one order can buy now (`capped`). " +
      "A line bought at a flash deal's price comes back at today's price (`deal_price_ended`). A line no longer sold, sold out, whose product is gone, " +
      "or that a full cart (50 lines) has no room for is `skipped` with why.",
    request: { params: OrderParam },
    responses: {
      200: { description: "What went into the cart and what did not", content: { "application/json": { schema: BuyAgainResult } } },
      404: { description: "Not the shopper's order" },
      409: { description: "The order has not been delivered and its payment has not failed (`current_status`); the cart is unchanged" },
    },
  }),
  async (c) => {
    const user = requireUser(c.var.user);
    const order = await mustGet(c, c.req.valid("param").id, user.id);
    c.header("cache-control", "private, no-store");
    return c.json(await buyAgain(c.env, user.id, order), 200);
  },
);

orderRoutes.openapi(
  route({
    method: "post",
    path: "/orders/{id}/return",
    access: "signed_in",
    tags: ["orders"],
    summary: "Ask to return some or all of a delivered order within its return window; ops then refund it or decline with a reason",
    description:
      "`items` names the lines and units going back; without it every line that can be returned goes back whole (lines that never can, such as groceries, stay). Accepting the return refunds the asked-back units at the price paid (`return_request.refund_amount`), and each seller with a line going back gets a credit note for those units only. One return per order: asking again while it is pending answers the order as it is and changes nothing, whatever lines it names. The window counts from delivery and depends on what the order holds (`return_window` on the order says until when). A declined return is final: asking again is 409 with the reason it was declined (`decline_reason`).",
    request: { params: OrderParam, body: { content: { "application/json": { schema: ReturnBody } }, required: true } },
    responses: {
      200: orderJson,
      400: { description: "Invalid body, or `items` naming a line not in the order, twice, never returnable, or above its quantity" },
      404: { description: "Not the shopper's order" },
      409: {
        description:
          "Not delivered, the return window has closed (`closed_at`), nothing in the order can be returned (`items`), or its return was declined (`decline_reason`)",
      },
    },
  }),
  async (c) => {
    const user = requireUser(c.var.user);
    const { id } = c.req.valid("param");
    await requestReturn(c.env.DB, await mustGet(c, id, user.id), user.id, c.req.valid("json"));
    c.executionCtx.waitUntil(relayOutbox(c.env));
    return c.json(await mustGet(c, id, user.id), 200);
  },
);

orderRoutes.openapi(
  route({
    method: "post",
    path: "/admin/orders/{id}/transitions",
    access: ["ops"],
    tags: ["orders", "ops"],
    summary:
      "Move an order along its lifecycle (packed, shipped, delivered, cancelled, refunded; accept or decline a return, receive its goods back)",
    request: { params: OrderParam, body: { content: { "application/json": { schema: OpsTransitionBody } } } },
    description:
      "Delivering a cash-on-delivery order captures its payment and refunding returns the captured money; the order moves only once the money has. A requested return is accepted with `to: refunded` and declined with `to: delivered` and a `reason`, which the shopper is shown; a decline is final. " +
      "Once an accepted return's goods are back at the warehouse, `to: return_received` with a `condition` books them: `sellable` puts each line's units back on sale at the warehouse it shipped from (journaled as `return`, so the audit counts them as `returned`), `damaged` records them only. Receiving an order again, or one whose refund accepted no return, is 409 and books nothing. " +
      "A refusal is 409 and a provider outage 503, and both leave the order where it was. " +
      "Sending `from`, the status the order was seen in, refuses the move (409, with `current_status`) once the order has moved on: a form drawn before another operator's move acts on nothing. " +
      "Shipping may carry the `shipment` (courier and tracking number), recorded in the move's own write; a number not of its carrier's format is 400 naming `shipment.tracking_number` and the order stays where it was.",
    responses: {
      200: orderJson,
      400: {
        description:
          "Invalid body, a return declined without a reason, a return received without a condition, or a shipment whose tracking number is not of its carrier's format",
      },
      404: { description: "No such order" },
      409: {
        description:
          "Illegal transition, the order is no longer in `from`, nothing to refund, the payment provider refused, the return was received already, a seller has no valid GSTIN to invoice with, a seller's invoice or credit note series for the year is used up (`/problems/series-exhausted`), or the shipment's courier and tracking number are another order's shipment (`order_id`)",
      },
      503: { description: "The payment provider did not answer" },
    },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    await mustGet(c, id, null);
    const ops = requireUser(c.var.user);
    await applyOpsTransition(c.env, id, body, { actor: "ops", actorId: ops.id, origin: new URL(c.req.url).origin });
    c.executionCtx.waitUntil(relayOutbox(c.env));
    return c.json(await mustGet(c, id, null), 200);
  },
);

orderRoutes.openapi(
  route({
    method: "post",
    path: "/admin/orders/transitions",
    access: ["ops"],
    tags: ["orders", "ops"],
    summary: "Move many orders of one queue along at once: pack confirmed orders, ship packed ones, deliver shipped ones",
    description:
      `Up to ${BULK_MAX} orders, each named once, seen in \`from\` and moved to \`to\`: \`confirmed\` to \`packed\`, \`packed\` to \`shipped\` ` +
      "(with `shipments`, each order's courier and AWB as the single move's `shipment`; an order without one ships without it, and `PUT /api/admin/orders/{id}/shipment` adds it later) or `shipped` to `delivered`. " +
      "Other moves need something decided per order and stay with `POST /api/admin/orders/{id}/transitions`. " +
      "Each order is moved exactly as that route moves it, with `from`: its timeline entry, the shopper's notification, the events and a shipment's invoices are the same, and each order's move is whole or not made. " +
      "Orders are moved one after another and each gets its own result, in the order asked: `moved`; `already` when it was in `to` before the request (so a repeated request moves nothing twice); " +
      "or `refused` with its `status` now and a `detail`, when it has moved on from `from`, does not exist (`status` null), or its move was refused as the single move would refuse it (409 or 503 there). " +
      "One order's refusal never stops the others, so the answer is 200 whatever each order's outcome. An invalid body is 400 naming the fields, and nothing moves: " +
      "that includes a shipment whose number is not of its carrier's format (`shipments.<i>.tracking_number`), one for an order not in `order_ids` or given twice (`shipments.<i>.order_id`), and `shipments` with any move but to `shipped`. " +
      "An order found shipped already whose entry carries a shipment has it recorded as `PUT /api/admin/orders/{id}/shipment` would, and is `already`.",
    request: { body: { content: { "application/json": { schema: BulkTransitionBody } } } },
    responses: {
      200: { description: "One result per order", content: { "application/json": { schema: BulkTransitionResult } } },
      400: {
        description: `Invalid body: no orders or more than ${BULK_MAX}, an order named twice, a malformed order id, a move not made in bulk, or a malformed or misplaced shipment (problem details naming the fields)`,
      },
    },
  }),
  async (c) => {
    const { order_ids, from, to, shipments = [] } = c.req.valid("json");
    const ops = requireUser(c.var.user);
    const by = { actor: "ops", actorId: ops.id, origin: new URL(c.req.url).origin } as const;
    const results = await moveOrders(c.env, order_ids, from, by, new Map(shipments.map(({ order_id, ...s }) => [order_id, s])));
    c.executionCtx.waitUntil(relayOutbox(c.env));
    c.header("cache-control", "private, no-store");
    return c.json({ from, to, results }, 200);
  },
);

orderRoutes.openapi(
  route({
    method: "put",
    path: "/admin/orders/{id}/shipment",
    access: ["ops"],
    tags: ["orders", "ops"],
    summary: "Add or correct a shipped order's courier and tracking number",
    description:
      "For an order shipped without them, or with a wrong one. The order must be shipped, delivered or have a return requested. " +
      "The shipment it replaces stays in the order's `shipment_trail` with who set it and when; sending the shipment the order already has changes nothing. " +
      "The shopper's order shows the new one at once, and its ETag changes.",
    request: { params: OrderParam, body: { content: { "application/json": { schema: ShipmentInput } } } },
    responses: {
      200: { description: "The order", content: { "application/json": { schema: OpsOrderSchema } } },
      400: { description: "Invalid body: an unknown carrier, `other` without a `name`, or a tracking number not of the carrier's format" },
      404: { description: "No such order" },
      409: {
        description:
          "The order has not shipped, or was refunded or cancelled (`current_status`), or the courier and tracking number are another order's shipment now (`order_id`); nothing changed",
      },
    },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const ops = requireUser(c.var.user);
    await setShipment(c.env.DB, id, c.req.valid("json"), `ops:${ops.id}`);
    const order = await getOrderForOps(c.env.DB, id);
    if (!order) throw new AppError("not_found", "No such order.");
    c.header("cache-control", "private, no-store");
    return c.json(order, 200);
  },
);

orderRoutes.openapi(
  route({
    method: "get",
    path: "/admin/orders",
    access: ["ops"],
    tags: ["orders", "ops"],
    summary:
      "Orders in one status, newest or oldest first, the orders past their due day (`due=late`), or the orders a caller means (`q`), a page at a time (the ops console's lists)",
    description:
      "With `q`, the orders found by an order id, a shopper's email or a delivery phone number, newest first, in the rows the lists use. " +
      "Each lookup is logged with its kind, never what was searched for.",
    request: { query: OpsListQuery },
    responses: {
      200: opsListJson,
      400: { description: "Invalid query, or a `q` that is none of the things orders can be found by (problem details naming the fields)" },
    },
  }),
  async (c) => {
    const q = c.req.valid("query");
    c.header("cache-control", "private, no-store");
    if (q.due === "late") return c.json(await listLateOrders(c.env.DB, q), 200);
    if (!q.q) return c.json(await listOrdersByStatus(c.env.DB, q.status, q), 200);
    const found = await findOrders(c.env.DB, q.q, q);
    logLookup({
      requestId: c.var.requestId,
      opsId: requireUser(c.var.user).id,
      kind: q.q.kind,
      found: found.items.length,
      cursor: q.cursor !== undefined,
    });
    return c.json(found, 200);
  },
);

orderRoutes.openapi(
  route({
    method: "get",
    path: "/admin/orders/{id}",
    access: ["ops"],
    tags: ["orders", "ops"],
    summary: "Any order with its lines, delivery address, payment state and timeline",
    request: { params: OrderParam },
    responses: {
      200: { description: "The order", content: { "application/json": { schema: OpsOrderSchema } } },
      404: { description: "No such order" },
    },
  }),
  async (c) => {
    const order = await getOrderForOps(c.env.DB, c.req.valid("param").id);
    if (!order) throw new AppError("not_found", "No such order.");
    c.header("cache-control", "private, no-store");
    return c.json(order, 200);
  },
);

orderRoutes.openapi(
  route({
    method: "get",
    path: "/admin/cancellations/unsettled",
    access: ["ops"],
    tags: ["orders", "ops"],
    summary: "Cancellations whose stock or money is not back yet, oldest first, with how often the cron has tried",
    responses: {
      200: { description: "Up to 100 cancellations", content: { "application/json": { schema: UnsettledCancellationsSchema } } },
    },
  }),
  async (c) => {
    c.header("cache-control", "private, no-store");
    return c.json({ items: await unsettledCancellations(c.env.DB) }, 200);
  },
);
