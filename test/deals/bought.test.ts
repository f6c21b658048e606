import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { boughtLimitMessage } from "../../workers/pages/hold-refusal";
import { createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { admittedShopper, dealCheckout } from "../checkout/deal-support";

describe("a shopper who already bought a deal's limit", () => {
  it("is told so before queueing: by the API, on the deal page's script and on the waiting room's own page", async () => {
    const { user, dealId } = await admittedShopper(1);
    expect((await dealCheckout(user, dealId)).status).toBe(201);

    const mine = await api(`/api/deals/${dealId}/bought`, { headers: user.headers });
    expect(mine.status).toBe(200);
    expect(mine.headers.get("cache-control")).toBe("private, no-store");
    expect(await mine.json()).toEqual({ deal_id: dealId, per_user_limit: 1, bought: 1, more_allowed: 0 });

    // Without scripts, the waiting room's page says it in place of the way in.
    const page = await (await api(`/deals/${dealId}/wait`, { headers: user.headers })).text();
    expect(page).toContain(boughtLimitMessage(1).replaceAll("'", "&#39;"));
    expect(page).not.toContain(`action="/deals/${dealId}/wait"`);

    // The deal page, one copy for everyone, carries the words for its script to show a shopper it applies to.
    const deal = await (await api(`/deals/${dealId}`)).text();
    expect(deal).toContain(`data-wr-bought-limit="${boughtLimitMessage(1).replaceAll("'", "&#39;")}"`);
  });

  it("is no one else: another shopper is offered the waiting room, and may buy the deal's limit", async () => {
    const { dealId } = await admittedShopper(2);
    const other = await createTestUser();
    expect(await (await api(`/api/deals/${dealId}/bought`, { headers: other.headers })).json()).toEqual({
      deal_id: dealId,
      per_user_limit: 2,
      bought: 0,
      more_allowed: 2,
    });
    const page = await (await api(`/deals/${dealId}/wait`, { headers: other.headers })).text();
    expect(page).toContain(`action="/deals/${dealId}/wait"`);
  });

  it("counts nothing of an order cancelled and refunded before its unit's restock was recorded", async () => {
    const { user, dealId } = await admittedShopper(1);
    const placed = await dealCheckout(user, dealId);
    const { order_id: orderId } = (await placed.json()) as { order_id: string };
    // The refund came back first; the deal unit's restock waits for the gate's sale to reach D1.
    const at = new Date().toISOString();
    await env.DB.batch([
      env.DB.prepare("UPDATE orders SET status = 'refunded', cancel_restocked_at = NULL WHERE id = ?").bind(orderId),
      env.DB.prepare(
        "INSERT INTO order_transitions (order_id, from_status, to_status, actor, reason, at) VALUES (?1, 'confirmed', 'cancelled', 'ops:usr_x', 'test', ?2), (?1, 'cancelled', 'refunded', 'system', 'test', ?2)",
      ).bind(orderId, at),
    ]);
    expect(await (await api(`/api/deals/${dealId}/bought`, { headers: user.headers })).json()).toMatchObject({
      bought: 0,
      more_allowed: 1,
    });
  });

  it("answers a guest and an unknown deal with a problem", async () => {
    const { dealId } = await admittedShopper(1);
    const guest = await api(`/api/deals/${dealId}/bought`);
    expect(guest.status).toBe(401);
    expect(guest.headers.get("content-type")).toContain("application/problem+json");
    const user = await createTestUser();
    const none = await api("/api/deals/deal_nope/bought", { headers: user.headers });
    expect(none.status).toBe(404);
    expect(none.headers.get("content-type")).toContain("application/problem+json");
  });
});
