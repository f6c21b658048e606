import type { Context } from "hono";
import { matchesEtag, weakEtagOf } from "../platform/if-none-match";
import { requireUser } from "../accounts/authorize";
import { guestIdOf } from "../accounts/guest";
import type { AppEnv } from "../platform/context";
import { relaySoon } from "../platform/outbox";
import { createRouter, createdHeaders, json, route } from "../platform/router";
import { adjustDeal } from "./adjust-deal";
import { dealFigures, endDeal, pauseDeal, resumeDeal } from "./control-deal";
import { createDeal } from "./create-deal";
import { managerStatus, renderDeal } from "./deal-rows";
import { listAdminDeals } from "./admin-list";
import { findPublicDeal, listDeals } from "./list-deals";
import { AppError } from "../platform/errors";
import { readDealResults } from "./results-report";
import {
  AdminDealPage,
  AdminDealsQuery,
  AdjustDealBody,
  CreateDealBody,
  DealFiguresSchema,
  DealIdParam,
  DealResultsSchema,
  DealSchema,
  IdempotencyHeader,
  PublicDealSchema,
  QueueStatusSchema,
  TicketHeader,
  TicketQuery,
} from "./schemas";
import { TICKET_HEADER, queueReply } from "./queue-reply";
import { type QueueAnswer, joinQueue, pollQueue } from "./waiting-room";
import { z } from "@hono/zod-openapi";

/** Flash deals, their admin console API and the waiting room. */
export const dealRoutes = createRouter();

function renderQueue(c: Context<AppEnv>, a: QueueAnswer) {
  const reply = queueReply(a);
  for (const [name, value] of Object.entries(reply.headers)) c.header(name, value);
  return reply.body;
}

// While a deal's gate is unreachable the waiting room answers from the last state it had, so
// shoppers see this only once that state is too old to show.
const STATE_UNAVAILABLE = "The deal's state cannot be read right now; ask again after Retry-After";

async function shopperOf(c: Context<AppEnv>): Promise<string> {
  return c.var.user?.id ?? (await guestIdOf(c));
}

dealRoutes.openapi(
  route({
    method: "post",
    path: "/admin/deals",
    access: ["deal_manager"],
    rateClass: "admin",
    tags: ["deals"],
    summary: "Create a flash deal: carve units out of the ledger and set up its SkuGate",
    request: { headers: IdempotencyHeader, body: { required: true, content: { "application/json": { schema: CreateDealBody } } } },
    responses: {
      201: json(
        DealSchema,
        "The deal, set up and scheduled; a retry under the same Idempotency-Key answers the deal the first request created, with `Idempotent-Replayed: true`. Keys are each manager's own: another manager's same key makes their own deal",
        createdHeaders,
      ),
      409: {
        description:
          "Not enough stock (`errors` names `units`, and `deal_units` is the most one warehouse can give now), or the listing already has a deal in that window",
      },
      422: { description: "The manager used the Idempotency-Key for a different deal" },
    },
  }),
  async (c) => {
    const user = requireUser(c.var.user);
    const { deal, replayed } = await createDeal(c.env, c.req.valid("json"), c.req.valid("header")["idempotency-key"], user.id);
    relaySoon(c.env, c.executionCtx);
    if (replayed) c.header("idempotent-replayed", "true");
    c.header("location", `/api/admin/deals/${deal.id}`);
    return c.json(renderDeal(deal), 201);
  },
);

dealRoutes.openapi(
  route({
    method: "get",
    path: "/admin/deals",
    access: ["deal_manager"],
    rateClass: "admin",
    tags: ["deals"],
    summary: "Every deal, ended ones included, latest start first, a page at a time",
    request: { query: AdminDealsQuery },
    responses: { 200: json(AdminDealPage, "One page of deals") },
  }),
  async (c) => {
    c.header("cache-control", "no-store");
    return c.json(await listAdminDeals(c.env, c.executionCtx, c.req.valid("query")), 200);
  },
);

dealRoutes.openapi(
  route({
    method: "get",
    path: "/admin/deals/{id}",
    access: ["deal_manager", "ops"],
    rateClass: "admin",
    tags: ["deals"],
    summary: "A deal with its product, seller, listing price and MRP, and live figures from its SkuGate",
    request: { params: DealIdParam },
    responses: {
      200: json(DealFiguresSchema, "The deal and its figures"),
      404: { description: "No such deal" },
      409: {
        description:
          "`deal-not-set-up`: the deal's setup failed or has not finished, so it has no figures; `deal_status` is `setup_failed` or `setting_up`, and the detail says what becomes of it",
      },
    },
  }),
  async (c) => {
    const { deal, figures: f } = await dealFigures(c.env, c.req.valid("param").id);
    c.header("cache-control", "no-store");
    return c.json(
      {
        ...renderDeal(deal),
        product_title: deal.productTitle,
        seller_id: deal.sellerId,
        seller_name: deal.sellerName,
        listing_price: deal.listingPrice,
        mrp: deal.mrp,
        figures: {
          status: managerStatus(deal, f.status),
          sold: f.sold,
          reserved: f.reserved,
          remaining: f.remaining,
          returned: f.returned,
          waiting: f.waiting,
          joined: f.joined,
          joined_before_open: f.joinedBeforeOpen,
          admitted: f.admitted,
          active: f.active,
          admission_rate_per_minute: f.admittedLastMinute,
          sell_rate_per_minute: f.soldLastMinute,
          journal_pending: f.journalPending,
        },
      },
      200,
    );
  },
);

dealRoutes.openapi(
  route({
    method: "get",
    path: "/admin/deals/{id}/results",
    access: ["deal_manager", "ops"],
    rateClass: "admin",
    tags: ["deals"],
    summary: "How a deal did: units, orders, revenue, timing and shoppers; final once it has ended, so far before",
    request: { params: DealIdParam },
    responses: { 200: json(DealResultsSchema, "The deal's results"), 404: { description: "No such deal" } },
  }),
  async (c) => {
    c.header("cache-control", "no-store");
    return c.json(await readDealResults(c.env, c.req.valid("param").id), 200);
  },
);

dealRoutes.openapi(
  route({
    method: "patch",
    path: "/admin/deals/{id}",
    access: ["deal_manager"],
    rateClass: "admin",
    tags: ["deals"],
    summary: "Adjust a deal: its waiting room and end before it has ended; its price, start and per-shopper limit only before it opens",
    description:
      "Only the settings named change. The deal's SkuGate makes the change first, checking it against its own clock, then the deal row " +
      "(and, when the price or times move, the product page's catalog change) in one batch; a refusal changes nothing, and a request " +
      "that failed part way is finished by sending it again. Admission numbers apply at the waiting room's next admission step; a new " +
      "session length applies to shoppers admitted from then on, sessions under way keeping their end; a new start or end re-arms the " +
      "deal's opening and end. The edge's copy of the deal state catches up within about two seconds. Last write wins: there is no " +
      "If-Match, and of two adjustments at once the one made last stands.",
    request: { params: DealIdParam, body: { required: true, content: { "application/json": { schema: AdjustDealBody } } } },
    responses: {
      200: json(DealSchema, "The deal after the change"),
      400: { description: "A value does not fit: `errors` names each field and what would" },
      404: { description: "No such deal" },
      409: {
        description:
          "The deal has ended (or its end time has passed, or it is not set up); or a price, start or per-shopper limit was asked of a deal " +
          "that has opened or is paused (`errors` names each such field and why); or another deal covers the listing in the new window",
      },
    },
  }),
  async (c) => {
    const deal = await adjustDeal(c.env, c.req.valid("param").id, c.req.valid("json"));
    relaySoon(c.env, c.executionCtx);
    return c.json(renderDeal(deal), 200);
  },
);

for (const [action, run, summary] of [
  ["pause", pauseDeal, "Pause a deal: no new reserves, and admitted shoppers' sessions stop running; open holds can still be paid"],
  [
    "resume",
    resumeDeal,
    "Resume a paused deal; sessions open when the pause began end later by its length. A deal resumed after its end time ends at once, its unsold units going back to the ledger",
  ],
  ["end", endDeal, "End a deal; unsold units go back to the ledger"],
] as const) {
  dealRoutes.openapi(
    route({
      method: "post",
      path: `/admin/deals/{id}/${action}`,
      access: ["deal_manager"],
      rateClass: "admin",
      tags: ["deals"],
      summary,
      request: { params: DealIdParam },
      responses: {
        200: json(DealSchema, "The deal after the change"),
        404: { description: "No such deal" },
        409: { description: "Illegal transition" },
      },
    }),
    async (c) => {
      const deal = await run(c.env, c.req.valid("param").id);
      relaySoon(c.env, c.executionCtx);
      return c.json(renderDeal(deal), 200);
    },
  );
}

dealRoutes.openapi(
  route({
    method: "get",
    path: "/deals",
    access: "public",
    tags: ["deals"],
    summary: "Live and upcoming deals",
    responses: {
      200: json(z.object({ items: z.array(PublicDealSchema) }).openapi("DealList"), "Live deals first, then upcoming"),
      304: { description: "Not modified" },
    },
  }),
  async (c) => {
    const { body, etag } = await listDeals(c.env, c.executionCtx);
    c.header("cache-control", "public, max-age=5, stale-while-revalidate=30");
    c.header("etag", etag);
    if (matchesEtag(c.req.header("if-none-match"), etag)) return c.body(null, 304);
    return c.json(body, 200);
  },
);

dealRoutes.openapi(
  route({
    method: "get",
    path: "/deals/{id}",
    access: "public",
    tags: ["deals"],
    summary: "One deal as the list shows it, in any state once it is set up: live, upcoming, paused, sold out or ended",
    request: { params: DealIdParam },
    responses: {
      200: json(PublicDealSchema, "The deal; `status` says whether it can still be bought"),
      304: { description: "Not modified" },
      404: { description: "No such deal, or one still being set up" },
    },
  }),
  async (c) => {
    const deal = await findPublicDeal(c.env, c.executionCtx, c.req.valid("param").id);
    if (!deal) throw new AppError("not_found", "There is no such deal.");
    // A deal page's every shopper asks it again and again on sale day: unchanged, it costs no body.
    const etag = await weakEtagOf(deal);
    c.header("cache-control", "public, max-age=5, stale-while-revalidate=30");
    c.header("etag", etag);
    if (matchesEtag(c.req.header("if-none-match"), etag)) return c.body(null, 304);
    return c.json(deal, 200);
  },
);

dealRoutes.openapi(
  route({
    method: "post",
    path: "/deals/{id}/queue",
    access: "public",
    tags: ["waiting room"],
    summary: "Join a deal's waiting room (a ticket you already hold is returned unchanged)",
    request: { params: DealIdParam, query: TicketQuery, headers: TicketHeader },
    responses: {
      200: json(QueueStatusSchema, "Your ticket and place"),
      404: { description: "No such deal" },
      503: { description: STATE_UNAVAILABLE },
    },
  }),
  async (c) => {
    const presented = c.req.valid("header")[TICKET_HEADER] ?? c.req.valid("query").ticket ?? null;
    const answer = await joinQueue(c.env, c.executionCtx, c.req.valid("param").id, await shopperOf(c), presented);
    return c.json(renderQueue(c, answer), 200);
  },
);

dealRoutes.openapi(
  route({
    method: "get",
    path: "/deals/{id}/queue",
    access: "public",
    tags: ["waiting room"],
    summary: `Poll your place; the ticket goes in the ${TICKET_HEADER} header or the ticket query parameter`,
    request: { params: DealIdParam, query: TicketQuery, headers: TicketHeader },
    responses: {
      200: json(QueueStatusSchema, "Waiting, admitted (with an admission token), sold out or ended"),
      401: { description: "Forged or altered ticket" },
      403: { description: "Ticket for another deal" },
      503: { description: STATE_UNAVAILABLE },
    },
  }),
  async (c) => {
    const ticket = c.req.valid("header")[TICKET_HEADER] ?? c.req.valid("query").ticket ?? null;
    const answer = await pollQueue(c.env, c.executionCtx, c.req.valid("param").id, ticket);
    return c.json(renderQueue(c, answer), 200);
  },
);
