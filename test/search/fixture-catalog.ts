import { env } from "cloudflare:workers";
import { refreshProductSummary } from "../../workers/catalog/summary";
import { refreshVocabulary } from "../../workers/search/vocabulary";
import { rebuildSuggestions } from "../../workers/search/suggestions";
import { recordPopularQueries } from "../../workers/search/vocabulary";

/** A fixed catalog for relevance and filter tests: [id, title, brand, category, price ₹, stock, rating sum, count, popularity]. */
export const PRODUCTS = [
  ["fx_s24", "Samsung Galaxy S24 Ultra 5G (12GB RAM, 256GB)", "Samsung", "fx-mobiles", 129999, 20, 92, 20, 900],
  ["fx_m14", "Samsung Galaxy M14 5G (6GB RAM, 128GB)", "Samsung", "fx-mobiles", 13499, 50, 160, 40, 700],
  ["fx_a15", "Samsung Galaxy A15 (8GB RAM, 128GB)", "Samsung", "fx-mobiles", 17999, 3, 35, 10, 300],
  ["fx_ip15", "Apple iPhone 15 (128 GB) - Black", "Apple", "fx-mobiles", 69999, 10, 230, 50, 1200],
  ["fx_ip15p", "Apple iPhone 15 Pro (256 GB) - Natural Titanium", "Apple", "fx-mobiles", 134999, 0, 45, 10, 800],
  ["fx_redmi", "Redmi Note 13 Pro 5G (8GB RAM, 256GB)", "Redmi", "fx-mobiles", 24999, 30, 80, 20, 500],
  ["fx_tab", "Samsung Galaxy Tab A9 Tablet (4GB RAM, 64GB)", "Samsung", "fx-tablets", 12999, 15, 38, 10, 200],
  ["fx_tv", "Samsung 55 inch Crystal 4K Smart LED TV", "Samsung", "fx-tv", 47990, 8, 84, 20, 400],
  ["fx_case", "Samsung Galaxy M14 Phone Case Silicone Cover", "Spigen", "fx-accessories", 599, 200, 20, 10, 100],
  ["fx_mba", "Apple MacBook Air M2 Laptop (8GB, 256GB SSD)", "Apple", "fx-laptops", 99900, 12, 140, 30, 731],
  ["fx_mbp", "Apple MacBook Pro 14 M3 Laptop (16GB, 512GB)", "Apple", "fx-laptops", 169900, 4, 48, 10, 400],
  ["fx_cbook", "HP Chromebook 14 Laptop (4GB, 64GB eMMC)", "HP", "fx-laptops", 22990, 9, 33, 10, 54],
  ["fx_pic", "Prestige PIC 20 1600W Induction Cooktop", "Prestige", "fx-cooktops", 2499, 40, 168, 40, 1214],
  ["fx_glen", "Glen Electric Ceramic Cooktop 2000W", "Glen", "fx-cooktops", 3999, 0, 18, 5, 90],
  ["fx_dura", "Duracell AA Alkaline Battery (Pack of 8)", "Duracell", "fx-accessories", 449, 500, 0, 0, 84],
  ["fx_ipcase", "Spigen Ultra Hybrid Case for iPhone 15", "Spigen", "fx-accessories", 1299, 300, 470, 100, 9500],
] as const;

const CATEGORIES = [
  ["fx-electronics", "Electronics", null, "/fx-electronics/"],
  ["fx-mobiles-tablets", "Mobiles & Tablets", "fx-electronics", "/fx-electronics/fx-mobiles-tablets/"],
  ["fx-mobiles", "Mobile Phones", "fx-mobiles-tablets", "/fx-electronics/fx-mobiles-tablets/fx-mobiles/"],
  ["fx-tablets", "Tablets", "fx-mobiles-tablets", "/fx-electronics/fx-mobiles-tablets/fx-tablets/"],
  ["fx-tv", "Televisions", "fx-electronics", "/fx-electronics/fx-tv/"],
  ["fx-laptops", "Laptops", "fx-electronics", "/fx-electronics/fx-laptops/"],
  ["fx-accessories", "Accessories", "fx-electronics", "/fx-electronics/fx-accessories/"],
  ["fx-home", "Home & Kitchen", null, "/fx-home/"],
  ["fx-cooktops", "Cooktops", "fx-home", "/fx-home/fx-cooktops/"],
] as const;

const T0 = Date.parse("2026-01-01T00:00:00Z");

/** The listing that holds a fixture product's offer. */
export function listingOf(productId: string): string {
  return `${productId}_l1`;
}

/**
 * Inserts the fixture catalog the way the catalog write path does (products, then a listing and
 * stock, then the buy-box summary in the same batch), then builds the vocabulary and suggestions.
 * Safe to call more than once.
 */
export async function seedFixtureCatalog(): Promise<void> {
  const db = env.DB;
  if (await db.prepare("SELECT 1 FROM products WHERE id = 'fx_s24'").first()) return;
  const now = new Date(T0).toISOString();
  const statements: D1PreparedStatement[] = [
    db.prepare("INSERT INTO sellers(id, name, city, created_at) VALUES ('fx_seller', 'Fixture Retail', 'Pune', ?1)").bind(now),
    db.prepare("INSERT INTO warehouses(id, name, city) VALUES ('fx_wh', 'Fixture WH', 'Pune')"),
    ...CATEGORIES.map(([slug, name, parent, path], i) =>
      db
        .prepare("INSERT INTO categories(id, slug, name, parent_id, path, depth, position) VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?6)")
        .bind(slug, name, parent, path, path.split("/").length - 3, i),
    ),
  ];
  PRODUCTS.forEach(([id, title, brand, category, rupees, stock, ratingSum, ratingCount, popularity], i) => {
    const created = new Date(T0 + i * 86_400_000).toISOString();
    statements.push(
      db
        .prepare(
          `INSERT INTO products(id, title, brand, category_id, description, attributes, rating_sum, rating_count, popularity, created_at, updated_at)
           VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)`,
        )
        .bind(
          id,
          title,
          brand,
          category,
          `${title} from ${brand}.`,
          JSON.stringify({ colour: "Black" }),
          ratingSum,
          ratingCount,
          popularity,
          created,
        ),
      db
        .prepare(
          "INSERT INTO listings(id, product_id, seller_id, price, mrp, active, created_at, updated_at) VALUES (?1, ?2, 'fx_seller', ?3, ?4, 1, ?5, ?5)",
        )
        .bind(listingOf(id), id, rupees * 100, Math.round(rupees * 120), created),
      db
        .prepare("INSERT INTO inventory(sku_id, warehouse_id, available, initial, updated_at) VALUES (?1, 'fx_wh', ?2, ?2, ?3)")
        .bind(listingOf(id), stock, created),
      ...refreshProductSummary(db, id, created),
    );
  });
  await db.batch(statements);
  await recordPopularQueries(db, [
    { query: "cooktop", popularity: 1214 },
    { query: "macbook", popularity: 731 },
    { query: "samsung", popularity: 173 },
    { query: "samsung galaxy", popularity: 40 },
  ]);
  await refreshVocabulary(db);
  await rebuildSuggestions(db);
}

/** Adds a category below a fixture category, for a test that needs one of its own. */
export async function addFixtureCategory(slug: string, name: string, parent: string): Promise<void> {
  const db = env.DB;
  await db
    .prepare(
      `INSERT INTO categories(id, slug, name, parent_id, path, depth, position)
       SELECT ?1, ?1, ?2, p.id, p.path || ?1 || '/', p.depth + 1, 100 FROM categories p WHERE p.id = ?3`,
    )
    .bind(slug, name, parent)
    .run();
}

/** Adds one listed, stocked product the way the catalog write path does, for a test that needs it. */
export async function addFixtureProduct(
  id: string,
  title: string,
  brand: string,
  category: string,
  rupees: number,
  attributes: Record<string, string> = {},
): Promise<void> {
  const db = env.DB;
  const now = new Date(T0).toISOString();
  await db.batch([
    db
      .prepare(
        `INSERT INTO products(id, title, brand, category_id, description, attributes, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)`,
      )
      .bind(id, title, brand, category, `${title} from ${brand}.`, JSON.stringify(attributes), now),
    db
      .prepare(
        "INSERT INTO listings(id, product_id, seller_id, price, mrp, active, created_at, updated_at) VALUES (?1, ?2, 'fx_seller', ?3, ?3, 1, ?4, ?4)",
      )
      .bind(listingOf(id), id, rupees * 100, now),
    db
      .prepare("INSERT INTO inventory(sku_id, warehouse_id, available, initial, updated_at) VALUES (?1, 'fx_wh', 10, 10, ?2)")
      .bind(listingOf(id), now),
    ...refreshProductSummary(db, id, now),
  ]);
}

/** A confirmed order for these products, written the way checkout writes orders and their lines. */
export async function placeFixtureOrder(orderId: string, productIds: string[]): Promise<void> {
  const now = new Date().toISOString();
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO orders(id, user_id, status, idempotency_key, subtotal, total, address, payment_method, created_at, updated_at)
       VALUES (?1, 'usr_reco', 'confirmed', ?1, 0, 0, '{}', 'upi', ?2, ?2)`,
    ).bind(orderId, now),
    ...productIds.map((p) =>
      env.DB.prepare(
        `INSERT INTO order_items(order_id, listing_id, product_id, seller_id, title, qty, unit_price, mrp)
         VALUES (?1, ?2, ?3, 'fx_seller', 'x', 1, 100, 100)`,
      ).bind(orderId, listingOf(p), p),
    ),
  ]);
}
