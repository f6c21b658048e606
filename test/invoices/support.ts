import { env } from "cloudflare:workers";
import { newId } from "../../workers/platform/ids";
import { createTestUser, type TestUser } from "../helpers/accounts";
import { createListingFixture } from "../helpers/catalog";
import { uniqueGstin } from "../helpers/gstin";
import { api } from "../helpers/http";
import { type SeedLine, seedOrder } from "../orders/seed";
import type { CreditNoteView } from "../../workers/invoices/credit-note-view";
import type { InvoiceView } from "../../workers/invoices/read-invoices";
import { ASHA_ADDRESS } from "../helpers/addresses";

/** A delivery address in Bengaluru, Karnataka (GST state 29). */
export const KARNATAKA = ASHA_ADDRESS;

/** A seller registered for GST in state `stateCode`, with one listing of a product in a category taxed by `rate`. */
export async function taxedListing(opts: {
  stateCode: string;
  name?: string;
  title?: string;
  /** The product's own category's GST; left out, it has none and inherits (or falls back to 18%). */
  rate?: [number, number?];
  /** A department above the product's category, with this GST. */
  department?: [number, number?];
  /** The HSN code of the product's category; left out, it has none. */
  hsn?: string;
}) {
  const f = await createListingFixture({ title: opts.title ?? "Taxed item" });
  const name = opts.name ?? `Seller ${f.sellerId.slice(-5)}`;
  const gstin = uniqueGstin(opts.stateCode);
  await env.DB.prepare("UPDATE sellers SET name = ?2, gstin = ?3 WHERE id = ?1").bind(f.sellerId, name, gstin).run();
  if (opts.rate) {
    await env.DB.prepare("UPDATE categories SET gst_rate = ?2, gst_rate_above_band = ?3 WHERE id = ?1")
      .bind(f.categoryId, opts.rate[0], opts.rate[1] ?? null)
      .run();
  }
  if (opts.hsn) {
    await env.DB.prepare("UPDATE categories SET hsn_code = ?2 WHERE id = ?1").bind(f.categoryId, opts.hsn).run();
  }
  if (opts.department) {
    // The fixture's category becomes a leaf under a new department.
    const dept = newId("cat");
    await env.DB.batch([
      env.DB.prepare(
        "INSERT INTO categories (id, slug, name, path, depth, gst_rate, gst_rate_above_band) VALUES (?1, ?1, 'Dept', ?2, 0, ?3, ?4)",
      ).bind(dept, `/${dept}/`, opts.department[0], opts.department[1] ?? null),
      env.DB.prepare("UPDATE categories SET parent_id = ?2, path = ?3, depth = 1 WHERE id = ?1").bind(
        f.categoryId,
        dept,
        `/${dept}/${f.categoryId}/`,
      ),
    ]);
  }
  return { ...f, name, gstin };
}

/** A line of `f`'s listing at `unitPrice` paise. */
export function lineOf(
  f: { sellerId: string; listingId: string; productId: string },
  unitPrice: number,
  qty = 1,
  title = "Taxed item",
): SeedLine {
  return { sellerId: f.sellerId, listingId: f.listingId, productId: f.productId, unitPrice, qty, title };
}

/** A packed order of the shopper's, ready for ops to ship. */
export function packedOrder(userId: string, lines: SeedLine[], address: Record<string, string> = KARNATAKA): Promise<string> {
  return seedOrder({ userId, status: "packed", at: new Date().toISOString(), confirmed: true, lines, address });
}

/**
 * A packed order of the shopper's whose money is captured, as a card payment is at confirmation, so ops
 * can refund it: our payment row and the sandbox provider's record of it, both for the order's total.
 */
export async function paidPackedOrder(userId: string, lines: SeedLine[], address: Record<string, string> = KARNATAKA): Promise<string> {
  const orderId = await packedOrder(userId, lines, address);
  const total = lines.reduce((s, l) => s + (l.unitPrice ?? 10000) * (l.qty ?? 1), 0);
  const ref = newId("psp");
  const now = new Date().toISOString();
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO psp_payments (ref, merchant_ref, method, status, amount, captured_amount, refunded_amount, return_url, created_at, updated_at)
       VALUES (?1, ?2, 'upi', 'captured', ?3, ?3, 0, 'https://shop.test/', ?4, ?4)`,
    ).bind(ref, orderId, total, now),
    env.DB.prepare(
      `INSERT INTO payments (id, order_id, provider, provider_ref, method, status, amount, captured_amount, refunded_amount, idempotency_key, created_at, updated_at)
       VALUES (?1, ?2, 'sandbox', ?3, 'upi', 'captured', ?4, ?4, 0, ?1, ?5, ?5)`,
    ).bind(newId("pay"), orderId, ref, total, now),
  ]);
  return orderId;
}

/** Ops moving an order, as the ops console does. */
export function move(orderId: string, to: string, ops: TestUser): Promise<Response> {
  return api(`/api/admin/orders/${orderId}/transitions`, { method: "POST", headers: ops.headers, body: { to } });
}

/** An invoice and a credit note as the API answers them. */
export type Invoice = InvoiceView;
export type CreditNote = CreditNoteView;

/** The order's invoices and credit notes as `user` reads them. */
export async function documentsOf(orderId: string, user: TestUser): Promise<{ items: Invoice[]; credit_notes: CreditNote[] }> {
  const res = await api(`/api/orders/${orderId}/invoices`, { headers: user.headers });
  if (res.status !== 200) throw new Error(`invoices ${res.status}: ${await res.text()}`);
  return (await res.json()) as { items: Invoice[]; credit_notes: CreditNote[] };
}

/** The order's invoices as `user` reads them. */
export async function invoicesOf(orderId: string, user: TestUser): Promise<Invoice[]> {
  return (await documentsOf(orderId, user)).items;
}

/** The order's credit notes as `user` reads them. */
export async function creditNotesOf(orderId: string, user: TestUser): Promise<CreditNote[]> {
  return (await documentsOf(orderId, user)).credit_notes;
}

/** A shopper and an ops account. */
export async function shopperAndOps(): Promise<{ shopper: TestUser; ops: TestUser }> {
  return { shopper: await createTestUser(), ops: await createTestUser(["ops"]) };
}
