import type { Context } from "hono";
import { z } from "zod";
import { MAX_QTY_PER_LINE as LINE_MAX } from "../../durable-objects/cart";
import type { AppEnv } from "../platform/context";
import { type ApiFetch, callApi } from "./api";
import type { Cart } from "./types";

/** The cart form's fields: one line's listing and its new quantity (0 removes it). */
export const CartLineForm = z.object({
  listing_id: z.string().min(1).max(64),
  qty: z.coerce.number().int().min(0).max(10),
  /** "add" puts qty on top of what the cart holds; otherwise qty replaces it. */
  mode: z.enum(["set", "add"]).default("set"),
});

/**
 * The quantity to send for a line: what the form asked, or that on top of the cart's, at most
 * `LINE_MAX`; `capped` when adding would have gone past it.
 */
export async function targetQty(
  c: Context<AppEnv>,
  fetchApi: ApiFetch,
  form: z.infer<typeof CartLineForm>,
): Promise<{ qty: number; capped: boolean }> {
  if (form.mode !== "add") return { qty: form.qty, capped: false };
  const cart = await callApi<Cart>(c, fetchApi, "/api/cart");
  const held = cart.ok ? (cart.data.items.find((l) => l.listing_id === form.listing_id)?.qty ?? 0) : 0;
  return { qty: Math.min(LINE_MAX, held + form.qty), capped: held + form.qty > LINE_MAX };
}
