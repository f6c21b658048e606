import { requireUser } from "../accounts/authorize";
import { problem } from "../catalog/schemas";
import { readConfig } from "../platform/config";
import { createRouter, route } from "../platform/router";
import { forgetAddress } from "./forget-address";
import { savedAddresses } from "./saved-addresses";
import { AddressParam, SavedAddressesSchema } from "./schemas";

/** The signed-in shopper's saved delivery addresses: listed from their orders, and removed from the list. */
export const addressRoutes = createRouter();

const notSignedIn = problem("Not signed in");

addressRoutes.openapi(
  route({
    method: "get",
    path: "/me/addresses",
    access: "signed_in",
    tags: ["orders", "accounts"],
    summary: "The shopper's delivery addresses from their latest orders, most recently used first",
    description:
      "Read from the orders themselves, so there is nothing to save or keep in sync: an address is offered once an order to it is placed. Only the latest orders are looked at. " +
      "An address the shopper removed is left out until they order to it again.",
    responses: {
      200: { description: "Up to 5 addresses", content: { "application/json": { schema: SavedAddressesSchema } } },
      401: notSignedIn,
    },
  }),
  async (c) => {
    c.header("cache-control", "private, no-store");
    const items = await savedAddresses(c.env.DB, requireUser(c.var.user).id, readConfig(c.env).SESSION_SECRET);
    return c.json({ items }, 200);
  },
);

addressRoutes.openapi(
  route({
    method: "delete",
    path: "/me/addresses/{address_id}",
    access: "signed_in",
    tags: ["orders", "accounts"],
    summary: "Remove a saved address: checkout stops offering it, and past orders keep it",
    description:
      "Only an address in the shopper's list now can be removed; any other id, one already removed among them, is a 404 and changes nothing. " +
      "The next older address takes its place in the list. Ordering to the address again offers it again.",
    request: { params: AddressParam },
    responses: {
      204: { description: "Removed: GET /api/me/addresses no longer lists it" },
      400: problem("The id is not an address id (problem details naming `address_id`)"),
      401: notSignedIn,
      404: problem("Not one of the shopper's saved addresses now"),
    },
  }),
  async (c) => {
    const userId = requireUser(c.var.user).id;
    await forgetAddress(c.env.DB, userId, readConfig(c.env).SESSION_SECRET, c.req.valid("param").address_id);
    return c.body(null, 204);
  },
);
