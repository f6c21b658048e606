import { requireUser } from "../accounts/authorize";
import { problem } from "../catalog/schemas";
import { Address } from "../checkout/schemas";
import { readConfig } from "../platform/config";
import { createRouter, route } from "../platform/router";
import { addAddress } from "./add-address";
import { forgetAddress } from "./forget-address";
import { MAX_ADDED_ADDRESSES, MAX_LISTED_ADDRESSES, MAX_SAVED_ADDRESSES, savedAddresses } from "./saved-addresses";
import { AddressParam, SavedAddressesQuery, SavedAddressesSchema, SavedAddressSchema } from "./schemas";
import { replaceAddress } from "./replace-address";

/** The signed-in shopper's saved delivery addresses: listed from their orders and account, added, and removed from the list. */
export const addressRoutes = createRouter();

const notSignedIn = problem("Not signed in");

addressRoutes.openapi(
  route({
    method: "get",
    path: "/me/addresses",
    access: "signed_in",
    tags: ["orders", "accounts"],
    summary: "The shopper's delivery addresses from their latest orders and their account, most recently used first",
    description:
      "Read from the orders themselves, so there is no copy to keep in sync: an address is offered once an order to it is placed. Only the latest orders are looked at. " +
      "An address added with POST /api/me/addresses counts as used when it was added. " +
      "An address the shopper removed is left out until they order to it or add it again. " +
      `By default the ${MAX_SAVED_ADDRESSES} checkout offers; with \`scope=all\`, every added address besides, so a shopper at the limit on added addresses can see each one and remove one.`,
    request: { query: SavedAddressesQuery },
    responses: {
      200: {
        description: `Up to ${MAX_SAVED_ADDRESSES} addresses, or up to ${MAX_LISTED_ADDRESSES} with \`scope=all\``,
        content: { "application/json": { schema: SavedAddressesSchema } },
      },
      400: problem("An unknown `scope`, or another query parameter (problem details naming it)"),
      401: notSignedIn,
    },
  }),
  async (c) => {
    c.header("cache-control", "private, no-store");
    const { scope } = c.req.valid("query");
    const items = await savedAddresses(c.env.DB, requireUser(c.var.user).id, readConfig(c.env).SESSION_SECRET, scope);
    return c.json({ items }, 200);
  },
);

addressRoutes.openapi(
  route({
    method: "post",
    path: "/me/addresses",
    access: "signed_in",
    tags: ["orders", "accounts"],
    summary: "Add a delivery address ahead of an order, so checkout offers it first",
    description:
      "The address counts as used now: GET /api/me/addresses lists it first, and checkout offers it. " +
      "Adding an address the list has already (compared ignoring case and spacing, as the list compares them) keeps one entry, moves it to the top and keeps this spelling; " +
      "adding one the shopper removed offers it again. " +
      `An account keeps at most ${MAX_ADDED_ADDRESSES} added addresses; removing one (DELETE /api/me/addresses/{address_id}, any listed by GET /api/me/addresses?scope=all) frees its place.`,
    request: { body: { content: { "application/json": { schema: Address } } } },
    responses: {
      201: { description: "Added: the address as the list now gives it", content: { "application/json": { schema: SavedAddressSchema } } },
      200: {
        description: "Added before (under the same id): moved to the top of the list, with this spelling",
        content: { "application/json": { schema: SavedAddressSchema } },
      },
      400: problem("Invalid fields (problem details naming each); nothing stored"),
      401: notSignedIn,
      409: problem(
        `The account has ${MAX_ADDED_ADDRESSES} added addresses already; nothing stored. The detail tells the shopper to remove one on their account page (DELETE /api/me/addresses/{address_id})`,
      ),
    },
  }),
  async (c) => {
    c.header("cache-control", "private, no-store");
    const userId = requireUser(c.var.user).id;
    const { saved, created } = await addAddress(c.env.DB, userId, readConfig(c.env).SESSION_SECRET, c.req.valid("json"));
    return created ? c.json(saved, 201) : c.json(saved, 200);
  },
);

addressRoutes.openapi(
  route({
    method: "put",
    path: "/me/addresses/{address_id}",
    access: "signed_in",
    tags: ["orders", "accounts"],
    summary: "Correct a saved address: the corrected one takes its place, and past orders keep the old",
    description:
      "The address sent is added, as POST /api/me/addresses adds one, and the one it corrects is removed, as DELETE does, together: the list never shows both or neither. " +
      "Any address in the list now (GET /api/me/addresses?scope=all) can be corrected; any other id is a 404 and changes nothing. " +
      "Correcting only its spacing or case keeps its id. " +
      `An added address's place passes to its correction; correcting an address from an order takes a new place, so at ${MAX_ADDED_ADDRESSES} added addresses it is a 409 and nothing changes.`,
    request: { params: AddressParam, body: { content: { "application/json": { schema: Address } } } },
    responses: {
      200: {
        description: "The corrected address as the list now gives it",
        content: { "application/json": { schema: SavedAddressSchema } },
      },
      400: problem("Invalid fields or id (problem details naming each); nothing changed"),
      401: notSignedIn,
      404: problem("Not one of the shopper's saved addresses now; nothing changed"),
      409: problem(`The correction would be an added address beyond ${MAX_ADDED_ADDRESSES}; nothing changed`),
    },
  }),
  async (c) => {
    c.header("cache-control", "private, no-store");
    const userId = requireUser(c.var.user).id;
    const saved = await replaceAddress(
      c.env.DB,
      userId,
      readConfig(c.env).SESSION_SECRET,
      c.req.valid("param").address_id,
      c.req.valid("json"),
    );
    return c.json(saved, 200);
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
      "Only an address in the shopper's list now (GET /api/me/addresses?scope=all: every added address, not only the ones checkout offers) can be removed; any other id, one already removed among them, is a 404 and changes nothing. " +
      "The next older address takes its place in the list. Ordering to the address again, or adding it again, offers it again. " +
      "An address the shopper added stops counting against the limit on added addresses.",
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
