import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { SandboxProvider, settleHostedPayment } from "../../workers/payments/sandbox/provider";
import { writeSettings } from "../../workers/payments/sandbox/settings";

const provider = () => new SandboxProvider(env.DB, "https://shop.test");

async function authorized(amount = 10_000) {
  const key = `auth-${crypto.randomUUID()}`;
  const { ref } = await provider().authorize({
    key,
    merchantRef: "ord_test",
    amount,
    method: "card",
    returnUrl: "https://shop.test/orders/ord_test",
  });
  await settleHostedPayment(env.DB, ref, "authorized");
  return ref;
}

describe("sandbox provider", () => {
  it("answers a repeated key with the first answer and acts once", async () => {
    const ref = await authorized();
    const key = `cap-${crypto.randomUUID()}`;
    const results = await Promise.all(Array.from({ length: 5 }, () => provider().capture({ key, ref, amount: 10_000 })));
    expect(results).toEqual(Array.from({ length: 5 }, () => ({ ok: true, status: "captured" })));
    // A second capture under a new key finds nothing left to capture.
    expect(await provider().capture({ key: `${key}-2`, ref, amount: 10_000 })).toMatchObject({ ok: false });
    expect(await provider().retrieve(ref)).toMatchObject({ status: "captured", capturedAmount: 10_000 });
  });

  it("refuses what the payment's state does not allow, and remembers the refusal under its key", async () => {
    const ref = await authorized();
    expect(await provider().refund({ key: "r-early", ref, amount: 1 })).toMatchObject({ ok: false });
    expect(await provider().void({ key: `v-${ref}`, ref })).toEqual({ ok: true, status: "voided" });
    expect(await provider().capture({ key: `c-${ref}`, ref, amount: 10_000 })).toMatchObject({ ok: false });
    expect(await provider().capture({ key: `c-${ref}`, ref, amount: 10_000 })).toMatchObject({ ok: false });
    expect(await provider().retrieve(ref)).toMatchObject({ status: "voided", capturedAmount: 0 });
  });

  it("refunds at most what was captured", async () => {
    const ref = await authorized(5_000);
    await provider().capture({ key: `c-${ref}`, ref, amount: 5_000 });
    expect(await provider().refund({ key: `r1-${ref}`, ref, amount: 3_000 })).toEqual({ ok: true, status: "captured" });
    expect(await provider().refund({ key: `r2-${ref}`, ref, amount: 3_000 })).toMatchObject({ ok: false });
    expect(await provider().refund({ key: `r3-${ref}`, ref, amount: 2_000 })).toEqual({ ok: true, status: "refunded" });
    expect(await provider().retrieve(ref)).toMatchObject({ status: "refunded", refundedAmount: 5_000 });
  });

  it("authorizes cash on delivery at once, with no page to visit", async () => {
    const res = await provider().authorize({
      key: `cod-${crypto.randomUUID()}`,
      merchantRef: "ord_cod",
      amount: 100,
      method: "cod",
      returnUrl: "/",
    });
    expect(res).toMatchObject({ status: "authorized", redirectUrl: null });
  });

  it("answers slowly when a rehearsal injects latency, and promptly again once it is cleared", async () => {
    const ref = await authorized();
    await writeSettings(env.DB, { latencyMs: 300 });
    try {
      const started = Date.now();
      expect(await provider().capture({ key: `slow-${ref}`, ref, amount: 10_000 })).toEqual({ ok: true, status: "captured" });
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    } finally {
      await writeSettings(env.DB, { latencyMs: 0 });
    }
    const started = Date.now();
    await provider().retrieve(ref);
    expect(Date.now() - started).toBeLessThan(290);
  });
});
