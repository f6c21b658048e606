import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { newId } from "../../workers/platform/ids";
import { parseCsv, rupeesCell } from "../../workers/sellers/bulk-csv";
import { type PayoutLine, statementRange } from "../../workers/sellers/payouts";
import { createTestUser, type TestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { daysAgo } from "../orders/returns-seed";
import { seedOrder } from "../orders/seed";
import { istDayPlus, partlyReturnedSales, seedSale, sellerWithSales } from "./payouts-seed";

const HEADINGS = [
  "Order ID",
  "Placed on (IST)",
  "Order status",
  "Listing ID",
  "Product ID",
  "Product title",
  "Units bought",
  "Units kept",
  "Units on hold",
  "Unit price (₹)",
  "Sale value (₹)",
  "Commission %",
  "Commission (₹)",
  "Closing fee (₹)",
  "GST on fees (₹)",
  "TCS (₹)",
  "TDS (₹)",
  "Net payout (₹)",
  "State",
  "Payable on (IST)",
];

/** Today's IST day, and the one `days` before it. */
const today = () => istDayPlus(new Date().toISOString(), 0);
const daysBefore = (days: number) => istDayPlus(new Date().toISOString(), -days);

interface Download {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
  rows: Array<Record<string, string>>;
  text: string;
}

/** The file as a seller downloads it, its rows keyed by heading. */
async function download(user: TestUser, query = ""): Promise<Download> {
  const res = await api(`/api/seller/payouts.csv${query}`, { headers: user.headers });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const text = new TextDecoder().decode(bytes);
  if (res.status !== 200) return { status: res.status, headers: res.headers, bytes, rows: [], text };
  const [header = [], ...records] = parseCsv(text);
  expect(header).toEqual(HEADINGS);
  return {
    status: res.status,
    headers: res.headers,
    bytes,
    text,
    rows: records.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ""]))),
  };
}

async function statement(user: TestUser, query = ""): Promise<PayoutLine[]> {
  const res = await api(`/api/seller/payouts?limit=100${query}`, { headers: user.headers });
  expect(res.status).toBe(200);
  return ((await res.json()) as { lines: PayoutLine[] }).lines;
}

/** Paise as rupees, worked out apart from the code under test. */
const rupees = (paise: number) => (paise / 100).toFixed(2);
const istDate = (iso: string) => new Date(Date.parse(iso) + 330 * 60_000).toISOString().slice(0, 10);

/** A JSON statement line as the row the file should hold for it. */
/** The statuses a statement's lines are in, as a seller reads them in the file. */
const ORDER_STATUS_WORDS: Record<string, string> = {
  created: "Created",
  payment_authorized: "Payment authorized",
  confirmed: "Confirmed",
  packed: "Packed",
  shipped: "Shipped",
  delivered: "Delivered",
  return_requested: "Return requested",
  cancelled: "Cancelled",
  refunded: "Refunded",
  return_received: "Return received",
};

function expectedRow(l: PayoutLine): Record<string, string> {
  return {
    "Order ID": l.order_id,
    "Placed on (IST)": istDate(l.placed_at),
    // A line a partial return left whole was kept: it reads delivered whatever became of the rest of the order.
    "Order status":
      ["refunded", "return_received"].includes(l.order_status) && l.units_kept === l.qty
        ? "Delivered"
        : (ORDER_STATUS_WORDS[l.order_status] ?? `unexpected ${l.order_status}`),
    "Listing ID": l.listing_id,
    "Product ID": l.product_id,
    "Product title": l.title,
    "Units bought": String(l.qty),
    "Units kept": String(l.units_kept),
    "Units on hold": String(l.units_on_hold),
    "Unit price (₹)": rupees(l.unit_price),
    "Sale value (₹)": rupees(l.sale_value),
    "Commission %": String(l.commission_percent),
    "Commission (₹)": rupees(l.commission),
    "Closing fee (₹)": rupees(l.closing_fee),
    "GST on fees (₹)": rupees(l.fees_gst),
    "TCS (₹)": rupees(l.tcs),
    "TDS (₹)": rupees(l.tds),
    "Net payout (₹)": rupees(l.net),
    State: { pending: "Pending", payable: "Payable", no_payout: "No payout" }[l.state],
    "Payable on (IST)": l.settles_on ?? "",
  };
}

/** Oldest order first, then by listing, as the file is written. */
function oldestFirst(lines: PayoutLine[]): PayoutLine[] {
  // By code unit, as SQLite's ORDER BY compares text: ids mix cases, and a locale's order puts "lst_m" before "lst_U".
  const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...lines].sort(
    (a, b) => byCodeUnit(a.placed_at, b.placed_at) || byCodeUnit(a.order_id, b.order_id) || byCodeUnit(a.listing_id, b.listing_id),
  );
}

/** An order of the seller's placed at `at` exactly, confirmed. */
function placedAt(sellerId: string, at: string, title: string): Promise<string> {
  return seedOrder({ status: "confirmed", at, confirmed: true, lines: [{ sellerId, title, qty: 1, unitPrice: 12_345 }] });
}

describe("GET /api/seller/payouts.csv", () => {
  it("downloads the statement's lines with their figures in rupees, as a UTF-8 file with a byte-order mark", async () => {
    const s = await sellerWithSales();
    const from = daysBefore(40);
    const to = today();
    const file = await download(s.seller, `?from=${from}&to=${to}`);

    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(file.headers.get("content-disposition")).toBe(`attachment; filename="bazaar-statement-${s.sellerId}-${from}-to-${to}.csv"`);
    expect(file.headers.get("cache-control")).toBe("private, no-store");
    expect([...file.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    // The same lines and figures as the JSON statement, oldest order first.
    const json = await statement(s.seller);
    expect(json.map((l) => l.order_id)).toEqual([s.cancelled, s.open, s.closed, s.refunded]);
    expect(file.rows).toEqual(oldestFirst(json).map(expectedRow));

    // Two kurtas at ₹499 delivered long ago, payable: the page's breakdown, to the paisa.
    expect(file.rows.find((r) => r["Order ID"] === s.closed)).toMatchObject({
      "Units bought": "2",
      "Units kept": "2",
      "Unit price (₹)": "499.00",
      "Sale value (₹)": "998.00",
      "Commission %": "15",
      "Commission (₹)": "149.70",
      "Closing fee (₹)": "20.00",
      "GST on fees (₹)": "30.55",
      "TCS (₹)": "4.75",
      "TDS (₹)": "1.00",
      "Net payout (₹)": "792.00",
      State: "Payable",
      "Payable on (IST)": s.closedOn,
    });
    expect(file.rows.find((r) => r["Order ID"] === s.cancelled)).toMatchObject({
      "Order status": "Cancelled",
      "Units kept": "0",
      "Net payout (₹)": "0.00",
      State: "No payout",
      "Payable on (IST)": "",
    });
    expect(file.rows.find((r) => r["Order ID"] === s.open)).toMatchObject({ State: "Pending", "Payable on (IST)": s.openOn });

    // Another seller's line of the shared order is in its own file only.
    expect(file.text).not.toContain("Other Shirt");
    const theirs = await download(s.other, `?from=${from}&to=${to}`);
    expect(theirs.rows.map((r) => [r["Product title"], r["Sale value (₹)"]])).toEqual([["Other Shirt", "799.00"]]);
    expect(theirs.text).not.toContain("Kurta");
  });

  it("lists a partly returned order's kept units and returned line as the statement does", async () => {
    const s = await partlyReturnedSales();
    const file = await download(s.seller);
    expect(file.rows).toEqual(oldestFirst(await statement(s.seller)).map(expectedRow));
    const guards = file.rows.find((r) => r["Order ID"] === s.guards);
    expect(guards).toMatchObject({
      "Units bought": "3",
      "Units kept": "2",
      "Unit price (₹)": "999.99",
      "Sale value (₹)": "1999.98",
      "Closing fee (₹)": "40.00",
      "TCS (₹)": "8.47",
      "Net payout (₹)": "1706.31",
    });
    const caseBack = (title: string) => file.rows.find((r) => r["Order ID"] === s.caseBack && r["Product title"] === title);
    // The phone was kept: only the case, which came back, says so.
    expect(caseBack("Phone")).toMatchObject({ "Order status": "Delivered", "Units kept": "1", "Net payout (₹)": "11349.84" });
    expect(caseBack("Phone case")).toMatchObject({
      "Order status": "Return received",
      "Units kept": "0",
      "Net payout (₹)": "0.00",
      State: "No payout",
    });
    // One unit of the three guards came back: that line was returned, in part.
    expect(guards?.["Order status"]).toBe("Refunded");
  });

  it("lists the last 30 IST days by default", async () => {
    const s = await sellerWithSales();
    const file = await download(s.seller);
    expect(file.headers.get("content-disposition")).toContain(`-${daysBefore(29)}-to-${today()}.csv"`);
    // The refunded order was placed 33 days ago, the others within the month.
    expect(new Set(file.rows.map((r) => r["Order ID"]))).toEqual(new Set([s.cancelled, s.open, s.closed]));
  });

  it("takes whole IST days: 00:00 IST on `from` through 23:59 IST on `to`", async () => {
    const sellerId = newId("sel");
    const seller = await createTestUser(["seller"], { sellerId });
    const from = daysBefore(12);
    const to = daysBefore(10);
    const ist = (day: string, time: string) => new Date(`${day}T${time}+05:30`).toISOString();
    await placedAt(sellerId, ist(daysBefore(13), "23:59:59.999"), "Night before");
    await placedAt(sellerId, ist(from, "00:00:00.000"), "First minute");
    await placedAt(sellerId, ist(to, "23:59:00.000"), "Last minute");
    await placedAt(sellerId, ist(daysBefore(9), "00:00:00.000"), "Day after");
    const file = await download(seller, `?from=${from}&to=${to}`);
    expect(file.rows.map((r) => [r["Product title"], r["Placed on (IST)"]])).toEqual([
      ["First minute", from],
      ["Last minute", to],
    ]);
  });

  it("reads a range in chunks of orders by keyset, orders placed at the same instant included, and yields the same lines", async () => {
    const sellerId = newId("sel");
    const at = daysAgo(5);
    for (const title of ["A", "B", "C"]) await placedAt(sellerId, at, title);
    await placedAt(sellerId, daysAgo(4), "D");
    await seedSale("cancelled", 3, [{ sellerId, title: "E", qty: 2 }]);
    const range = { from: daysAgo(6), until: new Date().toISOString() };
    const read = async (chunk: number) => {
      const chunks: PayoutLine[][] = [];
      for await (const lines of statementRange(env.DB, sellerId, range, new Date(), chunk)) chunks.push(lines);
      return chunks;
    };
    const one = await read(1);
    const titles = one.map((c) => c.map((l) => l.title));
    expect(titles.slice(3)).toEqual([["D"], ["E"]]);
    expect(titles.slice(0, 3).flat().sort()).toEqual(["A", "B", "C"]);
    const all = await read(200);
    expect(all).toHaveLength(1);
    expect(one.flat()).toEqual(all.flat());
  });

  it("writes a title that would start a spreadsheet formula as text", async () => {
    const sellerId = newId("sel");
    const seller = await createTestUser(["seller"], { sellerId });
    await placedAt(sellerId, daysAgo(1), '=HYPERLINK("http://evil.test","Refund")');
    await placedAt(sellerId, daysAgo(2), "@SUM(A1:A9)");
    await placedAt(sellerId, daysAgo(3), "कुर्ता, सूती");
    const file = await download(seller);
    expect(file.rows.map((r) => r["Product title"])).toEqual(["कुर्ता, सूती", "'@SUM(A1:A9)", `'=HYPERLINK("http://evil.test","Refund")`]);
    // Amounts stay numbers, a negative one included.
    expect(file.rows[0]?.["Unit price (₹)"]).toBe("123.45");
    expect([rupeesCell(-5), rupeesCell(-123_456), rupeesCell(0), rupeesCell(900_719_925_474_099)]).toEqual([
      "-0.05",
      "-1234.56",
      "0.00",
      "9007199254740.99",
    ]);
  });

  it("filters by state as the statement does", async () => {
    const s = await sellerWithSales();
    const range = `from=${daysBefore(40)}&to=${today()}`;
    for (const [state, orders] of [
      ["pending", [s.open]],
      ["payable", [s.closed]],
      ["no_payout", [s.refunded, s.cancelled]],
    ] as const) {
      const file = await download(s.seller, `?${range}&state=${state}`);
      expect(
        file.rows.map((r) => r["Order ID"]),
        state,
      ).toEqual(orders);
      expect(file.rows).toEqual(oldestFirst(await statement(s.seller, `&state=${state}`)).map(expectedRow));
    }
    const bad = await download(s.seller, `?${range}&state=paid`);
    expect(bad.status).toBe(400);
  });

  it("refuses a range over 92 days, one ending before it starts, and a day that does not exist, naming the field", async () => {
    const seller = await createTestUser(["seller"], { sellerId: newId("sel") });
    const refusal = async (query: string) => {
      const file = await download(seller, query);
      expect(file.status, query).toBe(400);
      expect(file.headers.get("content-type"), query).toContain("application/problem+json");
      return JSON.parse(file.text) as { detail: string; errors: Array<{ path: string; message: string }> };
    };
    const long = await refusal("?from=2026-01-01&to=2026-04-10");
    expect(long.errors.map((e) => e.path)).toEqual(["from"]);
    expect(long.detail).toContain("at most 92 days");
    expect(long.detail).toContain("100 days");
    const backwards = await refusal("?from=2026-03-10&to=2026-03-09");
    expect(backwards.errors.map((e) => e.path)).toEqual(["to"]);
    expect((await refusal("?from=2026-02-30&to=2026-03-09")).errors.map((e) => e.path)).toEqual(["from"]);
    expect((await refusal("?from=2026-01-01&to=tomorrow")).errors.map((e) => e.path)).toEqual(["to"]);
    // 92 days, both ends counted, is one file.
    expect((await download(seller, "?from=2026-01-01&to=2026-04-02")).status).toBe(200);
  });

  it("is for sellers only", async () => {
    const guest = await api("/api/seller/payouts.csv");
    expect(guest.status).toBe(401);
    expect(guest.headers.get("content-type")).toContain("application/problem+json");
    const shopper = await api("/api/seller/payouts.csv", { headers: (await createTestUser()).headers });
    expect(shopper.status).toBe(403);
    expect(shopper.headers.get("content-type")).toContain("application/problem+json");
  });
});
