/**
 * Turns generated catalog rows into SQL statements: multi-row INSERTs kept under D1's 100 KB
 * statement limit, then set-based statements that write each inventory row's 'initial' journal
 * entry and fill products' buy-box columns. The same statements feed `wrangler d1 execute --file`
 * (the seed CLI) and a D1 binding directly (the benchmark harness).
 */
import { categoryRows, productChunk, sellerRows, warehouseRows } from "./generate.mjs";
import { demoAccountRows } from "./demo-accounts.mjs";

const MAX_STATEMENT_CHARS = 90_000;

function literal(v) {
  if (v === null || v === undefined) return "NULL";
  if (typeof v === "number") return String(v);
  return `'${String(v).replaceAll("'", "''")}'`;
}

/** Multi-row INSERTs for `rows` of one table, each statement under the size limit. */
export function insertStatements(table, rows) {
  if (rows.length === 0) return [];
  const cols = Object.keys(rows[0]);
  const head = `INSERT INTO ${table} (${cols.join(", ")}) VALUES\n`;
  const out = [];
  let values = [];
  let size = head.length;
  for (const row of rows) {
    const tuple = `(${cols.map((c) => literal(row[c])).join(", ")})`;
    if (values.length > 0 && size + tuple.length + 2 > MAX_STATEMENT_CHARS) {
      out.push(`${head}${values.join(",\n")};`);
      values = [];
      size = head.length;
    }
    values.push(tuple);
    size += tuple.length + 2;
  }
  out.push(`${head}${values.join(",\n")};`);
  return out;
}

/**
 * Keys products `p0`..`p1` by family, familyKey's rule (workers/catalog/family.ts) in SQL, as the
 * migration that added the column backfilled it: rtrim(t, replace(t, '(', '')) is the trimmed
 * title up to and including its last '('.
 */
export function familyStatement(p0, p1) {
  return `UPDATE products SET family = k.family FROM (
       SELECT id, category_id || '|' || lower(trim(brand)) || '|' || lower(
           CASE WHEN substr(t, -1) = ')' AND head != '' AND instr(within, ')') = 0 AND trim(within) != '' AND rtrim(head) != ''
           THEN rtrim(head) ELSE t END) AS family
       FROM (SELECT id, category_id, brand, t,
                    substr(t, 1, length(upto) - 1) AS head,
                    substr(t, length(upto) + 1, length(t) - length(upto) - 1) AS within
             FROM (SELECT id, category_id, brand, t, rtrim(t, replace(t, '(', '')) AS upto
                   FROM (SELECT id, category_id, brand, trim(title) AS t FROM products WHERE id BETWEEN ${literal(p0)} AND ${literal(p1)})))
     ) k WHERE products.id = k.id;`;
}

/**
 * Set-based statements finishing products `fromId`..`toId`: their family keys, one 'initial'
 * journal row per inventory row (so the ledger's conservation check holds from the start), then
 * the buy-box summary, the bulk form of workers/catalog/summary.ts (in stock first, lowest price,
 * better seller, lowest id).
 */
export function finishStatements(fromIndex, toIndex, now) {
  const p0 = `prd_${String(fromIndex).padStart(7, "0")}`;
  const p1 = `prd_${String(toIndex).padStart(7, "0")}`;
  const l0 = `lst_${String(fromIndex).padStart(7, "0")}_`;
  const l1 = `lst_${String(toIndex + 1).padStart(7, "0")}_`;
  return [
    familyStatement(p0, p1),
    `INSERT INTO inventory_journal (sku_id, warehouse_id, kind, reason, ref, d_available, d_initial,
       available_after, reserved_after, allocated_after, sold_after, version_after, created_at)
     SELECT sku_id, warehouse_id, 'initial', 'opening stock', 'seed:' || sku_id || ':' || warehouse_id, available, initial,
       available, reserved, allocated, sold, version, ${literal(now)}
     FROM inventory WHERE sku_id >= '${l0}' AND sku_id < '${l1}';`,
    `UPDATE products SET buy_box_listing_id = (
       SELECT l.id FROM listings l JOIN sellers s ON s.id = l.seller_id
       WHERE l.product_id = products.id AND l.active = 1
       ORDER BY (SELECT COALESCE(SUM(i.available), 0) FROM inventory i WHERE i.sku_id = l.id) > 0 DESC,
                l.price ASC, s.rating_x10 DESC, l.id ASC
       LIMIT 1)
     WHERE id BETWEEN '${p0}' AND '${p1}';`,
    `UPDATE products SET
       price = (SELECT price FROM listings WHERE id = products.buy_box_listing_id),
       mrp = (SELECT mrp FROM listings WHERE id = products.buy_box_listing_id),
       stock_total = (SELECT COALESCE(SUM(i.available), 0) FROM inventory i JOIN listings l ON l.id = i.sku_id
                      WHERE l.product_id = products.id AND l.active = 1),
       offer_count = (SELECT COUNT(*) FROM listings WHERE product_id = products.id AND active = 1)
     WHERE id BETWEEN '${p0}' AND '${p1}';`,
    // Opening stock at or under a listing's line is marked as told, as migration 0044 marked the
    // listings it found low: the seller's low-stock list holds them from the start, and the first
    // alert is of the next crossing, not a flood of every listing seeded low.
    `UPDATE listings SET
       low_stock_notified_at = ${literal(now)},
       sold_out_notified_at = CASE WHEN (SELECT COALESCE(SUM(i.available), 0) FROM inventory i WHERE i.sku_id = listings.id) <= 0
         THEN ${literal(now)} END
     WHERE id >= '${l0}' AND id < '${l1}' AND active = 1 AND low_stock_at > 0
       AND (SELECT COALESCE(SUM(i.available), 0) FROM inventory i WHERE i.sku_id = listings.id) <= low_stock_at;`,
  ];
}

/** Statements for the rows every catalog has: categories, warehouses, sellers. */
export function baseStatements(products, seed = 1) {
  return [
    ...insertStatements("categories", categoryRows()),
    ...insertStatements("warehouses", warehouseRows()),
    ...insertStatements("sellers", sellerRows(products, seed)),
  ];
}

/** Statements inserting the demo accounts (users and their roles). */
export async function demoAccountStatements() {
  const { users, roles } = await demoAccountRows();
  return [...insertStatements("users", users), ...insertStatements("user_roles", roles)];
}

/**
 * Yields groups of statements for products 1..`products`, `chunk` products at a time; each
 * group is self-contained (its inserts and its finishing statements) and can run as one batch.
 */
export function* productStatementGroups(products, { chunk = 2000, seed = 1, now = new Date().toISOString() } = {}) {
  for (let from = 1; from <= products; from += chunk) {
    const to = Math.min(products, from + chunk - 1);
    const c = productChunk(from, to, products, seed);
    yield [
      ...insertStatements("products", c.products),
      ...insertStatements("listings", c.listings),
      ...insertStatements(
        "inventory",
        c.inventory.map((r) => ({ ...r, updated_at: now })),
      ),
      ...insertStatements("reviews", c.reviews),
      ...finishStatements(from, to, now),
    ];
  }
}
