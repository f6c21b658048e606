import { env } from "cloudflare:workers";
import type { OrderStatus } from "../../workers/orders/state-machine";
import type { Envelope } from "../../workers/platform/outbox";
import type { TestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { type SeedLine, seedOrder } from "../orders/seed";

const DAY_MS = 86_400_000;

/** An ISO time `days` days before now. */
export const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString();

/**
 * An order of the shopper's in `status`, placed a few days before `deliveredAt` and, unless it is
 * null, delivered then as the lifecycle records it: by a transition to `delivered`.
 */
export async function orderDelivered(
  userId: string,
  lines: SeedLine[],
  opts: { deliveredAt?: string | null; status?: OrderStatus } = {},
): Promise<string> {
  const deliveredAt = opts.deliveredAt === undefined ? new Date().toISOString() : opts.deliveredAt;
  const placed = new Date(Date.parse(deliveredAt ?? new Date().toISOString()) - 3 * DAY_MS).toISOString();
  const id = await seedOrder({ userId, status: opts.status ?? (deliveredAt ? "delivered" : "shipped"), at: placed, lines });
  if (deliveredAt) {
    await env.DB.prepare(
      "INSERT INTO order_transitions (order_id, from_status, to_status, actor, reason, at) VALUES (?1, 'shipped', 'delivered', 'ops', 'delivered', ?2)",
    )
      .bind(id, deliveredAt)
      .run();
  }
  return id;
}

/** The shopper's PUT of a rating of `sellerId` for `orderId`. */
export function rate(user: TestUser, orderId: string, sellerId: string, body: unknown) {
  return api(`/api/orders/${orderId}/seller-feedback/${sellerId}`, { method: "PUT", headers: user.headers, body });
}

/** The seller's rating columns and feedback rows, straight from D1. */
export async function sellerState(sellerId: string) {
  const seller = await env.DB.prepare("SELECT rating_x10, rating_prior_x10, rating_sum, rating_count, rating_due FROM sellers WHERE id = ?")
    .bind(sellerId)
    .first<{ rating_x10: number; rating_prior_x10: number; rating_sum: number; rating_count: number; rating_due: number }>();
  const { results } = await env.DB.prepare(
    "SELECT order_id, user_id, rating, comment, created_at, updated_at FROM seller_feedback WHERE seller_id = ? ORDER BY order_id",
  )
    .bind(sellerId)
    .all();
  return { ...seller, feedback: results };
}

/** An env whose catalog queue records what is sent to it, so the test delivers every message itself. */
export function spyQueue() {
  const sent: Array<Envelope<Record<string, unknown>>> = [];
  const send = async (m: Envelope<Record<string, unknown>>) => {
    sent.push(m);
  };
  const sendBatch = async (ms: Array<{ body: Envelope<Record<string, unknown>> }>) => {
    for (const m of ms) await send(m.body);
  };
  const queue = { send, sendBatch };
  const spyEnv = { ...env, CATALOG_CHANGES: queue, ORDER_EVENTS: queue, INVENTORY_JOURNAL: queue } as unknown as Env;
  return { sent, spyEnv };
}
