import type { Context } from "hono";
import { guestIdOf } from "../accounts/guest";
import type { AppEnv } from "../platform/context";
import { problem } from "../catalog/schemas";
import { createRouter, route } from "../platform/router";
import { noteCartAdd } from "../search/interest-tracking";
import { cartOwner, readCart, setCartQty } from "./cart-service";
import { moveToCart, removeSavedItem, saveForLater } from "./saved-for-later";
import { CartSchema, ListingParam, SetQtyBody } from "./schemas";

/** The shopper's cart. */
export const cartRoutes = createRouter();

async function ownerOf(c: Context<AppEnv>): Promise<string> {
  // A first-time guest gets an id now; the front door sets its cookie on this response.
  return cartOwner(c.var.user, c.var.user ? null : await guestIdOf(c));
}

const cartResponse = {
  200: { description: "The cart with current prices", content: { "application/json": { schema: CartSchema } } },
} as const;

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
    responses: {
      ...cartResponse,
      404: { description: "No such listing on sale (unknown, or switched off by its seller); the cart is unchanged" },
      409: { description: "The cart is full: remove something first" },
    },
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

cartRoutes.openapi(
  route({
    method: "post",
    path: "/cart/items/{listing_id}/save-for-later",
    access: "public",
    tags: ["cart"],
    summary: "Move a line out of the cart into the saved-for-later list, keeping its quantity",
    request: { params: ListingParam },
    responses: {
      ...cartResponse,
      400: problem("Invalid listing id"),
      404: problem("The line is not in the cart (nor saved already)"),
      409: problem("The saved list is full"),
    },
  }),
  async (c) => c.json(await saveForLater(c.env, await ownerOf(c), c.req.valid("param").listing_id), 200),
);

cartRoutes.openapi(
  route({
    method: "post",
    path: "/cart/saved/{listing_id}/move-to-cart",
    access: "public",
    tags: ["cart"],
    summary: "Move a saved item back into the cart with its quantity, at today's price",
    request: { params: ListingParam },
    responses: {
      ...cartResponse,
      400: problem("Invalid listing id"),
      404: problem("The item is not saved (nor in the cart already)"),
      409: problem("The cart is full, or the listing is no longer on sale; the item stays saved"),
    },
  }),
  async (c) => c.json(await moveToCart(c.env, await ownerOf(c), c.req.valid("param").listing_id), 200),
);

cartRoutes.openapi(
  route({
    method: "delete",
    path: "/cart/saved/{listing_id}",
    access: "public",
    tags: ["cart"],
    summary: "Remove an item from the saved-for-later list",
    request: { params: ListingParam },
    responses: { ...cartResponse, 400: problem("Invalid listing id") },
  }),
  async (c) => c.json(await removeSavedItem(c.env, await ownerOf(c), c.req.valid("param").listing_id), 200),
);
