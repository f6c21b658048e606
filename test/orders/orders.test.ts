import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { CANCELLABLE, ORDER_STATUSES, ORDER_TRANSITIONS, canTransition } from "../../workers/orders/state-machine";
import { createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { checkout, confirmedOrder, moneyOf, shopperWithCart, stockOf, stockedListing } from "../checkout/support";
import { seedPicturedOrder } from "./seed";

async function waitForSaga(sagaId: string, status: string) {
  const deadline = Date.now() + 10_000;
  let now = "";
  while (Date.now() < deadline) {
    try {
      now = (await (await env.CHECKOUT_WORKFLOW.get(sagaId)).status()).status;
    } catch {
      now = "not created";
    }
    if (now === status) return;
    await scheduler.wait(50);
  }
  throw new Error(`saga ${sagaId} is ${now}, expected ${status}`);
}

async function move(orderId: string, to: string, headers: Record<string, string>) {
  return api(`/api/admin/orders/${orderId}/transitions`, { method: "POST", headers, body: { to } });
}

describe("order state machine", () => {
  it("is one table: terminal states have no way out and shipping ends cancellation", () => {
    expect(ORDER_TRANSITIONS.payment_failed).toEqual([]);
    expect(ORDER_TRANSITIONS.return_received).toEqual([]);
    // The only way on from a refund is an accepted return's goods coming back.
    expect(ORDER_TRANSITIONS.refunded).toEqual([{ to: "return_received", by: ["ops"] }]);
    expect(CANCELLABLE).toEqual(["created", "payment_authorized", "confirmed", "packed"]);
    expect(canTransition("shipped", "cancelled", "ops")).toBe(false);
    expect(canTransition("confirmed", "packed", "shopper")).toBe(false);
    for (const from of ORDER_STATUSES) for (const e of ORDER_TRANSITIONS[from]) expect(ORDER_STATUSES).toContain(e.to);
  });
});

describe("order lifecycle over HTTP", () => {
  it("ops move a confirmed order to delivered, each step in the timeline; illegal moves are 409 and change nothing", async () => {
    const { user, orderId } = await confirmedOrder();
    const ops = await createTestUser(["ops"]);
    const skip = await move(orderId, "delivered", ops.headers);
    expect(skip.status).toBe(409);
    expect(((await skip.json()) as { type: string }).type).toBe("/problems/illegal-transition");
    expect((await move(orderId, "packed", user.headers)).status).toBe(403);
    for (const to of ["packed", "shipped", "delivered"]) expect((await move(orderId, to, ops.headers)).status).toBe(200);
    const cancel = await api(`/api/orders/${orderId}/cancel`, { method: "POST", headers: user.headers });
    expect(cancel.status).toBe(409);

    const order = (await (await api(`/api/orders/${orderId}`, { headers: user.headers })).json()) as {
      status: string;
      timeline: Array<{ from: string | null; to: string; actor: string }>;
    };
    expect(order.status).toBe("delivered");
    expect(order.timeline.map((t) => t.to)).toEqual(["created", "payment_authorized", "confirmed", "packed", "shipped", "delivered"]);
    // The shopper sees who moved the order by role, never the staff member's account id.
    expect(order.timeline[3]?.actor).toBe("ops");
    expect(JSON.stringify(order)).not.toContain(ops.id);
    const audit = await env.DB.prepare("SELECT actor FROM order_transitions WHERE order_id = ? AND to_status = 'packed'")
      .bind(orderId)
      .first<{ actor: string }>();
    expect(audit?.actor).toBe(`ops:${ops.id}`);
    const events = await env.DB.prepare("SELECT COUNT(*) AS n FROM outbox WHERE topic = 'order' AND payload LIKE ?")
      .bind(`%${orderId}%`)
      .first<{ n: number }>();
    expect(events?.n).toBe(6);
  });

  it("cancelling a paid order restocks the items and refunds the money", async () => {
    const { f, user, orderId } = await confirmedOrder({ qty: 3, available: 5 });
    expect(await stockOf(f.listingId)).toMatchObject({ available: 2, sold: 3 });
    const res = await api(`/api/orders/${orderId}/cancel`, { method: "POST", headers: user.headers, body: { reason: "changed my mind" } });
    expect(res.status).toBe(200);
    const order = (await res.json()) as { status: string; timeline: Array<{ to: string; reason: string }> };
    expect(order.status).toBe("refunded");
    expect(order.timeline.slice(-2).map((t) => [t.to, t.reason])).toEqual([
      ["cancelled", "changed my mind"],
      ["refunded", "Your payment was refunded in full"],
    ]);
    expect(await stockOf(f.listingId)).toMatchObject({ available: 5, reserved: 0, sold: 0 });
    expect(await moneyOf(orderId)).toMatchObject({
      status: "refunded",
      captured: 389700,
      refunded: 389700,
      providerStatus: "refunded",
      providerRefunded: 389700,
    });
    // Cancelling again (a retry, a second click) finds it done and gives nothing back twice.
    const again = await api(`/api/orders/${orderId}/cancel`, { method: "POST", headers: user.headers });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { status: string }).status).toBe("refunded");
    expect(await stockOf(f.listingId)).toMatchObject({ available: 5 });
  });

  it("cancelling an order still waiting on payment releases its hold, voids the payment and ends its saga", async () => {
    const f = await stockedListing(4);
    const user = await shopperWithCart([[f.listingId, 2]]);
    const placed = (await (await checkout(user, crypto.randomUUID())).json()) as { order_id: string };
    const { sagaId } = (await env.DB.prepare("SELECT saga_id AS sagaId FROM orders WHERE id = ?")
      .bind(placed.order_id)
      .first<{ sagaId: string }>())!;
    await waitForSaga(sagaId, "running");
    const res = await api(`/api/orders/${placed.order_id}/cancel`, { method: "POST", headers: user.headers });
    expect(((await res.json()) as { status: string }).status).toBe("cancelled");
    expect(await stockOf(f.listingId)).toMatchObject({ available: 4, reserved: 0 });
    expect(await moneyOf(placed.order_id)).toMatchObject({ status: "voided", providerStatus: "voided" });
    await waitForSaga(sagaId, "complete");
  });

  it("cash on delivery is captured when ops mark the order delivered", async () => {
    const { orderId } = await confirmedOrder({ method: "cod" });
    expect(await moneyOf(orderId)).toMatchObject({ status: "authorized", captured: 0 });
    const ops = await createTestUser(["ops"]);
    for (const to of ["packed", "shipped", "delivered"]) expect((await move(orderId, to, ops.headers)).status).toBe(200);
    expect(await moneyOf(orderId)).toMatchObject({ status: "captured", captured: 129900, providerStatus: "captured" });
  });

  it("refuses a shopper's cancel of a delivered order in words pointing at a return, and changes nothing", async () => {
    const { user, orderId } = await confirmedOrder({ method: "cod" });
    const ops = await createTestUser(["ops"]);
    for (const to of ["packed", "shipped", "delivered"]) expect((await move(orderId, to, ops.headers)).status).toBe(200);
    const res = await api(`/api/orders/${orderId}/cancel`, { method: "POST", headers: user.headers });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { detail: string }).detail).toBe(
      "This order was delivered, so it can no longer be cancelled: it can be returned instead. Nothing changed.",
    );
    expect(await moneyOf(orderId)).toMatchObject({ status: "captured", captured: 129900 });
    const order = (await (await api(`/api/orders/${orderId}`, { headers: user.headers })).json()) as { status: string };
    expect(order.status).toBe("delivered");
  });

  it("another shopper's order is 404, and the order page polls cheaply with ETag/304", async () => {
    const { user, orderId } = await confirmedOrder();
    const stranger = await createTestUser();
    expect((await api(`/api/orders/${orderId}`, { headers: stranger.headers })).status).toBe(404);
    expect((await api(`/api/orders/${orderId}/cancel`, { method: "POST", headers: stranger.headers })).status).toBe(404);
    expect((await api(`/api/orders`, { headers: stranger.headers }).then((r) => r.json())) as unknown).toEqual({
      items: [],
      next_cursor: null,
      years: [],
    });

    const first = await api(`/api/orders/${orderId}`, { headers: user.headers });
    const etag = first.headers.get("etag")!;
    expect(etag).toBeTruthy();
    expect((await api(`/api/orders/${orderId}`, { headers: { ...user.headers, "if-none-match": etag } })).status).toBe(304);
    // As a list with another tag, or as "*", the same (the weak comparison If-None-Match asks for).
    for (const header of [`"other", ${etag}`, etag.replace(/^W\//, ""), "*"]) {
      expect((await api(`/api/orders/${orderId}`, { headers: { ...user.headers, "if-none-match": header } })).status, header).toBe(304);
    }
    const ops = await createTestUser(["ops"]);
    await move(orderId, "packed", ops.headers);
    expect((await api(`/api/orders/${orderId}`, { headers: { ...user.headers, "if-none-match": etag } })).status).toBe(200);

    const list = (await (await api("/api/orders", { headers: user.headers })).json()) as { items: Array<{ id: string; status: string }> };
    expect(list.items).toEqual([expect.objectContaining({ id: orderId, status: "packed" })]);
    const queue = (await (await api("/api/admin/orders?status=packed", { headers: ops.headers })).json()) as {
      items: Array<{ id: string }>;
    };
    expect(queue.items.map((o) => o.id)).toContain(orderId);
  });

  it("rejects a transition to an unknown status with 400", async () => {
    const { orderId } = await confirmedOrder();
    const ops = await createTestUser(["ops"]);
    const res = await move(orderId, "teleported", ops.headers);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: Array<{ path: string }> }).errors[0]?.path).toBe("to");
  });
});

describe("an order's lines", () => {
  it("carry their product's picture as it is now, null for a product without one or no longer sold", async () => {
    const user = await createTestUser();
    const { orderId, pictured, plain, gone } = await seedPicturedOrder(user.id);
    const res = await api(`/api/orders/${orderId}`, { headers: user.headers });
    expect(res.status).toBe(200);
    const order = (await res.json()) as { items: Array<{ listing_id: string; title: string; image: string | null }> };
    const images = new Map(order.items.map((i) => [i.listing_id, [i.title, i.image]]));
    expect(images).toEqual(
      new Map([
        [pictured.listingId, ["Teal Phone", "/art/phone/teal.svg"]],
        [plain.listingId, ["Plain Kettle", null]],
        [gone.listingId, ["Old Lamp", null]],
      ]),
    );
  });
});
