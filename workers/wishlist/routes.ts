import { z } from "@hono/zod-openapi";
import { requireUser } from "../accounts/authorize";
import { problem } from "../catalog/schemas";
import { createRouter, createdHeaders, route } from "../platform/router";
import { WISHLIST_LIMIT, WishlistEntrySchema, WishlistItemSchema, WishlistProductParam, WishlistSchema } from "./schemas";
import { isSaved, listWishlist, removeFromWishlist, saveToWishlist } from "./wishlist";

/** The signed-in shopper's saved products. */
export const wishlistRoutes = createRouter();

const notSignedIn = problem("Not signed in");
const itemJson = (description: string) => ({ description, content: { "application/json": { schema: WishlistItemSchema } } });

wishlistRoutes.openapi(
  route({
    method: "get",
    path: "/wishlist",
    access: "signed_in",
    tags: ["wishlist"],
    summary: "The shopper's saved products, newest first, each with its price now, its price when saved, availability and deal",
    description:
      "The whole list at once: it holds at most `limit` products. It takes no query parameters; one sent (`?limit=`) is a 400 naming it.",
    // Strict and empty, as every query here is strict: a parameter a client expects to page or
    // filter by is refused by name rather than silently ignored.
    request: { query: z.object({}).strict() },
    responses: {
      200: { description: "The wishlist", content: { "application/json": { schema: WishlistSchema } } },
      401: notSignedIn,
    },
  }),
  async (c) => {
    c.header("cache-control", "private, no-store");
    return c.json({ items: await listWishlist(c.env.DB, requireUser(c.var.user).id), limit: WISHLIST_LIMIT }, 200);
  },
);

wishlistRoutes.openapi(
  route({
    method: "get",
    path: "/wishlist/{product_id}",
    access: "signed_in",
    tags: ["wishlist"],
    summary: "Whether the shopper has saved a product (what a product page's Save button shows)",
    request: { params: WishlistProductParam },
    responses: {
      200: {
        description: "Saved or not; an unknown product is not saved",
        content: { "application/json": { schema: WishlistEntrySchema } },
      },
      401: notSignedIn,
    },
  }),
  async (c) => {
    c.header("cache-control", "private, no-store");
    const productId = c.req.valid("param").product_id;
    return c.json({ product_id: productId, saved: await isSaved(c.env.DB, requireUser(c.var.user).id, productId) }, 200);
  },
);

wishlistRoutes.openapi(
  route({
    method: "put",
    path: "/wishlist/{product_id}",
    access: "signed_in",
    tags: ["wishlist"],
    summary: "Save a product at its price now; saving it again changes nothing",
    request: { params: WishlistProductParam },
    responses: {
      200: itemJson("It was saved already; the price it was saved at is kept"),
      201: { ...itemJson("Saved"), headers: createdHeaders },
      401: notSignedIn,
      404: problem("No such product"),
      409: problem(`The wishlist holds ${WISHLIST_LIMIT} products already`),
    },
  }),
  async (c) => {
    const { created, item } = await saveToWishlist(c.env.DB, requireUser(c.var.user).id, c.req.valid("param").product_id);
    c.header("cache-control", "private, no-store");
    if (created) c.header("location", `/api/wishlist/${encodeURIComponent(item.product_id)}`);
    return created ? c.json(item, 201) : c.json(item, 200);
  },
);

wishlistRoutes.openapi(
  route({
    method: "delete",
    path: "/wishlist/{product_id}",
    access: "signed_in",
    tags: ["wishlist"],
    summary: "Remove a product from the wishlist; removing one that is not there changes nothing",
    request: { params: WishlistProductParam },
    responses: { 204: { description: "The product is not in the wishlist now" }, 401: notSignedIn },
  }),
  async (c) => {
    await removeFromWishlist(c.env.DB, requireUser(c.var.user).id, c.req.valid("param").product_id);
    return c.body(null, 204);
  },
);
