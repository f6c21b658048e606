import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SkuGate } from "../../durable-objects/sku-gate";
import { type JournalRow, toEntry } from "../../durable-objects/sku-gate-journal";
import { dealRestockRef } from "../../workers/checkout/holds";
import { allocateToDealStatements, restockDealUnit } from "../../workers/inventory/deal-ledger";
import { auditSku } from "../../workers/inventory/audit";
import { applyGateJournal } from "../../workers/inventory/journal-consumer";
import { setAvailable } from "../../workers/inventory/ledger";
import { gateFor } from "../../workers/deals/gate-client";
import { createListingFixture } from "../helpers/catalog";
import { gateConfig } from "./helpers";

type Cmd =
  | { op: "reserve"; shopper: number; qty: number }
  | { op: "commit"; hold: number }
  | { op: "release"; hold: number }
  | { op: "rehold"; hold: number; qty: number }
  | { op: "claim"; hold: number; qty: number }
  | { op: "expire" }
  | { op: "pause" }
  | { op: "resume" }
  | { op: "end" };

const command: fc.Arbitrary<Cmd> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constant("reserve" as const),
      shopper: fc.integer({ min: 0, max: 5 }),
      qty: fc.integer({ min: 1, max: 3 }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ op: fc.constant("commit" as const), hold: fc.nat(40) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("release" as const), hold: fc.nat(40) }) },
  // A shopper's hold id is fixed per deal, so a shopper holding again reuses it.
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant("rehold" as const), hold: fc.nat(40), qty: fc.integer({ min: 1, max: 3 }) }),
  },
  // An order's checkout taking over a hold under its own id, or holding afresh when it cannot.
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant("claim" as const), hold: fc.nat(40), qty: fc.integer({ min: 1, max: 3 }) }),
  },
  { weight: 1, arbitrary: fc.constant({ op: "expire" as const }) },
  { weight: 1, arbitrary: fc.constant({ op: "pause" as const }) },
  { weight: 1, arbitrary: fc.constant({ op: "resume" as const }) },
  { weight: 1, arbitrary: fc.constant({ op: "end" as const }) },
);

let run = 0;

describe("SkuGate model", () => {
  it("keeps every unit accounted for, in the gate and in the ledger, under random interleavings", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 5, maxLength: 30 }), fc.integer({ min: 1, max: 8 }), async (cmds, units) => {
        run++;
        const f = await createListingFixture();
        await setAvailable(env.DB, { skuId: f.listingId, warehouseId: f.warehouseId, available: 20, ref: `model-count-${run}` });
        const dealId = `deal_model_${run}_${crypto.randomUUID()}`;
        const [move, journal] = allocateToDealStatements(
          env.DB,
          { skuId: f.listingId, warehouseId: f.warehouseId, qty: units, ref: `${dealId}:allocate`, reason: "model" },
          new Date().toISOString(),
        );
        await env.DB.batch([move as D1PreparedStatement, journal as D1PreparedStatement]);
        const gate = gateFor(env, dealId);
        await gate.init(
          gateConfig({
            dealId,
            skuId: f.listingId,
            warehouseId: f.warehouseId,
            units,
            perUserLimit: 4,
            activeUsers: 10,
            newUsersPerMinute: 60,
            sessionMinutes: 5,
          }),
        );
        // The model: each hold's state, and whether the deal is paused or has ended.
        // An order's own sale it then gives back (its cancel) is "restocked": counted returned, once.
        const holds: Array<{
          id: string;
          shopper: string;
          qty: number;
          owner: string | null;
          state: "held" | "committed" | "restocked" | "gone";
        }> = [];
        const mineOf = (shopper: string) =>
          holds.filter((o) => o.shopper === shopper && (o.state === "held" || o.state === "committed")).reduce((s, o) => s + o.qty, 0);
        let ended = false;
        let paused = false;
        let remaining = units;
        for (const [i, c] of cmds.entries()) {
          if (c.op === "reserve") {
            const id = `${dealId}:h${i}`;
            const res = await gate.reserve({ reservationId: id, shopperId: `s${c.shopper}`, qty: c.qty });
            if (res.ok) holds.push({ id, shopper: `s${c.shopper}`, qty: c.qty, owner: null, state: "held" });
            if (ended) expect(res.ok).toBe(false);
          } else if ((c.op === "commit" || c.op === "release") && holds.length > 0) {
            const h = holds[c.hold % holds.length] as (typeof holds)[number];
            const out =
              c.op === "commit"
                ? await gate.commit(h.id, h.owner ? { owner: h.owner, qty: h.qty } : undefined)
                : await gate.release(h.id, "model", h.owner ?? undefined);
            if (h.state === "held") {
              expect(out).toBe("done");
              h.state = c.op === "commit" ? "committed" : "gone";
            } else {
              expect(out).not.toBe("done");
              if (c.op === "release" && h.state === "committed" && h.owner !== null) h.state = "restocked";
            }
          } else if (c.op === "rehold" && holds.length > 0) {
            const h = holds[c.hold % holds.length] as (typeof holds)[number];
            const res = await gate.reserve({ reservationId: h.id, shopperId: h.shopper, qty: c.qty });
            if (h.state === "held") {
              // An order's hold is not the deal page's to take back.
              expect(res.ok).toBe(c.qty === h.qty && h.owner === null);
            } else if (h.state === "committed" || h.state === "restocked") {
              // A sale is never handed out again under its id (the deal page has no order to own it).
              expect(res.ok).toBe(false);
            } else {
              // A hold given back is a new reserve under the same id, with every usual check.
              expect(res.ok).toBe(!ended && !paused && remaining >= c.qty && mineOf(h.shopper) + c.qty <= 4);
              if (res.ok) {
                h.qty = c.qty;
                h.owner = null;
                h.state = "held";
              }
            }
          } else if (c.op === "claim" && holds.length > 0) {
            const page = holds[c.hold % holds.length] as (typeof holds)[number];
            const owner = `o${i}`;
            const id = `${page.id}:${owner}`;
            const res = await gate.reserve({ reservationId: id, shopperId: page.shopper, qty: c.qty, owner, claimFrom: page.id });
            const pageHeld = page.state === "held" && page.owner === null;
            if (pageHeld && page.qty === c.qty) {
              // Taken over: the same units, now under the order's id; the page's id is free again.
              expect(res.ok).toBe(true);
              page.state = "gone";
            } else if (pageHeld) {
              // Another quantity: the order's hold replaces the page's, or nothing changes.
              const mine = mineOf(page.shopper) - page.qty;
              expect(res.ok).toBe(!ended && !paused && remaining + page.qty >= c.qty && mine + c.qty <= 4);
              if (res.ok) page.state = "gone";
            } else {
              expect(res.ok).toBe(!ended && !paused && remaining >= c.qty && mineOf(page.shopper) + c.qty <= 4);
            }
            if (res.ok) holds.push({ id, shopper: page.shopper, qty: c.qty, owner, state: "held" });
          } else if (c.op === "expire") {
            await runInDurableObject(gate, (_: SkuGate, state) => {
              state.storage.sql.exec("UPDATE holds SET expires_at = 0 WHERE status = 'held'");
            });
            await runDurableObjectAlarm(gate);
            for (const h of holds) if (h.state === "held") h.state = "gone";
          } else if (c.op === "pause") {
            await gate.pause();
            paused ||= !ended;
          } else if (c.op === "resume") {
            await gate.resume();
            if (!ended) paused = false;
          } else if (c.op === "end") {
            await gate.end();
            ended = true;
          }
          const fig = await gate.figures();
          const sold = holds.filter((h) => h.state === "committed").reduce((s, h) => s + h.qty, 0);
          const restocked = holds.filter((h) => h.state === "restocked").reduce((s, h) => s + h.qty, 0);
          const held = holds.filter((h) => h.state === "held").reduce((s, h) => s + h.qty, 0);
          expect(fig.sold).toBe(sold);
          expect(fig.reserved).toBe(held);
          expect(fig.returned).toBeGreaterThanOrEqual(restocked);
          expect(fig.sold + fig.reserved + fig.remaining + fig.returned).toBe(units);
          expect(fig.remaining).toBeGreaterThanOrEqual(0);
          remaining = fig.remaining;
        }
        // Ship the gate's whole journal to the ledger twice (redelivery) and audit.
        const rows = await runInDurableObject(gate, (_: SkuGate, state) =>
          state.storage.sql.exec<JournalRow>("SELECT seq, kind, reservation_id, qty, at FROM journal ORDER BY seq").toArray(),
        );
        const batch = { source: "sku-gate" as const, dealId, skuId: f.listingId, warehouseId: f.warehouseId, entries: rows.map(toEntry) };
        await applyGateJournal(env.DB, batch);
        await applyGateJournal(env.DB, batch);
        // Each cancelled sale goes back on the ledger's shelf, as the order's undo does (twice: a retry);
        // restock refs are unique store-wide, as hold ids are, hence the deal id in each.
        for (const h of holds.filter((o) => o.state === "restocked")) {
          const move = { skuId: f.listingId, warehouseId: f.warehouseId, qty: h.qty, ref: dealRestockRef(h.id), reason: "model" };
          for (let n = 0; n < 2; n++) await restockDealUnit(env.DB, move, new Date().toISOString());
        }
        const audit = await auditSku(env.DB, f.listingId);
        const fig = await gate.figures();
        expect(audit).toMatchObject({
          conserved: true,
          sold: fig.sold,
          allocated: units - fig.sold - fig.returned,
          available: 20 - units + fig.returned,
        });
      }),
      { numRuns: 12 },
    );
  });
});
