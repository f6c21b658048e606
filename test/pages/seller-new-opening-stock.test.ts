import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { consolePost, drawnForm } from "../helpers/forms";
import {
  fieldErrorsOf,
  invalidFields,
  listingsOf,
  page,
  pageWithDb,
  sellerAndCatalog,
  sellForm,
  stockOf,
  summaryOf,
} from "./seller-new-fixtures";

const WAREHOUSE_GONE = "That warehouse is not taking stock (it may have closed), so nothing was listed. Choose another, or “No stock yet”.";

/** The D1 binding the Worker writes through, with the SQL of every batch it commits, in order. */
function recordingBatches(): { db: D1Database; batches: string[][] } {
  const batches: string[][] = [];
  const db = new Proxy(env.DB, {
    get(target, prop) {
      if (prop === "batch") {
        return (statements: D1PreparedStatement[]) => {
          batches.push(statements.map((s) => (s as unknown as { statement: string }).statement));
          return target.batch(statements);
        };
      }
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { db, batches };
}

/** A warehouse of the test's own, with no stock in it, so closing it touches no one else's. */
async function newWarehouse(): Promise<string> {
  const id = `wh_${crypto.randomUUID().slice(0, 8)}`;
  await env.DB.prepare("INSERT INTO warehouses (id, name, city) VALUES (?, 'Closing WH', 'Nagpur')").bind(id).run();
  return id;
}

describe("seller console: a new listing's opening stock", () => {
  it("lists the product and its opening stock in one transaction", async () => {
    const { other, seller, sellerId } = await sellerAndCatalog();
    const sell = await sellForm(other.productId, seller);
    const { db, batches } = recordingBatches();
    const fields = { ...sell.fields, price: "2,450", mrp: "2,999", warehouse_id: other.warehouseId, units: "4" };
    const res = await pageWithDb(db, sell.action, seller, fields);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/seller?product=${other.productId}&done=listed`);
    const [listing] = await listingsOf(other.productId, sellerId);
    expect(await stockOf(listing!.id)).toEqual([{ warehouse_id: other.warehouseId, available: 4 }]);
    // The listing and its stock row were committed together, by the one batch that wrote either.
    const writers = batches.filter((sql) => sql.some((q) => /INSERT INTO (listings|inventory) /.test(q)));
    expect(writers).toHaveLength(1);
    expect(writers[0]!.filter((q) => /INSERT INTO (listings|inventory) /.test(q))).toHaveLength(2);
  });

  it("refuses a warehouse closed since the form was drawn beside its select, keeping what was typed and listing nothing", async () => {
    const { other, seller, sellerId } = await sellerAndCatalog();
    const closing = await newWarehouse();
    const sell = await sellForm(other.productId, seller);
    expect(await (await page(`/seller/new/${other.productId}`, seller)).text()).toContain(`<option value="${closing}"`);
    await env.DB.prepare("DELETE FROM warehouses WHERE id = ?").bind(closing).run();

    // The one offered when the form was drawn, and one the page never offered (an altered form).
    for (const warehouse_id of [closing, "wh_never_was"]) {
      const sent = { ...sell.fields, price: "2,450", mrp: "2,999", warehouse_id, units: "4" };
      const res = await consolePost(sell.action, sent, seller.headers);
      expect(res.status, warehouse_id).toBe(400);
      const html = await res.text();
      expect(fieldErrorsOf(html)).toEqual({ warehouse_id: WAREHOUSE_GONE });
      expect(invalidFields(html)).toEqual(["warehouse_id"]);
      expect(summaryOf(html)).toBe("The product was not listed. Check Warehouse.");
      // The closed warehouse is no longer offered, so the select is back at “No stock yet”; the rest is as typed.
      expect(drawnForm(html, "data-new-listing").fields).toEqual({ ...sent, warehouse_id: "" });
    }
    expect(await listingsOf(other.productId, sellerId)).toEqual([]);
    const journal = await env.DB.prepare("SELECT COUNT(*) AS n FROM inventory_journal WHERE warehouse_id = ?").bind(closing).first("n");
    expect(journal).toBe(0);
  });
});
