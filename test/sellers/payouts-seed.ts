import { env } from "cloudflare:workers";
import { newId } from "../../workers/platform/ids";
import { createTestUser } from "../helpers/accounts";
import { daysAgo } from "../orders/returns-seed";
import { seedOrder } from "../orders/seed";

/** A product in a fashion category of its own, taxed as apparel: 5%, 18% above ₹2,500 a piece. */
async function fashionProduct(title: string): Promise<string> {
  const categoryId = newId("cat");
  const productId = newId("prd");
  const now = new Date().toISOString();
  await env.DB.batch([
    env.DB.prepare(
      "INSERT INTO categories (id, slug, name, parent_id, path, depth, gst_rate, gst_rate_above_band) VALUES (?1, ?1, 'Kurtas', NULL, ?2, 1, 5, 18)",
    ).bind(categoryId, `/fashion/${categoryId}/`),
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
}

/** An order of these fashion lines placed `placedDaysAgo` days ago; delivered `deliveredDaysAgo` days ago when given. */
export async function seedSale(
  status: "delivered" | "cancelled" | "refunded",
  placedDaysAgo: number,
  lines: Line[],
  deliveredDaysAgo?: number,
): Promise<string> {
  const seeded = [];
  for (const l of lines) seeded.push({ ...l, unitPrice: l.unitPrice ?? 49_900, productId: await fashionProduct(l.title) });
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
    other,
    refunded,
    closed,
    open,
    cancelled,
    closedOn: istDayPlus(await deliveredAt(closed), 17),
    openOn: istDayPlus(await deliveredAt(open), 17),
  };
}
