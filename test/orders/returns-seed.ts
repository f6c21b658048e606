import { createExecutionContext, createMessageBatch } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { consumeOrderEvents } from "../../workers/orders/events-consumer";
import type { Envelope } from "../../workers/platform/outbox";
import { newId } from "../../workers/platform/ids";
import { type TestUser, createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { confirmedOrder, moneyOf } from "../checkout/support";
import { seedOrder } from "./seed";

/** A product in its own category under `department` (a top-level slug such as "grocery"). */
async function productIn(department: string, title: string): Promise<string> {
  const categoryId = newId("cat");
  const productId = newId("prd");
  const now = new Date().toISOString();
  await env.DB.batch([
    env.DB.prepare("INSERT INTO categories (id, slug, name, parent_id, path, depth) VALUES (?1, ?1, 'Test leaf', NULL, ?2, 1)").bind(
      categoryId,
      `/${department}/${categoryId}/`,
    ),
    env.DB.prepare("INSERT INTO products (id, title, brand, category_id, created_at, updated_at) VALUES (?, ?, 'Testbrand', ?, ?, ?)").bind(
      productId,
      title,
      categoryId,
      now,
      now,
    ),
  ]);
  return productId;
}

/**
 * An order of the shopper's written straight into D1 as delivered at `deliveredAt`, one line per
 * entry of `lines` ([department, title, units bought (1 unless given)]). No payment: for what is
 * refused before any money moves.
 */
export async function seedDelivered(userId: string, deliveredAt: string, lines: Array<[string, string, number?]>): Promise<string> {
  const placed = new Date(Date.parse(deliveredAt) - 3 * 86_400_000).toISOString();
  const seeded = [];
  for (const [department, title, qty] of lines)
    seeded.push({ sellerId: newId("sel"), listingId: newId("lst"), productId: await productIn(department, title), title, qty: qty ?? 1 });
  const orderId = await seedOrder({ userId, status: "delivered", at: placed, confirmed: true, lines: seeded });
  await env.DB.prepare(
    "INSERT INTO order_transitions (order_id, from_status, to_status, actor, reason, at) VALUES (?, 'shipped', 'delivered', 'ops:usr_x', 'seed', ?)",
  )
    .bind(orderId, deliveredAt)
    .run();
  return orderId;
}

/** An ops move through the API. */
export function opsMove(
  orderId: string,
  ops: TestUser,
  body: { to: string; reason?: string; from?: string; condition?: string },
): Promise<Response> {
  return api(`/api/admin/orders/${orderId}/transitions`, { method: "POST", headers: ops.headers, body });
}

/** Confirmed orders of real checkouts (their sellers can be invoiced, so they can ship), packed by ops. */
export async function packedOrders(ops: TestUser, n: number): Promise<{ orderId: string; user: TestUser }[]> {
  const orders: { orderId: string; user: TestUser }[] = [];
  for (let i = 0; i < n; i++) {
    const placed = await confirmedOrder();
    const moved = await opsMove(placed.orderId, ops, { to: "packed" });
    if (moved.status !== 200) throw new Error(`packing ${placed.orderId}: ${moved.status} ${await moved.text()}`);
    orders.push(placed);
  }
  return orders;
}

/**
 * A checked-out, paid order ops delivered just now (its money captured: a card order by its saga, a
 * cash-on-delivery one at delivery), with its shopper and an ops user. Its listing had `available`
 * units before the order took one.
 */
export async function deliveredPaidOrder(method: "upi" | "cod" = "upi", available = 10) {
  const placed = await confirmedOrder({ method, available });
  const want = method === "cod" ? "authorized" : "captured";
  for (let i = 0; i < 100 && (await moneyOf(placed.orderId))?.status !== want; i++) await scheduler.wait(50);
  const ops = await createTestUser(["ops"]);
  for (const to of ["packed", "shipped", "delivered"]) {
    const res = await opsMove(placed.orderId, ops, { to });
    if (res.status !== 200) throw new Error(`${to}: ${res.status} ${await res.text()}`);
  }
  return { ...placed, ops };
}

/** The order's status, its transition count and the order events queued for it: what a refusal must leave alone. */
export async function orderTrail(orderId: string) {
  return env.DB.prepare(
    `SELECT o.status, (SELECT COUNT(*) FROM order_transitions t WHERE t.order_id = o.id) AS transitions,
       (SELECT COUNT(*) FROM outbox WHERE topic = 'order' AND payload LIKE '%' || o.id || '%') AS events
     FROM orders o WHERE o.id = ?`,
  )
    .bind(orderId)
    .first<{ status: string; transitions: number; events: number }>();
}

/** Days ago from now, as an RFC 3339 time. */
export function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString();
}

/** POST /api/orders/{id}/return as `user`. */
export function askReturn(orderId: string, user: TestUser, body: unknown = { reason: "damaged" }): Promise<Response> {
  return api(`/api/orders/${orderId}/return`, { method: "POST", headers: user.headers, body });
}

/** Each line of an order by listing: the units bought and the units asked back (null: not asked back). */
export async function askedBack(orderId: string): Promise<Record<string, { qty: number; return_qty: number | null; asked: boolean }>> {
  const { results } = await env.DB.prepare(
    "SELECT listing_id, qty, return_quantity AS return_qty, return_requested_at IS NOT NULL AS asked FROM order_items WHERE order_id = ?",
  )
    .bind(orderId)
    .all<{ listing_id: string; qty: number; return_qty: number | null; asked: number }>();
  return Object.fromEntries(results.map((r) => [r.listing_id, { qty: r.qty, return_qty: r.return_qty, asked: r.asked === 1 }]));
}

/** The listing ids of an order's lines, by title. */
export async function linesOf(orderId: string): Promise<Record<string, string>> {
  const { results } = await env.DB.prepare("SELECT listing_id, title FROM order_items WHERE order_id = ?")
    .bind(orderId)
    .all<{ listing_id: string; title: string }>();
  return Object.fromEntries(results.map((r) => [r.title, r.listing_id]));
}

/** Runs the order's queued events through the order-events consumer, as the queue would. */
export async function consumeEvents(orderId: string): Promise<void> {
  const { results } = await env.DB.prepare("SELECT id, payload FROM outbox WHERE topic = 'order' AND payload LIKE ? ORDER BY id")
    .bind(`%${orderId}%`)
    .all<{ id: number; payload: string }>();
  const batch = createMessageBatch<Envelope<unknown>>(
    "order-events",
    results.map((r) => ({
      id: `m-${r.id}-${Math.random()}`,
      timestamp: new Date(),
      attempts: 1,
      body: { outboxId: r.id, body: JSON.parse(r.payload) },
    })),
  );
  await consumeOrderEvents(batch, env, createExecutionContext());
}

/** The order's notifications as sent by email: what each is called and what it said. */
export async function sentEmails(orderId: string) {
  const { results } = await env.DB.prepare(
    "SELECT kind, subject, body FROM notifications WHERE order_id = ? AND channel = 'email' ORDER BY id",
  )
    .bind(orderId)
    .all<{ kind: string; subject: string; body: string }>();
  return results;
}
