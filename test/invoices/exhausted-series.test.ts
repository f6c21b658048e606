import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { backfillInvoices } from "../../workers/invoices/backfill";
import { MAX_SEQ } from "../../workers/invoices/document-number";
import { financialYearOf } from "../../workers/invoices/financial-year";
import { issueStatements } from "../../workers/invoices/issue";
import { readInvoiceDrafts } from "../../workers/invoices/read-drafts";
import { issuingFromSeries } from "../../workers/invoices/series";
import { AppError } from "../../workers/platform/errors";
import { transitionOrder } from "../../workers/orders/transitions";
import { documentsOf, lineOf, move, packedOrder, paidPackedOrder, shopperAndOps, taxedListing } from "./support";

const thisYear = () => financialYearOf(new Date().toISOString());

/** Sets a seller's counter for this financial year, as if it had issued `lastSeq` documents of the kind. */
async function usedUpTo(table: "invoice_counters" | "credit_note_counters", sellerId: string, lastSeq: number): Promise<void> {
  await env.DB.prepare(
    `INSERT INTO ${table} (seller_id, financial_year, last_seq) VALUES (?1, ?2, ?3)
     ON CONFLICT (seller_id, financial_year) DO UPDATE SET last_seq = ?3`,
  )
    .bind(sellerId, thisYear(), lastSeq)
    .run();
}

/** What a refused move must leave as it was: the order's status and trail, its documents and its money. */
async function snapshot(orderId: string) {
  const [order, trail, outbox, invoices, notes, payment, psp] = await env.DB.batch([
    env.DB.prepare("SELECT status, updated_at FROM orders WHERE id = ?").bind(orderId),
    env.DB.prepare("SELECT COUNT(*) AS n FROM order_transitions WHERE order_id = ?").bind(orderId),
    env.DB.prepare("SELECT COUNT(*) AS n FROM outbox WHERE payload ->> 'orderId' = ?").bind(orderId),
    env.DB.prepare("SELECT COUNT(*) AS n FROM invoices WHERE order_id = ?").bind(orderId),
    env.DB.prepare("SELECT COUNT(*) AS n FROM credit_notes n JOIN invoices i ON i.id = n.invoice_id WHERE i.order_id = ?").bind(orderId),
    env.DB.prepare("SELECT status, refunded_amount FROM payments WHERE order_id = ?").bind(orderId),
    env.DB.prepare("SELECT status, refunded_amount FROM psp_payments WHERE merchant_ref = ?").bind(orderId),
  ]);
  return [order, trail, outbox, invoices, notes, payment, psp].map((r) => r?.results);
}

async function counters(table: "invoice_counters" | "credit_note_counters", sellerId: string) {
  return (await env.DB.prepare(`SELECT financial_year, last_seq FROM ${table} WHERE seller_id = ?`).bind(sellerId).all()).results;
}

interface Problem {
  type: string;
  status: number;
  detail: string;
  seller_id: string;
  financial_year: string;
  document: string;
}

describe("a seller's used-up invoice series", () => {
  it("refuses to ship with a 409 naming the seller and the year, leaving the order packed and nothing issued, for any seller of the order", async () => {
    const { shopper, ops } = await shopperAndOps();
    const spent = await taxedListing({ stateCode: "29", name: "Busy Bazaar" });
    const other = await taxedListing({ stateCode: "27" });
    await usedUpTo("invoice_counters", spent.sellerId, MAX_SEQ);
    const orderId = await packedOrder(shopper.id, [lineOf(other, 20_000), lineOf(spent, 10_000)]);
    const before = await snapshot(orderId);

    const res = await move(orderId, "shipped", ops);
    expect(res.status).toBe(409);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const problem = (await res.json()) as Problem;
    expect(problem).toMatchObject({
      type: "/problems/series-exhausted",
      status: 409,
      seller_id: spent.sellerId,
      financial_year: thisYear(),
      document: "invoice",
    });
    expect(problem.detail).toContain(`Busy Bazaar's invoice series for ${thisYear()} is exhausted`);
    expect(problem.detail).toContain("the order is still packed");

    expect(await snapshot(orderId)).toEqual(before);
    expect(await documentsOf(orderId, shopper)).toEqual({ items: [], credit_notes: [] });
    expect(await counters("invoice_counters", spent.sellerId)).toEqual([{ financial_year: thisYear(), last_seq: MAX_SEQ }]);
    // The other seller's series took no number either: the order ships whole or not at all.
    expect(await counters("invoice_counters", other.sellerId)).toEqual([]);
  });

  it("ships with the series' last number, and is refused the same way once a concurrent shipment took it", async () => {
    const { shopper, ops } = await shopperAndOps();
    const f = await taxedListing({ stateCode: "29" });
    await usedUpTo("invoice_counters", f.sellerId, MAX_SEQ - 1);
    const last = await packedOrder(shopper.id, [lineOf(f, 10_000)]);
    expect((await move(last, "shipped", ops)).status).toBe(200);
    const [invoice] = (await documentsOf(last, shopper)).items;
    expect(invoice?.number).toBe(`${thisYear()}/${MAX_SEQ}`);
    expect(invoice?.number.length).toBeLessThanOrEqual(16);

    // The check before the batch passes, and another shipment takes the last number before the batch runs.
    await usedUpTo("invoice_counters", f.sellerId, MAX_SEQ - 1);
    const late = await packedOrder(shopper.id, [lineOf(f, 10_000)]);
    const drafts = await readInvoiceDrafts(env.DB, late);
    const req = { orderId: late, to: "shipped", actor: "ops", actorId: ops.id, reason: "test" } as const;
    const refused = await issuingFromSeries(env.DB, "invoice", [{ id: f.sellerId, name: "Late Seller" }], "Nothing changed.", async () => {
      await usedUpTo("invoice_counters", f.sellerId, MAX_SEQ);
      return transitionOrder(env.DB, req, (at) => issueStatements(env.DB, late, drafts, at));
    }).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe("series_exhausted");
    const status = await env.DB.prepare("SELECT status FROM orders WHERE id = ?").bind(late).first<{ status: string }>();
    expect(status?.status).toBe("packed");
    expect((await documentsOf(late, shopper)).items).toEqual([]);
  });
});

/** A paid order of two sellers' goods (Busy Bazaar's ₹100 and another's ₹200), shipped and delivered, so invoiced by both. */
async function deliveredFromTwoSellers() {
  const { shopper, ops } = await shopperAndOps();
  const spent = await taxedListing({ stateCode: "29", name: "Busy Bazaar" });
  const other = await taxedListing({ stateCode: "27" });
  const orderId = await paidPackedOrder(shopper.id, [lineOf(spent, 10_000), lineOf(other, 20_000)]);
  for (const to of ["shipped", "delivered"]) expect((await move(orderId, to, ops)).status).toBe(200);
  return { shopper, ops, spent, other, orderId };
}

describe("a seller's used-up credit note series", () => {
  it("refuses the refund with a 409 before any money moves: the order stays delivered, paid and invoiced", async () => {
    const { shopper, ops, spent, other, orderId } = await deliveredFromTwoSellers();
    await usedUpTo("credit_note_counters", spent.sellerId, MAX_SEQ);
    const before = await snapshot(orderId);

    const res = await move(orderId, "refunded", ops);
    expect(res.status).toBe(409);
    const problem = (await res.json()) as Problem;
    expect(problem).toMatchObject({ type: "/problems/series-exhausted", seller_id: spent.sellerId, document: "credit_note" });
    expect(problem.detail).toContain(`Busy Bazaar's credit note series for ${thisYear()} is exhausted`);
    expect(problem.detail).toContain("no money moved and the order is still delivered");

    // The money, the order and its documents are all as they were: no refund without its credit notes.
    expect(await snapshot(orderId)).toEqual(before);
    expect(before[5]).toEqual([{ status: "captured", refunded_amount: 0 }]);
    expect(before[6]).toEqual([{ status: "captured", refunded_amount: 0 }]);
    expect(await counters("credit_note_counters", other.sellerId)).toEqual([]);

    // With a number to take, the same refund goes through in full.
    await usedUpTo("credit_note_counters", spent.sellerId, MAX_SEQ - 1);
    expect((await move(orderId, "refunded", ops)).status).toBe(200);
    const notes = (await documentsOf(orderId, shopper)).credit_notes;
    expect(notes.map((n) => n.number).sort()).toEqual([`CN${thisYear().slice(2)}/000001`, `CN${thisYear().slice(2)}/${MAX_SEQ}`]);
  });

  it("still refunds the order when a concurrent refund takes the last number after the check, and the backfill issues its credit notes later", async () => {
    const { shopper, ops, spent, orderId } = await deliveredFromTwoSellers();
    // One number is left when the refund checks, and another refund takes it as the provider pays this one back.
    await usedUpTo("credit_note_counters", spent.sellerId, MAX_SEQ - 1);
    await env.DB.prepare(
      `CREATE TRIGGER take_last_credit_note_number AFTER UPDATE OF status ON payments
       WHEN NEW.order_id = '${orderId}' AND NEW.status = 'refunded'
       BEGIN UPDATE credit_note_counters SET last_seq = ${MAX_SEQ} WHERE seller_id = '${spent.sellerId}'; END`,
    ).run();
    const res = await move(orderId, "refunded", ops).finally(() => env.DB.prepare("DROP TRIGGER take_last_credit_note_number").run());

    // The money went back, so the order says so: refunded, in its timeline, with its credit notes owed.
    expect(res.status).toBe(200);
    const [order, payment, psp, refundedAt] = await env.DB.batch([
      env.DB.prepare("SELECT status, invoices_owed FROM orders WHERE id = ?").bind(orderId),
      env.DB.prepare("SELECT status, refunded_amount FROM payments WHERE order_id = ?").bind(orderId),
      env.DB.prepare("SELECT status, refunded_amount FROM psp_payments WHERE merchant_ref = ?").bind(orderId),
      env.DB.prepare("SELECT at FROM order_transitions WHERE order_id = ? AND to_status = 'refunded'").bind(orderId),
    ]);
    expect(order?.results).toEqual([{ status: "refunded", invoices_owed: 1 }]);
    expect(payment?.results).toEqual([{ status: "refunded", refunded_amount: 30_000 }]);
    expect(psp?.results).toEqual([{ status: "refunded", refunded_amount: 30_000 }]);
    expect(refundedAt?.results).toHaveLength(1);
    expect((await documentsOf(orderId, shopper)).credit_notes).toEqual([]);

    // While the series has no number the backfill issues nothing and keeps the order flagged.
    expect(await backfillInvoices(env.DB)).toMatchObject({ credited: 0, failed: 1 });
    expect((await documentsOf(orderId, shopper)).credit_notes).toEqual([]);

    // Once there is one, it issues both sellers' credit notes, dated when the order was refunded.
    await usedUpTo("credit_note_counters", spent.sellerId, MAX_SEQ - 1);
    expect(await backfillInvoices(env.DB)).toMatchObject({ credited: 1, failed: 0 });
    const notes = (await documentsOf(orderId, shopper)).credit_notes;
    expect(notes.map((n) => n.number).sort()).toEqual([`CN${thisYear().slice(2)}/000001`, `CN${thisYear().slice(2)}/${MAX_SEQ}`]);
    const at = (refundedAt?.results[0] as { at: string } | undefined)?.at;
    expect(notes.map((n) => n.issued_at)).toEqual([at, at]);
    const flag = await env.DB.prepare("SELECT invoices_owed FROM orders WHERE id = ?").bind(orderId).first<number>("invoices_owed");
    expect(flag).toBe(0);
  });
});
