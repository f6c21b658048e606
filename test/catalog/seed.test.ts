import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCatalogIntoD1 } from "../../scripts/catalog/load-d1.mjs";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../scripts/catalog/demo-accounts.mjs";
import { verifyPassword } from "../../workers/accounts/password";
import { familyKey } from "../../workers/catalog/family";
import type { ProductView } from "../../workers/catalog/product-view";
import { createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";

const PRODUCTS = 300;

describe("generated catalog", () => {
  beforeAll(async () => {
    await loadCatalogIntoD1(env.DB, { products: PRODUCTS, chunk: 100 });
  });

  it("has 2-4 offers per product from distinct sellers, never priced above MRP", async () => {
    const rows = await env.DB.prepare(
      `SELECT p.id, COUNT(l.id) AS offers, COUNT(DISTINCT l.seller_id) AS sellers, SUM(l.price > l.mrp) AS above_mrp
       FROM products p JOIN listings l ON l.product_id = p.id WHERE p.id LIKE 'prd_000%' GROUP BY p.id`,
    ).all<{ offers: number; sellers: number; above_mrp: number }>();
    expect(rows.results).toHaveLength(PRODUCTS);
    for (const r of rows.results) {
      expect(r.offers).toBeGreaterThanOrEqual(2);
      expect(r.offers).toBeLessThanOrEqual(4);
      expect(r.sellers).toBe(r.offers);
      expect(r.above_mrp).toBe(0);
    }
  });

  it("starts every stock row conserved, with its opening journal entry", async () => {
    const r = await env.DB.prepare(
      `SELECT COUNT(*) AS rows,
         SUM(i.initial + i.received != i.available + i.allocated + i.reserved + i.sold) AS unbalanced,
         SUM((SELECT COUNT(*) FROM inventory_journal j WHERE j.sku_id = i.sku_id AND j.warehouse_id = i.warehouse_id
              AND j.kind = 'initial' AND j.d_initial = i.initial AND j.d_available = i.available) != 1) AS unjournaled,
         SUM(i.available = 0) AS sold_out, SUM(i.available BETWEEN 1 AND 5) AS few
       FROM inventory i WHERE i.sku_id LIKE 'lst_000%'`,
    ).first<{ rows: number; unbalanced: number; unjournaled: number; sold_out: number; few: number }>();
    expect(r!.rows).toBeGreaterThan(PRODUCTS * 2);
    expect(r!.unbalanced).toBe(0);
    expect(r!.unjournaled).toBe(0);
    // Some listings are sold out and some down to a few units, so every availability shows up.
    expect(r!.sold_out).toBeGreaterThan(0);
    expect(r!.few).toBeGreaterThan(0);
  });

  it("marks the listings it stocks at or under their low-stock line, so the seller's low list holds them from the start", async () => {
    const units = "(SELECT COALESCE(SUM(i.available), 0) FROM inventory i WHERE i.sku_id = l.id)";
    const r = await env.DB.prepare(
      `SELECT SUM(${units} <= l.low_stock_at) AS low,
         SUM((${units} <= l.low_stock_at) != (l.low_stock_notified_at IS NOT NULL)) AS mismarked,
         SUM((${units} <= 0) != (l.sold_out_notified_at IS NOT NULL)) AS sold_out_mismarked
       FROM listings l WHERE l.id LIKE 'lst_000%' AND l.active = 1 AND l.low_stock_at > 0`,
    ).first<{ low: number; mismarked: number; sold_out_mismarked: number }>();
    expect(r!.low).toBeGreaterThan(0);
    expect(r!.mismarked).toBe(0);
    expect(r!.sold_out_mismarked).toBe(0);
    const seller = await createTestUser(["seller"], { sellerId: "sel_demo" });
    const low = (await (await api("/api/seller/listings?stock=low&limit=100", { headers: seller.headers })).json()) as {
      items: { low_stock: boolean }[];
    };
    expect(low.items.length).toBeGreaterThan(0);
    expect(low.items.every((i) => i.low_stock)).toBe(true);
  });

  it("fills every product's buy box as the write path would", async () => {
    const mismatched = await env.DB.prepare(
      `SELECT COUNT(*) AS n FROM products p WHERE p.id LIKE 'prd_000%' AND (
         p.buy_box_listing_id IS NULL OR p.offer_count != (SELECT COUNT(*) FROM listings WHERE product_id = p.id AND active = 1)
         OR p.price != (SELECT price FROM listings WHERE id = p.buy_box_listing_id)
         OR p.stock_total != (SELECT COALESCE(SUM(i.available), 0) FROM inventory i JOIN listings l ON l.id = i.sku_id WHERE l.product_id = p.id))`,
    ).first<{ n: number }>();
    expect(mismatched?.n).toBe(0);
    const page = (await (await api("/api/products/prd_0000007")).json()) as ProductView;
    expect(page.offers.length).toBeGreaterThanOrEqual(2);
    expect(page.offers.some((o) => o.seller.id === "sel_demo")).toBe(true);
    expect(page.category.ancestors.length).toBe(2);
  });

  it("creates demo accounts whose password verifies with the accounts module", async () => {
    for (const account of DEMO_ACCOUNTS) {
      const row = await env.DB.prepare(
        "SELECT password_hash AS hash, password_salt AS salt, password_iterations AS iterations FROM users WHERE email = ?",
      )
        .bind(account.email)
        .first<{ hash: string; salt: string; iterations: number }>();
      expect(row?.iterations).toBe(100_000);
      expect(await verifyPassword(DEMO_PASSWORD, row!)).toBe(true);
    }
    const seller = await env.DB.prepare("SELECT seller_id FROM user_roles WHERE user_id = 'usr_demo_seller' AND role = 'seller'").first<{
      seller_id: string;
    }>();
    expect(seller?.seller_id).toBe("sel_demo");
  });
  it("keys every product's family as the Worker's rule does, so a model's variants link to each other", async () => {
    const rows = await env.DB.prepare(
      "SELECT id, title, brand, category_id, family FROM products WHERE id LIKE 'prd_000%' ORDER BY id",
    ).all<{ id: string; title: string; brand: string; category_id: string; family: string | null }>();
    expect(rows.results).toHaveLength(PRODUCTS);
    for (const r of rows.results) {
      expect([r.id, r.family]).toEqual([r.id, familyKey({ categoryId: r.category_id, brand: r.brand, title: r.title })]);
    }
    const shared = rows.results.find((r) => rows.results.some((o) => o.id !== r.id && o.family === r.family && o.title !== r.title));
    expect(shared).toBeDefined();
    const page = (await (await api(`/api/products/${shared!.id}`)).json()) as ProductView;
    expect(page.variants.length).toBeGreaterThan(0);
  });
});
