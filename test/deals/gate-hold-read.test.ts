import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { SkuGate } from "../../durable-objects/sku-gate";
import { gateFor } from "../../workers/deals/gate-client";
import type { GateConfig } from "../../workers/deals/gate-types";
import { gateConfig } from "./helpers";

async function liveGate(overrides: Partial<GateConfig> = {}) {
  const config = gateConfig(overrides);
  const gate = gateFor(env, config.dealId);
  await gate.init(config);
  return gate;
}

/** The hold row as storage keeps it. */
const storedHold = (gate: DurableObjectStub<SkuGate>, id: string) =>
  runInDurableObject(gate, (_: SkuGate, state) =>
    state.storage.sql
      .exec<{ status: string; expires_at: number }>("SELECT status, expires_at FROM holds WHERE reservation_id = ?", id)
      .one(),
  );

/**
 * The hold falls due now, before the alarm that would give it back has run. The object starts
 * afresh, as one woken after its hold's time would, so it knows of no later due time in memory.
 */
async function fallDue(gate: DurableObjectStub<SkuGate>, id: string): Promise<void> {
  await runInDurableObject(gate, (_: SkuGate, state) => {
    state.storage.sql.exec("UPDATE holds SET expires_at = ? WHERE reservation_id = ?", Date.now() - 1, id);
  });
  await evictDurableObject(gate);
}

describe("SkuGate.hold", () => {
  it("reads a shopper's hold: held until the time the reserve gave, and nothing for an id never held", async () => {
    const gate = await liveGate();
    const held = await gate.reserve({ reservationId: "page", shopperId: "s1", qty: 1 });
    expect(held.ok).toBe(true);
    expect(await gate.hold("page")).toEqual({ status: "held", qty: 1, expiresAt: held.ok ? held.expiresAt : "", paused: false });
    expect(await gate.hold("nobody")).toBeNull();
  });

  it("reports a hold past its expiry as expired without giving it back; the alarm does that", async () => {
    const gate = await liveGate();
    expect((await gate.reserve({ reservationId: "slow", shopperId: "s1", qty: 1 })).ok).toBe(true);
    await fallDue(gate, "slow");
    const before = await gate.figures();

    expect(await gate.hold("slow")).toMatchObject({ status: "expired", qty: 1 });
    expect(await gate.hold("slow")).toMatchObject({ status: "expired" });
    // Reading changed nothing: the unit is still counted held, the row still says so.
    expect(await gate.figures()).toEqual(before);
    expect(before).toMatchObject({ reserved: 1, remaining: 9 });
    expect((await storedHold(gate, "slow")).status).toBe("held");

    await runDurableObjectAlarm(gate);
    expect(await gate.figures()).toMatchObject({ reserved: 0, remaining: 10 });
    expect(await gate.hold("slow")).toMatchObject({ status: "expired" });
  });

  it("never extends a hold it reads", async () => {
    const gate = await liveGate();
    expect((await gate.reserve({ reservationId: "page", shopperId: "s1", qty: 1 })).ok).toBe(true);
    const stored = await storedHold(gate, "page");
    await gate.hold("page");
    expect(await storedHold(gate, "page")).toEqual(stored);
  });

  it("tells a released hold, and one a checkout took over, from a held one", async () => {
    const gate = await liveGate({ perUserLimit: 2 });
    expect((await gate.reserve({ reservationId: "gone", shopperId: "s1", qty: 1 })).ok).toBe(true);
    expect(await gate.release("gone", "test")).toBe("done");
    expect(await gate.hold("gone")).toMatchObject({ status: "released", qty: 1 });

    expect((await gate.reserve({ reservationId: "page", shopperId: "s2", qty: 1 })).ok).toBe(true);
    const order = await gate.reserve({ reservationId: "page:o1", shopperId: "s2", qty: 1, owner: "o1", claimFrom: "page" });
    expect(order.ok).toBe(true);
    expect(await gate.hold("page")).toMatchObject({ status: "claimed" });
    expect(await gate.hold("page:o1")).toMatchObject({ status: "held" });
    expect(await gate.commit("page:o1", { owner: "o1", qty: 1 })).toBe("done");
    expect(await gate.hold("page:o1")).toMatchObject({ status: "committed" });
  });

  it("while the deal is paused, gives a hold that waits out the pause with its session the time it had left", async () => {
    const gate = await liveGate();
    const admittedUntil = Date.now() + 60_000;
    expect((await gate.reserve({ reservationId: "page", shopperId: "s1", qty: 1, admittedUntil })).ok).toBe(true);
    await gate.pause();
    await new Promise((r) => setTimeout(r, 50));
    const read = await gate.hold("page");
    expect(read?.status).toBe("held");
    expect(read?.paused).toBe(true);
    expect(Date.parse(read?.expiresAt ?? "")).toBeGreaterThanOrEqual(admittedUntil + 50);
    expect((await storedHold(gate, "page")).expires_at).toBe(admittedUntil);
  });

  it("answers null from a gate never set up", async () => {
    const gate = gateFor(env, `deal_unset_${crypto.randomUUID()}`);
    expect(await gate.hold("any")).toBeNull();
  });
});
