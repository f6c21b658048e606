import { exports } from "cloudflare:workers";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import { createTestUser } from "../helpers/accounts";
import { ORIGIN, api } from "../helpers/http";
import { ADDRESS, shopperWithCart, stockOf, stockedListing } from "./support";

describe("a checkout whose shopper disconnects", () => {
  afterEach(async () => {
    const ops = await createTestUser(["ops"]);
    await api("/psp-sandbox/settings", { method: "PUT", headers: ops.headers, body: { latencyMs: 0 } });
  });

  it("still places the order it started, so the shopper's retry finds it rather than a stuck key and held stock", async () => {
    const ops = await createTestUser(["ops"]);
    // The payment provider answers slowly, so the shopper's phone drops the request mid-checkout.
    await api("/psp-sandbox/settings", { method: "PUT", headers: ops.headers, body: { latencyMs: 600 } });
    const f = await stockedListing(5);
    const user = await shopperWithCart([[f.listingId, 1]]);
    const key = crypto.randomUUID();
    const gone = new AbortController();
    const request = exports.default.fetch(
      new Request(`${ORIGIN}/api/checkout`, {
        method: "POST",
        headers: { ...user.headers, "content-type": "application/json", "idempotency-key": key },
        body: JSON.stringify({ address: ADDRESS, payment_method: "upi" }),
        signal: gone.signal,
      }),
    );
    await scheduler.wait(150);
    gone.abort();
    await expect(request).rejects.toThrow();
    await scheduler.wait(1_500);

    const orders = await env.DB.prepare("SELECT id, status FROM orders WHERE user_id = ?")
      .bind(user.id)
      .all<{ id: string; status: string }>();
    expect(orders.results).toHaveLength(1);
    expect((await stockOf(f.listingId))?.reserved).toBe(1);
    // The same submit again is answered with that order.
    const retry = await api("/api/checkout", {
      method: "POST",
      headers: { ...user.headers, "idempotency-key": key },
      body: { address: ADDRESS, payment_method: "upi" },
    });
    expect(retry.status).toBe(201);
    expect(((await retry.json()) as { order_id: string }).order_id).toBe(orders.results[0]?.id);
  });
});
