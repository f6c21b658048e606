import { describe, expect, it } from "vitest";
import { confirmedOrder } from "../checkout/support";
import { createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { creditNotesOf, invoicesOf, lineOf, move, packedOrder, shopperAndOps, taxedListing } from "./support";

describe("GET /api/orders/{id}/invoices", () => {
  it("answers the order's shopper and ops, and 404 to anyone else as for a missing order", async () => {
    const { shopper, ops } = await shopperAndOps();
    const f = await taxedListing({ stateCode: "29" });
    const orderId = await packedOrder(shopper.id, [lineOf(f, 49_900)]);
    expect((await move(orderId, "shipped", ops)).status).toBe(200);

    const mine = await api(`/api/orders/${orderId}/invoices`, { headers: shopper.headers });
    expect(mine.status).toBe(200);
    expect(mine.headers.get("cache-control")).toBe("private, no-store");
    const body = (await mine.json()) as { items: Array<{ seller: { gstin: string } }> };
    expect(body.items.map((i) => i.seller.gstin)).toEqual([f.gstin]);
    const asOps = await api(`/api/orders/${orderId}/invoices`, { headers: ops.headers });
    expect(await asOps.json()).toEqual(body);

    const stranger = await createTestUser();
    const theirs = await api(`/api/orders/${orderId}/invoices`, { headers: stranger.headers });
    expect(theirs.status).toBe(404);
    expect(theirs.headers.get("content-type")).toContain("application/problem+json");
    const missing = await api("/api/orders/ord_nosuchorder/invoices", { headers: stranger.headers });
    expect(missing.status).toBe(404);
    expect(await theirs.json()).toMatchObject({ type: ((await missing.json()) as { type: string }).type, status: 404 });
    // A seller of the order is not its shopper either.
    const seller = await createTestUser(["seller"], { sellerId: f.sellerId });
    expect((await api(`/api/orders/${orderId}/invoices`, { headers: seller.headers })).status).toBe(404);
    expect((await api(`/api/orders/${orderId}/invoices`)).status).toBe(401);
    expect((await api("/api/orders/not-an-order/invoices", { headers: shopper.headers })).status).toBe(400);
  });

  it("keeps a paid order's invoices when it is refunded after delivery, each cancelled by a credit note", async () => {
    const { user, orderId } = await confirmedOrder();
    const ops = await createTestUser(["ops"]);
    expect((await move(orderId, "packed", ops)).status).toBe(200);
    expect(await invoicesOf(orderId, user)).toEqual([]);
    expect((await move(orderId, "shipped", ops)).status).toBe(200);
    const issued = await invoicesOf(orderId, user);
    // The test seller is in Pune and the order goes to Bengaluru.
    expect(issued).toHaveLength(1);
    expect(issued[0]).toMatchObject({ supply: "inter_state", seller: { state: "Maharashtra" }, totals: { amount: 129_900 } });
    for (const to of ["delivered", "refunded"]) expect((await move(orderId, to, ops)).status).toBe(200);
    expect(await invoicesOf(orderId, user)).toEqual(issued);
    const [note, ...more] = await creditNotesOf(orderId, user);
    expect(more).toEqual([]);
    expect(note).toMatchObject({
      invoice: { id: issued[0]?.id, number: issued[0]?.number },
      reason: "refunded_by_ops",
      lines: issued[0]?.lines,
      totals: { amount: 129_900 },
    });
  });

  it("is documented in the OpenAPI document with its schema", async () => {
    const doc = (await (await api("/api/openapi.json")).json()) as {
      paths: Record<string, { get?: { "x-access"?: unknown; responses: Record<string, unknown> } }>;
      components: { schemas: Record<string, unknown> };
    };
    const op = doc.paths["/api/orders/{id}/invoices"]?.get;
    expect(op?.["x-access"]).toBe("signed_in");
    expect(Object.keys(op?.responses ?? {})).toEqual(expect.arrayContaining(["200", "404"]));
    expect(doc.components.schemas).toHaveProperty("Invoice");
    const note = doc.components.schemas.CreditNote as { properties: Record<string, unknown>; required: string[] };
    expect(note.required).toEqual(expect.arrayContaining(["credit_note_date", "reason", "invoice", "lines", "totals"]));
    expect(note.properties).not.toHaveProperty("invoice_date");
    expect(doc.components.schemas.OrderInvoices).toMatchObject({ required: expect.arrayContaining(["items", "credit_notes"]) });
  });
});
