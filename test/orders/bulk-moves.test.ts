import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { OrderStatus } from "../../workers/orders/state-machine";
import { transitionOrder } from "../../workers/orders/transitions";
import { newId } from "../../workers/platform/ids";
import { type TestUser, createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { consumeEvents, opsMove, orderTrail, sentEmails } from "./returns-seed";
import { seedOrder } from "./seed";

interface BulkAnswer {
  from: string;
  to: string;
  results: Array<{ id: string; outcome: string; status: string | null; detail?: string }>;
}

function bulkMove(user: TestUser | null, body: unknown): Promise<Response> {
  return api("/api/admin/orders/transitions", { method: "POST", headers: user?.headers ?? {}, body });
}

async function seeded(status: OrderStatus, n: number, userId?: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push(await seedOrder({ userId, status, at: new Date().toISOString(), confirmed: true }));
  return ids;
}

/** An order's moves after its seeding, as the timeline records them: from, to, who and why. */
async function movesOf(orderId: string) {
  const { results } = await env.DB.prepare(
    "SELECT from_status, to_status, actor, reason FROM order_transitions WHERE order_id = ? AND reason <> 'seed' ORDER BY id",
  )
    .bind(orderId)
    .all();
  return results;
}

/** The order events queued for an order, without what differs by order (ids, times). */
async function eventsOf(orderId: string) {
  const { results } = await env.DB.prepare("SELECT payload FROM outbox WHERE topic = 'order' AND payload LIKE ? ORDER BY id")
    .bind(`%${orderId}%`)
    .all<{ payload: string }>();
  return results.map((r) => {
    const { type, from, to, actor, userId } = JSON.parse(r.payload) as Record<string, string>;
    return { type, from, to, actor, userId };
  });
}

describe("POST /api/admin/orders/transitions", () => {
  it("packs three confirmed orders, each with the timeline entry and event the single-order move makes", async () => {
    const ops = await createTestUser(["ops"]);
    const shopper = await createTestUser();
    const [a, b, c, single] = await seeded("confirmed", 4, shopper.id);
    expect((await opsMove(single!, ops, { to: "packed", from: "confirmed" })).status).toBe(200);

    const res = await bulkMove(ops, { order_ids: [a, b, c], from: "confirmed", to: "packed" });
    expect(res.status).toBe(200);
    const body = (await res.json()) as BulkAnswer;
    expect(body).toEqual({
      from: "confirmed",
      to: "packed",
      results: [a, b, c].map((id) => ({ id, outcome: "moved", status: "packed" })),
    });
    for (const id of [a!, b!, c!]) {
      expect((await orderTrail(id))?.status).toBe("packed");
      expect(await movesOf(id)).toEqual(await movesOf(single!));
      expect(await eventsOf(id)).toEqual(await eventsOf(single!));
    }
  });

  it("delivers shipped orders with the same notification the single-order move sends", async () => {
    const ops = await createTestUser(["ops"]);
    const shopper = await createTestUser();
    const [bulk, single] = await seeded("shipped", 2, shopper.id);
    expect((await opsMove(single!, ops, { to: "delivered", from: "shipped" })).status).toBe(200);
    const res = await bulkMove(ops, { order_ids: [bulk], from: "shipped", to: "delivered" });
    expect(((await res.json()) as BulkAnswer).results).toEqual([{ id: bulk, outcome: "moved", status: "delivered" }]);

    await consumeEvents(bulk!);
    await consumeEvents(single!);
    const kinds = (emails: { kind: string }[]) => emails.map((e) => e.kind);
    expect(kinds(await sentEmails(bulk!))).toEqual(["order_delivered"]);
    expect(kinds(await sentEmails(bulk!))).toEqual(kinds(await sentEmails(single!)));
    expect(await movesOf(bulk!)).toEqual(await movesOf(single!));
  });

  it("moves the rest when one order was cancelled meanwhile and one id is unknown, reporting each in the order asked", async () => {
    const ops = await createTestUser(["ops"]);
    const [a, cancelled, b] = await seeded("confirmed", 3);
    await transitionOrder(env.DB, { orderId: cancelled!, to: "cancelled", actor: "shopper", actorId: "usr_x", reason: "changed mind" });
    const cancelledTrail = await orderTrail(cancelled!);
    const unknown = newId("ord");

    const res = await bulkMove(ops, { order_ids: [a, cancelled, unknown, b], from: "confirmed", to: "packed" });
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as BulkAnswer;
    expect(results.map(({ id, outcome, status }) => ({ id, outcome, status }))).toEqual([
      { id: a, outcome: "moved", status: "packed" },
      { id: cancelled, outcome: "refused", status: "cancelled" },
      { id: unknown, outcome: "refused", status: null },
      { id: b, outcome: "moved", status: "packed" },
    ]);
    expect(results[1]?.detail).toBe("This order is no longer confirmed: it is cancelled now. Nothing changed.");
    expect(results[2]?.detail).toBe("No such order.");
    expect(await orderTrail(cancelled!)).toEqual(cancelledTrail);
    expect((await orderTrail(b!))?.status).toBe("packed");
  });

  it("answers a repeated request with `already` for each order and moves nothing twice", async () => {
    const ops = await createTestUser(["ops"]);
    const ids = await seeded("confirmed", 2);
    const body = { order_ids: ids, from: "confirmed", to: "packed" };
    const first = (await (await bulkMove(ops, body)).json()) as BulkAnswer;
    expect(first.results.map((r) => r.outcome)).toEqual(["moved", "moved"]);
    const trails = await Promise.all(ids.map((id) => orderTrail(id)));

    const again = await bulkMove(ops, body);
    expect(again.status).toBe(200);
    expect(((await again.json()) as BulkAnswer).results).toEqual(ids.map((id) => ({ id, outcome: "already", status: "packed" })));
    expect(await Promise.all(ids.map((id) => orderTrail(id)))).toEqual(trails);
  });

  it("leaves an order whose move the single-order route refuses where it was, with that route's reason", async () => {
    const ops = await createTestUser(["ops"]);
    const shopper = await createTestUser();
    // Seeded sellers have no GSTIN, so shipping cannot invoice them: the move is refused whole.
    const [stuck] = await seeded("packed", 1, shopper.id);
    const before = await orderTrail(stuck!);
    const single = await opsMove(stuck!, ops, { to: "shipped", from: "packed" });
    expect(single.status).toBe(409);
    const { detail } = (await single.json()) as { detail: string };

    const res = await bulkMove(ops, { order_ids: [stuck], from: "packed", to: "shipped" });
    expect(res.status).toBe(200);
    expect(((await res.json()) as BulkAnswer).results).toEqual([{ id: stuck, outcome: "refused", status: "packed", detail }]);
    expect(await orderTrail(stuck!)).toEqual(before);
    const invoices = await env.DB.prepare("SELECT COUNT(*) AS n FROM invoices WHERE order_id = ?").bind(stuck).first<{ n: number }>();
    expect(invoices?.n).toBe(0);
  });

  it("is for ops only: a guest gets 401 and a shopper or seller 403, and nothing moves", async () => {
    const [id] = await seeded("confirmed", 1);
    const before = await orderTrail(id!);
    const body = { order_ids: [id], from: "confirmed", to: "packed" };
    expect((await bulkMove(null, body)).status).toBe(401);
    expect((await bulkMove(await createTestUser(), body)).status).toBe(403);
    expect((await bulkMove(await createTestUser(["deal_manager"]), body)).status).toBe(403);
    expect(await orderTrail(id!)).toEqual(before);
  });

  it("refuses a bad body with a 400 problem naming the fields, and moves none of the orders it names", async () => {
    const ops = await createTestUser(["ops"]);
    const [id] = await seeded("confirmed", 1);
    const [delivered] = await seeded("delivered", 1);
    const before = [await orderTrail(id!), await orderTrail(delivered!)];
    const many = [id!, ...Array.from({ length: 50 }, () => newId("ord"))];
    const cases: Array<[unknown, string[]]> = [
      [{ order_ids: many, from: "confirmed", to: "packed" }, ["order_ids"]],
      [{ order_ids: [id, id], from: "confirmed", to: "packed" }, ["order_ids.1"]],
      [{ order_ids: [delivered], from: "delivered", to: "refunded" }, ["from", "to"]],
      [{ order_ids: [id], from: "confirmed", to: "shipped" }, ["to"]],
      [{ order_ids: [id, "42; DROP TABLE orders"], from: "confirmed", to: "packed" }, ["order_ids.1"]],
      [{ order_ids: [], from: "confirmed", to: "packed" }, ["order_ids"]],
      [{ order_ids: [id], from: "confirmed", to: "packed", reason: "x" }, ["reason"]],
    ];
    for (const [body, paths] of cases) {
      const res = await bulkMove(ops, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      const problem = (await res.json()) as { type: string; errors: { path: string }[] };
      expect(problem.type).toBe("/problems/validation-failed");
      expect(problem.errors.map((e) => e.path).sort(), JSON.stringify(body)).toEqual(paths);
    }
    expect([await orderTrail(id!), await orderTrail(delivered!)]).toEqual(before);
  });

  it("is documented in the OpenAPI document with its body, answer and access", async () => {
    const doc = (await (await api("/api/openapi.json")).json()) as {
      paths: Record<string, Record<string, { "x-access"?: unknown; description?: string; requestBody?: unknown }>>;
    };
    const op = doc.paths["/api/admin/orders/transitions"]?.post;
    expect(op?.["x-access"]).toEqual(["ops"]);
    expect(op?.description).toContain("`already`");
    expect(JSON.stringify(op?.requestBody)).toContain("BulkTransitionRequest");
  });
});
