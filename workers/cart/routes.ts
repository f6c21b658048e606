import type { Context } from "hono";
import { guestIdOf } from "../accounts/guest";
import type { AppEnv } from "../platform/context";
import { createRouter, route } from "../platform/router";
import { noteCartAdd } from "../search/interest-tracking";
import { cartOwner, readCart, setCartQty } from "./cart-service";
import { CartSchema, ListingParam, SetQtyBody } from "./schemas";

/** The shopper's cart. */
export const cartRoutes = createRouter();

async function ownerOf(c: Context<AppEnv>): Promise<string> {
  // A first-time guest gets an id now; the front door sets its cookie on this response.
  return cartOwner(c.var.user, c.var.user ? null : await guestIdOf(c));
}

const cartResponse = { 200: { description: "The cart with current prices", content: { "application/json": { schema: CartSchema } } } };

cartRoutes.openapi(
  route({
    method: "get",
    path: "/cart",
    access: "public",
    tags: ["cart"],
    summary: "The cart with current price and availability, what changed since adding, and totals",
    responses: cartResponse,
  }),
  async (c) => {
    c.header("cache-control", "private, no-store");
    return c.json(await readCart(c.env, await ownerOf(c)), 200);
  },
);

cartRoutes.openapi(
  route({
    method: "put",
    path: "/cart/items/{listing_id}",
    access: "public",
    tags: ["cart"],
    summary: "Set a line's quantity; 0 removes it",
    request: { params: ListingParam, body: { content: { "application/json": { schema: SetQtyBody } } } },
    responses: cartResponse,
  }),
  async (c) => {
    const listingId = c.req.valid("param").listing_id;
    const qty = c.req.valid("json").qty;
    const view = await setCartQty(c.env, await ownerOf(c), listingId, qty);
    if (qty > 0) noteCartAdd(c, listingId);
    return c.json(view, 200);
  },
);

cartRoutes.openapi(
  route({
    method: "delete",
    path: "/cart/items/{listing_id}",
    access: "public",
    tags: ["cart"],
    summary: "Remove a line",
    request: { params: ListingParam },
    responses: cartResponse,
  }),
  async (c) => c.json(await setCartQty(c.env, await ownerOf(c), c.req.valid("param").listing_id, 0), 200),
);
