import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { newId } from "../../workers/platform/ids";
import { createTestUser, type TestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { seedOrder } from "../orders/seed";
import { daysAgo } from "../orders/returns-seed";
import { mustMove, returnsOf, SHOPPER_NAME, twoSellerReturnRequested } from "./returned-order";

/** What identifies the shopper: none of it may reach a seller through a return. */
function shopperTraces(shopper: TestUser): string[] {
  return [
    SHOPPER_NAME,
    shopper.email,
    shopper.id,
    "Asha Rao",
    "12 MG Road",
    "9876543210",
    "98765 43210",
    "meera.iyer",
    "560001",
    "Bengaluru",
  ];
}

describe("GET /api/seller/returns", () => {
  it("shows each seller only its own lines of a returned order, with the shopper's reason and nothing that identifies them", async () => {
    const { orderId, shopper, sellerA, sellerB, a, b } = await twoSellerReturnRequested();

    const mine = await returnsOf(sellerA);
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({
      order_id: orderId,
      status: "requested",
      reason: "size_fit",
      note: "Too tight at the shoulders, call me on [contact removed] or [contact removed]",
      decision: null,
      subtotal: 49_900,
      refunded: 0,
      received: null,
    });
    expect(mine.items[0]?.items).toEqual([
      {
        listing_id: a.listingId,
        product_id: a.productId,
        title: "Cotton Kurta",
        qty: 1,
        unit_price: 49_900,
        return_qty: 1,
        amount: 49_900,
        back_on_sale: null,
      },
    ]);
    for (const trace of [...shopperTraces(shopper), b.listingId, "Steam Iron"]) expect(mine.text).not.toContain(trace);

    const theirs = await returnsOf(sellerB);
    expect(theirs.items.map((r) => [r.order_id, r.subtotal, r.items.map((i) => i.title)])).toEqual([[orderId, 129_900, ["Steam Iron"]]]);
    for (const trace of [...shopperTraces(shopper), a.listingId, "Cotton Kurta"]) expect(theirs.text).not.toContain(trace);

    // A seller with no part in the order sees no return.
    const stranger = await createTestUser(["seller"], { sellerId: newId("sel") });
    expect((await returnsOf(stranger)).items).toEqual([]);
  });

  it("shows an accepted return's refund of the seller's lines, then the units back on sale where the goods came back sellable", async () => {
    const { orderId, ops, sellerA, a } = await twoSellerReturnRequested();
    await mustMove(orderId, ops, { to: "refunded" });
    const accepted = (await returnsOf(sellerA)).items[0];
    expect(accepted).toMatchObject({
      status: "accepted",
      refunded: 49_900,
      decision: { outcome: "accepted", decline_reason: null },
      received: null,
    });

    await mustMove(orderId, ops, { to: "return_received", condition: "sellable" });
    const received = (await returnsOf(sellerA)).items[0];
    expect(received).toMatchObject({ status: "received", refunded: 49_900, received: { condition: "sellable" } });
    expect(received?.items[0]?.back_on_sale).toEqual({ units: 1, warehouse_id: a.warehouseId, warehouse_name: "Test WH" });
    expect((await returnsOf(sellerA, "?status=received")).items.map((r) => r.order_id)).toEqual([orderId]);
    expect((await returnsOf(sellerA, "?status=accepted")).items).toEqual([]);
    expect((await returnsOf(sellerA, "?status=requested")).items).toEqual([]);
  });

  it("shows damaged goods as kept off sale", async () => {
    const { orderId, ops, sellerB } = await twoSellerReturnRequested();
    await mustMove(orderId, ops, { to: "refunded" });
    await mustMove(orderId, ops, { to: "return_received", condition: "damaged" });
    const received = (await returnsOf(sellerB)).items[0];
    expect(received).toMatchObject({ status: "received", received: { condition: "damaged" } });
    expect(received?.items[0]?.back_on_sale).toBeNull();
  });

  it("shows a declined return with ops' reason and no refund", async () => {
    const { orderId, ops, sellerA } = await twoSellerReturnRequested();
    await mustMove(orderId, ops, { to: "delivered", reason: "Tags removed and the kurta was washed" });
    const declined = await returnsOf(sellerA, "?status=declined");
    expect(declined.items).toHaveLength(1);
    expect(declined.items[0]).toMatchObject({
      order_id: orderId,
      status: "declined",
      refunded: 0,
      decision: { outcome: "declined", decline_reason: "Tags removed and the kurta was washed" },
    });
    expect((await returnsOf(sellerA, "?status=requested")).items).toEqual([]);
  });

  it("pages the latest asked first by cursor, and refuses a cursor from another filter", async () => {
    const sellerId = newId("sel");
    const seller = await createTestUser(["seller"], { sellerId });
    const ids = [];
    for (const day of [3, 2, 1])
      ids.push(await seedReturn(sellerId, { placedDaysAgo: 10, askedDaysAgo: day, reason: "Damaged or defective" }));
    const first = await returnsOf(seller, "?limit=2");
    expect(first.items.map((r) => r.order_id)).toEqual([ids[2], ids[1]]);
    const second = await returnsOf(seller, `?limit=2&cursor=${first.next_cursor}`);
    expect(second.items.map((r) => r.order_id)).toEqual([ids[0]]);
    expect(second.next_cursor).toBeNull();

    const wrong = await api(`/api/seller/returns?status=declined&cursor=${first.next_cursor}`, { headers: seller.headers });
    expect(wrong.status).toBe(400);
    expect(wrong.headers.get("content-type")).toContain("application/problem+json");
    const bad = await api("/api/seller/returns?status=lost", { headers: seller.headers });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toContain("status");
  });

  it("is for sellers only", async () => {
    for (const path of ["/api/seller/returns", "/api/seller/returns/summary"]) {
      expect((await api(path)).status).toBe(401);
      expect((await api(path, { headers: (await createTestUser()).headers })).status).toBe(403);
    }
  });
});

describe("GET /api/seller/returns/summary", () => {
  it("counts returns awaiting ops' decision, and per listing how much of the last 30 days' sales came back and why", async () => {
    const sellerId = newId("sel");
    const seller = await createTestUser(["seller"], { sellerId });
    const kurta = newId("lst");
    const iron = newId("lst");
    const line = (listingId: string, qty: number, title: string) => ({ sellerId, listingId, qty, title });
    await seedShipped([line(kurta, 36, "Cotton Kurta"), line(iron, 5, "Steam Iron")], 5);
    // [placed, asked, the request's words, units, ops' decision] days ago. A declined return did not
    // come back, and a sale from before the window is not counted either way.
    const returns: Array<[number, number, string, number, ("refunded" | "delivered")?]> = [
      [8, 2, "Size or fit not right: too short", 2],
      [8, 3, "Damaged or defective", 1, "refunded"],
      [8, 3, "Size or fit not right", 1, "delivered"],
      [40, 33, "Damaged or defective", 4, "refunded"],
    ];
    for (const [placedDaysAgo, askedDaysAgo, reason, qty, decided] of returns)
      await seedReturn(sellerId, { placedDaysAgo, askedDaysAgo, reason, lines: [line(kurta, qty, "Cotton Kurta")], decided });
    // Placed but never shipped: not sold.
    await seedOrder({ status: "confirmed", confirmed: true, at: daysAgo(1), lines: [line(kurta, 9, "Cotton Kurta")] });

    const res = await api("/api/seller/returns/summary", { headers: seller.headers });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { awaiting_decision: number; days: number; listings: unknown[] };
    expect(body.awaiting_decision).toBe(1);
    expect(body.days).toBe(30);
    expect(body.listings).toEqual([
      {
        listing_id: kurta,
        title: "Cotton Kurta",
        sold: 40,
        returned: 3,
        reasons: [
          { reason: "size_fit", units: 2 },
          { reason: "damaged", units: 1 },
        ],
      },
    ]);
  });
});

/** A delivered order of these lines placed `days` days ago, shipped and delivered. */
async function seedShipped(lines: Array<{ sellerId: string; listingId: string; qty: number; title: string }>, days: number) {
  const orderId = await seedOrder({ status: "delivered", confirmed: true, at: daysAgo(days), lines });
  await env.DB.prepare(
    "INSERT INTO order_transitions (order_id, from_status, to_status, actor, reason, at) VALUES (?1, 'packed', 'shipped', 'ops:usr_x', '', ?2), (?1, 'shipped', 'delivered', 'ops:usr_x', '', ?2)",
  )
    .bind(orderId, daysAgo(days))
    .run();
  return orderId;
}

/**
 * A shipped order of the seller's asked back `askedDaysAgo` days ago in `reason`'s words, as the
 * request records it, and, with `decided`, accepted (`refunded`) or declined (`delivered`) by ops.
 */
async function seedReturn(
  sellerId: string,
  opts: {
    placedDaysAgo: number;
    askedDaysAgo: number;
    reason: string;
    lines?: Array<{ sellerId: string; listingId: string; qty: number; title: string }>;
    decided?: "refunded" | "delivered" | undefined;
  },
): Promise<string> {
  const orderId = await seedShipped(
    opts.lines ?? [{ sellerId, listingId: newId("lst"), qty: 1, title: "Seeded item" }],
    opts.placedDaysAgo,
  );
  const asked = daysAgo(opts.askedDaysAgo);
  const decidedAt = new Date(Date.parse(asked) + 3_600_000).toISOString();
  await env.DB.batch([
    env.DB.prepare(
      "INSERT INTO order_transitions (order_id, from_status, to_status, actor, reason, at) VALUES (?, 'delivered', 'return_requested', 'shopper:usr_x', ?, ?)",
    ).bind(orderId, opts.reason, asked),
    ...(opts.decided
      ? [
          env.DB.prepare(
            "INSERT INTO order_transitions (order_id, from_status, to_status, actor, reason, at) VALUES (?, 'return_requested', ?, 'ops:usr_x', 'Seen', ?)",
          ).bind(orderId, opts.decided, decidedAt),
        ]
      : []),
    env.DB.prepare("UPDATE orders SET status = ? WHERE id = ?").bind(opts.decided ?? "return_requested", orderId),
    env.DB.prepare("UPDATE order_items SET return_requested_at = ?, return_quantity = qty WHERE order_id = ?").bind(asked, orderId),
  ]);
  return orderId;
}
