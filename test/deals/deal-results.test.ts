import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { FIRST_MINUTES_SQL, LEDGER_SQL, PEAK_MINUTE_SQL, SOLD_OUT_SQL, TOTALS_SQL } from "../../workers/deals/deal-results";
import { createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { paidDealOrder } from "../checkout/deal-support";
import { ADDRESS, checkout, waitForStatus } from "../checkout/support";
import { signAdmission } from "../../workers/deals/tickets";
import { gateFor } from "../../workers/deals/gate-client";
import { askReturn, opsMove } from "../orders/returns-seed";
import { createDeal } from "../../workers/deals/create-deal";
import { readDealResults } from "../../workers/deals/results-report";
import { CreateDealBody } from "../../workers/deals/schemas";
import { type DealSetup, createDealViaApi, dealBody, dealSetup, gateDownEnv } from "./helpers";
import type { DealResultsView } from "../../workers/pages/consoles/deal-results-panel";

type Results = DealResultsView;

/** A live deal of `units` units at ₹999 on the setup's ₹1,299 listing, one per shopper. */
async function liveDeal(units: number): Promise<{ s: DealSetup; dealId: string }> {
  const s = await dealSetup(20);
  const dealId = await createDealViaApi(s, { units, per_user_limit: 1, starts_at: new Date(Date.now() + 300).toISOString() });
  await scheduler.wait(400);
  return { s, dealId };
}

/** Waits for the gate's `sales` sales to reach the ledger, as the queue brings them. */
async function salesLanded(dealId: string, sales: number) {
  const landed = async () =>
    (
      await env.DB.prepare("SELECT COUNT(*) AS n FROM inventory_journal WHERE ref LIKE ? AND kind = 'deal_sale'")
        .bind(`${dealId}#%`)
        .first<{ n: number }>()
    )?.n ?? 0;
  for (let i = 0; i < 200 && (await landed()) < sales; i++) await scheduler.wait(50);
}

async function resultsOf(dealId: string, headers: Record<string, string>): Promise<Results> {
  const res = await api(`/api/admin/deals/${dealId}/results`, { headers });
  expect(res.status).toBe(200);
  return (await res.json()) as Results;
}

describe("GET /api/admin/deals/{id}/results", () => {
  it("adds up an ended deal: units, orders and money net of a cancellation and a return, and when it sold", async () => {
    const { s, dealId } = await liveDeal(4);
    const ops = await createTestUser(["ops"]);
    const a = await paidDealOrder(s.fixture.listingId, dealId);
    const b = await paidDealOrder(s.fixture.listingId, dealId);
    await paidDealOrder(s.fixture.listingId, dealId);

    // A cancels; B's order is delivered, asked back and the return accepted.
    expect((await api(`/api/orders/${a.orderId}/cancel`, { method: "POST", headers: a.user.headers })).status).toBe(200);
    for (const to of ["packed", "shipped", "delivered"]) expect((await opsMove(b.orderId, ops, { to })).status).toBe(200);
    expect((await askReturn(b.orderId, b.user)).status).toBeLessThan(300);
    expect((await opsMove(b.orderId, ops, { to: "refunded" })).status).toBe(200);

    await salesLanded(dealId, 3);
    const live = await resultsOf(dealId, s.manager.headers);
    expect(live).toMatchObject({ final: false, status: "live", units: { sold: 3, still_in_deal: 1, returned_to_stock: 0 } });
    expect(live.timing.ended_at).toBeNull();

    expect((await api(`/api/admin/deals/${dealId}/end`, { method: "POST", headers: s.manager.headers })).status).toBe(200);
    const r = await resultsOf(dealId, ops.headers);
    expect(r).toMatchObject({
      final: true,
      status: "ended",
      units: { allocated: 4, sold: 3, cancelled: 1, returned: 1, net_sold: 1, returned_to_stock: 1, still_in_deal: 0 },
      orders: { placed: 3, paid: 3, cancelled: 1, returned: 1 },
      // ₹999 a unit on a ₹1,299 listing: three paid, two refunded; the one kept gave ₹300 away.
      revenue: { gross: 299700, refunded: 199800, cancelled_unpaid: 0, net: 99900, discount: 30000, discount_unrecorded_units: 0 },
      shoppers: { ordered: 3, paid: 3 },
    });
    expect(r.shoppers.admitted).toBeTypeOf("number");
    // It never sold out: its last unit went back to stock.
    expect(r.timing.sold_out_at).toBeNull();
    expect(r.timing.sell_out_seconds).toBeNull();
    const { opened_at, first_sale_at, ended_at } = r.timing;
    expect(first_sale_at).not.toBeNull();
    expect(ended_at).not.toBeNull();
    expect(opened_at).not.toBeNull();
    expect(opened_at! <= (first_sale_at as string) && (first_sale_at as string) <= (ended_at as string)).toBe(true);
    // All three sales fell in the deal's first minute.
    expect(r.timing.peak_minute).toEqual({ starts_at: new Date(Date.parse(opened_at!)).toISOString(), units: 3 });
    expect(r.timing.first_minutes).toHaveLength(30);
    expect(r.timing.first_minutes.slice(0, 2)).toEqual([3, 0]);
  });

  it("counts a cash-on-delivery order cancelled before the cash was collected as cancelled, not refunded, and leaves it out of the net", async () => {
    const { s, dealId } = await liveDeal(3);
    await paidDealOrder(s.fixture.listingId, dealId);
    const cod = await createTestUser();
    await api(`/api/cart/items/${s.fixture.listingId}`, { method: "PUT", headers: cod.headers, body: { qty: 1 } });
    const token = await signAdmission(env.TICKET_SECRET, dealId, cod.id, Date.now() + 60_000);
    const placed = await checkout(cod, crypto.randomUUID(), { address: ADDRESS, payment_method: "cod", admission_token: token });
    expect(placed.status).toBe(201);
    const { order_id } = (await placed.json()) as { order_id: string };
    await waitForStatus(order_id, ["confirmed"]);
    expect((await api(`/api/orders/${order_id}/cancel`, { method: "POST", headers: cod.headers })).status).toBe(200);

    const r = await resultsOf(dealId, s.manager.headers);
    expect(r.orders).toMatchObject({ placed: 2, paid: 2, cancelled: 1 });
    // ₹999 a unit: one prepaid order kept, one cash order cancelled with nothing taken, so nothing refunded.
    expect(r.revenue).toMatchObject({ gross: 199800, refunded: 0, cancelled_unpaid: 99900, net: 99900 });
  });

  it("keeps an ended deal's results so far while a unit held at its end may yet sell, and final once it is back in stock", async () => {
    const { s, dealId } = await liveDeal(3);
    await paidDealOrder(s.fixture.listingId, dealId);
    const holder = await createTestUser();
    const token = await signAdmission(env.TICKET_SECRET, dealId, holder.id, Date.now() + 60_000);
    const held = await api(`/api/deals/${dealId}/hold`, { headers: holder.headers, body: { admission_token: token, qty: 1 } });
    expect(held.status).toBe(201);
    const { reservation_id } = (await held.json()) as { reservation_id: string };
    await salesLanded(dealId, 1);
    expect((await api(`/api/admin/deals/${dealId}/end`, { method: "POST", headers: s.manager.headers })).status).toBe(200);

    const open = await resultsOf(dealId, s.manager.headers);
    expect(open).toMatchObject({ status: "ended", final: false, units: { sold: 1, still_in_deal: 1 } });
    const dashboard = await (await api(`/deals-console/${dealId}`, { headers: s.manager.headers })).text();
    expect(dashboard).toContain('data-deal-results="so-far"');

    // The shopper lets the unit go: it goes back to stock, and the figures are final.
    expect(await gateFor(env, dealId).release(reservation_id, "test")).toBe("done");
    let r = await resultsOf(dealId, s.manager.headers);
    for (let i = 0; i < 100 && !r.final; i++) {
      await scheduler.wait(50);
      r = await resultsOf(dealId, s.manager.headers);
    }
    expect(r).toMatchObject({ final: true, units: { sold: 1, still_in_deal: 0, returned_to_stock: 2 } });
  });

  it("gives a deal ended before its start no opening, and its dashboard no results", async () => {
    const s = await dealSetup(20);
    const startsAt = Date.now() + 3_600_000;
    const dealId = await createDealViaApi(s, {
      units: 2,
      per_user_limit: 1,
      starts_at: new Date(startsAt).toISOString(),
      ends_at: new Date(startsAt + 3_600_000).toISOString(),
    });
    expect((await api(`/api/admin/deals/${dealId}/end`, { method: "POST", headers: s.manager.headers })).status).toBe(200);
    const r = await resultsOf(dealId, s.manager.headers);
    expect(r.timing.opened_at).toBeNull();
    expect(r.timing.ended_at).not.toBeNull();
    const dashboard = await (await api(`/deals-console/${dealId}`, { headers: s.manager.headers })).text();
    expect(dashboard).toContain("Deal dashboard");
    expect(dashboard).not.toContain("data-deal-results");
  });

  it("says when a deal sold out and how long it took", async () => {
    const { s, dealId } = await liveDeal(2);
    await paidDealOrder(s.fixture.listingId, dealId);
    const last = await paidDealOrder(s.fixture.listingId, dealId);
    const placedAt = await env.DB.prepare("SELECT created_at AS at FROM orders WHERE id = ?").bind(last.orderId).first<{ at: string }>();
    const r = await resultsOf(dealId, s.manager.headers);
    expect(r.final).toBe(false);
    expect(r.units).toMatchObject({ sold: 2, net_sold: 2 });
    expect(r.timing.sold_out_at).toBe(placedAt?.at);
    expect(r.timing.sell_out_seconds).toBe(Math.round((Date.parse(placedAt?.at ?? "") - Date.parse(r.timing.opened_at!)) / 1000));
    expect(r.timing.first_sale_at! <= r.timing.sold_out_at!).toBe(true);
  });

  it("says how many shoppers joined the waiting room, and how many before the deal opened, as do the live figures", async () => {
    const s = await dealSetup(20);
    const startsAt = Date.now() + 2_000;
    const dealId = await createDealViaApi(s, { units: 2, per_user_limit: 1, starts_at: new Date(startsAt).toISOString() });
    // No cookie: each join is a new guest.
    const join = async () => {
      const res = await api(`/api/deals/${dealId}/queue`, { method: "POST" });
      expect(res.status).toBe(200);
      return ((await res.json()) as { ticket: string }).ticket;
    };
    const early = [await join(), await join()];
    expect(Date.now()).toBeLessThan(startsAt);
    await scheduler.wait(startsAt + 100 - Date.now());
    for (let i = 0; i < 3; i++) await join();

    // The joins reach the gate with the isolate's next reports, a second or so later.
    let r = await resultsOf(dealId, s.manager.headers);
    for (let i = 0; i < 40 && r.shoppers.joined !== 5; i++) {
      await scheduler.wait(200);
      await api(`/api/deals/${dealId}/queue`, { headers: { "x-waiting-room-ticket": early[0] ?? "" } });
      r = await resultsOf(dealId, s.manager.headers);
    }
    expect(r.shoppers).toMatchObject({ joined: 5, joined_before_open: 2, ordered: 0, paid: 0 });
    const live = await api(`/api/admin/deals/${dealId}`, { headers: s.manager.headers });
    expect(((await live.json()) as { figures: object }).figures).toMatchObject({ joined: 5, joined_before_open: 2 });

    // Once the deal has ended, the line it had is still there to read.
    expect((await api(`/api/admin/deals/${dealId}/end`, { method: "POST", headers: s.manager.headers })).status).toBe(200);
    expect((await resultsOf(dealId, s.manager.headers)).shoppers).toMatchObject({ joined: 5, joined_before_open: 2 });
  });

  it("leaves out only the waiting-room figures when the gate cannot be asked, and counts none for a deal not set up", async () => {
    const { dealId } = await liveDeal(2);
    const gateDown = {
      ...env,
      SKU_GATE: {
        idFromName: (name: string) => env.SKU_GATE.idFromName(name),
        get: () => ({
          figures: async () => {
            throw new Error("Durable Object is overloaded.");
          },
        }),
      },
    } as unknown as Env;
    const r = await readDealResults(gateDown, dealId);
    expect(r.shoppers).toEqual({ joined: null, joined_before_open: null, admitted: null, ordered: 0, paid: 0 });
    expect(r.units.allocated).toBe(2);

    const s = await dealSetup(20);
    const key = `results-not-set-up-${crypto.randomUUID()}`;
    await expect(createDeal(gateDownEnv(), CreateDealBody.parse(dealBody(s, { units: 3 })), key, s.manager.id)).rejects.toThrow();
    const row = await env.DB.prepare("SELECT id FROM deals WHERE idempotency_key = ?").bind(key).first<{ id: string }>();
    const notSetUp = await resultsOf(row?.id ?? "", s.manager.headers);
    expect(notSetUp.shoppers).toEqual({ joined: 0, joined_before_open: 0, admitted: 0, ordered: 0, paid: 0 });
  });

  it("answers deal managers and ops only, and 404 for a deal that does not exist", async () => {
    const { s, dealId } = await liveDeal(2);
    const shopper = await createTestUser();
    expect((await api(`/api/admin/deals/${dealId}/results`)).status).toBe(401);
    const refused = await api(`/api/admin/deals/${dealId}/results`, { headers: shopper.headers });
    expect(refused.status).toBe(403);
    expect(refused.headers.get("content-type")).toContain("application/problem+json");
    const missing = await api("/api/admin/deals/deal_nope/results", { headers: s.manager.headers });
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toContain("application/problem+json");
    const none = await resultsOf(dealId, s.manager.headers);
    expect(none).toMatchObject({ units: { allocated: 2, sold: 0, still_in_deal: 2 }, orders: { placed: 0 }, revenue: { gross: 0 } });
    expect(none.timing).toMatchObject({ first_sale_at: null, sold_out_at: null, peak_minute: null });
  });

  it("reads only the deal's own rows, through indexes", async () => {
    const plans = [];
    for (const sql of [TOTALS_SQL, SOLD_OUT_SQL, PEAK_MINUTE_SQL, FIRST_MINUTES_SQL, LEDGER_SQL]) {
      const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`).bind("deal_x").all<{ detail: string }>();
      plans.push(results.map((r) => r.detail));
    }
    for (const steps of plans) {
      // No table is read whole: every step on a table seeks an index.
      expect(steps.filter((d) => /^SCAN (oi|o|t|x|order_items|orders|order_transitions|inventory_journal|deals)\b/.test(d))).toEqual([]);
    }
    for (const steps of plans.slice(0, 4)) {
      expect(steps).toContainEqual(expect.stringMatching(/^SEARCH oi USING INDEX order_items_deal_idx \(deal_id=\?/));
      expect(steps).toContainEqual(expect.stringMatching(/^SEARCH o USING (COVERING )?INDEX sqlite_autoindex_orders_1 \(id=\?\)$/));
      expect(steps).toContainEqual(expect.stringMatching(/^SEARCH t USING (COVERING )?INDEX transitions_order_idx \(order_id=\?\)$/));
    }
    // The first minutes read only their own stretch of the deal's lines.
    expect(plans[3]).toContainEqual(expect.stringMatching(/order_items_deal_idx \(deal_id=\? AND created_at<\?\)/));
    expect((plans[4] ?? []).filter((d) => d.includes("inventory_journal"))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^SEARCH inventory_journal USING INDEX journal_ref_kind_uq \(ref=\? AND kind=\?\)$/)]),
    );
    expect(plans[4]).toContainEqual(
      expect.stringMatching(/^SEARCH inventory_journal USING INDEX journal_ref_kind_uq \(ref>\? AND ref<\?\)$/),
    );
  });
});
