import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { boughtLimitMessage } from "../../workers/pages/hold-refusal";
import { dealCheckout, paidDealOrder } from "../checkout/deal-support";
import { stockOf } from "../checkout/support";
import { type TestUser, createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { createDealViaApi, dealSetup } from "./helpers";

/** What the bought endpoint tells the shopper of the deal. */
async function bought(dealId: string, user: TestUser): Promise<unknown> {
  return (await api(`/api/deals/${dealId}/bought`, { headers: user.headers })).json();
}

/** Whether the waiting room's own page offers the shopper the way in, rather than saying they have the limit. */
async function offeredJoin(dealId: string, user: TestUser): Promise<boolean> {
  const page = await (await api(`/deals/${dealId}/wait`, { headers: user.headers })).text();
  const saysLimit = page.includes(boughtLimitMessage(1).replaceAll("'", "&#39;"));
  const joins = page.includes(`action="/deals/${dealId}/wait"`);
  expect(saysLimit).toBe(!joins);
  return joins;
}

/** A live deal of three units, one per shopper, and a shopper who bought their one and paid for it. */
async function shopperAtLimit() {
  const s = await dealSetup(20);
  const dealId = await createDealViaApi(s, { units: 3, per_user_limit: 1, starts_at: new Date(Date.now() + 300).toISOString() });
  await scheduler.wait(400);
  const { user, orderId } = await paidDealOrder(s.fixture.listingId, dealId);
  // The gate books the sale into the ledger through its journal; a cancel restocks it from there.
  for (let i = 0; i < 100 && (await stockOf(s.fixture.listingId))!.sold < 1; i++) await scheduler.wait(50);
  return { dealId, listingId: s.fixture.listingId, user, orderId };
}

/** Puts the deal's unit back in the shopper's cart, as a shopper buying again does. */
async function addToCart(listingId: string, user: TestUser): Promise<void> {
  expect((await api(`/api/cart/items/${listingId}`, { method: "PUT", headers: user.headers, body: { qty: 1 } })).status).toBeLessThan(300);
}

describe("a deal's limit per shopper after ops cancel the shopper's order", () => {
  it("no longer counts the cancelled unit: the shopper is offered the waiting room again and may buy the deal again, once", async () => {
    const { dealId, listingId, user, orderId } = await shopperAtLimit();
    expect(await bought(dealId, user)).toMatchObject({ bought: 1, more_allowed: 0 });
    expect(await offeredJoin(dealId, user)).toBe(false);

    const ops = await createTestUser(["ops"]);
    const cancel = () =>
      api(`/api/admin/orders/${orderId}/transitions`, { method: "POST", headers: ops.headers, body: { to: "cancelled" } });
    expect((await cancel()).status).toBe(200);

    expect(await bought(dealId, user)).toMatchObject({ bought: 0, more_allowed: 1 });
    expect(await offeredJoin(dealId, user)).toBe(true);
    await addToCart(listingId, user);
    expect((await dealCheckout(user, dealId)).status).toBe(201);

    // The cancel retried (by the cron, or by ops again) frees nothing a second time.
    await cancel();
    expect(await bought(dealId, user)).toMatchObject({ bought: 1, more_allowed: 0 });
    expect(await offeredJoin(dealId, user)).toBe(false);
    await addToCart(listingId, user);
    const third = await dealCheckout(user, dealId);
    expect(third.status).toBe(409);
    expect(await third.json()).toMatchObject({ reason: "per_user_limit" });
  });

  it("still counts a unit the shopper received, and one they sent back: the deal sold it to them", async () => {
    for (const trail of [["delivered"], ["delivered", "return_requested", "return_received", "refunded"]]) {
      const { dealId, listingId, user, orderId } = await shopperAtLimit();
      // Shipping needs invoices and a courier; what matters here is only where the order ended up.
      let from = "confirmed";
      for (const to of trail) {
        await env.DB.batch([
          env.DB.prepare("UPDATE orders SET status = ? WHERE id = ?").bind(to, orderId),
          env.DB.prepare(
            "INSERT INTO order_transitions (order_id, from_status, to_status, actor, reason, at) VALUES (?, ?, ?, 'ops:usr_x', 'test', ?)",
          ).bind(orderId, from, to, new Date().toISOString()),
        ]);
        from = to;
      }
      expect(await bought(dealId, user)).toMatchObject({ bought: 1, more_allowed: 0 });
      expect(await offeredJoin(dealId, user)).toBe(false);
      await addToCart(listingId, user);
      const again = await dealCheckout(user, dealId);
      expect(again.status).toBe(409);
      expect(await again.json()).toMatchObject({ reason: "per_user_limit" });
    }
  });
});
