import { env } from "cloudflare:workers";
import { newId } from "../../workers/platform/ids";
import { createTestUser } from "../helpers/accounts";
import { createListingFixture } from "../helpers/catalog";
import { lineOf, paidPackedOrder, shopperAndOps, taxedListing } from "../invoices/support";
import { askReturn, daysAgo } from "../orders/returns-seed";
import { seedOrder } from "../orders/seed";
import { mustMove } from "./returned-order";

/** A product in a fashion category of its own, taxed as apparel: 5%, 18% above ₹2,500 a piece; or as `department`'s goods at the same rates. */
async function fashionProduct(title: string, department = "fashion"): Promise<string> {
  const categoryId = newId("cat");
  const productId = newId("prd");
  const now = new Date().toISOString();
  await env.DB.batch([
    env.DB.prepare(
      "INSERT INTO categories (id, slug, name, parent_id, path, depth, gst_rate, gst_rate_above_band) VALUES (?1, ?1, 'Kurtas', NULL, ?2, 1, 5, 18)",
    ).bind(categoryId, `/${department}/${categoryId}/`),
    env.DB.prepare("INSERT INTO products (id, title, brand, category_id, created_at, updated_at) VALUES (?, ?, 'Testbrand', ?, ?, ?)").bind(
      productId,
      title,
      categoryId,
      now,
      now,
    ),
  ]);
  return productId;
}

interface Line {
  sellerId: string;
  title: string;
  qty: number;
  unitPrice?: number;
  /** The product's top-level department; fashion unless given. */
  department?: string;
}

/** An order of these fashion lines placed `placedDaysAgo` days ago; delivered `deliveredDaysAgo` days ago when given. */
export async function seedSale(
  status: "delivered" | "cancelled" | "refunded",
  placedDaysAgo: number,
  lines: Line[],
  deliveredDaysAgo?: number,
): Promise<string> {
  const seeded = [];
  for (const l of lines) seeded.push({ ...l, unitPrice: l.unitPrice ?? 49_900, productId: await fashionProduct(l.title, l.department) });
  const orderId = await seedOrder({ status, at: daysAgo(placedDaysAgo), confirmed: true, lines: seeded });
  if (deliveredDaysAgo !== undefined)
    await env.DB.prepare(
      "INSERT INTO order_transitions (order_id, from_status, to_status, actor, reason, at) VALUES (?1, 'packed', 'shipped', 'ops:usr_x', '', ?2), (?1, 'shipped', 'delivered', 'ops:usr_x', '', ?2)",
    )
      .bind(orderId, daysAgo(deliveredDaysAgo))
      .run();
  return orderId;
}

/** The IST calendar day `days` days after the IST day of `iso`. */
export function istDayPlus(iso: string, days: number): string {
  return new Date(Date.parse(iso) + 330 * 60_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** A seller with four orders: one in its return window, one past it (shared with another seller), one cancelled, one refunded. */
export async function sellerWithSales() {
  const sellerId = newId("sel");
  const otherId = newId("sel");
  const seller = await createTestUser(["seller"], { sellerId });
  const other = await createTestUser(["seller"], { sellerId: otherId });
  const refunded = await seedSale("refunded", 33, [{ sellerId, title: "Refunded Kurta", qty: 1 }], 30);
  const closed = await seedSale(
    "delivered",
    23,
    [
      { sellerId, title: "Cotton Kurta", qty: 2 },
      { sellerId: otherId, title: "Other Shirt", qty: 1, unitPrice: 79_900 },
    ],
    20,
  );
  const open = await seedSale("delivered", 4, [{ sellerId, title: "Linen Kurta", qty: 1 }], 2);
  const cancelled = await seedSale("cancelled", 3, [{ sellerId, title: "Cancelled Kurta", qty: 1 }]);
  const deliveredAt = async (orderId: string) =>
    (
      await env.DB.prepare("SELECT at FROM order_transitions WHERE order_id = ? AND to_status = 'delivered'")
        .bind(orderId)
        .first<{ at: string }>()
    )?.at ?? "";
  // Fashion is returnable for 10 days after the day of delivery; the money is payable 7 days after.
  return {
    seller,
    sellerId,
    other,
    refunded,
    closed,
    open,
    cancelled,
    closedOn: istDayPlus(await deliveredAt(closed), 17),
    openOn: istDayPlus(await deliveredAt(open), 17),
  };
}

/** A listing of the seller's, taxed at the residuary 18% (its category has no rate). */
async function listingOf(sellerId: string, title: string) {
  const f = await createListingFixture({ title });
  await env.DB.prepare("UPDATE listings SET seller_id = ? WHERE id = ?").bind(sellerId, f.listingId).run();
  return { ...f, sellerId, title };
}

/** A warehouse row for the listing with its sold units on record, as checkouts leave it, so a return can be booked there. */
async function stocked(f: { listingId: string; warehouseId: string }): Promise<void> {
  await env.DB.prepare("INSERT INTO inventory (sku_id, warehouse_id, available, sold, initial, updated_at) VALUES (?, ?, 0, 10, 10, ?)")
    .bind(f.listingId, f.warehouseId, new Date().toISOString())
    .run();
}

/**
 * A seller registered for GST in Maharashtra with a ₹12,999 phone, a ₹499 case and a ₹999.99 screen
 * guard listed, a shopper, and ops: orders of these go through the real flow (shipped with the
 * seller's tax invoice, delivered, returns asked for, accepted or declined, refunds).
 */
export async function sellerOfPhones() {
  const phone = await taxedListing({ stateCode: "27", name: "Deccan Mobiles", title: "Phone" });
  const seller = await createTestUser(["seller"], { sellerId: phone.sellerId });
  const { shopper, ops } = await shopperAndOps();
  const listings = {
    phone: { ...phone, title: "Phone", price: 1_299_900 },
    case: { ...(await listingOf(phone.sellerId, "Phone case")), price: 49_900 },
    guard: { ...(await listingOf(phone.sellerId, "Screen guard")), price: 99_999 },
  };
  type Item = keyof typeof listings;
  for (const f of Object.values(listings)) await stocked(f);

  /** A paid order of `lines` ([item, units]) shipped and delivered by ops just now. */
  async function delivered(lines: Array<[Item, number]>): Promise<string> {
    const orderId = await paidPackedOrder(
      shopper.id,
      lines.map(([item, qty]) => lineOf(listings[item], listings[item].price, qty, listings[item].title)),
    );
    for (const to of ["shipped", "delivered"]) await mustMove(orderId, ops, { to });
    return orderId;
  }

  /** The shopper asks back `units` of each item named. */
  async function askBack(orderId: string, items: Array<[Item, number]>): Promise<void> {
    const res = await askReturn(orderId, shopper, {
      reason: "damaged",
      items: items.map(([item, quantity]) => ({ listing_id: listings[item].listingId, quantity })),
    });
    if (res.status !== 200) throw new Error(`return: ${res.status} ${await res.text()}`);
  }

  return { seller, sellerId: phone.sellerId, shopper, ops, listings, delivered, askBack };
}

/**
 * The seller's sales with returns, each through the real flow: a phone and its case whose case came
 * back (accepted, then received damaged); 1 of 3 screen guards returned (accepted); a phone and case
 * whose case was asked back and declined; and a phone and case ops refunded on their own.
 */
export async function partlyReturnedSales() {
  const s = await sellerOfPhones();
  const caseBack = await s.delivered([
    ["phone", 1],
    ["case", 1],
  ]);
  await s.askBack(caseBack, [["case", 1]]);
  await mustMove(caseBack, s.ops, { to: "refunded" });
  await mustMove(caseBack, s.ops, { to: "return_received", condition: "damaged" });

  const guards = await s.delivered([["guard", 3]]);
  await s.askBack(guards, [["guard", 1]]);
  await mustMove(guards, s.ops, { to: "refunded" });

  const declined = await s.delivered([
    ["phone", 1],
    ["case", 1],
  ]);
  await s.askBack(declined, [["case", 1]]);
  await mustMove(declined, s.ops, { to: "delivered", reason: "The case shows no damage" });

  const refunded = await s.delivered([
    ["phone", 1],
    ["case", 1],
  ]);
  await mustMove(refunded, s.ops, { to: "refunded" });

  const deliveredAt = (
    await env.DB.prepare("SELECT MIN(at) AS at FROM order_transitions WHERE order_id = ? AND to_status = 'delivered'")
      .bind(caseBack)
      .first<{ at: string }>()
  )?.at;
  // Their goods are returnable for the common week after the day of delivery; money is payable 7 days after.
  return { ...s, caseBack, guards, declined, refunded, settlesOn: istDayPlus(deliveredAt ?? "", 14) };
}
