import { describe, expect, it } from "vitest";
import { keptWords, lineStatus } from "../../workers/pages/consoles/seller-payments";
import { createTestUser, type TestUser } from "../helpers/accounts";
import { api, readerText } from "../helpers/http";
import { newId } from "../../workers/platform/ids";
import { partlyReturnedSales, seedSale, sellerOfPhones, sellerWithSales } from "../sellers/payouts-seed";

async function paymentsPage(seller: TestUser, query = ""): Promise<{ status: number; html: string; text: string }> {
  const res = await api(`/seller/payments${query}`, { headers: seller.headers });
  const html = await res.text();
  return { status: res.status, html, text: readerText(html) };
}

/** The reader's text of the first element marked `marker`, up to its closing `tag`. */
function section(html: string, marker: string, tag: string): string {
  const from = html.slice(html.indexOf(marker));
  return readerText(from.slice(0, from.indexOf(`</${tag}>`)));
}

/** The listing id of the statement row whose item is `title`. */
function listingTitled(html: string, title: string): string {
  const rows = html.split("<tr ").filter((r) => r.includes(`× ${title} at`));
  return rows[0]?.match(/data-listing-id="([^"]+)"/)?.[1] ?? "none";
}

describe("the seller console's Payments tab", () => {
  it("shows the totals, the settlements by date and each line with its breakdown and status", async () => {
    const s = await sellerWithSales();
    const console = await api("/seller", { headers: s.seller.headers });
    expect(await console.text()).toContain('href="/seller/payments"');

    const { status, html, text } = await paymentsPage(s.seller);
    expect(status).toBe(200);
    expect(section(html, "data-payable-total", "span")).toContain("Payable: ₹792 (1 item)");
    expect(section(html, "data-pending-total", "span")).toContain("Pending: ₹396 (1 item)");
    const settlement = section(html, `data-date="${s.closedOn}"`, "tr");
    expect(settlement).toContain("₹998");
    expect(settlement).toContain("₹792");

    const closed = section(html, `data-order-id="${s.closed}"`, "tr");
    expect(closed).toContain("2 × Cotton Kurta at ₹499");
    expect(closed).toContain("Payable on");
    for (const part of [
      "Sale value",
      "₹998",
      "Commission (15%)",
      "− ₹149.70",
      "Closing fee",
      "− ₹20",
      "GST on fees (18%)",
      "− ₹30.55",
      "TCS (0.5%)",
      "− ₹4.75",
      "TDS (0.1%)",
      "− ₹1",
      "You receive",
      "₹792",
    ])
      expect(closed).toContain(part);
    expect(section(html, `data-order-id="${s.cancelled}"`, "tr")).toContain("Returned/cancelled: no payout");
    expect(section(html, `data-order-id="${s.open}"`, "tr")).toContain("Pending: return window open");
    expect(text).not.toContain("Other Shirt");

    const how = section(html, "data-how-we-work-it-out", "section");
    expect(how).toContain("How we work this out");
    expect(how).toContain("Fashion 15%");
    expect(how).toContain("Mobiles & tablets 5%");

    const pending = await paymentsPage(s.seller, "?state=pending");
    expect(pending.html).toContain(`data-order-id="${s.open}"`);
    expect(pending.html).not.toContain(`data-order-id="${s.closed}"`);
  });

  it("shows a partly returned line as the units kept, with their figures, and the returned line as no payout", async () => {
    const s = await partlyReturnedSales();
    const { html } = await paymentsPage(s.seller);
    const guards = section(html, `data-order-id="${s.guards}"`, "tr");
    expect(guards).toContain("3 × Screen guard at ₹999.99");
    expect(guards).toContain("2 of 3 units kept");
    // The order's one return is decided, so the units kept are no longer paid "if kept".
    expect(guards).toContain("Pending: payable on");
    expect(guards).toContain("this order's return is decided: nothing more can come back");
    expect(guards).not.toMatch(/if kept|return window open/);
    for (const part of ["Sale value", "₹1,999.98", "Closing fee", "− ₹40", "TCS (0.5%)", "− ₹8.47", "You receive", "₹1,706.31"])
      expect(guards).toContain(part);
    const phone = section(html, `data-order-id="${s.caseBack}" data-listing-id="${s.listings.phone.listingId}"`, "tr");
    expect(phone).toContain("1 × Phone at ₹12,999");
    expect(phone).toContain("₹11,349.84");
    expect(phone).not.toContain("units kept");
    expect(section(html, `data-order-id="${s.caseBack}" data-listing-id="${s.listings.case.listingId}"`, "tr")).toContain(
      "Returned/cancelled: no payout",
    );
    expect(phone).toContain("this order's return is decided");
    expect(phone).not.toContain("if kept");
    // A declined return is decided too: both lines are paid, unconditionally.
    for (const item of ["phone", "case"] as const) {
      const line = section(html, `data-order-id="${s.declined}" data-listing-id="${s.listings[item].listingId}"`, "tr");
      expect(line).toContain("this order's return is decided: nothing more can come back");
      expect(line).not.toContain("if kept");
    }
  });

  it("says nothing of a return on a line that can never be returned, in an order whose other line can", async () => {
    const sellerId = newId("sel");
    const seller = await createTestUser(["seller"], { sellerId });
    const orderId = await seedSale(
      "delivered",
      4,
      [
        { sellerId, title: "Linen Kurta", qty: 1 },
        { sellerId, title: "Basmati Rice 5 kg", qty: 1, department: "grocery" },
      ],
      2,
    );
    const { html } = await paymentsPage(seller);
    const row = (title: string) => section(html, `data-order-id="${orderId}" data-listing-id="${listingTitled(html, title)}"`, "tr");
    expect(row("Linen Kurta")).toContain("Pending: return window open");
    expect(row("Linen Kurta")).toContain("if kept");
    const rice = row("Basmati Rice 5 kg");
    expect(rice).toMatch(/Pending: payable on \d+ \w+ \d{4} with the rest of the order \(this item can't be returned\)/);
    expect(rice).not.toMatch(/if kept|return window open/);
  });

  it("shows the units of a return waiting for a decision as on hold", async () => {
    const s = await sellerOfPhones();
    const orderId = await s.delivered([["guard", 3]]);
    await s.askBack(orderId, [["guard", 1]]);
    const line = section((await paymentsPage(s.seller)).html, `data-order-id="${orderId}"`, "tr");
    expect(line).toContain("Return requested for 1 of 3 units: on hold until we decide, paid if we decline it");
    expect(line).not.toContain("units kept");
  });

  it("words a line's status as a seller reads it", () => {
    expect(lineStatus({ state: "pending", settles_on: null, qty: 3, units_on_hold: 1 })).toBe(
      "Return requested for 1 of 3 units: on hold until we decide, paid if we decline it",
    );
    expect(lineStatus({ state: "pending", settles_on: null, qty: 1, units_on_hold: 1 })).toBe(
      "Return requested: on hold until we decide, paid if we decline it",
    );
    expect(keptWords({ qty: 3, units_kept: 2 })).toBe("2 of 3 units kept");
    expect(keptWords({ qty: 3, units_kept: 3 })).toBeNull();
    expect(keptWords({ qty: 3, units_kept: 0 })).toBeNull();
    expect(lineStatus({ state: "payable", settles_on: "2025-12-18" })).toBe("Payable on 18 Dec 2025");
    expect(lineStatus({ state: "pending", settles_on: "2025-12-18" })).toBe("Pending: return window open, payable on 18 Dec 2025 if kept");
    expect(lineStatus({ state: "pending", settles_on: "2025-12-18", return_decided: true })).toBe(
      "Pending: payable on 18 Dec 2025 (this order's return is decided: nothing more can come back)",
    );
    expect(lineStatus({ state: "pending", settles_on: null, order_status: "shipped" })).toBe("Pending: not delivered yet");
    expect(lineStatus({ state: "pending", settles_on: null, order_status: "return_requested", units_on_hold: 0 })).toBe(
      "Pending: a return of this order waits for our decision",
    );
    expect(lineStatus({ state: "no_payout", settles_on: null })).toBe("Returned/cancelled: no payout");
  });

  it("downloads the statement as CSV from a plain form, defaulting to the last 30 days, and shows a refused range on the page", async () => {
    const s = await sellerWithSales();
    const { html } = await paymentsPage(s.seller, "?state=payable");
    const form = html.slice(html.indexOf("data-statement-download"));
    const today = new Date(Date.now() + 330 * 60_000).toISOString().slice(0, 10);
    const monthAgo = new Date(Date.now() + 330 * 60_000 - 29 * 86_400_000).toISOString().slice(0, 10);
    expect(html).toMatch(/<form method="get" action="\/seller\/payments\/statement.csv"/);
    expect(form).toContain(`type="date" name="from" value="${monthAgo}"`);
    expect(form).toContain(`type="date" name="to" value="${today}"`);
    expect(form).toMatch(/<option value="payable" selected="">Payable<\/option>/);
    expect(readerText(form)).toContain("Download CSV");

    // The form as a browser sends it: every field, the "All" state empty.
    const file = await api(`/seller/payments/statement.csv?from=${monthAgo}&to=${today}&state=`, { headers: s.seller.headers });
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(file.headers.get("content-disposition")).toMatch(/^attachment; filename="bazaar-statement-sel_.+\.csv"$/);
    expect(file.headers.get("cache-control")).toBe("private, no-store");
    const bytes = new Uint8Array(await file.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain("Cotton Kurta");
    expect(text).not.toContain("Other Shirt");

    const refused = await api("/seller/payments/statement.csv?from=2026-01-01&to=2026-06-01", { headers: s.seller.headers });
    expect(refused.status).toBe(400);
    const page = await refused.text();
    expect(readerText(page)).toContain("A statement covers at most 92 days");
    expect(page).toContain('type="date" name="from" value="2026-01-01"');

    // A link's mistakes are said by the form's labels, not the API's field count.
    const badDay = await api("/seller/payments/statement.csv?from=abc&to=2026-06-01&state=bogus", { headers: s.seller.headers });
    expect(badDay.status).toBe(400);
    const said = readerText(await badDay.text());
    expect(said).toContain("From: A day as YYYY-MM-DD. Lines: choose All, Pending, Payable, No payout.");
    expect(said).not.toContain("failed validation");
  });

  it("is for sellers only", async () => {
    const res = await api("/seller/payments", { headers: (await createTestUser()).headers });
    expect(res.status).toBe(403);
    const file = await api("/seller/payments/statement.csv", { headers: (await createTestUser()).headers });
    expect(file.status).toBe(403);
  });
});
