import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { bySpeedTo } from "../../workers/delivery/nearest-warehouse";
import { setAvailable } from "../../workers/inventory/ledger";
import { createListingFixture } from "../helpers/catalog";
import { api } from "../helpers/http";
import { ADDRESS, checkout, shopperWithCart } from "./support";

/** The warehouse an order's one line was held in. */
async function heldIn(orderId: string): Promise<string | undefined> {
  const row = await env.DB.prepare(
    `SELECT r.warehouse_id AS warehouseId FROM order_items i JOIN inventory_reservations r ON r.ref = i.reservation_id WHERE i.order_id = ?`,
  )
    .bind(orderId)
    .first<{ warehouseId: string }>();
  return row?.warehouseId;
}

async function placed(listingId: string, address: typeof ADDRESS): Promise<string> {
  const user = await shopperWithCart([[listingId, 1]]);
  const res = await checkout(user, crypto.randomUUID(), { address, payment_method: "upi" });
  expect(res.status).toBe(201);
  return ((await res.json()) as { order_id: string }).order_id;
}

describe("the warehouse an order is held in", () => {
  it("is the one that delivers soonest, as the date the shopper was shown was worked out from", async () => {
    // Pune holds most; Bengaluru holds a few, in the shopper's own district.
    const f = await createListingFixture();
    await setAvailable(env.DB, { skuId: f.listingId, warehouseId: f.warehouseId, available: 50, ref: `count-${f.listingId}` });
    const near = `wh_blr_${crypto.randomUUID().slice(0, 8)}`;
    await env.DB.prepare("INSERT INTO warehouses (id, name, city, pincode) VALUES (?, 'Bengaluru FC', 'Bengaluru', '560034')")
      .bind(near)
      .run();
    await setAvailable(env.DB, { skuId: f.listingId, warehouseId: near, available: 3, ref: `count-${f.listingId}-blr` });

    const shown = await api(`/api/products/${f.productId}/delivery?pincode=${ADDRESS.pincode}&listing_id=${f.listingId}`);
    expect(((await shown.json()) as { from_city: string }).from_city).toBe("Bengaluru");
    expect(await heldIn(await placed(f.listingId, ADDRESS))).toBe(near);

    // For Delhi both are as far: the one holding most, as before.
    const delhi = { ...ADDRESS, city: "New Delhi", state: "Delhi", pincode: "110001" };
    expect(await heldIn(await placed(f.listingId, delhi))).toBe(f.warehouseId);
  });

  it("ranks warehouses by how soon they deliver, keeping their order among the equally quick", () => {
    const warehouses = [
      { id: "pune", city: "Pune", pincode: null },
      { id: "far", city: "Guwahati", pincode: "781001" },
      { id: "blr", city: "Bengaluru", pincode: "560034" },
      { id: "mysuru", city: "Mysuru", pincode: "570001" },
    ];
    expect(bySpeedTo(warehouses, "560001").map((w) => w.id)).toEqual(["blr", "mysuru", "pune", "far"]);
    // A PIN code we do not deliver to leaves them as they were.
    expect(bySpeedTo(warehouses, "000000").map((w) => w.id)).toEqual(["pune", "far", "blr", "mysuru"]);
  });
});
