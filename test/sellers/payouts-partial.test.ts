import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { type PayoutLine, type PayoutStatement, sellerPayouts } from "../../workers/sellers/payouts";
import { shareOf } from "../../workers/sellers/settlement";
import type { TestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { documentsOf } from "../invoices/support";
import { partlyReturnedSales, sellerOfPhones } from "./payouts-seed";
import { mustMove } from "./returned-order";

async function payoutsOf(seller: TestUser, query = ""): Promise<PayoutStatement> {
  const res = await api(`/api/seller/payouts${query}`, { headers: seller.headers });
  if (res.status !== 200) throw new Error(`payouts: ${res.status} ${await res.text()}`);
  return (await res.json()) as PayoutStatement;
}

/** The lines as the statement orders them (newest orders first), each order's lines by title. */
function byTitle(lines: PayoutLine[]): PayoutLine[] {
  const orders = [...new Set(lines.map((l) => l.order_id))];
  const at = (l: PayoutLine) => orders.indexOf(l.order_id);
  return [...lines].sort((a, b) => at(a) - at(b) || a.title.localeCompare(b.title));
}

/** Each line as [order, title, state, units kept, net]. */
function rows(lines: PayoutLine[]) {
  return byTitle(lines).map((l) => [l.order_id, l.title, l.state, l.units_kept, l.net]);
}

const DAY_MS = 86_400_000;

// A ₹12,999 phone at the residuary 18%: 10% commission, ₹40 closing fee, 18% GST on both, TCS on the
// invoice's ₹11,016.10 taxable, TDS 0.1%.
const PHONE = {
  qty: 1,
  units_kept: 1,
  sale_value: 1_299_900,
  commission: 129_990,
  closing_fee: 4_000,
  fees_gst: 24_118,
  tcs: 5_508,
  tds: 1_300,
  net: 1_134_984,
};
// Two of three ₹999.99 screen guards: ₹20 closing fee each; TCS on ₹2,542.35 invoiced less ₹847.45 credited.
const TWO_GUARDS = {
  qty: 3,
  units_kept: 2,
  sale_value: 199_998,
  commission: 20_000,
  closing_fee: 4_000,
  fees_gst: 4_320,
  tcs: 847,
  tds: 200,
  net: 170_631,
};
const CASE_NET = 42_571;

describe("the payments statement of partly returned orders", () => {
  it("pays for what the shopper kept: the phone whose case came back, 2 of 3 guards, both lines of a declined return", async () => {
    const s = await partlyReturnedSales();
    const now = await payoutsOf(s.seller);
    expect(rows(now.lines)).toEqual([
      [s.refunded, "Phone", "no_payout", 0, 0],
      [s.refunded, "Phone case", "no_payout", 0, 0],
      [s.declined, "Phone", "pending", 1, PHONE.net],
      [s.declined, "Phone case", "pending", 1, CASE_NET],
      [s.guards, "Screen guard", "pending", 2, TWO_GUARDS.net],
      [s.caseBack, "Phone", "pending", 1, PHONE.net],
      [s.caseBack, "Phone case", "no_payout", 0, 0],
    ]);
    // Within the window the kept lines wait for the same day a delivered order's would.
    const kept = now.lines.filter((l) => l.state === "pending");
    expect(kept.map((l) => l.settles_on)).toEqual(kept.map(() => s.settlesOn));
    expect(now.lines.find((l) => l.order_id === s.caseBack && l.title === "Phone")).toMatchObject({
      order_status: "return_received",
      ...PHONE,
    });
    expect(now.lines.find((l) => l.order_id === s.guards)).toMatchObject({ order_status: "refunded", units_on_hold: 0, ...TWO_GUARDS });

    // Once the window has closed they are payable, with the same figures.
    const later = await sellerPayouts(env.DB, s.sellerId, { limit: 20 }, new Date(Date.now() + 20 * DAY_MS));
    expect(rows(later.lines)).toEqual([
      [s.refunded, "Phone", "no_payout", 0, 0],
      [s.refunded, "Phone case", "no_payout", 0, 0],
      [s.declined, "Phone", "payable", 1, PHONE.net],
      [s.declined, "Phone case", "payable", 1, CASE_NET],
      [s.guards, "Screen guard", "payable", 2, TWO_GUARDS.net],
      [s.caseBack, "Phone", "payable", 1, PHONE.net],
      [s.caseBack, "Phone case", "no_payout", 0, 0],
    ]);
    expect(later.lines.find((l) => l.order_id === s.caseBack && l.title === "Phone")).toMatchObject({ settles_on: s.settlesOn, ...PHONE });
  });

  it("takes TCS on what the seller's invoice less its credit note says of the kept units", async () => {
    const s = await partlyReturnedSales();
    const { items: invoices, credit_notes: notes } = await documentsOf(s.guards, s.shopper);
    const invoiced = invoices[0]?.lines[0]?.taxable_value ?? 0;
    const credited = notes[0]?.lines[0]?.taxable_value ?? 0;
    expect([invoiced, credited, notes[0]?.lines[0]?.qty]).toEqual([254_235, 84_745, 1]);
    const guards = (await payoutsOf(s.seller)).lines.find((l) => l.order_id === s.guards);
    expect(guards?.tcs).toBe(shareOf(invoiced - credited, 5, 1000));

    // The phone of the order whose case came back is on the same invoice as the case; the credit note cancels the case alone.
    const phoneDocs = await documentsOf(s.caseBack, s.shopper);
    expect(phoneDocs.credit_notes[0]?.lines.map((l) => l.title)).toEqual(["Phone case"]);
    const phoneInvoiced = phoneDocs.items[0]?.lines.find((l) => l.title === "Phone")?.taxable_value ?? 0;
    expect(shareOf(phoneInvoiced, 5, 1000)).toBe(PHONE.tcs);
  });

  it("filters and sums a partly returned order's lines by each line's own state", async () => {
    const s = await partlyReturnedSales();
    const ids = (st: PayoutStatement) => byTitle(st.lines).map((l) => [l.order_id, l.title]);
    expect(ids(await payoutsOf(s.seller, "?state=pending"))).toEqual([
      [s.declined, "Phone"],
      [s.declined, "Phone case"],
      [s.guards, "Screen guard"],
      [s.caseBack, "Phone"],
    ]);
    expect(ids(await payoutsOf(s.seller, "?state=payable"))).toEqual([]);
    const noPayout = [
      [s.refunded, "Phone"],
      [s.refunded, "Phone case"],
      [s.caseBack, "Phone case"],
    ];
    expect(ids(await payoutsOf(s.seller, "?state=no_payout"))).toEqual(noPayout);
    // A page of one order at a time still finds the partly returned order under no payout.
    const first = await payoutsOf(s.seller, "?state=no_payout&limit=1");
    expect(ids(first)).toEqual(noPayout.slice(0, 2));
    expect(ids(await payoutsOf(s.seller, `?state=no_payout&limit=1&cursor=${first.next_cursor}`))).toEqual(noPayout.slice(2));

    const pendingNet = PHONE.net + CASE_NET + TWO_GUARDS.net + PHONE.net;
    const pendingSale = 2 * PHONE.sale_value + 49_900 + TWO_GUARDS.sale_value;
    expect((await payoutsOf(s.seller)).summary).toMatchObject({
      pending: { lines: 4, sale_value: pendingSale, net: pendingNet },
      payable: { lines: 0, sale_value: 0, net: 0 },
      no_payout: { lines: 3 },
      settlements: [],
    });

    const when = new Date(Date.now() + 20 * DAY_MS);
    const later = (state?: "pending" | "payable" | "no_payout") => sellerPayouts(env.DB, s.sellerId, { limit: 20, state }, when);
    expect(ids(await later("payable"))).toEqual([
      [s.declined, "Phone"],
      [s.declined, "Phone case"],
      [s.guards, "Screen guard"],
      [s.caseBack, "Phone"],
    ]);
    expect(ids(await later("pending"))).toEqual([]);
    expect(ids(await later("no_payout"))).toEqual(noPayout);
    expect((await later()).summary).toMatchObject({
      pending: { lines: 0 },
      payable: { lines: 4, sale_value: pendingSale, net: pendingNet },
      no_payout: { lines: 3 },
      settlements: [{ date: s.settlesOn, lines: 4, sale_value: pendingSale, net: pendingNet }],
    });
  });

  it("holds the units a return asks back until ops decide, and pays them in full when it is declined", async () => {
    const s = await sellerOfPhones();
    const orderId = await s.delivered([
      ["phone", 1],
      ["guard", 3],
    ]);
    await s.askBack(orderId, [["guard", 1]]);
    const asked = await payoutsOf(s.seller);
    expect(byTitle(asked.lines).map((l) => [l.title, l.state, l.units_kept, l.units_on_hold, l.settles_on])).toEqual([
      ["Phone", "pending", 1, 0, null],
      ["Screen guard", "pending", 3, 1, null],
    ]);
    expect(byTitle(asked.lines)[1]?.sale_value).toBe(299_997);
    expect(asked.summary.pending.lines).toBe(2);

    await mustMove(orderId, s.ops, { to: "delivered", reason: "The guard is not damaged" });
    const declined = await sellerPayouts(env.DB, s.sellerId, { limit: 20 }, new Date(Date.now() + 20 * DAY_MS));
    expect(byTitle(declined.lines).map((l) => [l.title, l.state, l.units_kept, l.units_on_hold, l.sale_value])).toEqual([
      ["Phone", "payable", 1, 0, 1_299_900],
      ["Screen guard", "payable", 3, 0, 299_997],
    ]);

    // Ops refunding it on their own afterwards gives all the money back: the declined return's stamps take nothing off.
    await mustMove(orderId, s.ops, { to: "refunded" });
    expect(byTitle((await payoutsOf(s.seller)).lines).map((l) => [l.title, l.state, l.units_kept])).toEqual([
      ["Phone", "no_payout", 0],
      ["Screen guard", "no_payout", 0],
    ]);
    expect((await payoutsOf(s.seller, "?state=payable")).lines).toEqual([]);
    expect((await payoutsOf(s.seller, "?state=pending")).lines).toEqual([]);
  });
});
