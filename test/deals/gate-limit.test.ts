import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { SkuGate } from "../../durable-objects/sku-gate";
import { migrateGate } from "../../durable-objects/sku-gate-schema";
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

  it("stops counting a sale once its order's cancel restocks it, once however often the cancel comes", async () => {
    const { gate } = await liveGate({ units: 5, perUserLimit: 1 });
    expect((await gate.reserve({ reservationId: "a", shopperId: "usr_1", qty: 1, owner: "ord_a" })).ok).toBe(true);
    expect(await gate.commit("a", { owner: "ord_a", qty: 1 })).toBe("done");
    expect(await gate.reserve({ reservationId: "b", shopperId: "usr_1", qty: 1, owner: "ord_b" })).toEqual(overLimit);
    expect(await gate.release("a", "order a cancelled", "ord_a")).toBe("refused");
    expect((await gate.reserve({ reservationId: "b", shopperId: "usr_1", qty: 1, owner: "ord_b" })).ok).toBe(true);
    expect(await gate.commit("b", { owner: "ord_b", qty: 1 })).toBe("done");
    expect(await gate.release("a", "order a cancelled again", "ord_a")).toBe("refused");
    expect(await gate.reserve({ reservationId: "c", shopperId: "usr_1", qty: 1, owner: "ord_c" })).toEqual(overLimit);
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

/** The shopper ids the gate knows as an account's, and whose. */
function shopperAccounts(gate: ReturnType<typeof gateFor>) {
  return runInDurableObject(gate, (_: SkuGate, state) =>
    state.storage.sql
      .exec<{ shopper_id: string; account: string }>("SELECT shopper_id, account FROM shopper_accounts ORDER BY shopper_id")
      .toArray(),
  );
}

describe("SkuGate per-shopper limit after signing out", () => {
  it("refuses a guest hold in a browser whose account has bought its limit", async () => {
    const { gate } = await liveGate({ units: 5, perUserLimit: 1 });
    // Signed in, the shopper holds on the deal page and checks out, taking that hold over.
    expect((await gate.reserve({ reservationId: "page1", shopperId: "gst_1", limitKey: "usr_1", qty: 1 })).ok).toBe(true);
    const order = { reservationId: "page1:a", shopperId: "gst_1", limitKey: "usr_1", qty: 1, owner: "ord_a", claimFrom: "page1" };
    expect((await gate.reserve(order)).ok).toBe(true);
    expect(await gate.commit("page1:a", { owner: "ord_a", qty: 1 })).toBe("done");
    // Signed out in the same browser: the same guest id holds on the deal page as a guest, with
    // no account named or (as the hold route names a guest) its own id.
    expect(await gate.reserve({ reservationId: "page1", shopperId: "gst_1", qty: 1 })).toEqual(overLimit);
    expect(await gate.reserve({ reservationId: "page1", shopperId: "gst_1", limitKey: "gst_1", qty: 1 })).toEqual(overLimit);
    // A shopper the gate never saw signed in holds as before.
    expect((await gate.reserve({ reservationId: "page9", shopperId: "gst_9", qty: 1 })).ok).toBe(true);
    expect(await gate.figures()).toMatchObject({ sold: 1, reserved: 1 });
  });

  it("counts a guest hold in a browser whose account is below its limit as the account's", async () => {
    const { gate } = await liveGate({ units: 5, perUserLimit: 2 });
    expect((await gate.reserve({ reservationId: "o1", shopperId: "gst_1", limitKey: "usr_1", qty: 1, owner: "ord_a" })).ok).toBe(true);
    expect(await gate.commit("o1", { owner: "ord_a", qty: 1 })).toBe("done");
    // Signed out, the browser holds the account's second unit.
    expect((await gate.reserve({ reservationId: "page1", shopperId: "gst_1", qty: 1 })).ok).toBe(true);
    // Signed in in another browser, the account has no third.
    expect(await gate.reserve({ reservationId: "page2", shopperId: "gst_2", limitKey: "usr_1", qty: 1 })).toEqual(overLimit);
    // Asking again for the guest's hold returns it, still the account's.
    expect((await gate.reserve({ reservationId: "page1", shopperId: "gst_1", qty: 1 })).ok).toBe(true);
    expect(await gate.reserve({ reservationId: "page3", shopperId: "usr_1", limitKey: "usr_1", qty: 1 })).toEqual(overLimit);
    expect(await gate.figures()).toMatchObject({ sold: 1, reserved: 1 });
  });

  it("moves a guest's page hold to the account that signs in in the same browser and asks for it again", async () => {
    const { gate } = await liveGate({ units: 5, perUserLimit: 1 });
    expect((await gate.reserve({ reservationId: "page1", shopperId: "gst_1", qty: 1 })).ok).toBe(true);
    // Signed in, the same browser taps hold again: the same hold, now the account's one unit.
    expect((await gate.reserve({ reservationId: "page1", shopperId: "gst_1", limitKey: "usr_1", qty: 1 })).ok).toBe(true);
    expect(await gate.reserve({ reservationId: "page2", shopperId: "gst_2", limitKey: "usr_1", qty: 1 })).toEqual(overLimit);
    expect(await gate.figures()).toMatchObject({ reserved: 1 });
  });

  it("refuses a guest's page hold to an account signing in that already has its limit elsewhere", async () => {
    const { gate } = await liveGate({ units: 5, perUserLimit: 1 });
    expect((await gate.reserve({ reservationId: "o2", shopperId: "gst_2", limitKey: "usr_1", qty: 1, owner: "ord_a" })).ok).toBe(true);
    expect(await gate.commit("o2", { owner: "ord_a", qty: 1 })).toBe("done");
    // Another browser, never signed in here before, held as a guest: that hold was its own.
    expect((await gate.reserve({ reservationId: "page1", shopperId: "gst_1", qty: 1 })).ok).toBe(true);
    // Signed in there, asking for it again is the account's limit, which checkout would refuse too.
    expect(await gate.reserve({ reservationId: "page1", shopperId: "gst_1", limitKey: "usr_1", qty: 1 })).toEqual(overLimit);
    const checkout = { reservationId: "page1:b", shopperId: "gst_1", limitKey: "usr_1", qty: 1, owner: "ord_b", claimFrom: "page1" };
    expect(await gate.reserve(checkout)).toEqual(overLimit);
    expect(await gate.figures()).toMatchObject({ sold: 1, reserved: 1 });
    // Read by that account, the hold says so, so checkout can warn before the shopper places the order.
    expect(await gate.hold("page1", "usr_1")).toMatchObject({ status: "held", overAccountLimit: true });
    expect(await gate.hold("page1", "usr_2")).toMatchObject({ status: "held", overAccountLimit: false });
    expect(await gate.hold("page1")).not.toHaveProperty("overAccountLimit");
  });

  it("knows the accounts of holds taken before it remembered them, once its storage is upgraded", async () => {
    const { gate } = await liveGate({ units: 5, perUserLimit: 1 });
    expect((await gate.reserve({ reservationId: "o1", shopperId: "gst_1", limitKey: "usr_1", qty: 1, owner: "ord_a" })).ok).toBe(true);
    expect(await gate.commit("o1", { owner: "ord_a", qty: 1 })).toBe("done");
    expect((await gate.reserve({ reservationId: "page2", shopperId: "gst_2", qty: 1 })).ok).toBe(true);
    await runInDurableObject(gate, (_: SkuGate, state) => {
      state.storage.sql.exec("DROP TABLE shopper_accounts");
      state.storage.sql.exec("UPDATE meta SET value = 6 WHERE key = 'schema_version'");
    });
    await evictDurableObject(gate);
    expect(await gate.reserve({ reservationId: "page1", shopperId: "gst_1", qty: 1 })).toEqual(overLimit);
    expect(await shopperAccounts(gate)).toEqual([{ shopper_id: "gst_1", account: "usr_1" }]);
    // The step run again over storage that already has it changes nothing.
    await runInDurableObject(gate, (_: SkuGate, state) => {
      state.storage.sql.exec("UPDATE meta SET value = 6 WHERE key = 'schema_version'");
      migrateGate(state.storage.sql);
      migrateGate(state.storage.sql);
    });
    expect(await shopperAccounts(gate)).toEqual([{ shopper_id: "gst_1", account: "usr_1" }]);
    expect(await gate.reserve({ reservationId: "page1", shopperId: "gst_1", qty: 1 })).toEqual(overLimit);
    expect((await gate.reserve({ reservationId: "page2", shopperId: "gst_2", qty: 1 })).ok).toBe(true);
  });

  it("forgets which browser was whose once the deal has ended", async () => {
    const { gate } = await liveGate({ units: 5, perUserLimit: 1 });
    expect((await gate.reserve({ reservationId: "page1", shopperId: "gst_1", limitKey: "usr_1", qty: 1 })).ok).toBe(true);
    expect(await shopperAccounts(gate)).toHaveLength(1);
    await gate.end();
    expect(await shopperAccounts(gate)).toEqual([]);
  });
});
