import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { RETRY_WINDOW_MS } from "../../workers/payments/payment-actions";
import { type TestUser, createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { askReturn } from "../orders/returns-seed";
import {
  type CreditNote,
  type Invoice,
  creditNotesOf,
  documentsOf,
  lineOf,
  move,
  paidPackedOrder,
  shopperAndOps,
  taxedListing,
} from "./support";

afterEach(() => {
  vi.useRealTimers();
});

/** Ships and delivers a packed order, as ops do. */
async function deliver(orderId: string, ops: TestUser): Promise<void> {
  for (const to of ["shipped", "delivered"]) expect((await move(orderId, to, ops)).status).toBe(200);
}

/** The seller's credit note counter for the year, or null before its first credit note. */
async function creditCounter(sellerId: string): Promise<number | null> {
  const row = await env.DB.prepare("SELECT MAX(last_seq) AS n FROM credit_note_counters WHERE seller_id = ?")
    .bind(sellerId)
    .first<{ n: number | null }>();
  return row?.n ?? null;
}

/** Every field of a credit note that must be its invoice's: the parties, the split, each line and the totals. */
function expectReverses(note: CreditNote, invoice: Invoice): void {
  expect(note.invoice).toEqual({ id: expect.any(String), number: invoice.number, invoice_date: invoice.invoice_date });
  for (const key of ["seller", "buyer", "place_of_supply", "supply", "lines", "totals", "amount_in_words"] as const) {
    expect(note[key]).toEqual(invoice[key]);
  }
}

/** A shipped order of two sellers, one in the delivery state (CGST + SGST) and one outside it (IGST), paid by card. */
async function paidOrderOfTwoSellers() {
  const { shopper, ops } = await shopperAndOps();
  const local = await taxedListing({ stateCode: "29", name: "Bengaluru Threads", title: "Cotton Kurta", rate: [5, 18] });
  const remote = await taxedListing({ stateCode: "27", name: "Pune Appliances", title: "Split AC", rate: [28] });
  const orderId = await paidPackedOrder(shopper.id, [lineOf(local, 99_999, 3, "Cotton Kurta"), lineOf(remote, 3_333_333, 1, "Split AC")]);
  return { shopper, ops, local, remote, orderId };
}

describe("credit notes when an invoiced order is refunded", () => {
  it("issues one per invoice when ops refund a delivered order, reversing it to the paisa", async () => {
    const { shopper, ops, local, remote, orderId } = await paidOrderOfTwoSellers();
    await deliver(orderId, ops);
    expect((await documentsOf(orderId, shopper)).credit_notes).toEqual([]);

    expect((await move(orderId, "refunded", ops)).status).toBe(200);

    const { items: invoices, credit_notes: notes } = await documentsOf(orderId, shopper);
    expect(invoices).toHaveLength(2);
    expect(notes).toHaveLength(2);
    for (const [i, invoice] of invoices.entries()) {
      const note = notes[i]!;
      expect(note.invoice.id).toBe(invoice.id);
      expectReverses(note, invoice);
      expect(note.reason).toBe("refunded_by_ops");
      expect(note.number).toBe(`CN${note.financial_year.slice(2)}/000001`);
      expect(note.number.length).toBeLessThanOrEqual(16);
      expect(note.credit_note_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(note.id).not.toBe(invoice.id);
    }
    const [threads, appliances] = notes as [CreditNote, CreditNote];
    expect(threads.seller.id).toBe(local.sellerId);
    expect(appliances.seller.id).toBe(remote.sellerId);
    // Three ₹999.99 kurtas at 5% within Karnataka; the AC at 28% from Maharashtra.
    expect(threads.lines.map((l) => [l.qty, l.rate, l.taxable_value, l.cgst, l.sgst, l.igst])).toEqual([[3, 5, 285_711, 7_143, 7_143, 0]]);
    expect(appliances.lines.map((l) => [l.rate, l.taxable_value, l.cgst, l.sgst, l.igst])).toEqual([[28, 2_604_166, 0, 0, 729_167]]);
    // Together the credit notes give back the whole order, as the refund did.
    expect(notes.reduce((s, n) => s + n.totals.amount, 0)).toBe(3 * 99_999 + 3_333_333);
    // The invoices are kept as they were.
    expect(invoices.map((i) => i.number)).toEqual(notes.map((n) => n.invoice.number));
  });

  it("issues them when ops accept the shopper's return, saying the goods came back", async () => {
    const { shopper, ops, orderId } = await paidOrderOfTwoSellers();
    await deliver(orderId, ops);
    expect((await askReturn(orderId, shopper)).status).toBe(200);
    expect(await creditNotesOf(orderId, shopper)).toEqual([]);

    expect((await move(orderId, "refunded", ops)).status).toBe(200);

    const { items: invoices, credit_notes: notes } = await documentsOf(orderId, shopper);
    expect(notes.map((n) => n.reason)).toEqual(["return_accepted", "return_accepted"]);
    for (const [i, invoice] of invoices.entries()) expectReverses(notes[i]!, invoice);
  });

  it("issues none for an order cancelled and refunded before it shipped, which has no invoices", async () => {
    const { shopper, ops } = await shopperAndOps();
    const f = await taxedListing({ stateCode: "29" });
    const orderId = await paidPackedOrder(shopper.id, [lineOf(f, 49_900)]);
    expect((await move(orderId, "cancelled", ops)).status).toBe(200);
    const status = await env.DB.prepare("SELECT status FROM orders WHERE id = ?").bind(orderId).first<{ status: string }>();
    expect(status?.status).toBe("refunded");
    expect(await documentsOf(orderId, shopper)).toEqual({ items: [], credit_notes: [] });
    expect(await creditCounter(f.sellerId)).toBeNull();
  });

  it("issues nothing more, and takes no number, when the refund is sent again", async () => {
    const { shopper, ops, local, orderId } = await paidOrderOfTwoSellers();
    await deliver(orderId, ops);
    expect((await move(orderId, "refunded", ops)).status).toBe(200);
    const first = await creditNotesOf(orderId, shopper);
    const again = await Promise.all([move(orderId, "refunded", ops), move(orderId, "refunded", ops)]);
    expect(again.map((r) => r.status)).toEqual([200, 200]);
    expect(await creditNotesOf(orderId, shopper)).toEqual(first);
    expect(await creditCounter(local.sellerId)).toBe(1);
  });

  it("issues nothing and takes no number when the provider refuses the refund, and numbers from 1 once it goes through", async () => {
    const { shopper, ops, local, orderId } = await paidOrderOfTwoSellers();
    await deliver(orderId, ops);
    await env.DB.prepare("UPDATE psp_payments SET status = 'authorized' WHERE merchant_ref = ?").bind(orderId).run();

    const refused = await move(orderId, "refunded", ops);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { type: string }).type).toBe("/problems/payment-refused");
    expect(await creditNotesOf(orderId, shopper)).toEqual([]);
    expect(await creditCounter(local.sellerId)).toBeNull();

    await env.DB.prepare("UPDATE psp_payments SET status = 'captured' WHERE merchant_ref = ?").bind(orderId).run();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + RETRY_WINDOW_MS);
    expect((await move(orderId, "refunded", ops)).status).toBe(200);
    vi.useRealTimers();
    expect((await creditNotesOf(orderId, shopper)).map((n) => n.number.slice(-7))).toEqual(["/000001", "/000001"]);
  });

  it("is not issued to anyone but the order's shopper and ops", async () => {
    const { shopper, ops, local, orderId } = await paidOrderOfTwoSellers();
    await deliver(orderId, ops);
    expect((await move(orderId, "refunded", ops)).status).toBe(200);
    const mine = await documentsOf(orderId, shopper);
    expect(mine.credit_notes).toHaveLength(2);
    expect(await documentsOf(orderId, ops)).toEqual(mine);

    const stranger = await createTestUser();
    const theirs = await api(`/api/orders/${orderId}/invoices`, { headers: stranger.headers });
    expect(theirs.status).toBe(404);
    expect(await theirs.text()).not.toMatch(/CN\d{2}-\d{2}\//);
    const seller = await createTestUser(["seller"], { sellerId: local.sellerId });
    expect((await api(`/api/orders/${orderId}/invoices`, { headers: seller.headers })).status).toBe(404);
    expect((await api(`/api/orders/${orderId}/invoices`)).status).toBe(401);
  });
});

describe("credit note numbers", () => {
  it("run consecutively per seller when its orders are refunded at once, in a series apart from its invoices", async () => {
    const { shopper, ops } = await shopperAndOps();
    const busy = await taxedListing({ stateCode: "29" });
    const other = await taxedListing({ stateCode: "07" });
    const orders = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        paidPackedOrder(shopper.id, [lineOf(busy, 10_000 + i), ...(i % 2 ? [lineOf(other, 20_000 + i)] : [])]),
      ),
    );
    for (const id of orders) await deliver(id, ops);
    // Eight of the ten are refunded at once: the invoice series is at 10, the credit notes start at 1.
    const refunded = orders.slice(2);
    const answers = await Promise.all(refunded.map((id) => move(id, "refunded", ops)));
    expect(answers.map((r) => r.status)).toEqual(refunded.map(() => 200));

    const numbers = async (sellerId: string) =>
      (
        await env.DB.prepare("SELECT seq, number FROM credit_notes WHERE seller_id = ? ORDER BY seq")
          .bind(sellerId)
          .all<{ seq: number; number: string }>()
      ).results;
    const busyNumbers = await numbers(busy.sellerId);
    expect(busyNumbers.map((n) => n.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(busyNumbers.map((n) => n.number)).toEqual(
      busyNumbers.map((n) => expect.stringMatching(new RegExp(`^CN\\d{2}-\\d{2}/00000${n.seq}$`))),
    );
    expect((await numbers(other.sellerId)).map((n) => n.seq)).toEqual([1, 2, 3, 4]);
    const invoiced = await env.DB.prepare("SELECT MAX(seq) AS n FROM invoices WHERE seller_id = ?")
      .bind(busy.sellerId)
      .first<{ n: number }>();
    expect(invoiced?.n).toBe(10);

    // Each order's credit note names its own invoice.
    for (const id of refunded) {
      const { items, credit_notes } = await documentsOf(id, shopper);
      expect(credit_notes.map((n) => n.invoice.number)).toEqual(items.map((i) => i.number));
    }
  });

  it("follow the financial year of the credit note's own date, not its invoice's", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    // Shipped and delivered at 23:29 IST on 31 March 2027, refunded at 00:01 IST on 1 April 2027.
    vi.setSystemTime(new Date("2027-03-31T17:59:00.000Z"));
    const { shopper, ops } = await shopperAndOps();
    const f = await taxedListing({ stateCode: "29" });
    const orderId = await paidPackedOrder(shopper.id, [lineOf(f, 10_000)]);
    await deliver(orderId, ops);
    vi.setSystemTime(new Date("2027-03-31T18:31:00.000Z"));
    expect((await move(orderId, "refunded", ops)).status).toBe(200);
    vi.useRealTimers();

    const [note] = await creditNotesOf(orderId, shopper);
    expect(note).toMatchObject({
      number: "CN27-28/000001",
      financial_year: "2027-28",
      credit_note_date: "2027-04-01",
      invoice: { number: "2026-27/000001", invoice_date: "2027-03-31" },
    });
  });
});
