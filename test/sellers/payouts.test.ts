import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { newId } from "../../workers/platform/ids";
import { payoutStatements } from "../../workers/sellers/payouts";
import { PAYOUT_STATES } from "../../workers/sellers/settlement";
import { createTestUser, type TestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { twoSellerShippedOrder } from "../invoices/two-sellers";
import { sellerWithSales } from "./payouts-seed";
import { mustMove } from "./returned-order";

interface Statement {
  summary: {
    days: number;
    pending: { lines: number; sale_value: number; net: number };
    payable: { lines: number; sale_value: number; net: number };
    no_payout: { lines: number };
    settlements: Array<{ date: string; lines: number; sale_value: number; net: number }>;
  };
  lines: Array<Record<string, unknown> & { order_id: string; state: string; net: number; settles_on: string | null }>;
  next_cursor: string | null;
}

async function payoutsOf(seller: TestUser, query = ""): Promise<Statement & { text: string }> {
  const res = await api(`/api/seller/payouts${query}`, { headers: seller.headers });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`payouts: ${res.status} ${text}`);
  return { text, ...(JSON.parse(text) as Statement) };
}

describe("GET /api/seller/payouts", () => {
  it("states each line's fees, taxes and net, pending inside the return window, payable after it, nothing for cancelled or refunded orders", async () => {
    const s = await sellerWithSales();
    const statement = await payoutsOf(s.seller);

    expect(statement.lines.map((l) => [l.order_id, l.title, l.state, l.settles_on])).toEqual([
      [s.cancelled, "Cancelled Kurta", "no_payout", null],
      [s.open, "Linen Kurta", "pending", s.openOn],
      [s.closed, "Cotton Kurta", "payable", s.closedOn],
      [s.refunded, "Refunded Kurta", "no_payout", null],
    ]);
    // Two kurtas at ₹499: 15% fashion commission, ₹10 closing fee each, 18% GST on those, TCS on ₹950.48 taxable at 5% GST, TDS.
    expect(statement.lines[2]).toMatchObject({
      qty: 2,
      units_kept: 2,
      unit_price: 49_900,
      sale_value: 99_800,
      commission_percent: 15,
      commission: 14_970,
      closing_fee: 2_000,
      fees_gst: 3_055,
      tcs: 475,
      tds: 100,
      net: 79_200,
    });
    expect(statement.lines[1]).toMatchObject({ sale_value: 49_900, net: 39_600 });
    expect(statement.lines[0]).toMatchObject({ qty: 1, units_kept: 0, sale_value: 0, commission: 0, net: 0 });

    expect(statement.summary).toMatchObject({
      days: 90,
      pending: { lines: 1, sale_value: 49_900, net: 39_600 },
      payable: { lines: 1, sale_value: 99_800, net: 79_200 },
      no_payout: { lines: 2 },
      settlements: [{ date: s.closedOn, lines: 1, sale_value: 99_800, net: 79_200 }],
    });

    // The other seller of the shared order sees its own line only, and none of this seller's.
    expect(statement.text).not.toContain("Other Shirt");
    const theirs = await payoutsOf(s.other);
    expect(theirs.lines.map((l) => [l.title, l.state, l.sale_value])).toEqual([["Other Shirt", "payable", 79_900]]);
    expect(theirs.text).not.toContain("Kurta");
    const stranger = await createTestUser(["seller"], { sellerId: newId("sel") });
    expect((await payoutsOf(stranger)).lines).toEqual([]);
  });

  it("filters by state and pages newest first by cursor, refusing a cursor from another filter", async () => {
    const s = await sellerWithSales();
    expect((await payoutsOf(s.seller, "?state=pending")).lines.map((l) => l.order_id)).toEqual([s.open]);
    expect((await payoutsOf(s.seller, "?state=payable")).lines.map((l) => l.order_id)).toEqual([s.closed]);
    expect((await payoutsOf(s.seller, "?state=no_payout")).lines.map((l) => l.order_id)).toEqual([s.cancelled, s.refunded]);

    const first = await payoutsOf(s.seller, "?limit=2");
    expect(first.lines.map((l) => l.order_id)).toEqual([s.cancelled, s.open]);
    const second = await payoutsOf(s.seller, `?limit=2&cursor=${first.next_cursor}`);
    expect(second.lines.map((l) => l.order_id)).toEqual([s.closed, s.refunded]);
    expect(second.next_cursor).toBeNull();
    const one = await payoutsOf(s.seller, "?state=no_payout&limit=1");
    expect(one.lines.map((l) => l.order_id)).toEqual([s.cancelled]);
    expect((await payoutsOf(s.seller, `?state=no_payout&limit=1&cursor=${one.next_cursor}`)).lines.map((l) => l.order_id)).toEqual([
      s.refunded,
    ]);

    const wrong = await api(`/api/seller/payouts?state=payable&cursor=${first.next_cursor}`, { headers: s.seller.headers });
    expect(wrong.status).toBe(400);
    expect(wrong.headers.get("content-type")).toContain("application/problem+json");
    const bad = await api("/api/seller/payouts?state=paid", { headers: s.seller.headers });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toContain("state");
  });

  it("takes TCS on the taxable value of the seller's own tax invoice, and pays nothing once ops refund the order", async () => {
    const order = await twoSellerShippedOrder({ paid: true });
    await mustMove(order.orderId, order.ops, { to: "delivered" });
    const invoiced = await env.DB.prepare("SELECT l.taxable FROM invoice_lines l WHERE l.invoice_id = ?")
      .bind(order.invoiceA.id)
      .first<{ taxable: number }>();
    const [line] = (await payoutsOf(order.sellerA)).lines;
    // ₹499 at the residuary 18%: ₹422.88 taxable on the invoice, TCS 0.5% of it rounded to ₹2.11.
    expect(invoiced?.taxable).toBe(42_288);
    expect(line).toMatchObject({ title: "Cotton Kurta", state: "pending", tcs: 211 });

    await mustMove(order.orderId, order.ops, { to: "refunded" });
    const [after] = (await payoutsOf(order.sellerA)).lines;
    expect(after).toMatchObject({ state: "no_payout", net: 0, settles_on: null });
  });

  it("is for sellers only", async () => {
    const guest = await api("/api/seller/payouts");
    expect(guest.status).toBe(401);
    expect(guest.headers.get("content-type")).toContain("application/problem+json");
    expect((await api("/api/seller/payouts", { headers: (await createTestUser()).headers })).status).toBe(403);
  });

  it("reads the statement from index ranges of the seller's own lines", async () => {
    for (const state of [undefined, ...PAYOUT_STATES]) {
      for (const cursor of [false, true]) {
        const sql = payoutStatements(state, cursor);
        for (const [name, text, args] of [
          [
            "page",
            sql.page,
            ["sel_x", "2025-01-01T00:00:00.000Z", "ord_x", 21, ...(state === "pending" ? ["2025-01-01T00:00:00.000Z"] : [])],
          ],
          ["summary", sql.summary, ["sel_x", "2025-01-01T00:00:00.000Z"]],
          ["range", sql.range, ["sel_x", "2025-01-01T00:00:00.000Z", "", 200, "2025-01-01T00:00:00.000Z", "2025-02-01T00:00:00.000Z"]],
        ] as const) {
          const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${text}`)
            .bind(...args)
            .all<{ detail: string }>();
          const plan = results.map((r) => r.detail);
          const where = `${name} ${state ?? "all"} ${cursor ? "after a cursor" : "first"}`;
          // Only the page's own rows are walked; every table is searched through an index.
          expect(
            plan.filter((d) => d.startsWith("SCAN ") && d !== "SCAN pg" && !d.includes("json_each")),
            where,
          ).toEqual([]);
          const range =
            name === "page" && cursor
              ? /\(seller_id=\? AND \(created_at,order_id\)<\(\?,\?\)\)$/
              : name === "summary"
                ? /\(seller_id=\? AND created_at>\?\)$/
                : name === "range"
                  ? /\(seller_id=\? AND \(created_at,order_id\)>\(\?,\?\) AND created_at<\?\)$/
                  : /\(seller_id=\?\)$/;
          expect(
            plan.find((d) => d.includes("order_items_seller_idx")),
            where,
          ).toMatch(range);
        }
      }
    }
  });
});
