import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { SkuGate } from "../../durable-objects/sku-gate";
import { SETTLE_MS } from "../../workers/deals/admission";
import { gateFor } from "../../workers/deals/gate-client";
import { positionOf } from "../../workers/deals/place-in-line";
import type { GateConfig } from "../../workers/deals/gate-types";
import { gateConfig } from "./helpers";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const noJoins = { preJoins: 0, joins: [] };

async function liveGate(overrides: Partial<GateConfig> = {}) {
  const config = gateConfig(overrides);
  const gate = gateFor(env, config.dealId);
  await gate.init(config);
  return { gate, config };
}

describe("SkuGate", () => {
  it("never sells more than its allocation under many parallel reserves", async () => {
    const { gate } = await liveGate({ units: 25, perUserLimit: 1 });
    const results = await Promise.all(
      Array.from({ length: 120 }, (_, i) => gate.reserve({ reservationId: `r${i}`, shopperId: `s${i}`, qty: 1 })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(25);
    // Every unit is held, none sold: the rest may get one when a hold lapses.
    expect(results.filter((r) => !r.ok && r.reason === "all_held")).toHaveLength(95);
    const f = await gate.figures();
    expect(f).toMatchObject({ reserved: 25, remaining: 0, sold: 0, status: "live" });
  });

  it("refuses a replayed hold id asking for a different quantity, so checkout never charges units it does not hold", async () => {
    const { gate } = await liveGate({ perUserLimit: 2 });
    expect(await gate.reserve({ reservationId: "h1", shopperId: "s1", qty: 1 })).toMatchObject({ ok: true });
    expect(await gate.reserve({ reservationId: "h1", shopperId: "s1", qty: 2 })).toEqual({ ok: false, reason: "per_user_limit" });
    expect(await gate.reserve({ reservationId: "h1", shopperId: "s1", qty: 1 })).toMatchObject({ ok: true });
    expect(await gate.figures()).toMatchObject({ reserved: 1 });
  });

  it("is idempotent under the reservation id and enforces the per-shopper limit", async () => {
    const { gate } = await liveGate({ perUserLimit: 2 });
    const a = await gate.reserve({ reservationId: "same", shopperId: "alice", qty: 2 });
    const b = await gate.reserve({ reservationId: "same", shopperId: "alice", qty: 2 });
    expect(a).toEqual(b);
    expect(await gate.reserve({ reservationId: "more", shopperId: "alice", qty: 1 })).toEqual({ ok: false, reason: "per_user_limit" });
    expect(await gate.commit("same")).toBe("done");
    expect(await gate.commit("same")).toBe("noop");
    expect(await gate.release("same", "changed mind")).toBe("refused");
    expect(await gate.figures()).toMatchObject({ sold: 2, reserved: 0, remaining: 8 });
  });

  it("refuses reserves before the start, while paused and after the end", async () => {
    const { gate } = await liveGate({ startsAt: Date.now() + 60_000 });
    expect(await gate.reserve({ reservationId: "early", shopperId: "s", qty: 1 })).toEqual({ ok: false, reason: "not_live" });
    const live = await liveGate();
    await live.gate.pause();
    expect(await live.gate.reserve({ reservationId: "p", shopperId: "s", qty: 1 })).toEqual({ ok: false, reason: "paused" });
    await live.gate.resume();
    expect((await live.gate.reserve({ reservationId: "p", shopperId: "s", qty: 1 })).ok).toBe(true);
    const returned = await live.gate.end();
    expect(returned.map((e) => [e.kind, e.qty])).toEqual([["return", 9]]);
    expect(await live.gate.reserve({ reservationId: "late", shopperId: "t", qty: 1 })).toEqual({ ok: false, reason: "ended" });
  });

  it("expires unpaid holds by alarm, returning units to the deal, and refuses to commit them", async () => {
    const { gate } = await liveGate({ units: 1, holdSeconds: 1 });
    expect((await gate.reserve({ reservationId: "slow", shopperId: "s1", qty: 1 })).ok).toBe(true);
    expect(await gate.reserve({ reservationId: "next", shopperId: "s2", qty: 1 })).toEqual({ ok: false, reason: "all_held" });
    await new Promise((r) => setTimeout(r, 1_100));
    // The alarm may already have fired on its own; running it again is a no-op then. Reading
    // figures expires nothing itself, so what changed here is the alarm's doing.
    await runDurableObjectAlarm(gate);
    expect(await gate.figures()).toMatchObject({ reserved: 0, remaining: 1 });
    expect(await gate.commit("slow")).toBe("refused");
    expect((await gate.reserve({ reservationId: "next", shopperId: "s2", qty: 1 })).ok).toBe(true);
  });

  it("survives eviction with holds, sales and the journal intact", async () => {
    const { gate } = await liveGate({ units: 5 });
    await gate.reserve({ reservationId: "e1", shopperId: "s1", qty: 2 });
    await gate.reserve({ reservationId: "e2", shopperId: "s2", qty: 1 });
    await gate.commit("e1");
    await evictDurableObject(gate);
    expect(await gate.figures()).toMatchObject({ sold: 2, reserved: 1, remaining: 2, journalPending: 3 });
    expect(await gate.commit("e1")).toBe("noop");
    expect(await gate.commit("e2")).toBe("done");
  });

  it("keeps its figures exact when a commit is the first call after an eviction", async () => {
    const { gate } = await liveGate({ units: 5, perUserLimit: 3 });
    await gate.reserve({ reservationId: "e1", shopperId: "s1", qty: 2 });
    await gate.reserve({ reservationId: "e2", shopperId: "s2", qty: 1 });
    await gate.commit("e1");
    await evictDurableObject(gate);
    expect(await gate.commit("e2")).toBe("done");
    expect(await gate.figures()).toMatchObject({ sold: 3, reserved: 0, remaining: 2 });
  });

  it("refuses a retryable all-held, not sold out, while the only unit is held, and sells it once the hold is given back", async () => {
    const { gate } = await liveGate({ units: 1, perUserLimit: 1, holdSeconds: 1 });
    expect((await gate.reserve({ reservationId: "a", shopperId: "alice", qty: 1 })).ok).toBe(true);
    expect(await gate.reserve({ reservationId: "b", shopperId: "bob", qty: 1 })).toEqual({ ok: false, reason: "all_held" });
    expect(await gate.release("a", "payment declined")).toBe("done");
    expect((await gate.reserve({ reservationId: "b", shopperId: "bob", qty: 1 })).ok).toBe(true);
    // Bob's hold lapses unpaid: the unit comes back for Carol.
    expect(await gate.reserve({ reservationId: "c", shopperId: "carol", qty: 1 })).toEqual({ ok: false, reason: "all_held" });
    await new Promise((r) => setTimeout(r, 1_100));
    await runDurableObjectAlarm(gate);
    expect((await gate.reserve({ reservationId: "c", shopperId: "carol", qty: 1 })).ok).toBe(true);
    expect(await gate.commit("c")).toBe("done");
    // Sold is gone for good.
    expect(await gate.reserve({ reservationId: "d", shopperId: "dave", qty: 1 })).toEqual({ ok: false, reason: "sold_out" });
  });

  it("answers sold out, not all held, when fewer units are unsold than asked for", async () => {
    const { gate } = await liveGate({ units: 3, perUserLimit: 2 });
    expect((await gate.reserve({ reservationId: "a", shopperId: "alice", qty: 2 })).ok).toBe(true);
    expect(await gate.commit("a")).toBe("done");
    expect((await gate.reserve({ reservationId: "b", shopperId: "bob", qty: 1 })).ok).toBe(true);
    // One unit is unsold and held: asking for two can never succeed, asking for one may.
    expect(await gate.reserve({ reservationId: "c", shopperId: "carol", qty: 2 })).toEqual({ ok: false, reason: "sold_out" });
    expect(await gate.reserve({ reservationId: "d", shopperId: "dave", qty: 1 })).toEqual({ ok: false, reason: "all_held" });
  });

  it("answers all held, never an error, when a release after an eviction is followed by a rush of reserves", async () => {
    const { gate } = await liveGate({ units: 3, perUserLimit: 1 });
    await gate.reserve({ reservationId: "a", shopperId: "sa", qty: 1 });
    await gate.reserve({ reservationId: "b", shopperId: "sb", qty: 1 });
    await evictDurableObject(gate);
    expect(await gate.release("a", "abandoned")).toBe("done");
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await gate.reserve({ reservationId: `r${i}`, shopperId: `s${i}`, qty: 1 }));
    expect(results.map((r) => (r.ok ? "ok" : r.reason))).toEqual(["ok", "ok", "all_held", "all_held"]);
    const held = await runInDurableObject(
      gate,
      (_: SkuGate, state) =>
        state.storage.sql.exec<{ n: number }>("SELECT COALESCE(SUM(qty), 0) AS n FROM holds WHERE status = 'held'").one().n,
    );
    expect(await gate.figures()).toMatchObject({ reserved: 3, remaining: 0 });
    expect(held).toBe(3);
  });

  it("lets a shopper hold the deal again after their hold was released or expired, while units remain", async () => {
    const { gate } = await liveGate({ units: 2, perUserLimit: 1, holdSeconds: 1 });
    expect((await gate.reserve({ reservationId: "mine", shopperId: "s1", qty: 1 })).ok).toBe(true);
    expect(await gate.release("mine", "payment declined")).toBe("done");
    expect((await gate.reserve({ reservationId: "mine", shopperId: "s1", qty: 1 })).ok).toBe(true);
    await new Promise((r) => setTimeout(r, 1_100));
    await runDurableObjectAlarm(gate);
    expect(await gate.commit("mine")).toBe("refused");
    expect((await gate.reserve({ reservationId: "mine", shopperId: "s1", qty: 1 })).ok).toBe(true);
    expect(await gate.commit("mine")).toBe("done");
    expect(await gate.figures()).toMatchObject({ sold: 1, reserved: 0, remaining: 1 });
    // Holding again is a new reserve: the per-shopper limit and the units left still apply.
    expect(await gate.reserve({ reservationId: "other", shopperId: "s1", qty: 1 })).toEqual({ ok: false, reason: "per_user_limit" });
  });

  it("gives a hold to one order: another order's reserve, commit or release of it is refused or left alone", async () => {
    const { gate } = await liveGate({ units: 5, perUserLimit: 1 });
    // Taken on the deal page (no order yet), then claimed by the first checkout.
    expect((await gate.reserve({ reservationId: "dh", shopperId: "s1", qty: 1 })).ok).toBe(true);
    expect((await gate.reserve({ reservationId: "dh", shopperId: "s1", qty: 1, owner: "ord_a" })).ok).toBe(true);
    expect(await gate.reserve({ reservationId: "dh", shopperId: "s1", qty: 1, owner: "ord_b" })).toEqual({
      ok: false,
      reason: "per_user_limit",
    });
    expect(await gate.commit("dh", { owner: "ord_b", qty: 1 })).toBe("refused");
    expect(await gate.release("dh", "order b failed", "ord_b")).toBe("noop");
    expect(await gate.commit("dh", { owner: "ord_a", qty: 1 })).toBe("done");
    // Replays by the order that bought it still succeed; nobody else gets the sale.
    expect((await gate.reserve({ reservationId: "dh", shopperId: "s1", qty: 1, owner: "ord_a" })).ok).toBe(true);
    expect(await gate.commit("dh", { owner: "ord_a", qty: 1 })).toBe("noop");
    expect(await gate.reserve({ reservationId: "dh", shopperId: "s1", qty: 1, owner: "ord_c" })).toEqual({
      ok: false,
      reason: "per_user_limit",
    });
    expect(await gate.reserve({ reservationId: "dh", shopperId: "s1", qty: 1 })).toEqual({ ok: false, reason: "per_user_limit" });
    expect(await gate.commit("dh", { owner: "ord_c", qty: 1 })).toBe("refused");
    expect(await gate.release("dh", "order c cancelled", "ord_c")).toBe("noop");
    expect(await gate.release("dh", "order a cancelled", "ord_a")).toBe("refused");
    // The caller restocks the cancelled sale on the ledger's shelf: counted returned, not sold, nor on sale here again.
    expect(await gate.figures()).toMatchObject({ sold: 0, returned: 1, reserved: 0, remaining: 4 });
  });

  it("moves a deal-page hold to each order's own id, so a shopper can buy again up to the limit", async () => {
    const { gate } = await liveGate({ units: 5, perUserLimit: 2 });
    expect((await gate.reserve({ reservationId: "page", shopperId: "s1", qty: 1 })).ok).toBe(true);
    // The first checkout takes the page hold over: the same unit, not a second one.
    const first = { reservationId: "page:a", shopperId: "s1", qty: 1, owner: "ord_a", claimFrom: "page" };
    expect((await gate.reserve(first)).ok).toBe(true);
    expect((await gate.reserve(first)).ok).toBe(true);
    expect(await gate.figures()).toMatchObject({ reserved: 1, remaining: 4 });
    expect(await gate.commit("page")).toBe("refused");
    expect(await gate.commit("page:a", { owner: "ord_a", qty: 1 })).toBe("done");
    // The page's id is free again: the shopper holds and buys a second unit under a second order.
    expect((await gate.reserve({ reservationId: "page", shopperId: "s1", qty: 1 })).ok).toBe(true);
    expect((await gate.reserve({ reservationId: "page:b", shopperId: "s1", qty: 1, owner: "ord_b", claimFrom: "page" })).ok).toBe(true);
    expect(await gate.commit("page:b", { owner: "ord_b", qty: 1 })).toBe("done");
    expect(await gate.figures()).toMatchObject({ sold: 2, reserved: 0, remaining: 3 });
    // The limit counts both sales, whichever id a third attempt comes under.
    expect(await gate.reserve({ reservationId: "page", shopperId: "s1", qty: 1 })).toEqual({ ok: false, reason: "per_user_limit" });
    expect(await gate.reserve({ reservationId: "page:c", shopperId: "s1", qty: 1, owner: "ord_c", claimFrom: "page" })).toEqual({
      ok: false,
      reason: "per_user_limit",
    });
    // Each order gives back only its own sale: the caller restocks it under the order's id.
    expect(await gate.release("page:a", "order a cancelled", "ord_a")).toBe("refused");
    expect(await gate.release("page:b", "order a cancelled", "ord_a")).toBe("noop");
  });

  it("replaces a page hold of another quantity with the order's own, unless that is refused", async () => {
    const { gate } = await liveGate({ units: 5, perUserLimit: 2 });
    expect((await gate.reserve({ reservationId: "page", shopperId: "s1", qty: 1 })).ok).toBe(true);
    // Three at checkout is over the limit: refused, and the page's unit is still the shopper's.
    expect(await gate.reserve({ reservationId: "page:a", shopperId: "s1", qty: 3, owner: "ord_a", claimFrom: "page" })).toEqual({
      ok: false,
      reason: "per_user_limit",
    });
    expect(await gate.figures()).toMatchObject({ reserved: 1, remaining: 4 });
    // Two at checkout: the order holds two, and the page's one unit goes back rather than being held too.
    expect((await gate.reserve({ reservationId: "page:b", shopperId: "s1", qty: 2, owner: "ord_b", claimFrom: "page" })).ok).toBe(true);
    expect(await gate.figures()).toMatchObject({ reserved: 2, remaining: 3 });
    expect(await gate.commit("page")).toBe("refused");
    expect(await gate.commit("page:b", { owner: "ord_b", qty: 2 })).toBe("done");
    expect(await gate.figures()).toMatchObject({ sold: 2, reserved: 0, remaining: 3 });
  });

  it("holds afresh for an order when the page hold expired or is someone else's", async () => {
    const { gate } = await liveGate({ units: 5, perUserLimit: 3, holdSeconds: 1 });
    expect((await gate.reserve({ reservationId: "page", shopperId: "s1", qty: 1 })).ok).toBe(true);
    // Another shopper cannot take it over, or give it back, by naming it.
    expect(await gate.reserve({ reservationId: "x:b", shopperId: "s2", qty: 1, owner: "ord_b", claimFrom: "page" })).toMatchObject({
      ok: true,
    });
    expect(await gate.reserve({ reservationId: "x:c", shopperId: "s2", qty: 2, owner: "ord_c", claimFrom: "page" })).toMatchObject({
      ok: true,
    });
    expect(await gate.figures()).toMatchObject({ reserved: 4 });
    await new Promise((r) => setTimeout(r, 1_100));
    await runDurableObjectAlarm(gate);
    // An expired page hold is not taken over; the order holds a unit of its own, within the limit.
    expect((await gate.reserve({ reservationId: "page:d", shopperId: "s1", qty: 1, owner: "ord_d", claimFrom: "page" })).ok).toBe(true);
    expect(await gate.figures()).toMatchObject({ reserved: 1, remaining: 4 });
  });

  it("ends a deal-page hold with the shopper's turn, while an order's hold lasts the whole hold time", async () => {
    const { gate } = await liveGate({ units: 5, perUserLimit: 2, holdSeconds: 600 });
    const turnEnds = Date.now() + 1_000;
    const page = await gate.reserve({ reservationId: "page", shopperId: "s1", qty: 1, admittedUntil: turnEnds });
    expect(page.ok && Date.parse(page.expiresAt)).toBeLessThanOrEqual(turnEnds);
    // Another shopper's checkout takes over their page hold: the order gets the full hold time to pay.
    expect((await gate.reserve({ reservationId: "page2", shopperId: "s2", qty: 1, admittedUntil: turnEnds })).ok).toBe(true);
    const order = await gate.reserve({
      reservationId: "page2:a",
      shopperId: "s2",
      qty: 1,
      owner: "ord_a",
      admittedUntil: turnEnds,
      claimFrom: "page2",
    });
    expect(order.ok && Date.parse(order.expiresAt)).toBeGreaterThan(Date.now() + 500_000);
    await new Promise((r) => setTimeout(r, 1_100));
    await runDurableObjectAlarm(gate);
    // The turn is over: the page hold's unit is back for others; the order's is still held for it.
    expect(await gate.figures()).toMatchObject({ reserved: 1, remaining: 4 });
    expect(await gate.commit("page")).toBe("refused");
    expect(await gate.commit("page2:a", { owner: "ord_a", qty: 1 })).toBe("done");
  });

  it("holds a unit for an order at least as long as checkout asks, however short the deal's hold time; the deal page keeps the deal's", async () => {
    const { gate } = await liveGate({ units: 5, perUserLimit: 3, holdSeconds: 10 });
    const holdMs = 20 * 60_000;
    const before = Date.now();
    const page = await gate.reserve({ reservationId: "page", shopperId: "s1", qty: 1, holdMs });
    expect(page.ok && Date.parse(page.expiresAt)).toBeLessThanOrEqual(Date.now() + 10_000);
    // Taken over from the deal page, and held afresh.
    const claimed = await gate.reserve({ reservationId: "page:a", shopperId: "s1", qty: 1, owner: "ord_a", holdMs, claimFrom: "page" });
    expect(claimed.ok && Date.parse(claimed.expiresAt)).toBeGreaterThanOrEqual(before + holdMs);
    const fresh = await gate.reserve({ reservationId: "page:b", shopperId: "s1", qty: 1, owner: "ord_b", holdMs });
    expect(fresh.ok && Date.parse(fresh.expiresAt)).toBeGreaterThanOrEqual(before + holdMs);
    // A deal whose own hold time is the longer keeps it.
    const long = await liveGate({ holdSeconds: 3_600 });
    const longer = await long.gate.reserve({ reservationId: "c", shopperId: "s1", qty: 1, owner: "ord_c", holdMs });
    expect(longer.ok && Date.parse(longer.expiresAt)).toBeGreaterThanOrEqual(before + 3_600_000);
  });

  it("frees one waiting-room slot per shopper and session, however many orders they pay for in it", async () => {
    const startsAt = Date.now() - 10_000;
    const { gate } = await liveGate({ startsAt, perUserLimit: 2, activeUsers: 10, newUsersPerMinute: 6000, sessionMinutes: 5 });
    const s = await gate.sync({ preJoins: 0, joins: [[Math.floor(startsAt / 1000), 5]] });
    const until = s.sessions.lapsesAt.at(-1) as number;
    expect(await gate.figures()).toMatchObject({ active: 5 });
    for (const order of ["ord_a", "ord_b"]) {
      expect((await gate.reserve({ reservationId: "page", shopperId: "s1", qty: 1, admittedUntil: until })).ok).toBe(true);
      const id = `page:${order}`;
      expect(
        (await gate.reserve({ reservationId: id, shopperId: "s1", qty: 1, owner: order, admittedUntil: until, claimFrom: "page" })).ok,
      ).toBe(true);
      expect(await gate.commit(id, { owner: order, qty: 1 })).toBe("done");
    }
    expect(await gate.figures()).toMatchObject({ sold: 2, active: 4 });
  });

  it("upgrades a gate whose holds predate order ownership, and those holds can still be bought", async () => {
    const { gate } = await liveGate({ units: 5, perUserLimit: 1 });
    expect((await gate.reserve({ reservationId: "old", shopperId: "s1", qty: 1 })).ok).toBe(true);
    await runInDurableObject(gate, (_: SkuGate, state) => {
      state.storage.sql.exec("ALTER TABLE holds DROP COLUMN owner");
      state.storage.sql.exec("UPDATE meta SET value = 1 WHERE key = 'schema_version'");
    });
    await evictDurableObject(gate);
    expect(await gate.commit("old", { owner: "ord_a", qty: 1 })).toBe("done");
    expect(await gate.reserve({ reservationId: "old", shopperId: "s1", qty: 1, owner: "ord_b" })).toEqual({
      ok: false,
      reason: "per_user_limit",
    });
    expect(await gate.figures()).toMatchObject({ sold: 1, reserved: 0 });
  });

  it("lets a join second in only once late reports for it are in, so they stay within active_users", async () => {
    const { gate } = await liveGate({ activeUsers: 3, newUsersPerMinute: 6000, startsAt: Date.now() - 10_000 });
    const sec = Math.floor(Date.now() / 1000);
    await gate.sync({ preJoins: 0, joins: [[sec, 3]] });
    // Another isolate reports its joins in the same second a moment later.
    await sleep(300);
    await gate.sync({ preJoins: 0, joins: [[sec, 50]] });
    await sleep(Math.max(0, (sec + 1) * 1000 + SETTLE_MS + 50 - Date.now()));
    const state = await gate.sync(noJoins);
    // 3 of the second's 53 shoppers are in; a ticket from the middle of the second still waits.
    expect(state.joinCursor).toBeGreaterThanOrEqual(sec * 1000);
    expect(state.joinCursor).toBeLessThan(sec * 1000 + 500);
    expect(await gate.figures()).toMatchObject({ active: 3, waiting: 50 });
  });

  it("books joins reported after the cursor passed their second as admitted, and admits nobody else on their credit", async () => {
    const { gate } = await liveGate({ activeUsers: 100, newUsersPerMinute: 600, startsAt: Date.now() - 30_000 });
    const sec = Math.floor(Date.now() / 1000) - 10;
    await gate.sync({ preJoins: 0, joins: [[sec, 3]] });
    // An isolate that could not reach the gate for a while reports 60 more joins in that second.
    const state = await gate.sync({
      preJoins: 0,
      joins: [
        [sec, 60],
        [sec + 1, 5],
      ],
    });
    expect(await gate.figures()).toMatchObject({ active: 63, waiting: 5 });
    expect(state.joinCursor).toBeLessThan((sec + 1) * 1000);
  });

  it("never moves the pre-queue cursor back when pre-queue joins are reported after it opened", async () => {
    const startsAt = Date.now() + 300;
    const { gate } = await liveGate({ startsAt, activeUsers: 100, newUsersPerMinute: 600 });
    await gate.sync({ preJoins: 40, joins: [] });
    await sleep(startsAt + SETTLE_MS + 200 - Date.now());
    await gate.sync(noJoins);
    await sleep(500);
    const opened = await gate.sync(noJoins);
    expect(opened.preCursor).toBeGreaterThan(0);
    expect(opened.preCursor).toBeLessThan(1);
    const late = await gate.sync({ preJoins: 200, joins: [] });
    expect(late.preCount).toBe(40);
    expect(late.preCursor).toBeGreaterThanOrEqual(opened.preCursor);
    // Those 200 wait in the line after the start, but their shoppers joined before the opening.
    await gate.sync({ preJoins: 0, joins: [[Math.floor(Date.now() / 1000), 7]] });
    expect(await gate.figures()).toMatchObject({ joined: 247, joinedBeforeOpen: 240 });
  });

  it("upgrades a gate that did not record pre-queue joins reported late: its joins still add up", async () => {
    const startsAt = Date.now() - 10_000;
    const { gate } = await liveGate({ startsAt, activeUsers: 100, newUsersPerMinute: 600 });
    await runInDurableObject(gate, (_: SkuGate, state) => {
      state.storage.sql.exec("UPDATE deal SET pre_count = 30 WHERE id = 1");
      state.storage.sql.exec("ALTER TABLE deal DROP COLUMN pre_late");
      state.storage.sql.exec("UPDATE meta SET value = 7 WHERE key = 'schema_version'");
    });
    await evictDurableObject(gate);
    await gate.sync({ preJoins: 4, joins: [[Math.floor(startsAt / 1000) + 1, 6]] });
    expect(await gate.figures()).toMatchObject({ joined: 40, joinedBeforeOpen: 34 });
  });

  it("places a shopper who joined after the start behind the pre-queue still waiting and the joins before them", async () => {
    const startsAt = Date.now() - 8_000;
    // Nothing more is admitted while the test runs.
    const { gate } = await liveGate({ startsAt, activeUsers: 600, newUsersPerMinute: 1, sessionMinutes: 10 });
    await runInDurableObject(gate, (_: SkuGate, state) => {
      state.storage.sql.exec("UPDATE deal SET pre_count = 1000, pre_admitted = 500 WHERE id = 1");
    });
    const first = Math.floor(startsAt / 1000);
    const state = await gate.sync({
      preJoins: 0,
      joins: [
        [first, 30],
        [first + 1, 40],
        [first + 2, 50],
      ],
    });
    const ticket = { typ: "wr-ticket" as const, deal: "d", shopper: "s", joinedAt: (first + 1) * 1000 + 500, pre: false, rank: 0 };
    expect(positionOf(ticket, state)).toBe(550);
  });

  it("counts every waiting join in a line deeper than its summary has points", async () => {
    // A minute of joins behind the cursor: the summary groups several seconds per point.
    const startsAt = Date.now() - 60_000;
    const { gate } = await liveGate({ startsAt, activeUsers: 600, newUsersPerMinute: 1, sessionMinutes: 10 });
    await runInDurableObject(gate, (_: SkuGate, state) => {
      state.storage.sql.exec("UPDATE deal SET pre_count = 1000, pre_admitted = 0 WHERE id = 1");
    });
    const first = Math.floor(startsAt / 1000);
    const state = await gate.sync({ preJoins: 0, joins: Array.from({ length: 60 }, (_, i) => [first + i, 1] as [number, number]) });
    expect(state.ahead.counts.at(-1)).toBe(60);
    const last = { typ: "wr-ticket" as const, deal: "d", shopper: "s", joinedAt: (first + 60) * 1000, pre: false, rank: 0 };
    expect(positionOf(last, state)).toBe(1060);
  });

  it("estimates waits at the lower of the admission rates its settings allow", async () => {
    // 600 a minute, but 10 active shoppers with 10-minute sessions free a slot a minute in the long run.
    const { gate } = await liveGate({ activeUsers: 10, newUsersPerMinute: 600, sessionMinutes: 10 });
    expect((await gate.sync(noJoins)).admitsPerSecond).toBe(1 / 60);
  });

  it("upgrades a gate whose admissions predate sessions: shoppers admitted before keep a session that ends", async () => {
    const { gate } = await liveGate({ startsAt: Date.now() - 10_000, activeUsers: 100, newUsersPerMinute: 600 });
    const sec = Math.floor(Date.now() / 1000) - 5;
    const before = await gate.sync({ preJoins: 0, joins: [[sec, 3]] });
    await runInDurableObject(gate, (_: SkuGate, state) => {
      state.storage.sql.exec("ALTER TABLE admissions DROP COLUMN pre_to");
      state.storage.sql.exec("ALTER TABLE admissions DROP COLUMN join_to");
      state.storage.sql.exec("UPDATE meta SET value = 2 WHERE key = 'schema_version'");
    });
    await evictDurableObject(gate);
    const after = await gate.sync(noJoins);
    expect(after.sessions.joinCursor).toEqual([before.joinCursor]);
    expect(after.sessions.lapsesAt[0]).toBeGreaterThan(Date.now());
  });

  it("frees the slot of the later turn when a shopper admitted again buys on the hold they kept", async () => {
    const startsAt = Date.now() - 10_000;
    // Sessions of 3 s; the hold outlives the first one.
    const { gate } = await liveGate({ startsAt, activeUsers: 10, newUsersPerMinute: 6000, sessionMinutes: 0.05, holdSeconds: 600 });
    const first = Math.floor(startsAt / 1000);
    const a = await gate.sync({ preJoins: 0, joins: [[first, 1]] });
    const firstTurn = a.sessions.lapsesAt.at(-1) as number;
    expect((await gate.reserve({ reservationId: "a", shopperId: "sa", qty: 1, admittedUntil: firstTurn })).ok).toBe(true);
    await sleep(firstTurn - Date.now() + 50);
    // Admitted again (with two others), the shopper comes back to the same hold on the new turn.
    const again = await gate.sync({ preJoins: 0, joins: [[first + 1, 3]] });
    const secondTurn = again.sessions.lapsesAt.at(-1) as number;
    expect(await gate.figures()).toMatchObject({ active: 3 });
    expect((await gate.reserve({ reservationId: "a", shopperId: "sa", qty: 1, admittedUntil: secondTurn })).ok).toBe(true);
    expect(await gate.commit("a")).toBe("done");
    expect(await gate.figures()).toMatchObject({ active: 2 });
  });

  it("frees a slot when an admitted shopper buys only while their own session is open", async () => {
    const startsAt = Date.now() - 10_000;
    // A session of 3 s, so the test can see one lapse; 10 shoppers may be active at once.
    const { gate } = await liveGate({ startsAt, activeUsers: 10, newUsersPerMinute: 6000, sessionMinutes: 0.05 });
    const first = Math.floor(startsAt / 1000);
    const a = await gate.sync({ preJoins: 0, joins: [[first, 1]] });
    const aUntil = a.sessions.lapsesAt.at(-1) as number;
    // A checks out in time: the order's hold outlives the session, for the payment.
    expect((await gate.reserve({ reservationId: "a", shopperId: "sa", qty: 1, owner: "ord_a", admittedUntil: aUntil })).ok).toBe(true);
    await sleep(aUntil - Date.now() + 50);
    const b = await gate.sync({ preJoins: 0, joins: [[first + 1, 10]] });
    expect(await gate.figures()).toMatchObject({ active: 10 });
    // A's session lapsed and gave its slot back then: paying now frees nobody else's.
    expect(await gate.commit("a", { owner: "ord_a", qty: 1 })).toBe("done");
    expect(await gate.figures()).toMatchObject({ active: 10 });
    // One of the new ten pays within their session: their slot is free for the next shopper.
    const bUntil = b.sessions.lapsesAt.at(-1) as number;
    expect((await gate.reserve({ reservationId: "b", shopperId: "sb", qty: 1, admittedUntil: bUntil })).ok).toBe(true);
    expect(await gate.commit("b")).toBe("done");
    expect(await gate.figures()).toMatchObject({ active: 9 });
  });
});
