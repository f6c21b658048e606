import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { reconcilePayments } from "../../workers/payments/reconcile";
import { SIGNATURE_HEADER, signWebhook } from "../../workers/payments/signature";
import { createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { settleHostedPayment } from "../../workers/payments/sandbox/provider";
import {
  checkout,
  confirmedOrder,
  moneyOf,
  pay,
  placeWithoutSaga,
  shopperWithCart,
  stockOf,
  stockedListing,
  waitForStatus,
} from "../checkout/support";

const SECRET = "test-psp-webhook-secret";

async function placeOrder() {
  const f = await stockedListing(5);
  const user = await shopperWithCart([[f.listingId, 1]]);
  const placed = (await (await checkout(user, crypto.randomUUID())).json()) as { order_id: string; payment: { redirect_url: string } };
  const ref = new URL(placed.payment.redirect_url).pathname.split("/").at(-1)!;
  return { f, user, orderId: placed.order_id, ref, redirect: placed.payment.redirect_url };
}

function event(ref: string, type = "payment.authorized", id = `evt_${crypto.randomUUID()}`, amount = 1) {
  return JSON.stringify({
    id,
    type,
    created_at: new Date().toISOString(),
    data: { ref, merchant_ref: "x", status: "authorized", amount },
  });
}

function post(body: string, signature: string) {
  return api("/api/payments/webhook", { method: "POST", body, headers: { [SIGNATURE_HEADER]: signature } });
}

describe("POST /api/payments/webhook", () => {
  it("refuses a bad, missing or stale signature with 401 and changes nothing", async () => {
    const { orderId, ref } = await placeOrder();
    const body = event(ref);
    expect((await post(body, await signWebhook("wrong-secret-0123456789", body))).status).toBe(401);
    expect((await api("/api/payments/webhook", { method: "POST", body })).status).toBe(401);
    expect((await post(body, await signWebhook(SECRET, body, new Date(Date.now() - 3600_000)))).status).toBe(401);
    // A genuine signature over a different body does not carry over.
    expect((await post(body.replace("authorized", "declined"), await signWebhook(SECRET, body))).status).toBe(401);
    expect(await moneyOf(orderId)).toMatchObject({ status: "pending" });
  });

  it("documents its signature header in the OpenAPI document, for a provider's integrator", async () => {
    const doc = (await (await api("/api/openapi.json")).json()) as {
      paths: Record<string, Record<string, { parameters?: { in: string; name: string; required?: boolean }[] }>>;
    };
    const params = doc.paths["/api/payments/webhook"]?.post?.parameters ?? [];
    expect(params).toContainEqual(expect.objectContaining({ in: "header", name: "x-psp-signature" }));
  });

  it("applies an event once: a replayed event id is 200 with no effect", async () => {
    const { orderId, ref } = await placeOrder();
    const id = `evt_${crypto.randomUUID()}`;
    // The provider declined, and says so twice with the same event id.
    await env.DB.prepare("UPDATE psp_payments SET status = 'declined' WHERE ref = ?").bind(ref).run();
    const body = event(ref, "payment.declined", id);
    const first = await post(body, await signWebhook(SECRET, body));
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ received: true, duplicate: false });
    await waitForStatus(orderId, ["payment_failed"]);
    const again = await post(body, await signWebhook(SECRET, body));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ received: true, duplicate: true });
    const rows = await env.DB.prepare("SELECT COUNT(*) AS n FROM payment_events WHERE event_id = ?").bind(id).first<{ n: number }>();
    expect(rows?.n).toBe(1);
  });

  it("a late 'authorized' event never revives a payment that was voided", async () => {
    const { orderId, ref, user } = await placeOrder();
    expect((await api(`/api/orders/${orderId}/cancel`, { method: "POST", headers: user.headers })).status).toBe(200);
    const body = event(ref);
    expect((await post(body, await signWebhook(SECRET, body))).status).toBe(200);
    expect(await moneyOf(orderId)).toMatchObject({ status: "voided", providerStatus: "voided" });
  });

  it("refuses an event for a payment not written yet and changes nothing, so the provider's redelivery is applied", async () => {
    const f = await stockedListing(5);
    const user = await shopperWithCart([[f.listingId, 1]]);
    const placed = await placeWithoutSaga(user);
    const ref = new URL(placed.payment.redirect_url!).pathname.split("/").at(-1)!;
    await settleHostedPayment(env.DB, ref, "authorized");
    // The provider's event comes in before the checkout has written the payment it is about.
    const written = (r: string | null) =>
      env.DB.prepare("UPDATE payments SET provider_ref = ? WHERE order_id = ?").bind(r, placed.order_id).run();
    await written(null);
    const body = event(ref, "payment.authorized", undefined, placed.total);
    const early = await post(body, await signWebhook(SECRET, body));
    expect(early.status).toBe(404);
    expect(early.headers.get("content-type")).toBe("application/problem+json");
    expect(await env.DB.prepare("SELECT 1 FROM payment_events WHERE event_id = ?").bind(JSON.parse(body).id).first()).toBeNull();

    await written(ref);
    const again = await post(body, await signWebhook(SECRET, body));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ received: true, duplicate: false });
    expect(await waitForStatus(placed.order_id, ["confirmed"])).toBe("confirmed");
  });

  it("an authorization for less than the order's total confirms nothing: the order fails, the stock comes back, the payment is voided", async () => {
    const { f, orderId, ref } = await placeOrder();
    // The provider took ₹1 for a ₹1,299 order, and says so in a genuine event.
    await env.DB.prepare("UPDATE psp_payments SET status = 'authorized', amount = 100 WHERE ref = ?").bind(ref).run();
    const body = event(ref, "payment.authorized", undefined, 100);
    expect((await post(body, await signWebhook(SECRET, body))).status).toBe(200);
    expect(await waitForStatus(orderId, ["payment_failed", "confirmed"])).toBe("payment_failed");
    expect(await stockOf(f.listingId)).toEqual({ available: 5, reserved: 0, sold: 0 });
    expect(await moneyOf(orderId)).toMatchObject({ status: "voided", captured: 0, providerStatus: "voided", providerCaptured: 0 });
    const last = await env.DB.prepare("SELECT reason FROM order_transitions WHERE order_id = ? ORDER BY id DESC LIMIT 1")
      .bind(orderId)
      .first<{ reason: string }>();
    expect(last?.reason).toBe("payment authorized for another amount");
  });
});

describe("sandbox provider failure injection", () => {
  it("declines by rate and sends duplicated webhooks that are applied once", async () => {
    const ops = await createTestUser(["ops"]);
    const set = (patch: object) => api("/psp-sandbox/settings", { method: "PUT", headers: ops.headers, body: patch });
    expect((await set({ declinePercent: 100, duplicateWebhooks: 2 })).status).toBe(200);
    try {
      const { orderId, ref, redirect } = await placeOrder();
      await pay(redirect, "pay");
      await waitForStatus(orderId, ["payment_failed"]);
      const events = await env.DB.prepare(
        "SELECT COUNT(*) AS n FROM payment_events WHERE payment_id = (SELECT id FROM payments WHERE provider_ref = ?)",
      )
        .bind(ref)
        .first<{ n: number }>();
      expect(events?.n).toBe(1);
      expect(await moneyOf(orderId)).toMatchObject({ status: "declined", providerStatus: "declined" });
    } finally {
      await set({ declinePercent: 0, duplicateWebhooks: 0 });
    }
    expect(
      (await api("/psp-sandbox/settings", { method: "PUT", headers: (await createTestUser()).headers, body: { declinePercent: 1 } }))
        .status,
    ).toBe(403);
    expect((await set({ declinePercent: 101 })).status).toBe(400);
  });

  it("a late webhook does not hold the shopper's redirect, and the order still confirms when it lands", async () => {
    const ops = await createTestUser(["ops"]);
    const set = (patch: object) => api("/psp-sandbox/settings", { method: "PUT", headers: ops.headers, body: patch });
    expect((await set({ webhookDelayMs: 400 })).status).toBe(200);
    try {
      const { orderId, redirect } = await placeOrder();
      const started = Date.now();
      expect((await pay(redirect)).status).toBe(303);
      expect(Date.now() - started).toBeLessThan(400);
      expect(await moneyOf(orderId)).toMatchObject({ status: "pending", providerStatus: "authorized" });
      await waitForStatus(orderId, ["confirmed"]);
    } finally {
      await set({ webhookDelayMs: 0 });
    }
  });

  it("serves the hosted payment page for the chosen method", async () => {
    const { redirect } = await placeOrder();
    const res = await api(new URL(redirect).pathname);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("UPI ID");
    expect(html).toContain("₹1,299.00");
    expect((await api("/psp-sandbox/pay/psp_000000000000000000000000")).status).toBe(404);
  });
});

describe("hosted payment page in a signed-in browser", () => {
  it("carries the session's CSRF token, so the shopper's own form post goes through and a forged one does not", async () => {
    const { user, orderId, redirect } = await placeOrder();
    const cookie = `__Host-session=${user.token}`;
    const path = new URL(redirect).pathname;
    const html = await (await api(path, { headers: { cookie } })).text();
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    expect(token).toBeTruthy();
    const form = (extra: Record<string, string>) =>
      api(path, {
        method: "POST",
        headers: { cookie, "content-type": "application/x-www-form-urlencoded", "sec-fetch-site": "same-origin" },
        body: new URLSearchParams({ decision: "pay", ...extra }).toString(),
      });
    expect((await form({})).status).toBe(403);
    expect(await moneyOf(orderId)).toMatchObject({ providerStatus: "requires_action" });
    // The redirect back to the order page is followed here, so what counts is that the payment went through.
    expect((await form({ _csrf: token! })).status).not.toBe(403);
    await waitForStatus(orderId, ["confirmed"]);
  });
});

describe("payment reconciliation", () => {
  it("checks the most recently changed payments first, so a busy day's differences surface at once", async () => {
    const older = await confirmedOrder();
    const newer = await confirmedOrder();
    const idOf = async (orderId: string) =>
      (await env.DB.prepare("SELECT id FROM payments WHERE order_id = ?").bind(orderId).first<{ id: string }>())?.id;
    const [a, b] = [await idOf(older.orderId), await idOf(newer.orderId)];
    const stamp = (id: string | undefined, at: string) =>
      env.DB.prepare("UPDATE payments SET captured_amount = 1, updated_at = ? WHERE id = ?").bind(at, id).run();
    await stamp(a, new Date(Date.now() - 3_600_000).toISOString());
    await stamp(b, new Date().toISOString());
    // Room for one payment this run: the one changed last.
    expect((await reconcilePayments(env, 1)).map((m) => m.paymentId)).toEqual([b]);
  });

  it("reports a refund made on the provider's side of a payment our records have not touched for days", async () => {
    const { orderId } = await confirmedOrder();
    for (let i = 0; i < 100 && (await moneyOf(orderId))?.status !== "captured"; i++) await scheduler.wait(50);
    const pay = await env.DB.prepare("SELECT id, provider_ref AS ref, captured_amount AS c FROM payments WHERE order_id = ?")
      .bind(orderId)
      .first<{ id: string; ref: string; c: number }>();
    expect(pay?.c).toBe(129900);
    await env.DB.prepare("UPDATE payments SET updated_at = ? WHERE id = ?")
      .bind(new Date(Date.now() - 3 * 24 * 3600_000).toISOString(), pay!.id)
      .run();
    // Three days on, the money goes back to the shopper from the provider's dashboard.
    await env.DB.prepare("UPDATE psp_payments SET status = 'refunded', refunded_amount = captured_amount, updated_at = ? WHERE ref = ?")
      .bind(new Date().toISOString(), pay!.ref)
      .run();
    const found = (await reconcilePayments(env)).filter((m) => m.paymentId === pay!.id);
    expect(found).toEqual([
      { paymentId: pay!.id, kind: "status", ours: "captured", theirs: "refunded" },
      { paymentId: pay!.id, kind: "refunded_amount", ours: "0", theirs: "129900" },
    ]);
    const ops = await createTestUser(["ops"]);
    const listed = (await (await api("/api/admin/payments/mismatches", { headers: ops.headers })).json()) as {
      items: Array<{ payment_id: string; order_id: string; kind: string }>;
    };
    expect(listed.items.filter((m) => m.payment_id === pay!.id).map((m) => [m.order_id, m.kind])).toEqual(
      expect.arrayContaining([
        [orderId, "status"],
        [orderId, "refunded_amount"],
      ]),
    );
  });

  it("reports where the provider's records and ours disagree, and clears it once they agree", async () => {
    const { orderId } = await confirmedOrder();
    const pay = await env.DB.prepare("SELECT id, captured_amount AS c FROM payments WHERE order_id = ?")
      .bind(orderId)
      .first<{ id: string; c: number }>();
    expect((await reconcilePayments(env)).filter((m) => m.paymentId === pay!.id)).toEqual([]);
    await env.DB.prepare("UPDATE payments SET captured_amount = 1 WHERE id = ?").bind(pay!.id).run();
    const found = (await reconcilePayments(env)).filter((m) => m.paymentId === pay!.id);
    expect(found).toEqual([{ paymentId: pay!.id, kind: "captured_amount", ours: "1", theirs: String(pay!.c) }]);
    const stored = await env.DB.prepare("SELECT kind, resolved_at FROM payment_mismatches WHERE payment_id = ?").bind(pay!.id).first();
    expect(stored).toEqual({ kind: "captured_amount", resolved_at: null });
    const ops = await createTestUser(["ops"]);
    const listed = (await (await api("/api/admin/payments/mismatches", { headers: ops.headers })).json()) as {
      items: Array<{ payment_id: string; order_id: string; kind: string }>;
    };
    expect(listed.items.filter((m) => m.payment_id === pay!.id)).toEqual([
      expect.objectContaining({ order_id: orderId, kind: "captured_amount", ours: "1", theirs: String(pay!.c) }),
    ]);
    const shopper = await createTestUser();
    expect((await api("/api/admin/payments/mismatches", { headers: shopper.headers })).status).toBe(403);
    await env.DB.prepare("UPDATE payments SET captured_amount = ? WHERE id = ?").bind(pay!.c, pay!.id).run();
    await reconcilePayments(env);
    const after = await env.DB.prepare("SELECT resolved_at FROM payment_mismatches WHERE payment_id = ?")
      .bind(pay!.id)
      .first<{ resolved_at: string | null }>();
    expect(after?.resolved_at).not.toBeNull();
    const cleared = (await (await api("/api/admin/payments/mismatches", { headers: ops.headers })).json()) as {
      items: Array<{ payment_id: string }>;
    };
    expect(cleared.items.some((m) => m.payment_id === pay!.id)).toBe(false);
  });
});
