import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { SkuGate } from "../../durable-objects/sku-gate";
import { gateFor } from "../../workers/deals/gate-client";
import type { GateConfig } from "../../workers/deals/gate-types";
import { gateConfig } from "./helpers";

const overLimit = { ok: false, reason: "per_user_limit" };

async function liveGate(overrides: Partial<GateConfig> = {}) {
  const config = gateConfig(overrides);
  const gate = gateFor(env, config.dealId);
  await gate.init(config);
  return { gate, config };
}

describe("SkuGate per-shopper limit", () => {
  it("counts an account's holds together, whichever identity each was admitted under", async () => {
    const { gate } = await liveGate({ units: 5, perUserLimit: 1 });
    // One account admitted under two guest ids holds a unit on the deal page as each guest.
    expect((await gate.reserve({ reservationId: "page1", shopperId: "gst_1", qty: 1 })).ok).toBe(true);
    expect((await gate.reserve({ reservationId: "page2", shopperId: "gst_2", qty: 1 })).ok).toBe(true);
    // Signed in, the first checkout takes the first page hold over for the account.
    const first = { reservationId: "page1:a", shopperId: "gst_1", limitKey: "usr_1", qty: 1, owner: "ord_a", claimFrom: "page1" };
    expect((await gate.reserve(first)).ok).toBe(true);
    // The second guest's hold cannot become the account's second unit, nor can a fresh one.
    const second = { reservationId: "page2:b", shopperId: "gst_2", limitKey: "usr_1", qty: 1, owner: "ord_b", claimFrom: "page2" };
    expect(await gate.reserve(second)).toEqual(overLimit);
    expect(await gate.reserve({ reservationId: "page3", shopperId: "gst_3", limitKey: "usr_1", qty: 1 })).toEqual(overLimit);
    // The refused takeover left the guest's page hold as it was, and the order's unit is the account's.
    expect(await gate.figures()).toMatchObject({ reserved: 2, remaining: 3 });
    expect(await gate.commit("page1:a", { owner: "ord_a", qty: 1 })).toBe("done");
    expect(await gate.reserve({ reservationId: "page4", shopperId: "usr_1", qty: 1 })).toEqual(overLimit);
  });

  it("still enforces the limit on a gate whose holds predate limit keys", async () => {
    const { gate } = await liveGate({ units: 5, perUserLimit: 1 });
    expect((await gate.reserve({ reservationId: "old", shopperId: "usr_1", qty: 1 })).ok).toBe(true);
    expect(await gate.commit("old")).toBe("done");
    await runInDurableObject(gate, (_: SkuGate, state) => {
      state.storage.sql.exec("DROP INDEX holds_limit");
      state.storage.sql.exec("ALTER TABLE holds DROP COLUMN limit_key");
      state.storage.sql.exec("UPDATE meta SET value = 5 WHERE key = 'schema_version'");
    });
    await evictDurableObject(gate);
    // The account that bought before the upgrade checks out again, now named as the limit's key.
    expect(await gate.reserve({ reservationId: "new", shopperId: "usr_1", limitKey: "usr_1", qty: 1, owner: "ord_b" })).toEqual(overLimit);
    expect(await gate.figures()).toMatchObject({ sold: 1, reserved: 0 });
  });
});
