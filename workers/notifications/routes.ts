import { requireUser } from "../accounts/authorize";
import { problem } from "../catalog/schemas";
import { createRouter, route } from "../platform/router";
import { listInbox } from "./inbox";
import { INBOX_PAGE, InboxPageSchema, InboxQuery } from "./schemas";

/** The signed-in shopper's inbox: what they were told of their orders and their wishlist. */
export const notificationRoutes = createRouter();

notificationRoutes.openapi(
  route({
    method: "get",
    path: "/notifications",
    access: "signed_in",
    tags: ["notifications"],
    summary: `The messages the shopper was sent (orders, deals opening, price drops), newest first, ${INBOX_PAGE} a page`,
    request: { query: InboxQuery },
    responses: {
      200: { description: "A page of the inbox", content: { "application/json": { schema: InboxPageSchema } } },
      400: problem("Invalid query (problem details naming the fields)"),
      401: problem("Not signed in"),
    },
  }),
  async (c) => {
    c.header("cache-control", "private, no-store");
    return c.json(await listInbox(c.env.DB, requireUser(c.var.user).id, c.req.valid("query").cursor), 200);
  },
);
