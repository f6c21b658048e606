import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { newId } from "../../workers/platform/ids";
import { confirmedOrder } from "../checkout/support";
import { createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { seedOrder, timesFrom } from "./seed";
import { type SellerPage, sellerPage } from "./seller-page";

describe("GET /api/seller/orders", () => {
  it("lists the orders for a seller's listings with only that seller's lines, and nothing of the shopper's payment", async () => {
    const mine = newId("sel");
    const theirs = newId("sel");
    const seller = await createTestUser(["seller"], { sellerId: mine });
    const orderId = await seedOrder({
      status: "confirmed",
      confirmed: true,
      at: "2031-06-01T09:00:00.000Z",
      lines: [
        { sellerId: mine, listingId: "lst_mine_a", title: "Kettle", qty: 2, unitPrice: 150000 },
        { sellerId: mine, listingId: "lst_mine_b", title: "Mug", qty: 1, unitPrice: 30000 },
        { sellerId: theirs, listingId: "lst_theirs", title: "Toaster", qty: 1, unitPrice: 250000 },
      ],
    });
    const res = await api("/api/seller/orders", { headers: seller.headers });
    expect(res.status).toBe(200);
    const text = await res.text();
    const body = JSON.parse(text) as SellerPage;
    expect(body.next_cursor).toBeNull();
    expect(body.items).toHaveLength(1);
    const order = body.items[0]!;
    expect(order).toMatchObject({
      id: orderId,
      status: "confirmed",
      created_at: "2031-06-01T09:00:00.000Z",
      subtotal: 330000,
      currency: "INR",
      ship_to: { city: "Bengaluru", state: "Karnataka", pincode: "560001" },
    });
    expect(order.items.map((i) => [i.listing_id, i.qty, i.unit_price])).toEqual([
      ["lst_mine_a", 2, 150000],
      ["lst_mine_b", 1, 30000],
    ]);
    // Other sellers' lines, the order total, the shopper's name, street and phone, and the payment stay out.
    for (const secret of ["lst_theirs", "Toaster", "Asha Rao", "12 MG Road", "9876543210", "usr_"]) expect(text).not.toContain(secret);
    expect(Object.keys(order).sort()).toEqual([
      "created_at",
      "credit_note",
      "currency",
      "hand_over_by",
      "id",
      "invoice",
      "items",
      "late",
      "ship_to",
      "status",
      "subtotal",
      "updated_at",
    ]);
    // Not shipped, so no invoice yet, nor a credit note cancelling one.
    expect(order.invoice).toBeNull();
    expect(order.credit_note).toBeNull();

    const other = await createTestUser(["seller"], { sellerId: theirs });
    const theirView = await sellerPage("/api/seller/orders", other.headers);
    expect(theirView.items.map((o) => [o.id, o.subtotal, o.items.map((i) => i.listing_id)])).toEqual([[orderId, 250000, ["lst_theirs"]]]);
  });

  it("leaves out orders that never reached the seller: unpaid, failed or cancelled before confirmation", async () => {
    const sellerId = newId("sel");
    const seller = await createTestUser(["seller"], { sellerId });
    const lines = [{ sellerId }];
    await seedOrder({ status: "created", at: "2031-07-01T00:00:00.000Z", lines });
    await seedOrder({ status: "payment_failed", at: "2031-07-01T00:00:01.000Z", lines });
    await seedOrder({ status: "cancelled", at: "2031-07-01T00:00:02.000Z", lines });
    const shipped = await seedOrder({ status: "shipped", confirmed: true, at: "2031-07-01T00:00:03.000Z", lines });
    const cancelledLate = await seedOrder({ status: "cancelled", confirmed: true, at: "2031-07-01T00:00:04.000Z", lines });
    const page = await sellerPage("/api/seller/orders", seller.headers);
    expect(page.items.map((o) => [o.id, o.status])).toEqual([
      [cancelledLate, "cancelled"],
      [shipped, "shipped"],
    ]);
  });

  it("pages newest first by cursor, counting orders rather than lines", async () => {
    const sellerId = newId("sel");
    const seller = await createTestUser(["seller"], { sellerId });
    const ids = [];
    for (const at of timesFrom("2031-08-01T00:00:00.000Z", 3))
      ids.push(await seedOrder({ status: "confirmed", confirmed: true, at, lines: [{ sellerId }, { sellerId }, { sellerId }] }));
    const first = await sellerPage("/api/seller/orders?limit=2", seller.headers);
    expect(first.items.map((o) => o.id)).toEqual([ids[2], ids[1]]);
    expect(first.items.every((o) => o.items.length === 3)).toBe(true);
    const late = await seedOrder({ status: "confirmed", confirmed: true, at: "2031-09-01T00:00:00.000Z", lines: [{ sellerId }] });
    const second = await sellerPage(`/api/seller/orders?limit=2&cursor=${first.next_cursor}`, seller.headers);
    expect(second.items.map((o) => o.id)).toEqual([ids[0]]);
    expect(second.next_cursor).toBeNull();
    expect((await sellerPage("/api/seller/orders?limit=2", seller.headers)).items[0]?.id).toBe(late);
  });

  it("shows a checkout's order to the seller of its listing at the order's own time", async () => {
    const { f, orderId } = await confirmedOrder({ qty: 3 });
    const seller = await createTestUser(["seller"], { sellerId: f.sellerId });
    const page = await sellerPage("/api/seller/orders", seller.headers);
    const placed = await env.DB.prepare("SELECT created_at FROM orders WHERE id = ?").bind(orderId).first<string>("created_at");
    expect(page.items).toEqual([
      expect.objectContaining({
        id: orderId,
        created_at: placed,
        status: "confirmed",
        subtotal: 3 * 129900,
        items: [expect.objectContaining({ listing_id: f.listingId, qty: 3 })],
      }),
    ]);
  });

  it("is for sellers only, and refuses bad paging parameters with a 400 problem naming the field", async () => {
    const shopper = await createTestUser();
    expect((await api("/api/seller/orders", { headers: shopper.headers })).status).toBe(403);
    expect((await api("/api/seller/orders")).status).toBe(401);
    const unlinked = await createTestUser(["seller"]);
    expect((await api("/api/seller/orders", { headers: unlinked.headers })).status).toBe(403);
    const seller = await createTestUser(["seller"], { sellerId: newId("sel") });
    for (const [query, field] of [
      ["limit=0", "limit"],
      ["cursor=%25%25", "cursor"],
      ["status=confirmed", "status"],
    ] as const) {
      const res = await api(`/api/seller/orders?${query}`, { headers: seller.headers });
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(((await res.json()) as { errors: Array<{ path: string }> }).errors[0]?.path).toBe(field);
    }
  });
});
