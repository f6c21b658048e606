import { env } from "cloudflare:workers";
import type { OrderStatus } from "../../workers/orders/state-machine";
import { newId } from "../../workers/platform/ids";
import { createTestUser } from "../helpers/accounts";
import { seedOrder } from "../orders/seed";

const DAY_MS = 86_400_000;

/** The time `days` days before now. */
export const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString();

/** A seller with a user to sign in as. */
export async function seller() {
  const sellerId = newId("sel");
  return { sellerId, ...(await createTestUser(["seller"], { sellerId })) };
}

/** An order of the seller's confirmed when it was placed, now. */
export const order = (sellerId: string, status: OrderStatus = "confirmed") =>
  seedOrder({ status, confirmed: true, at: new Date().toISOString(), lines: [{ sellerId }] });

/** Moves an order back in time: placed at `placed`, confirmed at `confirmed`, as a busy week leaves orders. */
export async function movedBack(orderId: string, placed: string, confirmed = placed): Promise<void> {
  await env.DB.batch([
    env.DB.prepare("UPDATE orders SET created_at = ?1, updated_at = ?2 WHERE id = ?3").bind(placed, confirmed, orderId),
    env.DB.prepare(
      "UPDATE order_items SET created_at = ?1, ready_to_ship_at = CASE WHEN ready_to_ship_at IS NOT NULL THEN MAX(?1, ?2) END WHERE order_id = ?3",
    ).bind(placed, confirmed, orderId),
    env.DB.prepare("UPDATE order_transitions SET at = ?1 WHERE order_id = ?2 AND to_status = 'created'").bind(placed, orderId),
    env.DB.prepare("UPDATE order_transitions SET at = ?1 WHERE order_id = ?2 AND to_status = 'confirmed'").bind(confirmed, orderId),
  ]);
}
