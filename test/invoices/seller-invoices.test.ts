import { describe, expect, it } from "vitest";
import { createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { lineOf, packedOrder, shopperAndOps, taxedListing } from "./support";
import { twoSellerRefundedOrder, twoSellerShippedOrder } from "./two-sellers";

describe("GET /api/seller/invoices/{id}", () => {
  it("gives a seller its own invoice of an order, exactly as the shopper's copy reads", async () => {
    const { shopper, orderId, sellerA, invoiceA } = await twoSellerShippedOrder();
    const res = await api(`/api/seller/invoices/${invoiceA.id}`, { headers: sellerA.headers });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    const body = await res.json();
    // A standing invoice: no credit note has cancelled it.
    expect(body).toEqual({ ...invoiceA, credit_notes: [] });
    expect(body).toMatchObject({ order_id: orderId, seller: { name: "Lotus Textiles" }, buyer: { name: "Asha Rao" } });
    // The invoice names the buyer and where it went, by law; nothing else of the shopper's.
    const text = JSON.stringify(body);
    expect(text).not.toContain(shopper.id);
    expect(text).not.toContain(shopper.email);
    expect(text).not.toContain("Steam Iron");
  });

  it("refuses a seller another seller's invoice of the same order with 404, as for one that does not exist", async () => {
    const { sellerA, sellerB, invoiceA, invoiceB } = await twoSellerShippedOrder();
    const theirs = await api(`/api/seller/invoices/${invoiceB.id}`, { headers: sellerA.headers });
    expect(theirs.status).toBe(404);
    expect(theirs.headers.get("content-type")).toContain("application/problem+json");
    const theirsBody = (await theirs.json()) as { type: string; detail: string };
    expect(JSON.stringify(theirsBody)).not.toContain(invoiceB.number);
    const missing = await api("/api/seller/invoices/inv_nosuchinvoice", { headers: sellerA.headers });
    expect(missing.status).toBe(404);
    const { type, title, detail } = (await missing.json()) as { type: string; title: string; detail: string };
    expect(theirsBody).toMatchObject({ type, title, detail });
    // Each seller reads its own.
    expect((await api(`/api/seller/invoices/${invoiceB.id}`, { headers: sellerB.headers })).status).toBe(200);
    expect((await api(`/api/seller/invoices/${invoiceA.id}`, { headers: sellerB.headers })).status).toBe(404);
  });

  it("is for sellers only: the order's shopper and ops read invoices through the order instead", async () => {
    const { shopper, ops, invoiceA } = await twoSellerShippedOrder();
    expect((await api(`/api/seller/invoices/${invoiceA.id}`, { headers: shopper.headers })).status).toBe(403);
    expect((await api(`/api/seller/invoices/${invoiceA.id}`, { headers: ops.headers })).status).toBe(403);
    expect((await api(`/api/seller/invoices/${invoiceA.id}`)).status).toBe(401);
    const unlinked = await createTestUser(["seller"]);
    expect((await api(`/api/seller/invoices/${invoiceA.id}`, { headers: unlinked.headers })).status).toBe(403);
    expect(
      (await api("/api/seller/invoices/not-an-invoice", { headers: (await createTestUser(["seller"], { sellerId: "sel_x" })).headers }))
        .status,
    ).toBe(400);
  });
});

describe("a refunded order's credit notes for its sellers", () => {
  it("names on the seller's invoice the credit note that cancelled it, and gives the seller that credit note as the shopper reads it", async () => {
    const { shopper, sellerA, invoiceA, creditNoteA, creditNoteB } = await twoSellerRefundedOrder();
    const invoice = (await (await api(`/api/seller/invoices/${invoiceA.id}`, { headers: sellerA.headers })).json()) as {
      credit_notes: unknown;
    };
    expect(invoice.credit_notes).toEqual([
      { id: creditNoteA.id, number: creditNoteA.number, credit_note_date: creditNoteA.credit_note_date, amount: creditNoteA.totals.amount },
    ]);

    const res = await api(`/api/seller/credit-notes/${creditNoteA.id}`, { headers: sellerA.headers });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    const body = await res.json();
    expect(body).toEqual(creditNoteA);
    expect(body).toMatchObject({ invoice: { id: invoiceA.id, number: invoiceA.number }, seller: { name: "Lotus Textiles" } });
    const text = JSON.stringify(body);
    expect(text).not.toContain(shopper.id);
    expect(text).not.toContain(shopper.email);
    expect(text).not.toContain("Steam Iron");
    expect(text).not.toContain(creditNoteB.id);
  });

  it("refuses a seller another seller's credit note of the same order with 404, as for one that does not exist, and anyone but a seller", async () => {
    const { shopper, ops, sellerA, sellerB, creditNoteA, creditNoteB } = await twoSellerRefundedOrder();
    const theirs = await api(`/api/seller/credit-notes/${creditNoteB.id}`, { headers: sellerA.headers });
    expect(theirs.status).toBe(404);
    expect(theirs.headers.get("content-type")).toContain("application/problem+json");
    const theirsBody = (await theirs.json()) as { type: string; title: string; detail: string };
    expect(JSON.stringify(theirsBody)).not.toContain(creditNoteB.invoice.number);
    const missing = await api("/api/seller/credit-notes/cn_nosuchnote", { headers: sellerA.headers });
    expect(missing.status).toBe(404);
    const { type, title, detail } = (await missing.json()) as { type: string; title: string; detail: string };
    expect(theirsBody).toMatchObject({ type, title, detail });
    expect((await api(`/api/seller/credit-notes/${creditNoteB.id}`, { headers: sellerB.headers })).status).toBe(200);
    expect((await api(`/api/seller/credit-notes/${creditNoteA.id}`, { headers: sellerB.headers })).status).toBe(404);

    expect((await api(`/api/seller/credit-notes/${creditNoteA.id}`, { headers: shopper.headers })).status).toBe(403);
    expect((await api(`/api/seller/credit-notes/${creditNoteA.id}`, { headers: ops.headers })).status).toBe(403);
    expect((await api(`/api/seller/credit-notes/${creditNoteA.id}`)).status).toBe(401);
    const bad = await api("/api/seller/credit-notes/inv_notacreditnote", { headers: sellerA.headers });
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toContain("application/problem+json");
  });

  it("lists each seller's own credit note beside its invoice in GET /api/seller/orders", async () => {
    const { orderId, sellerA, sellerB, invoiceA, creditNoteA, creditNoteB } = await twoSellerRefundedOrder();
    const listed = async (headers: Record<string, string>) => {
      const page = (await (await api("/api/seller/orders", { headers })).json()) as {
        items: Array<{ id: string; invoice: unknown; credit_note: unknown }>;
      };
      return page.items.find((o) => o.id === orderId);
    };
    expect(await listed(sellerA.headers)).toMatchObject({
      invoice: { id: invoiceA.id, number: invoiceA.number },
      credit_note: { id: creditNoteA.id, number: creditNoteA.number, amount: creditNoteA.totals.amount },
    });
    expect((await listed(sellerB.headers))?.credit_note).toEqual({
      id: creditNoteB.id,
      number: creditNoteB.number,
      amount: creditNoteB.totals.amount,
    });
  });
});

describe("the seller's invoice in GET /api/seller/orders", () => {
  it("names the seller's own invoice of a shipped order, never the other seller's, and none before shipping", async () => {
    const { orderId, sellerA, sellerB, invoiceA, invoiceB } = await twoSellerShippedOrder();
    const listed = async (headers: Record<string, string>, id: string) => {
      const page = (await (await api("/api/seller/orders", { headers })).json()) as { items: Array<{ id: string; invoice: unknown }> };
      return page.items.find((o) => o.id === id)?.invoice;
    };
    expect(await listed(sellerA.headers, orderId)).toEqual({ id: invoiceA.id, number: invoiceA.number });
    expect(await listed(sellerB.headers, orderId)).toEqual({ id: invoiceB.id, number: invoiceB.number });

    const { shopper } = await shopperAndOps();
    const f = await taxedListing({ stateCode: "29" });
    const packed = await packedOrder(shopper.id, [lineOf(f, 49_900)]);
    const seller = await createTestUser(["seller"], { sellerId: f.sellerId });
    expect(await listed(seller.headers, packed)).toBeNull();
    // A shipped order that was not refunded has no credit note.
    const page = (await (await api("/api/seller/orders", { headers: sellerA.headers })).json()) as {
      items: Array<{ id: string; credit_note: unknown }>;
    };
    expect(page.items.find((o) => o.id === orderId)?.credit_note).toBeNull();
  });
});
