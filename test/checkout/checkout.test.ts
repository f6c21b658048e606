import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { PAYMENT_WINDOW_MS } from "../../workers/checkout/payment-window";
import { sagaIds, stepKey } from "../../workers/checkout/place-order";
import { reserveStock, setAvailable } from "../../workers/inventory/ledger";
import { SandboxProvider } from "../../workers/payments/sandbox/provider";
import { type TestUser, createTestUser } from "../helpers/accounts";
import { ORIGIN, api } from "../helpers/http";
import { ADDRESS, checkout, moneyOf, pay, shopperWithCart, stockOf, stockedListing, waitForSagaEnd, waitForStatus } from "./support";

interface Placed {
  order_id: string;
  status: string;
  total: number;
  payment: { id: string; status: string; redirect_url: string | null };
}

describe("POST /api/checkout", () => {
  it("turns 20 parallel copies of one request into exactly one order and one capture", async () => {
    const f = await stockedListing(10, 50000);
    const user = await shopperWithCart([[f.listingId, 2]]);
    const key = crypto.randomUUID();
    const responses = await Promise.all(Array.from({ length: 20 }, () => checkout(user, key)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    const created = await Promise.all(responses.filter((r) => r.status === 201).map((r) => r.json() as Promise<Placed>));
    expect(created.length).toBeGreaterThanOrEqual(1);
    const orderId = created[0]!.order_id;
    expect(new Set(created.map((b) => b.order_id))).toEqual(new Set([orderId]));

    // A later retry replays the first answer.
    const replay = await checkout(user, key);
    expect(replay.status).toBe(201);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.headers.get("location")).toBe(`/api/orders/${orderId}`);
    expect(((await replay.json()) as Placed).order_id).toBe(orderId);

    await pay(created[0]!.payment.redirect_url!);
    await waitForStatus(orderId, ["confirmed"]);
    // The capture comes after the confirmation; only once the saga is over is "one capture" final.
    await waitForSagaEnd(orderId);
    const orders = await env.DB.prepare("SELECT COUNT(*) AS n FROM orders WHERE user_id = ?").bind(user.id).first<{ n: number }>();
    expect(orders?.n).toBe(1);
    expect(await stockOf(f.listingId)).toMatchObject({ available: 8, reserved: 0, sold: 2 });
    const captures = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM psp_operations o JOIN payments p ON p.provider_ref = o.ref WHERE p.order_id = ? AND o.op = 'capture'",
    )
      .bind(orderId)
      .first<{ n: number }>();
    expect(captures?.n).toBe(1);
    expect(await moneyOf(orderId)).toMatchObject({
      status: "captured",
      captured: 100000,
      providerStatus: "captured",
      providerCaptured: 100000,
    });
  });

  it("answers 422 for the same key with a different body, and 400 without a key", async () => {
    const f = await stockedListing();
    const user = await shopperWithCart([[f.listingId, 1]]);
    const key = crypto.randomUUID();
    expect((await checkout(user, key)).status).toBe(201);
    const other = await checkout(user, key, { address: { ...ADDRESS, city: "Mysuru" }, payment_method: "upi" });
    expect(other.status).toBe(422);
    expect(other.headers.get("content-type")).toContain("application/problem+json");

    const noKey = await api("/api/checkout", { method: "POST", headers: user.headers, body: { address: ADDRESS, payment_method: "upi" } });
    expect(noKey.status).toBe(400);
    expect(((await noKey.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toContain("idempotency-key");
  });

  it("answers 409 while the first request with the key is still running", async () => {
    const user = await createTestUser();
    const key = crypto.randomUUID();
    const { requestFingerprint } = await import("../../workers/checkout/idempotency");
    const body = { address: ADDRESS, payment_method: "upi" };
    await env.DB.prepare(
      "INSERT INTO idempotency_keys (scope, key, request_hash, state, created_at, expires_at) VALUES (?, ?, ?, 'in_flight', ?, ?)",
    )
      .bind(user.id, key, await requestFingerprint(body), new Date().toISOString(), new Date(Date.now() + 86400_000).toISOString())
      .run();
    const res = await checkout(user, key, body);
    expect(res.status).toBe(409);
    expect(((await res.json()) as { type: string }).type).toBe("/problems/idempotency-in-flight");
  });

  it("lets a retry take over a key whose first request died without finishing", async () => {
    const f = await stockedListing();
    const user = await shopperWithCart([[f.listingId, 1]]);
    const key = crypto.randomUUID();
    const { requestFingerprint } = await import("../../workers/checkout/idempotency");
    const body = { address: ADDRESS, payment_method: "upi" };
    const twoMinutesAgo = new Date(Date.now() - 120_000).toISOString();
    await env.DB.prepare(
      "INSERT INTO idempotency_keys (scope, key, request_hash, state, created_at, expires_at) VALUES (?, ?, ?, 'in_flight', ?, ?)",
    )
      .bind(user.id, key, await requestFingerprint(body), twoMinutesAgo, new Date(Date.now() + 86400_000).toISOString())
      .run();
    const res = await checkout(user, key, body);
    expect(res.status).toBe(201);
    expect((await checkout(user, key, body)).headers.get("idempotent-replayed")).toBe("true");
  });

  it("reports a price change between cart and checkout without reserving or charging, then goes ahead at the new price", async () => {
    const f = await stockedListing(5, 100000);
    const user = await shopperWithCart([[f.listingId, 1]]);
    await env.DB.prepare("UPDATE listings SET price = 120000 WHERE id = ?").bind(f.listingId).run();

    const res = await checkout(user, crypto.randomUUID());
    expect(res.status).toBe(409);
    const problem = (await res.json()) as {
      type: string;
      changes: Array<{ listing_id: string; change: string; was: number; now: number }>;
    };
    expect(problem.type).toBe("/problems/price-changed");
    expect(problem.changes).toEqual([{ listing_id: f.listingId, change: "price_up", was: 100000, now: 120000, qty: 1 }]);
    expect(await stockOf(f.listingId)).toMatchObject({ available: 5, reserved: 0 });
    const orders = await env.DB.prepare("SELECT COUNT(*) AS n FROM orders WHERE user_id = ?").bind(user.id).first<{ n: number }>();
    expect(orders?.n).toBe(0);
    const charges = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM psp_payments WHERE amount = 120000 AND merchant_ref LIKE 'ord_%' AND created_at > ?",
    )
      .bind(new Date(Date.now() - 5000).toISOString())
      .first<{ n: number }>();
    expect(charges?.n).toBe(0);

    const again = await checkout(user, crypto.randomUUID());
    expect(again.status).toBe(201);
    expect(((await again.json()) as Placed).total).toBe(120000);
  });

  it("goes ahead at a changed price the shopper was shown: the total sent is today's, so nothing is refused", async () => {
    const f = await stockedListing(5, 100000);
    const [shopper, late] = [await shopperWithCart([[f.listingId, 2]]), await shopperWithCart([[f.listingId, 2]])];
    await env.DB.prepare("UPDATE listings SET price = 90000 WHERE id = ?").bind(f.listingId).run();

    const shown = await checkout(shopper, crypto.randomUUID(), { address: ADDRESS, payment_method: "upi", expected_total: 180000 });
    expect(shown.status).toBe(201);
    expect(((await shown.json()) as Placed).total).toBe(180000);

    // A total the page showed before a later change is not today's: the change is reported as ever.
    const stale = await checkout(late, crypto.randomUUID(), { address: ADDRESS, payment_method: "upi", expected_total: 200000 });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { type: string }).type).toBe("/problems/price-changed");
  });

  it("replays a price-change refusal to a retry with the same key, so the new price is charged only under a new key", async () => {
    const f = await stockedListing(5, 100000);
    const user = await shopperWithCart([[f.listingId, 1]]);
    await env.DB.prepare("UPDATE listings SET price = 120000 WHERE id = ?").bind(f.listingId).run();
    const key = crypto.randomUUID();

    const first = await checkout(user, key);
    expect(first.status).toBe(409);
    const told = (await first.json()) as { type: string; changes: unknown };
    expect(told.type).toBe("/problems/price-changed");

    // The 409 was lost on the way; the client resends the same request.
    const retry = await checkout(user, key);
    expect(retry.status).toBe(409);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    const replayed = (await retry.json()) as { type: string; changes: unknown };
    expect(replayed.type).toBe("/problems/price-changed");
    expect(replayed.changes).toEqual(told.changes);
    expect(await stockOf(f.listingId)).toMatchObject({ available: 5, reserved: 0 });
    expect(await providerPayment(user, key)).toBeNull();

    const fresh = await checkout(user, crypto.randomUUID());
    expect(fresh.status).toBe(201);
    expect(((await fresh.json()) as Placed).total).toBe(120000);
  });

  it("tells the shopper how many can be bought when the stock is split across warehouses, and that many checks out", async () => {
    const f = await stockedListing(4, 50000);
    const second = `wh_${crypto.randomUUID()}`;
    await env.DB.prepare("INSERT INTO warehouses (id, name, city) VALUES (?, 'Second WH', 'Delhi')").bind(second).run();
    await setAvailable(env.DB, { skuId: f.listingId, warehouseId: second, available: 4, ref: `count-${f.listingId}-2` });
    const user = await shopperWithCart([[f.listingId, 6]]);

    const cart = (await (await api("/api/cart", { headers: user.headers })).json()) as {
      items: Array<{ changes: string[]; max_qty: number | null }>;
    };
    expect(cart.items.map((i) => [i.changes, i.max_qty])).toEqual([[["qty_exceeds_stock"], 4]]);

    const res = await checkout(user, crypto.randomUUID());
    expect(res.status).toBe(409);
    const problem = (await res.json()) as { changes: Array<{ change: string; qty: number; max_qty: number }> };
    expect(problem.changes).toEqual([expect.objectContaining({ change: "qty_exceeds_stock", qty: 6, max_qty: 4 })]);

    await api(`/api/cart/items/${f.listingId}`, { method: "PUT", headers: user.headers, body: { qty: 4 } });
    const placed = await checkout(user, crypto.randomUUID());
    expect(placed.status).toBe(201);
    expect(((await placed.json()) as Placed).total).toBe(200000);
  });

  it("a decline releases the stock and fails the order", async () => {
    const f = await stockedListing(3);
    const user = await shopperWithCart([[f.listingId, 2]]);
    const placed = (await (await checkout(user, crypto.randomUUID())).json()) as Placed;
    expect(await stockOf(f.listingId)).toMatchObject({ available: 1, reserved: 2 });
    const back = await pay(placed.payment.redirect_url!, "fail");
    expect(back.status).toBe(303);
    expect(back.headers.get("location")).toContain(`/orders/${placed.order_id}`);
    await waitForStatus(placed.order_id, ["payment_failed"]);
    await scheduler.wait(100);
    expect(await stockOf(f.listingId)).toMatchObject({ available: 3, reserved: 0, sold: 0 });
    expect(await moneyOf(placed.order_id)).toMatchObject({ status: "declined", captured: 0 });
  });

  it("refuses guests (401) and an empty cart (400), and sold-out stock (409) leaves nothing held", async () => {
    const guest = await api("/api/checkout", {
      method: "POST",
      headers: { "idempotency-key": "k1" },
      body: { address: ADDRESS, payment_method: "upi" },
    });
    expect(guest.status).toBe(401);

    const empty = await checkout(await createTestUser(), crypto.randomUUID());
    expect(empty.status).toBe(400);

    const a = await stockedListing(5);
    const b = await stockedListing(1);
    const user = await shopperWithCart([
      [a.listingId, 2],
      [b.listingId, 1],
    ]);
    // Someone else buys the last unit of b between cart and checkout.
    const rival = await shopperWithCart([[b.listingId, 1]]);
    expect((await checkout(rival, crypto.randomUUID())).status).toBe(201);
    const res = await checkout(user, crypto.randomUUID());
    expect(res.status).toBe(409);
    expect(((await res.json()) as { type: string }).type).toBe("/problems/sold-out");
    expect(await stockOf(a.listingId)).toMatchObject({ available: 5, reserved: 0 });
  });

  it("rejects an invalid body with 400 and the failing fields", async () => {
    const f = await stockedListing();
    const user = await shopperWithCart([[f.listingId, 1]]);
    const res = await checkout(user, crypto.randomUUID(), { address: { ...ADDRESS, pincode: "12" }, payment_method: "bitcoin" });
    expect(res.status).toBe(400);
    const paths = ((await res.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["address.pincode", "payment_method"]));
    expect(await stockOf(f.listingId)).toMatchObject({ available: 10, reserved: 0 });
  });
});

describe("cash on delivery at checkout", () => {
  it("is refused for an order of ₹50,000 or more, naming the payment method, with nothing held, opened or kept under the key", async () => {
    const f = await stockedListing(10, 2_500_000);
    const user = await shopperWithCart([[f.listingId, 2]]);
    const key = crypto.randomUUID();
    const res = await checkout(user, key, { address: ADDRESS, payment_method: "cod" });
    expect(res.status).toBe(409);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const problem = (await res.json()) as { type: string; detail: string; errors: Array<{ path: string; message: string }> };
    expect(problem.type).toBe("/problems/cod-unavailable");
    expect(problem.detail).toContain("Cash on delivery is available for orders under ₹50,000");
    expect(problem.errors).toEqual([{ path: "payment_method", message: "Cash on delivery is available for orders under ₹50,000." }]);
    expect(await stockOf(f.listingId)).toMatchObject({ available: 10, reserved: 0 });
    expect(await providerPayment(user, key)).toBeNull();
    const orders = await env.DB.prepare("SELECT COUNT(*) AS n FROM orders WHERE user_id = ?").bind(user.id).first<{ n: number }>();
    expect(orders?.n).toBe(0);

    // Nothing was kept under the key: it goes ahead paid another way, rather than being told the body changed.
    const upi = await checkout(user, key, { address: ADDRESS, payment_method: "upi" });
    expect(upi.status).toBe(201);
    expect(((await upi.json()) as Placed).total).toBe(5_000_000);
  });

  it("is taken for an order just under ₹50,000", async () => {
    const f = await stockedListing(10, 4_999_999);
    const user = await shopperWithCart([[f.listingId, 1]]);
    const res = await checkout(user, crypto.randomUUID(), { address: ADDRESS, payment_method: "cod" });
    expect(res.status).toBe(201);
    expect(((await res.json()) as Placed).payment).toMatchObject({ status: "authorized", redirect_url: null });
  });
});

describe("an address we cannot deliver to", () => {
  it("is refused with 400 naming its PIN code, in the delivery estimate's words, before anything is held", async () => {
    const f = await stockedListing();
    const user = await shopperWithCart([[f.listingId, 1]]);
    const res = await checkout(user, crypto.randomUUID(), { address: { ...ADDRESS, pincode: "930001" }, payment_method: "upi" });
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { errors: Array<{ path: string; message: string }> };
    expect(problem.errors).toEqual([
      { path: "address.pincode", message: "PIN codes starting with 9 are Army Post Office addresses, which we cannot deliver to" },
    ]);
    expect(await stockOf(f.listingId)).toMatchObject({ available: 10, reserved: 0 });
  });
});

/** The provider's record of the payment a checkout with `key` opened, if any. */
async function providerPayment(user: TestUser, key: string) {
  const { orderId } = await sagaIds(user.id, key);
  return env.DB.prepare("SELECT status, amount FROM psp_payments WHERE merchant_ref = ?")
    .bind(orderId)
    .first<{ status: string; amount: number }>();
}

/** What an order recorded against what the ledger and the provider hold for it. */
async function heldFor(orderId: string) {
  return env.DB.prepare(
    `SELECT o.total, oi.qty AS orderedQty, r.qty AS heldQty, q.amount AS authorizedAmount
     FROM orders o JOIN order_items oi ON oi.order_id = o.id JOIN inventory_reservations r ON r.ref = oi.reservation_id
     JOIN payments p ON p.order_id = o.id JOIN psp_payments q ON q.ref = p.provider_ref WHERE o.id = ?`,
  )
    .bind(orderId)
    .first<{ total: number; orderedQty: number; heldQty: number; authorizedAmount: number }>();
}

describe("a retry after a checkout failed partway", () => {
  it("finds nothing of the failed attempt held and is asked for a new key, which then checks out the changed cart", async () => {
    const f = await stockedListing(10, 50000);
    const user = await shopperWithCart([[f.listingId, 1]]);
    const key = crypto.randomUUID();
    // The order's batch fails after the stock was held and the payment opened (an overloaded database).
    const trigger = `fail_orders_${user.id.replace(/\W/g, "_")}`;
    await env.DB.prepare(
      `CREATE TRIGGER ${trigger} BEFORE INSERT ON orders WHEN NEW.user_id = '${user.id}' BEGIN SELECT RAISE(ABORT, 'overloaded'); END`,
    ).run();
    try {
      expect((await checkout(user, key)).status).toBe(500);
    } finally {
      await env.DB.prepare(`DROP TRIGGER ${trigger}`).run();
    }
    expect(await stockOf(f.listingId)).toMatchObject({ available: 10, reserved: 0 });
    expect(await providerPayment(user, key)).toMatchObject({ status: "voided" });

    await api(`/api/cart/items/${f.listingId}`, { method: "PUT", headers: user.headers, body: { qty: 5 } });
    const retry = await checkout(user, key);
    expect(retry.status).toBe(409);
    expect(((await retry.json()) as { type: string }).type).toBe("/problems/idempotency-spent");
    expect(await stockOf(f.listingId)).toMatchObject({ available: 10, reserved: 0 });

    const fresh = await checkout(user, crypto.randomUUID());
    expect(fresh.status).toBe(201);
    const placed = (await fresh.json()) as Placed;
    expect(await heldFor(placed.order_id)).toEqual({ total: 250000, orderedQty: 5, heldQty: 5, authorizedAmount: 250000 });
    expect(await stockOf(f.listingId)).toMatchObject({ available: 5, reserved: 5 });
  });

  it("gives back the hold of an attempt that died halfway when the cart changed since", async () => {
    const f = await stockedListing(10, 50000);
    const user = await shopperWithCart([[f.listingId, 1]]);
    const key = crypto.randomUUID();
    const { sagaId } = await sagaIds(user.id, key);
    // The first request held one unit and died before it could answer or undo anything.
    await reserveStock(env.DB, { skuId: f.listingId, qty: 1, ref: `${sagaId}:reserve:${f.listingId}`, ttlSeconds: 1200 });

    await api(`/api/cart/items/${f.listingId}`, { method: "PUT", headers: user.headers, body: { qty: 5 } });
    const retry = await checkout(user, key);
    expect(retry.status).toBe(409);
    expect(((await retry.json()) as { type: string }).type).toBe("/problems/idempotency-spent");
    expect(await stockOf(f.listingId)).toMatchObject({ available: 10, reserved: 0 });
  });

  it.each([
    ["once it expired, even before the sweeper frees it", -1000],
    ["once it would lapse inside the new order's payment window", PAYMENT_WINDOW_MS],
  ])("does not reuse a hold of an attempt that died halfway %s", async (_, expiresIn) => {
    const f = await stockedListing(10, 50000);
    const user = await shopperWithCart([[f.listingId, 2]]);
    const key = crypto.randomUUID();
    const { sagaId } = await sagaIds(user.id, key);
    const ref = `${sagaId}:reserve:${f.listingId}`;
    // The first request held the same line and died; its hold has since run out, or nearly.
    await reserveStock(env.DB, { skuId: f.listingId, qty: 2, ref, ttlSeconds: 1200 });
    await env.DB.prepare("UPDATE inventory_reservations SET expires_at = ? WHERE ref = ?")
      .bind(new Date(Date.now() + expiresIn).toISOString(), ref)
      .run();

    const retry = await checkout(user, key);
    expect(retry.status).toBe(409);
    expect(((await retry.json()) as { type: string }).type).toBe("/problems/idempotency-spent");
    expect(await stockOf(f.listingId)).toMatchObject({ available: 10, reserved: 0 });
    expect(await providerPayment(user, key)).toBeNull();
    const orders = await env.DB.prepare("SELECT COUNT(*) AS n FROM orders WHERE user_id = ?").bind(user.id).first<{ n: number }>();
    expect(orders?.n).toBe(0);
  });

  it("does not reuse the payment an attempt that died halfway opened for another total", async () => {
    const f = await stockedListing(10, 50000);
    const user = await shopperWithCart([[f.listingId, 2]]);
    const key = crypto.randomUUID();
    const { sagaId, orderId } = await sagaIds(user.id, key);
    // The first request held the same line but opened the payment at the price it saw then, and died.
    await reserveStock(env.DB, { skuId: f.listingId, qty: 2, ref: `${sagaId}:reserve:${f.listingId}`, ttlSeconds: 1200 });
    await new SandboxProvider(env.DB, ORIGIN).authorize({
      key: stepKey(sagaId, "authorize"),
      merchantRef: orderId,
      amount: 90000,
      method: "upi",
      returnUrl: `${ORIGIN}/orders/${orderId}`,
    });

    const retry = await checkout(user, key);
    expect(retry.status).toBe(409);
    expect(((await retry.json()) as { type: string }).type).toBe("/problems/idempotency-spent");
    expect(await stockOf(f.listingId)).toMatchObject({ available: 10, reserved: 0 });
    expect(await providerPayment(user, key)).toMatchObject({ status: "voided", amount: 90000 });
  });
});
