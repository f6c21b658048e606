import { env } from "cloudflare:workers";
import type { TestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { twoSellerShippedOrder } from "../invoices/two-sellers";
import { askReturn, opsMove } from "../orders/returns-seed";

/** The shopper's name on their account, which no seller may learn from a return. */
export const SHOPPER_NAME = "Meera Iyer";

/** A note a shopper writes with the return, contact details and all. */
export const NOTE = "Too tight at the shoulders, call me on 98765 43210 or meera.iyer@example.in";

/**
 * The two-seller order (a Cotton Kurta of seller A, a Steam Iron of seller B) delivered and asked
 * back for size or fit. Each listing has the unit it sold on record in its warehouse, as a checkout
 * leaves it, so sellable goods can go back on sale there.
 */
export async function twoSellerReturnRequested() {
  const order = await twoSellerDelivered();
  const asked = await askReturn(order.orderId, order.shopper, { reason: "size_fit", note: NOTE });
  if (asked.status !== 200) throw new Error(`return: ${asked.status} ${await asked.text()}`);
  return order;
}

/** The same two-seller order delivered, its return not asked for yet. */
export async function twoSellerDelivered() {
  const order = await twoSellerShippedOrder({ paid: true });
  const now = new Date().toISOString();
  await env.DB.batch([
    env.DB.prepare("UPDATE users SET name = ? WHERE id = ?").bind(SHOPPER_NAME, order.shopper.id),
    ...[order.a, order.b].map((f) =>
      env.DB.prepare("INSERT INTO inventory (sku_id, warehouse_id, available, sold, initial, updated_at) VALUES (?, ?, 0, 1, 1, ?)").bind(
        f.listingId,
        f.warehouseId,
        now,
      ),
    ),
  ]);
  await mustMove(order.orderId, order.ops, { to: "delivered" });
  return order;
}

/** An ops move that must succeed. */
export async function mustMove(orderId: string, ops: TestUser, body: { to: string; reason?: string; condition?: string }): Promise<void> {
  const res = await opsMove(orderId, ops, body);
  if (res.status !== 200) throw new Error(`${body.to}: ${res.status} ${await res.text()}`);
}

/** A seller's returns, as the API answers them, with the raw text for what must not be in it. */
export async function returnsOf(seller: TestUser, query = "") {
  const res = await api(`/api/seller/returns${query}`, { headers: seller.headers });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`returns: ${res.status} ${text}`);
  return { text, ...(JSON.parse(text) as { items: SellerReturn[]; next_cursor: string | null }) };
}

/** One return as GET /api/seller/returns answers it. */
export interface SellerReturn {
  order_id: string;
  status: string;
  reason: string;
  note: string | null;
  requested_at: string;
  decision: { outcome: string; at: string; decline_reason: string | null } | null;
  items: Array<{
    listing_id: string;
    title: string;
    qty: number;
    return_qty: number;
    amount: number;
    back_on_sale: { units: number; warehouse_id: string; warehouse_name: string } | null;
  }>;
  subtotal: number;
  refunded: number;
  received: { at: string; condition: string | null } | null;
}
