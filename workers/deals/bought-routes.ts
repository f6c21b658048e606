import { AppError } from "../platform/errors";
import { createRouter, json, route } from "../platform/router";
import { boughtOfDeal, moreAllowed } from "./bought";
import { BoughtSchema, DealIdParam } from "./schemas";

/** A signed-in shopper's own purchases of a deal, so the deal page can tell them before they queue. */
export const boughtRoutes = createRouter();

boughtRoutes.openapi(
  route({
    method: "get",
    path: "/deals/{id}/bought",
    access: "signed_in",
    tags: ["deals"],
    summary:
      "How many units of a deal the signed-in shopper has in orders not cancelled, against its limit per shopper; " +
      "the deal page offers no waiting room to a shopper with none more allowed. Joining the waiting room does not check it",
    request: { params: DealIdParam },
    responses: {
      200: json(BoughtSchema, "The shopper's units of the deal and how many more they may buy"),
      404: { description: "No such deal, or one still being set up" },
    },
  }),
  async (c) => {
    const id = c.req.valid("param").id;
    const user = c.var.user;
    if (!user) throw new AppError("unauthenticated", "Sign in to see what you bought.");
    const b = await boughtOfDeal(c.env.DB, id, user.id);
    c.header("cache-control", "private, no-store");
    if (!b) throw new AppError("not_found", "There is no such deal.");
    return c.json({ deal_id: id, per_user_limit: b.perUserLimit, bought: b.bought, more_allowed: moreAllowed(b) }, 200);
  },
);
