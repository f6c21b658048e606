import type { Context } from "hono";
import { knownGuestId } from "../accounts/guest";
import type { AppEnv } from "../platform/context";
import { AppError } from "../platform/errors";
import { chargeBrowseNow } from "../platform/rate-limit";
import { serverTimingHeader } from "../platform/server-timing";
import { createRouter, json, route } from "../platform/router";
import { holdDealUnits, readDealHold } from "./hold";
import { DealIdParam, HoldBody, HoldQuery, HoldSchema, HoldStateSchema } from "./schemas";

/** An admitted shopper's hold on a deal's units: taking it on the deal page, and reading its clock at checkout. */
export const holdRoutes = createRouter();

/** Whom a hold is for: the signed-in account, if any, and this browser's guest id. */
async function holder(c: Context<AppEnv>): Promise<{ userId: string | null; guestId: string | null }> {
  return { userId: c.var.user?.id ?? null, guestId: await knownGuestId(c) };
}

holdRoutes.openapi(
  route({
    method: "post",
    path: "/deals/{id}/hold",
    access: "public",
    tags: ["waiting room"],
    summary:
      "An admitted shopper holds deal units for checkout (one open hold per shopper and deal, which checkout takes over; repeating returns it)",
    request: { params: DealIdParam, body: { required: true, content: { "application/json": { schema: HoldBody } } } },
    responses: {
      201: json(HoldSchema, "The hold; checkout commits it"),
      403: { description: "Admission token missing, expired, or for someone else" },
      409: {
        description:
          "Refused, with the `reason`: `sold_out` (every unit sold), `all_held` (every unit held by shoppers checking out; " +
          "ask again after Retry-After, as holds are released or expire), `per_user_limit` (the shopper's account, or the account " +
          "last signed in in this browser, already holds or bought the deal's limit), `paused`, `not_live` or `ended`",
      },
      429: {
        description:
          "Asked again too often for a hold already granted: until a hold is granted, asking for it is paid for by the " +
          "admission token, and the gate's answer (granted or refused) answers the same request for a second " +
          "(`x-deal-hold: memory`); asking the gate again for a granted hold is charged to the shopper's browse budget",
      },
    },
  }),
  async (c) => {
    const body = c.req.valid("json");
    const { hold, asked, timing } = await holdDealUnits(
      c.env,
      c.req.valid("param").id,
      body.admission_token,
      await holder(c),
      body.qty,
      () => chargeBrowseNow(c),
    );
    c.header("x-deal-hold", asked === "memory" ? "memory" : "gate");
    if (timing.length > 0) c.header("server-timing", serverTimingHeader(timing));
    return c.json({ reservation_id: hold.reservationId, deal_id: hold.dealId, qty: hold.qty, expires_at: hold.expiresAt }, 201);
  },
);

holdRoutes.openapi(
  route({
    method: "get",
    path: "/deals/{id}/hold",
    access: "public",
    tags: ["waiting room"],
    summary:
      "An admitted shopper's hold on deal units as it stands, for the clock their checkout runs against; reading it holds, extends or gives back nothing",
    request: { params: DealIdParam, query: HoldQuery },
    responses: {
      200: json(HoldStateSchema, "The hold: held until `expires_at`, or how it ended"),
      400: { description: "The admission token is missing or is not a token" },
      403: { description: "Admission token expired, or for someone else" },
      404: { description: "The shopper holds nothing on this deal under that admission" },
    },
  }),
  async (c) => {
    const hold = await readDealHold(c.env, c.req.valid("param").id, c.req.valid("query").admission_token, await holder(c));
    c.header("cache-control", "private, no-store");
    if (!hold) throw new AppError("not_found", "You hold no unit of this deal.");
    return c.json(
      {
        reservation_id: hold.reservationId,
        deal_id: hold.dealId,
        status: hold.status,
        qty: hold.qty,
        expires_at: hold.expiresAt,
        paused: hold.paused,
        order_status: hold.orderStatus,
        more_allowed: hold.moreAllowed,
        over_limit: hold.overAccountLimit,
        turn_ends_at: new Date(hold.turnEndsAt).toISOString(),
      },
      200,
    );
  },
);
