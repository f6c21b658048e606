import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { reconcilePayments } from "../../workers/payments/reconcile";
import { SandboxProvider } from "../../workers/payments/sandbox/provider";

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
