import { requireUser } from "../accounts/authorize";
import { OrderParam } from "../orders/schemas";
import { AppError } from "../platform/errors";
import { createRouter, createdHeaders, json, route } from "../platform/router";
import { answerHelp } from "./answer";
import { addToHelp } from "./add";
import { askForHelp } from "./ask";
import type { z } from "@hono/zod-openapi";
import { listHelp, opsOrderHelp, ownOrderHelp } from "./read";
import {
  HelpAddBody,
  HelpAddParams,
  HelpAnswerBody,
  HelpAskBody,
  HelpIdParams,
  HelpRequestSchema,
  HelpTakeBody,
  OpsHelpPageSchema,
  OpsHelpQuery,
  OpsHelpRequestSchema,
  OpsOrderHelpSchema,
  OrderHelpSchema,
} from "./schemas";
import { releaseHelp, takeHelp } from "./take";

/** Help with an order: its shopper asks, ops answer from their queue, the answer reaches the shopper. */
export const helpRoutes = createRouter();

helpRoutes.openapi(
  route({
    method: "post",
    path: "/orders/{id}/help",
    access: "signed_in",
    tags: ["orders", "help"],
    summary: "Ask for help with one of your orders (where it is, a payment or refund, an item, anything else); ops answer it",
    description:
      "An order has one request open at a time. The same words sent again while it is open are that request (200); other words are refused (409), to be added to it instead (`POST /api/orders/{id}/help/{help_id}/additions`).",
    request: { params: OrderParam, body: { content: { "application/json": { schema: HelpAskBody } } } },
    responses: {
      201: json(HelpRequestSchema, "The request, open; `Location` is the order's requests", createdHeaders),
      200: json(HelpRequestSchema, "The same request is already open (a retry or a second tap): that request, nothing stored again"),
      400: { description: "Invalid request (naming the fields); nothing was stored" },
      404: { description: "Not the shopper's order" },
      409: { description: "Another request about this order is waiting for an answer (`help_request_id`); nothing was stored" },
    },
  }),
  async (c) => {
    const user = requireUser(c.var.user);
    const { id } = c.req.valid("param");
    const asked = await askForHelp(c.env.DB, user.id, id, c.req.valid("json"));
    c.header("cache-control", "private, no-store");
    if (!asked.repeated) c.header("location", `/api/orders/${encodeURIComponent(id)}/help`);
    return c.json(asked.request, asked.repeated ? 200 : 201);
  },
);

helpRoutes.openapi(
  route({
    method: "post",
    path: "/orders/{id}/help/{help_id}/additions",
    access: "signed_in",
    tags: ["orders", "help"],
    summary: "Add to your request for help while it waits for an answer (the parcel came, or came damaged)",
    description: "Only while the request is open, at most 5 times. The same words sent again, or the question's own, add nothing (200).",
    request: { params: HelpAddParams, body: { content: { "application/json": { schema: HelpAddBody } } } },
    responses: {
      201: json(HelpRequestSchema, "The request with the addition; `Location` is the order's requests", createdHeaders),
      200: json(HelpRequestSchema, "These words are already on the request (a retry or a second tap): nothing added"),
      400: { description: "Invalid addition (naming the field); nothing was stored" },
      404: { description: "Not a request of the shopper's about this order" },
      409: { description: "Answered already, or added to 5 times (`help_request`, as it stands); nothing was stored" },
    },
  }),
  async (c) => {
    const user = requireUser(c.var.user);
    const { id, help_id } = c.req.valid("param");
    const added = await addToHelp(c.env.DB, user.id, id, help_id, c.req.valid("json").message);
    c.header("cache-control", "private, no-store");
    if (!added.repeated) c.header("location", `/api/orders/${encodeURIComponent(id)}/help`);
    return c.json(added.request, added.repeated ? 200 : 201);
  },
);

helpRoutes.openapi(
  route({
    method: "get",
    path: "/orders/{id}/help",
    access: "signed_in",
    tags: ["orders", "help"],
    summary: "Your requests for help with one of your orders, newest first, with ops' answers",
    request: { params: OrderParam },
    responses: {
      200: json(OrderHelpSchema, "The order's requests, newest first"),
      404: { description: "Not the shopper's order" },
    },
  }),
  async (c) => {
    const user = requireUser(c.var.user);
    const { id } = c.req.valid("param");
    const items = await ownOrderHelp(c.env.DB, id, user.id);
    if (!items) throw new AppError("not_found", `No order ${id} of yours.`);
    c.header("cache-control", "private, no-store");
    return c.json({ items }, 200);
  },
);

helpRoutes.openapi(
  route({
    method: "get",
    path: "/admin/help",
    access: ["ops"],
    tags: ["help", "ops"],
    summary: "Shoppers' requests for help: those waiting for an answer oldest first, or the answered ones newest first, a page at a time",
    request: { query: OpsHelpQuery },
    responses: {
      200: json(OpsHelpPageSchema, "A page of requests, each with its order's status and the shopper's name and email"),
      400: { description: "Invalid query (problem details naming the fields)" },
    },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const taken = q.taken ? { list: q.taken, by: q.taken === "me" ? requireUser(c.var.user).id : null } : undefined;
    c.header("cache-control", "private, no-store");
    return c.json(await listHelp(c.env.DB, q.status, { limit: q.limit, cursor: q.cursor, taken }), 200);
  },
);

helpRoutes.openapi(
  route({
    method: "get",
    path: "/admin/orders/{id}/help",
    access: ["ops"],
    tags: ["help", "ops"],
    summary:
      "The shopper's requests for help with one order, newest first, answered or not, with who took each: what ops read on the order's page",
    request: { params: OrderParam },
    responses: {
      200: json(OpsOrderHelpSchema, "The order's requests, newest first"),
      404: { description: "No such order" },
    },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const [order, items] = await Promise.all([
      c.env.DB.prepare("SELECT id FROM orders WHERE id = ?1").bind(id).first<string>("id"),
      opsOrderHelp(c.env.DB, id),
    ]);
    if (order === null) throw new AppError("not_found", `No order ${id}.`);
    c.header("cache-control", "private, no-store");
    return c.json({ items }, 200);
  },
);

helpRoutes.openapi(
  route({
    method: "post",
    path: "/admin/help/{id}/answer",
    access: ["ops"],
    tags: ["help", "ops"],
    summary: "Answer a shopper's request for help: the answer shows on their order's page and reaches them by email and SMS",
    request: { params: HelpIdParams, body: { content: { "application/json": { schema: HelpAnswerBody } } } },
    responses: {
      200: json(HelpRequestSchema, "The request, answered"),
      400: { description: "Invalid answer (naming the field); nothing changed" },
      404: { description: "No such request" },
      409: { description: "Already answered (`help_request`, as it stands); nothing changed and the shopper is not told again" },
    },
  }),
  async (c) => {
    const ops = requireUser(c.var.user);
    const answered = await answerHelp(c.env.DB, c.req.valid("param").id, ops.id, c.req.valid("json").answer);
    c.header("cache-control", "private, no-store");
    return c.json(answered, 200);
  },
);

helpRoutes.openapi(
  route({
    method: "post",
    path: "/admin/help/{id}/take",
    access: ["ops"],
    tags: ["help", "ops"],
    summary: "Take an open request to answer, so colleagues working the queue leave it to you",
    description:
      "Free, or already yours, it is yours (taking it again keeps when you took it). A colleague's is refused (409 naming them) unless `take_over` is true. The body is optional.",
    request: { params: HelpIdParams, body: { content: { "application/json": { schema: HelpTakeBody } }, required: false } },
    responses: {
      200: json(OpsHelpRequestSchema, "The request, yours"),
      400: { description: "Invalid body (naming the field); nothing changed" },
      404: { description: "No such request" },
      409: { description: "Answered already, or a colleague has it (`help_request`, as it stands); nothing changed" },
    },
  }),
  async (c) => {
    const ops = requireUser(c.var.user);
    // The body is optional: without one, valid("json") is undefined at runtime whatever its type says.
    const body = c.req.valid("json") as z.infer<typeof HelpTakeBody> | undefined;
    c.header("cache-control", "private, no-store");
    return c.json(await takeHelp(c.env.DB, c.req.valid("param").id, ops.id, body?.take_over ?? false), 200);
  },
);

helpRoutes.openapi(
  route({
    method: "delete",
    path: "/admin/help/{id}/take",
    access: ["ops"],
    tags: ["help", "ops"],
    summary: "Give back a request you took, for anyone in ops to take",
    request: { params: HelpIdParams },
    responses: {
      200: json(OpsHelpRequestSchema, "The request, no one's"),
      404: { description: "No such request" },
      409: { description: "Not yours, no one's, or answered (`help_request`, as it stands); nothing changed" },
    },
  }),
  async (c) => {
    const ops = requireUser(c.var.user);
    c.header("cache-control", "private, no-store");
    return c.json(await releaseHelp(c.env.DB, c.req.valid("param").id, ops.id), 200);
  },
);
