import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { api } from "../helpers/http";
import { invoicesOf, KARNATAKA, lineOf, move, packedOrder, shopperAndOps, taxedListing } from "./support";

afterEach(() => {
  vi.useRealTimers();
});

async function countRows(table: "invoices" | "invoice_counters", sellerId: string): Promise<number> {
  const row = await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE seller_id = ?`).bind(sellerId).first<{ n: number }>();
  return row?.n ?? 0;
}

describe("issuing invoices when an order ships", () => {
  it("issues one invoice per seller: CGST + SGST within the seller's state, IGST from another, adding up to the order to the paisa", async () => {
    const { shopper, ops } = await shopperAndOps();
    // Registered in Karnataka like the delivery address, selling apparel by the piece.
    const local = await taxedListing({ stateCode: "29", name: "Bengaluru Threads", title: "Cotton Kurta", rate: [5, 18], hsn: "620520" });
    // Registered in Maharashtra; its category has no rate and inherits its department's.
    const remote = await taxedListing({ stateCode: "27", name: "Pune Appliances", title: "Split AC 1.5 Ton", department: [18] });
    const lines = [
      lineOf(local, 105_000, 1, "Cotton Kurta"),
      lineOf(local, 99_999, 3, "Cotton Kurta"),
      lineOf(remote, 3_333_333, 1, "Split AC 1.5 Ton"),
    ];
    // The two lines of one listing are two listings in an order: give the second its own id.
    lines[1] = { ...lines[1]!, listingId: `${local.listingId}_b` };
    const orderId = await packedOrder(shopper.id, lines);
    expect(await invoicesOf(orderId, shopper)).toEqual([]);

    expect((await move(orderId, "shipped", ops)).status).toBe(200);
    // A later change of the category's code does not change an issued invoice.
    await env.DB.prepare("UPDATE categories SET hsn_code = '610910' WHERE id = ?").bind(local.categoryId).run();

    const invoices = await invoicesOf(orderId, shopper);
    expect(invoices.map((i) => i.seller.name)).toEqual(["Bengaluru Threads", "Pune Appliances"]);
    const [threads, appliances] = invoices as [(typeof invoices)[0], (typeof invoices)[0]];
    expect(threads).toMatchObject({
      number: expect.stringMatching(/^\d{4}-\d{2}\/000001$/),
      seller: { gstin: local.gstin, state: "Karnataka", state_code: "29" },
      place_of_supply: { state: "Karnataka", state_code: "29" },
      supply: "intra_state",
      buyer: { name: "Asha Rao" },
    });
    expect(threads.number.length).toBeLessThanOrEqual(16);
    // ₹1,050 is a ₹1,000 piece (5%); ₹999.99 × 3 pays 5% too. CGST and SGST are equal halves.
    expect(threads.lines.map((l) => [l.unit_price, l.qty, l.rate, l.taxable_value, l.cgst, l.sgst, l.igst])).toEqual([
      [105_000, 1, 5, 100_000, 2_500, 2_500, 0],
      [99_999, 3, 5, 285_711, 7_143, 7_143, 0],
    ]);
    // Each line names its category's HSN code, kept as it was at issue; a category without one gives null.
    expect(threads.lines.map((l) => l.hsn)).toEqual(["620520", "620520"]);
    expect(appliances.lines.map((l) => l.hsn)).toEqual([null]);
    expect(appliances).toMatchObject({ seller: { state: "Maharashtra" }, supply: "inter_state" });
    expect(appliances.lines.map((l) => [l.rate, l.taxable_value, l.cgst, l.sgst, l.igst])).toEqual([[18, 2_824_858, 0, 0, 508_475]]);

    const order = (await (await api(`/api/orders/${orderId}`, { headers: shopper.headers })).json()) as { total: number };
    expect(order.total).toBe(105_000 + 3 * 99_999 + 3_333_333);
    expect(invoices.reduce((s, i) => s + i.totals.amount, 0)).toBe(order.total);
    for (const i of invoices) {
      expect(i.totals.taxable_value + i.totals.tax).toBe(i.totals.amount);
      expect(i.totals.amount).toBe(i.lines.reduce((s, l) => s + l.taxable_value + l.cgst + l.sgst + l.igst, 0));
    }
    expect(appliances.amount_in_words).toBe("Rupees Thirty-Three Thousand Three Hundred Thirty-Three and Thirty-Three Paise only");
  });

  it("names a product's own HSN code over its category's, where its aisle holds goods of several headings", async () => {
    const { shopper, ops } = await shopperAndOps();
    const rice = await taxedListing({ stateCode: "29", title: "India Gate Basmati Rice Classic (1 kg)", rate: [5], hsn: "110100" });
    const atta = await taxedListing({ stateCode: "29", title: "Aashirvaad Shudh Chakki Atta (5 kg)", rate: [5], hsn: "110100" });
    await env.DB.prepare("UPDATE products SET hsn_code = '100630' WHERE id = ?").bind(rice.productId).run();
    const orderId = await packedOrder(shopper.id, [
      lineOf(rice, 14_900, 1, "India Gate Basmati Rice Classic (1 kg)"),
      lineOf(atta, 29_900, 1, "Aashirvaad Shudh Chakki Atta (5 kg)"),
    ]);
    expect((await move(orderId, "shipped", ops)).status).toBe(200);
    const lines = (await invoicesOf(orderId, shopper)).flatMap((i) => i.lines.map((l) => [l.title, l.hsn]));
    expect(lines.sort()).toEqual([
      ["Aashirvaad Shudh Chakki Atta (5 kg)", "110100"],
      ["India Gate Basmati Rice Classic (1 kg)", "100630"],
    ]);
  });

  it("taxes a category with no rate of its own or its ancestors' at 18%", async () => {
    const { shopper, ops } = await shopperAndOps();
    const plain = await taxedListing({ stateCode: "29" });
    const orderId = await packedOrder(shopper.id, [lineOf(plain, 118_000)]);
    expect((await move(orderId, "shipped", ops)).status).toBe(200);
    const [invoice] = await invoicesOf(orderId, shopper);
    expect(invoice?.lines[0]).toMatchObject({ rate: 18, taxable_value: 100_000, cgst: 9_000, sgst: 9_000 });
  });

  it("issues nothing more when the shipped transition is sent again, and keeps the invoices through delivery", async () => {
    const { shopper, ops } = await shopperAndOps();
    const f = await taxedListing({ stateCode: "27" });
    const orderId = await packedOrder(shopper.id, [lineOf(f, 49_900)]);
    expect((await move(orderId, "shipped", ops)).status).toBe(200);
    const first = await invoicesOf(orderId, shopper);
    expect((await move(orderId, "shipped", ops)).status).toBe(200);
    expect(await invoicesOf(orderId, shopper)).toEqual(first);
    expect(await countRows("invoices", f.sellerId)).toBe(1);
    const counter = await env.DB.prepare("SELECT last_seq FROM invoice_counters WHERE seller_id = ?")
      .bind(f.sellerId)
      .first<{ last_seq: number }>();
    expect(counter?.last_seq).toBe(1);
    expect((await move(orderId, "delivered", ops)).status).toBe(200);
    expect(await invoicesOf(orderId, shopper)).toEqual(first);
  });

  it("issues none and takes no number when the order cannot ship", async () => {
    const { shopper, ops } = await shopperAndOps();
    const f = await taxedListing({ stateCode: "27" });
    const early = await packedOrder(shopper.id, [lineOf(f, 49_900)]);
    await env.DB.prepare("UPDATE orders SET status = 'confirmed' WHERE id = ?").bind(early).run();
    expect((await move(early, "shipped", ops)).status).toBe(409);
    expect(await invoicesOf(early, shopper)).toEqual([]);

    // A seller without a GSTIN cannot be invoiced, so the whole order stays packed: no other seller's invoice either.
    const unregistered = await taxedListing({ stateCode: "29" });
    await env.DB.prepare("UPDATE sellers SET gstin = NULL WHERE id = ?").bind(unregistered.sellerId).run();
    const blocked = await packedOrder(shopper.id, [lineOf(f, 49_900), lineOf(unregistered, 10_000)]);
    const res = await move(blocked, "shipped", ops);
    expect(res.status).toBe(409);
    expect(((await res.json()) as { detail: string }).detail).toContain("no valid GSTIN");
    const status = await env.DB.prepare("SELECT status FROM orders WHERE id = ?").bind(blocked).first<{ status: string }>();
    expect(status?.status).toBe("packed");
    expect(await invoicesOf(blocked, shopper)).toEqual([]);
    expect(await countRows("invoice_counters", f.sellerId)).toBe(0);
  });
});

describe("invoice numbers", () => {
  it("run consecutively per seller, with no number shared or skipped when its orders ship at once", async () => {
    const { shopper, ops } = await shopperAndOps();
    const busy = await taxedListing({ stateCode: "29" });
    const other = await taxedListing({ stateCode: "07" });
    const orders = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        packedOrder(shopper.id, [lineOf(busy, 10_000 + i), ...(i % 2 ? [lineOf(other, 20_000 + i)] : [])]),
      ),
    );
    const answers = await Promise.all(orders.map((id) => move(id, "shipped", ops)));
    expect(answers.map((r) => r.status)).toEqual(orders.map(() => 200));

    const numbers = async (sellerId: string) =>
      (
        await env.DB.prepare("SELECT seq, number FROM invoices WHERE seller_id = ? ORDER BY seq")
          .bind(sellerId)
          .all<{ seq: number; number: string }>()
      ).results;
    const busyNumbers = await numbers(busy.sellerId);
    expect(busyNumbers.map((n) => n.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(new Set(busyNumbers.map((n) => n.number)).size).toBe(8);
    expect(busyNumbers[7]?.number).toMatch(/\/000008$/);
    // Another seller's series is its own.
    expect((await numbers(other.sellerId)).map((n) => n.seq)).toEqual([1, 2, 3, 4]);
  });

  it("start again at 1 in a new financial year, which begins at midnight IST on 1 April", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    // 23:29 IST on 31 March 2027, then 00:01 IST on 1 April 2027; the accounts sign in at the first.
    vi.setSystemTime(new Date("2027-03-31T17:59:00.000Z"));
    const { shopper, ops } = await shopperAndOps();
    const f = await taxedListing({ stateCode: "29" });
    const orders = await Promise.all(Array.from({ length: 4 }, () => packedOrder(shopper.id, [lineOf(f, 10_000)])));
    for (const id of orders.slice(0, 2)) expect((await move(id, "shipped", ops)).status).toBe(200);
    vi.setSystemTime(new Date("2027-03-31T18:31:00.000Z"));
    for (const id of orders.slice(2)) expect((await move(id, "shipped", ops)).status).toBe(200);
    vi.useRealTimers();

    const issued = await Promise.all(orders.map(async (id) => (await invoicesOf(id, shopper))[0]));
    expect(issued.map((i) => [i?.number, i?.invoice_date])).toEqual([
      ["2026-27/000001", "2027-03-31"],
      ["2026-27/000002", "2027-03-31"],
      ["2027-28/000001", "2027-04-01"],
      ["2027-28/000002", "2027-04-01"],
    ]);
  });
});

describe("the delivery state", () => {
  it("is recognised however it was typed, deciding the split and named as the place of supply", async () => {
    const { shopper, ops } = await shopperAndOps();
    const f = await taxedListing({ stateCode: "33" });
    const orderId = await packedOrder(shopper.id, [lineOf(f, 11_800)], {
      ...KARNATAKA,
      city: "Chennai",
      state: "tamil nadu",
      pincode: "600001",
    });
    expect((await move(orderId, "shipped", ops)).status).toBe(200);
    const [invoice] = await invoicesOf(orderId, shopper);
    expect(invoice).toMatchObject({ supply: "intra_state", place_of_supply: { state: "Tamil Nadu", state_code: "33" } });
  });
});
