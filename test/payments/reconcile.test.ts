import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { reconcilePayments } from "../../workers/payments/reconcile";
import { SandboxProvider, settleHostedPayment } from "../../workers/payments/sandbox/provider";
import { createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { placeWithoutSaga, shopperWithCart, stockedListing } from "../checkout/support";

const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

/** A payment the provider holds and we have no row for: every run that reads it reports it. */
async function paymentUnknownToUs(): Promise<string> {
  const { ref } = await new SandboxProvider(env.DB, "https://shop.test").authorize({
    key: `auth-${crypto.randomUUID()}`,
    merchantRef: `ord_${crypto.randomUUID()}`,
    amount: 10_000,
    method: "cod",
    returnUrl: "https://shop.test/orders/x",
  });
  return ref;
}

/** An order whose saga never ran: our payment stays pending while the shopper pays at the provider. */
async function pendingOrderPaidAtProvider(paidAgoMs: number) {
  const f = await stockedListing(5);
  const placed = await placeWithoutSaga(await shopperWithCart([[f.listingId, 1]]));
  const ref = new URL(placed.payment.redirect_url!).pathname.split("/").at(-1)!;
  await settleHostedPayment(env.DB, ref, "authorized");
  const at = ago(paidAgoMs);
  await env.DB.prepare("UPDATE psp_payments SET updated_at = ? WHERE ref = ?").bind(at, ref).run();
  await env.DB.prepare("UPDATE payments SET updated_at = ? WHERE provider_ref = ?").bind(at, ref).run();
  const pay = await env.DB.prepare("SELECT id, status FROM payments WHERE provider_ref = ?")
    .bind(ref)
    .first<{ id: string; status: string }>();
  expect(pay?.status).toBe("pending");
  return { orderId: placed.order_id, paymentId: pay!.id };
}

describe("payment reconciliation on a busy day", () => {
  it("compares every provider change in the window within a bounded number of runs, however many more than one run reads", async () => {
    const refs = await Promise.all(Array.from({ length: 7 }, paymentUnknownToUs));
    // A sale-day burst: all changed at the same instant, the newest in the window.
    await env.DB.prepare(`UPDATE psp_payments SET updated_at = ? WHERE ref IN (${refs.map(() => "?").join(",")})`)
      .bind(new Date().toISOString(), ...refs)
      .run();
    const inWindow = await env.DB.prepare("SELECT COUNT(*) AS n FROM psp_payments WHERE updated_at >= ?")
      .bind(ago(48 * 3600_000))
      .first<{ n: number }>();
    const limit = 2;
    const reported = new Set<string>();
    for (let run = 0; run < Math.ceil(inWindow!.n / limit) + 1; run++) {
      const found = await reconcilePayments(env, limit);
      expect(found.length).toBeLessThanOrEqual(limit);
      for (const m of found) reported.add(m.paymentId);
    }
    expect([...reported]).toEqual(expect.arrayContaining(refs.map((r) => `provider:${r}`)));
  });
});

describe("payment reconciliation of a payment the saga is not moving", () => {
  it("reports a payment still pending with us long after the provider authorized it, and not one the saga is about to pick up", async () => {
    const stuck = await pendingOrderPaidAtProvider(2 * 3600_000);
    const fresh = await pendingOrderPaidAtProvider(0);
    const inWindow = await pendingOrderPaidAtProvider(10 * 60_000);
    const found = await reconcilePayments(env);
    expect(found.filter((m) => m.paymentId === stuck.paymentId)).toEqual([
      { paymentId: stuck.paymentId, kind: "status", ours: "pending", theirs: "authorized" },
    ]);
    expect(found.filter((m) => m.paymentId === fresh.paymentId || m.paymentId === inWindow.paymentId)).toEqual([]);
    const ops = await createTestUser(["ops"]);
    const listed = (await (await api("/api/admin/payments/mismatches", { headers: ops.headers })).json()) as {
      items: Array<{ order_id: string; kind: string; ours: string; theirs: string }>;
    };
    expect(listed.items.map((m) => [m.order_id, m.kind, m.ours, m.theirs])).toContainEqual([
      stuck.orderId,
      "status",
      "pending",
      "authorized",
    ]);
    expect(listed.items.some((m) => m.order_id === fresh.orderId || m.order_id === inWindow.orderId)).toBe(false);
  });
});
