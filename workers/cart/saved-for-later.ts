import { MAX_LINES } from "../../durable-objects/cart";
import { MAX_SAVED } from "../../durable-objects/cart-saved";
import { AppError } from "../platform/errors";
import { type CartView, cartStub, readCart } from "./cart-service";
import { quoteListings } from "./pricing";

/**
 * Takes a line out of the cart and keeps it in the saved list with its quantity. A line not in
 * the cart is 404, unless it is saved already (a second press), which changes nothing.
 */
export async function saveForLater(env: Env, owner: string, listingId: string): Promise<CartView> {
  const outcome = await cartStub(env, owner).saveForLater(listingId);
  if (outcome === "not_in_cart") throw new AppError("not_found", "That item is not in your cart.");
  if (outcome === "saved_full") {
    throw new AppError("conflict", `You can keep at most ${MAX_SAVED} items saved for later; remove one from the list first.`);
  }
  return readCart(env, owner);
}

/**
 * Puts a saved item back into the cart with the quantity it had, at today's price. It stays saved
 * when the cart is full (409), or the listing is no longer on sale (409); one not saved is 404,
 * unless it is in the cart already (a second press), which changes nothing.
 */
export async function moveToCart(env: Env, owner: string, listingId: string): Promise<CartView> {
  const quote = (await quoteListings(env.DB, [listingId])).get(listingId);
  const price = quote && quote.availability !== "unavailable" ? quote.price : null;
  const outcome = await cartStub(env, owner).moveToCart(listingId, price);
  if (outcome === "not_saved") throw new AppError("not_found", "That item is not in your saved list.");
  if (outcome === "unavailable") throw new AppError("conflict", "That item is no longer on sale; it stays in your saved list.");
  if (outcome === "cart_full") {
    throw new AppError("conflict", `Your cart is full (${MAX_LINES} items); remove something from it first. The item stays saved.`);
  }
  return readCart(env, owner);
}

/** Drops an item from the saved list; one not there is no error, so a repeated Remove is harmless. */
export async function removeSavedItem(env: Env, owner: string, listingId: string): Promise<CartView> {
  await cartStub(env, owner).removeSaved([listingId]);
  return readCart(env, owner);
}
