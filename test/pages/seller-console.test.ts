import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createTestUser, type TestUser } from "../helpers/accounts";
import { api, readerText } from "../helpers/http";
import { createProduct } from "../catalog/fixtures";
import { allocateToDealStatements } from "../../workers/inventory/deal-ledger";
import { commitReservation, reserveStock } from "../../workers/inventory/ledger";
import { nowIso } from "../../workers/platform/time";
import { consolePost, drawnForm as form } from "../helpers/forms";
import { sellerWithNewListing } from "../sellers/new-listing";

async function page(path: string, seller: TestUser): Promise<string> {
  return (await api(path, { headers: seller.headers })).text();
}

async function listingProduct(listingId: string): Promise<string> {
  return (await env.DB.prepare("SELECT product_id FROM listings WHERE id = ?").bind(listingId).first<{ product_id: string }>())!.product_id;
}

function listingRow(listingId: string) {
  return env.DB.prepare("SELECT price, mrp, active FROM listings WHERE id = ?").bind(listingId).first<Record<string, number>>();
}

async function stockRows(listingId: string) {
  const { results } = await env.DB.prepare("SELECT warehouse_id, available, received FROM inventory WHERE sku_id = ?")
    .bind(listingId)
    .all<Record<string, number | string>>();
  return results;
}

describe("seller console", () => {
  it("tells a seller with no listings yet how to add one", async () => {
    const seller = await createTestUser(["seller"], { sellerId: `sel_none_${crypto.randomUUID().slice(0, 8)}` });
    const html = await page("/seller", seller);
    expect(html).toContain("You have no listings yet");
    expect(html).toContain("No orders yet.");
  });

  it("stocks a new listing in a warehouse it has no stock in, once", async () => {
    const { f, seller, id } = await sellerWithNewListing();
    const drawn = await page("/seller", seller);
    const panel = drawn.slice(drawn.indexOf(`data-listing-id="${id}"`));
    expect(panel.slice(0, panel.indexOf("</li>"))).toContain(`<option value="${f.warehouseId}">`);
    const add = form(panel, "data-stock-new");
    expect(add.action).toBe(`/seller/listings/${id}/stock`);

    const saved = await consolePost(add.action, { ...add.fields, warehouse_id: f.warehouseId, available: "4" }, seller.headers);
    expect(saved.status).toBe(303);
    expect(await stockRows(id)).toEqual([{ warehouse_id: f.warehouseId, available: 4, received: 4 }]);
    // The warehouse now has its own count form, with a version to match.
    const redrawn = await page("/seller", seller);
    const counted = form(redrawn.slice(redrawn.indexOf(`data-listing-id="${id}"`)), `data-warehouse-id="${f.warehouseId}"`);
    expect(counted.fields).toMatchObject({ warehouse_id: f.warehouseId, available: "4", version: "1" });

    // The same add form from another tab (its own key) must not overwrite that first count.
    const stale = await consolePost(
      add.action,
      { ...add.fields, key: crypto.randomUUID(), warehouse_id: f.warehouseId, available: "9" },
      seller.headers,
    );
    expect(stale.status).toBe(409);
    const staleText = await stale.text();
    expect(staleText).toContain("The stock changed since this page was loaded");
    expect(staleText).toContain("use Received units");
    expect(await stockRows(id)).toEqual([{ warehouse_id: f.warehouseId, available: 4, received: 4 }]);
    const unchosen = await consolePost(
      add.action,
      { ...add.fields, key: crypto.randomUUID(), warehouse_id: "", available: "3" },
      seller.headers,
    );
    expect(unchosen.status).toBe(400);
    expect(await unchosen.text()).toContain("Choose a warehouse");
    expect(await stockRows(id)).toHaveLength(1);
  });

  it("adds received units while a sale moves the stock, once per drawn form", async () => {
    const f = await createProduct([{ price: 60000, mrp: 70000, units: 10 }]);
    const seller = await createTestUser(["seller"], { sellerId: f.sellerIds[0] });
    const drawn = await page("/seller", seller);
    const receipt = form(drawn.slice(drawn.indexOf(`data-listing-id="${f.listingId}"`)), "data-stock-receipt");
    expect(receipt.action).toBe(`/seller/listings/${f.listingId}/stock/receipts`);
    // The warehouse the listing is stocked in is chosen already; the key was drawn with the page.
    expect(receipt.fields).toMatchObject({ warehouse_id: f.warehouseId, units: "" });
    expect(receipt.fields.key).toMatch(/^[A-Za-z0-9-]{8,128}$/);
    // The stocked warehouse is named as every other is, with its city, in both forms.
    const drawnPanel = drawn.slice(drawn.indexOf(`data-listing-id="${f.listingId}"`));
    expect(readerText(drawnPanel)).toContain("For sale at Test WH, Pune");
    expect(drawnPanel).toMatch(new RegExp(`<option value="${f.warehouseId}" selected="">Test WH, Pune</option>`));

    // A shopper buys 3 after the page was drawn: the count form's version is now stale, the receipt is not.
    const ref = `buy-${f.listingId}`;
    expect(await reserveStock(env.DB, { skuId: f.listingId, qty: 3, ref, ttlSeconds: 600 })).not.toBeNull();
    expect(await commitReservation(env.DB, ref)).toBe("done");

    const saved = await consolePost(receipt.action, { ...receipt.fields, units: "200" }, seller.headers);
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe("/seller?done=received");
    expect(await stockRows(f.listingId)).toEqual([{ warehouse_id: f.warehouseId, available: 207, received: 210 }]);
    expect(await page("/seller?done=received", seller)).toContain("Received units added");

    // A double submit of the same form adds nothing more; the same form with other units is refused.
    const again = await consolePost(receipt.action, { ...receipt.fields, units: "200" }, seller.headers);
    expect(again.status).toBe(303);
    const changed = await consolePost(receipt.action, { ...receipt.fields, units: "20" }, seller.headers);
    expect(changed.status).toBe(409);
    expect(await changed.text()).toContain("already used for a different receipt");
    const zero = await consolePost(receipt.action, { ...receipt.fields, key: crypto.randomUUID(), units: "0" }, seller.headers);
    expect(zero.status).toBe(400);
    const zeroPage = await zero.text();
    expect(zeroPage).toContain("Enter the units received");
    // The listing's panel opens again with what was typed, in the receipt's own form.
    const panel =
      zeroPage.match(
        new RegExp(`<details open="">(?:(?!</details>).)*?/seller/listings/${f.listingIds[0]}/stock/receipts.*?</details>`, "s"),
      )?.[0] ?? "";
    expect(panel).toContain('name="units" min="1" max="1000000" required="" value="0"');
    const unkeyed = await consolePost(receipt.action, { warehouse_id: f.warehouseId, units: "5" }, seller.headers);
    expect(unkeyed.status).toBe(400);
    expect(await stockRows(f.listingId)).toEqual([{ warehouse_id: f.warehouseId, available: 207, received: 210 }]);
  });

  it("shows units set aside for a deal next to the count, which leaves them out", async () => {
    const f = await createProduct([{ price: 60000, mrp: 70000, units: 10 }]);
    const seller = await createTestUser(["seller"], { sellerId: f.sellerIds[0] });
    const move = { skuId: f.listingId, warehouseId: f.warehouseId, qty: 5, ref: `deal-${f.listingId}`, reason: "deal carve-out" };
    await env.DB.batch(allocateToDealStatements(env.DB, move, nowIso()));

    const drawn = await page("/seller", seller);
    const panel = drawn.slice(drawn.indexOf(`data-listing-id="${f.listingId}"`));
    expect(panel).toMatch(/data-listing-summary="true">[^<]*5 for sale · 5 set aside for deals/);
    expect(panel).toMatch(/data-stock-figures="true">0 held in checkouts · 5 set aside for deals · 0 sold/);
    expect(panel).toContain("units set aside for deals: they are still on your shelf but already promised");
    expect(form(panel, `data-warehouse-id="${f.warehouseId}"`).fields).toMatchObject({ available: "5" });
  });

  it("shows a price with paise to the paisa, on the console and on the product page", async () => {
    const f = await createProduct([{ price: 59950, mrp: 70000, units: 10 }]);
    const seller = await createTestUser(["seller"], { sellerId: f.sellerIds[0] });
    const drawn = await page("/seller", seller);
    const panel = drawn.slice(drawn.indexOf(`data-listing-id="${f.listingId}"`));
    expect(panel).toMatch(/data-listing-summary="true">Active · ₹599.50 \(MRP ₹700\)/);
    expect(await (await api(`/products/${f.productId}`)).text()).toMatch(/class="buy-box"[\s\S]*?<strong>₹599.50<\/strong>/);
  });

  it("saves only what the seller changed, so a stale price form does not re-activate a listing", async () => {
    const f = await createProduct([{ price: 60000, mrp: 70000, units: 10 }]);
    const seller = await createTestUser(["seller"], { sellerId: f.sellerIds[0] });
    const drawn = form(await page("/seller", seller), `action="/seller/listings/${f.listingId}"`);
    expect(drawn.fields).toMatchObject({ price: "600.00", mrp: "700.00", active: "true", was_active: "true" });

    // Another tab deactivates the listing; the older tab then saves a new price.
    const off = await api(`/api/seller/listings/${f.listingId}`, { method: "PATCH", headers: seller.headers, body: { active: false } });
    expect(off.status).toBe(200);
    const saved = await consolePost(drawn.action, { ...drawn.fields, price: "590.00" }, seller.headers);
    expect(saved.status).toBe(303);
    expect(await listingRow(f.listingId)).toEqual({ price: 59000, mrp: 70000, active: 0 });

    // A form that does not say what it showed cannot tell changes from stale values: nothing is saved.
    const undated = await consolePost(drawn.action, { price: "580.00", mrp: "700.00", active: "true" }, seller.headers);
    expect(undated.status).toBe(400);
    expect(await undated.text()).toContain("older copy of the page");
    expect(await listingRow(f.listingId)).toEqual({ price: 59000, mrp: 70000, active: 0 });
  });

  it("says what a save did: a price saved, or the listing switched off or on", async () => {
    const { seller, id } = await sellerWithNewListing();
    const at = `/seller?product=${await listingProduct(id)}`;
    const drawn = form(await page(at, seller), `action="/seller/listings/${id}?`);
    const off = await consolePost(drawn.action, { ...drawn.fields, active: "false" }, seller.headers);
    expect(off.headers.get("location")).toMatch(/[?&]done=off(&|$)/);
    const offPage = await page(off.headers.get("location")!, seller);
    expect(offPage).toContain("Listing switched off: shoppers can no longer buy it from you.");
    // Showing one product narrows the orders below to it too, and the page says so.
    expect(readerText(offPage)).toContain("Showing the orders of this product only. Show all orders");
    expect(readerText(offPage)).toContain("No orders of this product yet.");
    expect(readerText(await page("/seller", seller))).not.toContain("Showing the orders of this product only");
    expect(offPage).not.toContain("new price");
    const again = form(offPage, `action="/seller/listings/${id}?`);
    const on = await consolePost(again.action, { ...again.fields, active: "true" }, seller.headers);
    expect(on.headers.get("location")).toMatch(/[?&]done=on(&|$)/);
    const priced = form(await page(at, seller), `action="/seller/listings/${id}?`);
    const saved = await consolePost(priced.action, { ...priced.fields, price: "555.00" }, seller.headers);
    expect(saved.headers.get("location")).toMatch(/[?&]done=listing(&|$)/);
  });

  it("draws a refused price or stock form again with what the seller typed", async () => {
    const { f, seller, id } = await sellerWithNewListing();
    const at = `/seller?product=${await listingProduct(id)}`;
    const drawn = await page(at, seller);
    const price = form(drawn, `action="/seller/listings/${id}?`);
    const above = await consolePost(price.action, { ...price.fields, price: "1500.50", mrp: "1359.00", active: "false" }, seller.headers);
    expect(above.status).toBe(400);
    const again = await above.text();
    const redrawn = form(again, `action="/seller/listings/${id}?`);
    expect(redrawn.fields).toMatchObject({ price: "1500.50", mrp: "1359.00", active: "false" });
    // What the form showed stays what is saved, so the next save still sends only what changed.
    expect(redrawn.fields.was_price).toBe(price.fields.was_price);
    expect(await listingRow(id)).toMatchObject({ active: 1 });

    // A price of nothing is refused in words, as the new-listing form words it, not as the API's field list.
    const free = await consolePost(price.action, { ...price.fields, price: "0" }, seller.headers);
    expect(free.status).toBe(400);
    const freeText = await free.text();
    expect(freeText).toContain("The price must be at least ₹1.");
    expect(freeText).not.toContain("failed validation");

    // Stocked in one warehouse, then a count of -4 there.
    const first = form(drawn, `action="/seller/listings/${id}/stock?`);
    expect((await consolePost(first.action, { ...first.fields, warehouse_id: f.warehouseId, available: "2" }, seller.headers)).status).toBe(
      303,
    );
    const stocked = await page(at, seller);
    const countForm = (html: string) => html.slice(html.indexOf(`data-warehouse-id="${f.warehouseId}"`));
    const stock = form(stocked, `data-warehouse-id="${f.warehouseId}"`);
    const negative = await consolePost(stock.action, { ...stock.fields, available: "-4" }, seller.headers);
    expect(negative.status).toBe(400);
    const count = countForm(await negative.text());
    expect(/name="available"[^>]*value="([^"]*)"/.exec(count)?.[1]).toBe("-4");
  });

  it("keeps the seller's page through a save and through an error", async () => {
    const { f, seller, id } = await sellerWithNewListing();
    const [first, second] = [f.listingId, id].sort();
    const at = `/seller?cursor=${first}&orders_cursor=ord_x`;
    const drawn = await page(at, seller);
    expect(drawn).not.toContain(`data-listing-id="${first}"`);
    const price = form(drawn, `action="/seller/listings/${second}?`);
    expect(price.action).toBe(`/seller/listings/${second}?cursor=${first}&orders_cursor=ord_x`);

    const saved = await consolePost(price.action, { ...price.fields, price: "580.00" }, seller.headers);
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe(`/seller?done=listing&cursor=${first}&orders_cursor=ord_x`);

    const refused = await consolePost(price.action, { ...price.fields, price: "abc" }, seller.headers);
    expect(refused.status).toBe(400);
    const errorPage = await refused.text();
    expect(errorPage).toContain(`data-listing-id="${second}"`);
    expect(errorPage).not.toContain(`data-listing-id="${first}"`);

    const stock = form(drawn, `action="/seller/listings/${second}/stock?`);
    const stocked = await consolePost(stock.action, { ...stock.fields, warehouse_id: f.warehouseId, available: "2" }, seller.headers);
    expect(stocked.headers.get("location")).toBe(`/seller?done=stock&cursor=${first}&orders_cursor=ord_x`);
  });
});

describe("seller console when its listings do not load", () => {
  it("says so in place of the list, with the wait and a way to load them again, rather than showing no listings", async () => {
    const { seller, id } = await sellerWithNewListing();
    // Spend the seller's API budget: the console's own reads of the API are then refused. The
    // binding counts in fixed windows, so a burst that straddles two is not refused until the
    // second fills; and should the window turn just before the page is asked for, spend again.
    let html = "";
    for (let attempt = 0; attempt < 2 && !html.includes("data-listings-failed"); attempt++) {
      let refused = false;
      const deadline = Date.now() + 100_000;
      while (!refused && Date.now() < deadline) {
        refused = (await api("/api/seller/warehouses", { headers: seller.headers })).status === 429;
      }
      expect(refused).toBe(true);
      html = await page("/seller?stock=low", seller);
    }
    const failed = /<p[^>]*data-listings-failed[^>]*>([\s\S]*?)<\/p>/.exec(html)?.[1] ?? "";
    expect(failed).toMatch(/^\s*Your listings did not load\. You are going a little fast\. Please try again in \d+ seconds\./);
    expect(failed).toContain('<a href="/seller?stock=low">Load them again</a>');
    expect(html).not.toContain("You have no listings yet");
    expect(html).not.toContain("None of your listings is running low");
    expect(html).not.toContain(`data-listing-id="${id}"`);
  }, 240_000);
});
