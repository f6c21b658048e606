import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { REFUND_LEASE_MS, releaseRefundLease, takeRefundLease } from "../../workers/payments/refund-lease";
import { placeWithoutSaga, shopperWithCart, stockedListing } from "../checkout/support";

async function aPayment(): Promise<string> {
  const f = await stockedListing(5);
  const placed = await placeWithoutSaga(await shopperWithCart([[f.listingId, 1]]));
  const row = await env.DB.prepare("SELECT id FROM payments WHERE order_id = ?").bind(placed.order_id).first<{ id: string }>();
  return row!.id;
}

function leased(taken: Awaited<ReturnType<typeof takeRefundLease>>) {
  if (!("lease" in taken)) throw new Error(`held until ${taken.heldUntil}`);
  return taken.lease;
}

describe("one refund at a time per payment", () => {
  it("refuses a second refund while the first holds the payment, and lets the next one in once it ends", async () => {
    const paymentId = await aPayment();
    const t0 = Date.parse("2026-11-14T11:59:59.900Z");
    const first = leased(await takeRefundLease(env.DB, paymentId, t0));
    // A minute later by the clock, when a retry would carry a new provider key: still refused.
    expect(await takeRefundLease(env.DB, paymentId, t0 + 60_000)).toEqual({ heldUntil: first.until });
    await releaseRefundLease(env.DB, paymentId, first);
    const second = leased(await takeRefundLease(env.DB, paymentId, t0 + 60_000));
    expect(second.token).not.toBe(first.token);
    // Another payment is not held up by this one.
    leased(await takeRefundLease(env.DB, await aPayment(), t0 + 60_000));
  });

  it("ends a lease whose holder died by itself, and an old holder's release leaves the new lease alone", async () => {
    const paymentId = await aPayment();
    const t0 = Date.parse("2026-11-14T12:00:00.000Z");
    const dead = leased(await takeRefundLease(env.DB, paymentId, t0));
    expect("heldUntil" in (await takeRefundLease(env.DB, paymentId, t0 + REFUND_LEASE_MS - 1))).toBe(true);
    const next = leased(await takeRefundLease(env.DB, paymentId, t0 + REFUND_LEASE_MS));
    await releaseRefundLease(env.DB, paymentId, dead);
    expect(await takeRefundLease(env.DB, paymentId, t0 + REFUND_LEASE_MS + 1)).toEqual({ heldUntil: next.until });
  });
});
