import { env } from "cloudflare:workers";
import { countPlacedStatement } from "../../workers/orders/order-minutes";
import { TO_SHIP_STATUSES } from "../../workers/orders/ready-to-ship";
import type { OrderStatus } from "../../workers/orders/state-machine";
import { newId, sha256Hex } from "../../workers/platform/ids";
import { ADDRESS } from "../checkout/support";
import { createListingFixture } from "../helpers/catalog";

/** One line of a seeded order. */
export interface SeedLine {
  sellerId: string;
  listingId?: string;
  /** The product the line sold; a fresh id unless a test needs the order to hold a known product. */
  productId?: string;
  title?: string;
  qty?: number;
  unitPrice?: number;
  /** The flash deal the line was bought in, at its price. */
  dealId?: string;
}

/**
 * Writes an order straight into D1 at a chosen time, so list tests control the order rows sort in
 * without running checkouts. `confirmed` records that it once reached confirmation (and its sellers).
 */
export async function seedOrder(opts: {
  userId?: string;
  status: OrderStatus;
  at: string;
  lines?: SeedLine[];
  confirmed?: boolean;
  /** Where it was delivered; the shared test address unless a test needs its own. */
  address?: Record<string, string>;
}): Promise<string> {
  const id = newId("ord");
  const lines = opts.lines ?? [{ sellerId: newId("sel") }];
  const total = lines.reduce((s, l) => s + (l.unitPrice ?? 10000) * (l.qty ?? 1), 0);
  const db = env.DB;
  await db.batch([
    db
      .prepare(
        `INSERT INTO orders (id, user_id, status, idempotency_key, subtotal, total, currency, address, payment_method, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?1, ?4, ?4, 'INR', ?5, 'upi', ?6, ?6)`,
      )
      .bind(id, opts.userId ?? newId("usr"), opts.status, total, JSON.stringify(opts.address ?? ADDRESS), opts.at),
    // Counted in its minute as checkout counts the orders it places, so the overview's rate agrees.
    countPlacedStatement(db, opts.at),
    db
      .prepare(
        "INSERT INTO order_transitions (order_id, from_status, to_status, actor, reason, at) VALUES (?, NULL, 'created', 'system', 'seed', ?)",
      )
      .bind(id, opts.at),
    ...(opts.confirmed
      ? [
          db
            .prepare(
              "INSERT INTO order_transitions (order_id, from_status, to_status, actor, reason, at) VALUES (?, 'created', 'confirmed', 'system', 'seed', ?)",
            )
            .bind(id, opts.at),
        ]
      : []),
    ...lines.map((l) =>
      db
        .prepare(
          `INSERT INTO order_items (order_id, listing_id, product_id, seller_id, title, qty, unit_price, mrp, deal_id, created_at, ready_to_ship_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .bind(
          id,
          l.listingId ?? newId("lst"),
          l.productId ?? newId("prd"),
          l.sellerId,
          l.title ?? "Seeded item",
          l.qty ?? 1,
          l.unitPrice ?? 10000,
          (l.unitPrice ?? 10000) + 5000,
          l.dealId ?? null,
          opts.at,
          // As a status change would have left it: ready from its confirmation while it is to ship.
          opts.confirmed && TO_SHIP_STATUSES.includes(opts.status) ? opts.at : null,
        ),
    ),
  ]);
  return id;
}

/** `n` RFC 3339 times one second apart starting at `start`, oldest first. */
export function timesFrom(start: string, n: number): string[] {
  const t0 = Date.parse(start);
  return Array.from({ length: n }, (_, i) => new Date(t0 + i * 1000).toISOString());
}

/** The lines of `seedPicturedOrder`, by what their product looks like now. */
export interface PicturedOrder {
  orderId: string;
  pictured: { listingId: string; productId: string };
  plain: { listingId: string; productId: string };
  gone: { listingId: string; productId: string };
}

/**
 * A confirmed order of the shopper's with three lines: a product with a picture, one without
 * ("Plain Kettle"), and one no longer in the catalog ("Old Lamp").
 */
export async function seedPicturedOrder(userId: string): Promise<PicturedOrder> {
  const pictured = await createListingFixture({ title: "Teal Phone" });
  const plain = await createListingFixture({ title: "Plain Kettle", brand: "Plainware" });
  await env.DB.prepare("UPDATE products SET image = '/art/phone/teal.svg' WHERE id = ?").bind(pictured.productId).run();
  const gone = { listingId: newId("lst"), productId: newId("prd") };
  const orderId = await seedOrder({
    userId,
    status: "confirmed",
    at: new Date().toISOString(),
    confirmed: true,
    lines: [
      { sellerId: pictured.sellerId, listingId: pictured.listingId, productId: pictured.productId, title: "Teal Phone" },
      { sellerId: plain.sellerId, listingId: plain.listingId, productId: plain.productId, title: "Plain Kettle" },
      { sellerId: newId("sel"), ...gone, title: "Old Lamp" },
    ],
  });
  return { orderId, pictured, plain, gone };
}

/**
 * The id an address had before ids were keyed: the first 16 hex digits of a plain SHA-256 of its
 * normalized fields, which anyone could compute from a guessed address. Old links still carry it.
 */
export async function unkeyedAddressId(a: Record<string, string>): Promise<string> {
  const fold = (s = "") => s.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();
  const phone = (a.phone ?? "").replace(/\D/g, "").slice(-10);
  const key = JSON.stringify([fold(a.name), phone, fold(a.line1), fold(a.line2), fold(a.city), fold(a.state), (a.pincode ?? "").trim()]);
  return (await sha256Hex(key)).slice(0, 16);
}
