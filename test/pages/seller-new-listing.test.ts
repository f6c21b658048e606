import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { NEW_LISTING_FIELDS, type NewListingField } from "../../workers/pages/consoles/seller-new-form";
import { applyProductChanges } from "../catalog/queue";
import { createTestUser } from "../helpers/accounts";
import { browserSession, consolePost, drawnForm, postForm } from "../helpers/forms";
import { api, ORIGIN } from "../helpers/http";
import {
  catalogProduct,
  fieldErrorsOf,
  invalidFields,
  listingsOf,
  onlyWarehousePage,
  page,
  sellerAndCatalog,
  sellForm,
  stockOf,
  summaryOf,
  uniqueWord,
} from "./seller-new-fixtures";
import { familyKey } from "../../workers/catalog/family";

describe("seller console: list a product", () => {
  it("links to the new-listing flow from the console, also when the seller has no listings", async () => {
    const empty = await createTestUser(["seller"], { sellerId: `sel_none_${crypto.randomUUID().slice(0, 8)}` });
    const html = await (await page("/seller", empty)).text();
    expect(html).toMatch(/data-no-listings[^>]*>\s*You have no listings yet. <a href="\/seller\/new">List a product<\/a>/);
    expect(html).toContain('<a class="button primary" href="/seller/new" data-list-product');
    expect(html).not.toContain("List a product through the API");
  });

  it("finds catalog products with their best price, offering Sell this, and marks one the seller already sells", async () => {
    const { word, theirs, other, seller } = await sellerAndCatalog();
    const res = await page(`/seller/new?q=${word}`, seller);
    expect(res.status).toBe(200);
    const html = await res.text();
    const result = (productId: string) => {
      const start = html.indexOf(`data-product-id="${productId}"`);
      expect(start).toBeGreaterThan(-1);
      return html.slice(start, html.indexOf("</li>", start));
    };
    const toaster = result(other.productId);
    expect(toaster).toContain(`Toastco Pop-up Toaster 2 Slice ${word}`);
    expect(toaster).toMatch(/data-best-price="true">Toastco · Best price now ₹2,499 \(MRP ₹2,999\)/);
    expect(toaster).toContain(`href="/seller/new/${other.productId}" data-sell-this`);
    expect(toaster).toContain("Sell this");

    const kettle = result(theirs.productId);
    expect(kettle).toContain("You already sell this.");
    expect(kettle).toContain(`href="/seller?product=${theirs.productId}"`);
    expect(kettle).not.toContain("data-sell-this");

    // The link lands on that one listing's panel; its own form page says the same instead of a form.
    const own = await (await page(`/seller?product=${theirs.productId}`, seller)).text();
    expect(own).toContain(`data-listing-id="${theirs.listingId}"`);
    expect(own.match(/<li class="panel" data-listing-id=/g)).toHaveLength(1);
    const formPage = await (await page(`/seller/new/${theirs.productId}`, seller)).text();
    expect(formPage).toContain("You already sell this product at ₹1,499");
    expect(formPage).not.toContain("data-new-listing");
  });

  it("finds every size of a model, so the seller lists the one they have", async () => {
    const word = uniqueWord();
    const title = (size: string) => `Stridex ${word} Runner Shoes (UK ${size}, Black)`;
    const eight = await catalogProduct("", title("8"), 299900, 349900);
    const nine = await catalogProduct("", title("9"), 299900, 349900);
    // One model: the second size in the first's category, keyed to its family as the seed keys them.
    await env.DB.prepare("UPDATE products SET category_id = ?2, family = ?3 WHERE id = ?1")
      .bind(nine.productId, eight.categoryId, familyKey({ categoryId: eight.categoryId, brand: "Stridex", title: title("9") }))
      .run();
    const seller = await createTestUser(["seller"], { sellerId: `sel_sizes_${word}` });
    const html = await (await page(`/seller/new?q=${word}`, seller)).text();
    expect(html).toContain(`data-product-id="${eight.productId}"`);
    expect(html).toContain(`data-product-id="${nine.productId}"`);
    // Shoppers see the model once, standing for both.
    const shoppers = (await (await api(`/api/products?q=${word}`)).json()) as { items: Array<{ variants: number }> };
    expect(shoppers.items.map((i) => i.variants)).toEqual([2]);
  });

  it("lists a product with price, MRP and opening stock, which reaches the console and the product's offers", async () => {
    const { other, seller, sellerId } = await sellerAndCatalog();
    const { cookie, csrf } = await browserSession(seller);
    const drawn = await api(`/seller/new/${other.productId}`, { headers: { cookie } });
    const html = await drawn.text();
    expect(html).toContain("Best price now ₹2,499 (MRP ₹2,999) from 1 seller");
    // The CSP allows no inline style or script.
    expect(html).not.toMatch(/\sstyle="|<style\b|<script(?![^>]*\ssrc=)/);
    const sell = drawnForm(html, "data-new-listing");
    expect(sell.action).toBe("/seller/listings");
    expect(sell.fields).toMatchObject({ _csrf: csrf, product_id: other.productId, mrp: "2999.00", active: "true", warehouse_id: "" });

    const fields = { ...sell.fields, price: "2,399.50", mrp: "2,999", warehouse_id: other.warehouseId, units: "7" };
    const saved = await postForm(sell.action, fields, cookie);
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe(`/seller?product=${other.productId}&done=listed`);

    const [listing] = await listingsOf(other.productId, sellerId);
    expect(listing).toMatchObject({ price: 239950, mrp: 299900, active: 1 });
    expect(await stockOf(listing!.id)).toEqual([{ warehouse_id: other.warehouseId, available: 7 }]);

    const after = await (await api(saved.headers.get("location")!, { headers: { cookie } })).text();
    expect(after).toContain(`“Toastco Pop-up Toaster 2 Slice`);
    expect(after).toMatch(/role="status">“Toastco Pop-up Toaster 2 Slice \w+” is listed at ₹2,399.50 with 7 for sale/);
    const console = await (await page("/seller", seller)).text();
    const panel = console.slice(console.indexOf(`data-listing-id="${listing!.id}"`));
    expect(panel).toMatch(/data-listing-summary="true">Active · ₹2,399.50 \(MRP ₹2,999\) · 7 for sale/);

    // Once the catalog change is applied, shoppers see the new offer, and it is now the best price.
    expect((await applyProductChanges(other.productId)).retryMessages).toEqual([]);
    const product = (await (await api(`/api/products/${other.productId}`)).json()) as {
      offers: { listing_id: string; price: number }[];
      buy_box: { listing_id: string } | null;
    };
    expect(product.offers).toContainEqual(expect.objectContaining({ listing_id: listing!.id, price: 239950 }));
    expect(product.buy_box?.listing_id).toBe(listing!.id);
  });

  it("refuses each field's mistake beside that field, keeping what was typed and listing nothing", async () => {
    const { other, seller, sellerId } = await sellerAndCatalog();
    const sell = await sellForm(other.productId, seller);
    const wh = other.warehouseId;
    const cases: [Record<string, string>, NewListingField, string][] = [
      [{ price: "3,100", mrp: "2,999" }, "price", "Your price cannot be above the MRP (₹2,999)."],
      [{ price: "12.5.0", mrp: "2,999" }, "price", "&quot;12.5.0&quot; is not an amount in rupees; write it like 1299 or 1,299.50."],
      [{ price: "-100", mrp: "2,999" }, "price", "&quot;-100&quot; is not an amount in rupees; write it like 1299 or 1,299.50."],
      [{ price: "0", mrp: "2,999" }, "price", "At least ₹1."],
      [{ price: "2,399", mrp: "" }, "mrp", "Enter the MRP in rupees, like 1499."],
      [{ price: "2,399", mrp: "0" }, "mrp", "At least ₹1."],
      [{ price: "2,399", mrp: "2,999", units: "5" }, "warehouse_id", "Choose the warehouse these units are in."],
      ...["-3", "2.5", "ten", "1000001", "123456789"].map((units): [Record<string, string>, NewListingField, string] => [
        { price: "2,399", mrp: "2,999", warehouse_id: wh, units },
        "units",
        "Enter the units for sale as a whole number from 0 to 1,000,000.",
      ]),
    ];
    for (const [typed, name, message] of cases) {
      const sent = { ...sell.fields, units: "", ...typed };
      const res = await consolePost(sell.action, sent, seller.headers);
      expect(res.status, JSON.stringify(typed)).toBe(400);
      const html = await res.text();
      // Only the field at fault is marked, with its message beside it; the top line only points there.
      expect(fieldErrorsOf(html), JSON.stringify(typed)).toEqual({ [name]: message });
      expect(invalidFields(html), JSON.stringify(typed)).toEqual([name]);
      expect(summaryOf(html)).toBe(`The product was not listed. Check ${NEW_LISTING_FIELDS[name]}.`);
      // What the seller typed and chose comes back as they left it, and the form keeps its key.
      const again = drawnForm(html, "data-new-listing");
      expect(again.fields, JSON.stringify(typed)).toEqual(sent);
    }
    expect(await listingsOf(other.productId, sellerId)).toEqual([]);
  });

  it("shows every field's mistake at once, the cross-field ones too", async () => {
    const { other, seller, sellerId } = await sellerAndCatalog();
    const sell = await sellForm(other.productId, seller);
    const sent = { ...sell.fields, price: "abc", mrp: "0", active: "false", warehouse_id: "", units: "12" };
    const res = await consolePost(sell.action, sent, seller.headers);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(fieldErrorsOf(html)).toEqual({
      price: "&quot;abc&quot; is not an amount in rupees; write it like 1299 or 1,299.50.",
      mrp: "At least ₹1.",
      warehouse_id: "Choose the warehouse these units are in.",
    });
    expect(invalidFields(html)).toEqual(["price", "mrp", "warehouse_id"]);
    expect(summaryOf(html)).toBe("The product was not listed. Check Your price, MRP, Warehouse.");
    // The units stay typed and the select stays at “No stock yet”: nothing the seller entered is lost.
    expect(drawnForm(html, "data-new-listing").fields).toEqual(sent);

    // A price above the MRP is named even while the stock is wrong, and the other way round.
    const both = { ...sell.fields, price: "3,100", mrp: "2,999", warehouse_id: "", units: "ten" };
    const second = await consolePost(sell.action, both, seller.headers);
    expect(second.status).toBe(400);
    const secondHtml = await second.text();
    expect(fieldErrorsOf(secondHtml)).toEqual({
      price: "Your price cannot be above the MRP (₹2,999).",
      warehouse_id: "Choose the warehouse these units are in.",
      units: "Enter the units for sale as a whole number from 0 to 1,000,000.",
    });
    expect(invalidFields(secondHtml)).toEqual(["price", "warehouse_id", "units"]);
    expect(drawnForm(secondHtml, "data-new-listing").fields).toEqual(both);

    // A status the form does not offer (an altered page) does not hide the price's mistake either.
    const odd = await consolePost(sell.action, { ...sell.fields, price: "3,100", mrp: "2,999", active: "maybe" }, seller.headers);
    expect(odd.status).toBe(400);
    expect(fieldErrorsOf(await odd.text())).toEqual({
      price: "Your price cannot be above the MRP (₹2,999).",
      active: "Choose whether the listing goes on sale now.",
    });
    expect(await listingsOf(other.productId, sellerId)).toEqual([]);
  });

  it("chooses the seller's only warehouse for the opening stock, and none when there are several", async () => {
    const { other, seller, sellerId } = await sellerAndCatalog();
    const several = await sellForm(other.productId, seller);
    expect(several.fields.warehouse_id).toBe("");

    const only = await onlyWarehousePage(`/seller/new/${other.productId}`, seller, other.warehouseId);
    expect(only.status).toBe(200);
    const html = await only.text();
    expect(html).toMatch(
      new RegExp(
        `<select name="warehouse_id"[^>]*>\\s*<option value="">No stock yet</option>\\s*<option value="${other.warehouseId}" selected`,
      ),
    );
    const sell = drawnForm(html, "data-new-listing");
    expect(sell.fields.warehouse_id).toBe(other.warehouseId);

    // The seller types a price and units only: the units go on sale in that warehouse.
    const res = await consolePost(sell.action, { ...sell.fields, price: "2,450", units: "6" }, seller.headers);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/seller?product=${other.productId}&done=listed`);
    const [listing] = await listingsOf(other.productId, sellerId);
    expect(await stockOf(listing!.id)).toEqual([{ warehouse_id: other.warehouseId, available: 6 }]);

    // Leaving the units blank with that warehouse chosen lists the product without stock, rather than refusing the form.
    const { other: next } = await sellerAndCatalog();
    const form = drawnForm(
      await (await onlyWarehousePage(`/seller/new/${next.productId}`, seller, other.warehouseId)).text(),
      "data-new-listing",
    );
    expect(form.fields.warehouse_id).toBe(other.warehouseId);
    const blank = await consolePost(form.action, { ...form.fields, price: "2,450", units: "" }, seller.headers);
    expect(blank.status).toBe(303);
    expect(blank.headers.get("location")).toBe(`/seller?product=${next.productId}&done=listed`);
    const [unstocked] = await listingsOf(next.productId, sellerId);
    expect(unstocked).toMatchObject({ price: 245000 });
    expect(await stockOf(unstocked!.id)).toEqual([]);
  });

  it("offers no opening stock when there is no warehouse to put it in", async () => {
    const { other, seller, sellerId } = await sellerAndCatalog();
    const html = await (await onlyWarehousePage(`/seller/new/${other.productId}`, seller, "wh_none")).text();
    const sell = drawnForm(html, "data-new-listing");
    expect(sell.fields).not.toHaveProperty("units");
    expect(sell.fields).not.toHaveProperty("warehouse_id");
    const res = await consolePost(sell.action, { ...sell.fields, price: "2,450" }, seller.headers);
    expect(res.status).toBe(303);
    expect(await listingsOf(other.productId, sellerId)).toEqual([expect.objectContaining({ price: 245000 })]);
  });

  it("keeps “No stock yet” when the seller chose it, even with one warehouse", async () => {
    const { other, seller } = await sellerAndCatalog();
    const sell = drawnForm(
      await (await onlyWarehousePage(`/seller/new/${other.productId}`, seller, other.warehouseId)).text(),
      "data-new-listing",
    );
    const sent = { ...sell.fields, price: "abc", warehouse_id: "", units: "" };
    const refused = await onlyWarehousePage(sell.action, seller, other.warehouseId, sent);
    expect(refused.status).toBe(400);
    expect(drawnForm(await refused.text(), "data-new-listing").fields.warehouse_id).toBe("");
  });

  it("refuses a product that is not in the catalog, or no product at all, listing nothing", async () => {
    const { other, seller, sellerId } = await sellerAndCatalog();
    const sell = await sellForm(other.productId, seller);
    const before = await env.DB.prepare("SELECT COUNT(*) AS n FROM listings WHERE seller_id = ?").bind(sellerId).first<{ n: number }>();

    const unknown = await consolePost(
      sell.action,
      { ...sell.fields, product_id: "prd_not_in_catalog", price: "100", mrp: "200" },
      seller.headers,
    );
    expect(unknown.status).toBe(400);
    const unknownHtml = await unknown.text();
    expect(unknownHtml).toContain("That product is not in the catalog, so nothing was listed.");
    expect(unknownHtml).toContain("data-catalog-search");

    const none = await consolePost(sell.action, { ...sell.fields, product_id: "", price: "100", mrp: "200" }, seller.headers);
    expect(none.status).toBe(400);
    expect(await none.text()).toContain("Choose a product from the catalog search first");

    const opened = await page("/seller/new/prd_not_in_catalog", seller);
    expect(opened.status).toBe(404);
    expect(await opened.text()).toContain("That product is not in the catalog. Find the product you want to sell");
    const after = await env.DB.prepare("SELECT COUNT(*) AS n FROM listings WHERE seller_id = ?").bind(sellerId).first<{ n: number }>();
    expect(after).toEqual(before);
  });

  it("lists once when the same form is sent twice, and refuses the same form sent again with other figures", async () => {
    const { other, seller, sellerId } = await sellerAndCatalog();
    const sell = await sellForm(other.productId, seller);
    const fields = { ...sell.fields, price: "2,450", mrp: "2,999", warehouse_id: other.warehouseId, units: "4" };
    const first = await consolePost(sell.action, fields, seller.headers);
    const second = await consolePost(sell.action, fields, seller.headers);
    expect([first.status, second.status]).toEqual([303, 303]);
    expect(second.headers.get("location")).toBe(first.headers.get("location"));
    const listings = await listingsOf(other.productId, sellerId);
    expect(listings).toEqual([expect.objectContaining({ price: 245000 })]);
    expect(await stockOf(listings[0]!.id)).toEqual([{ warehouse_id: other.warehouseId, available: 4 }]);

    const changed = await consolePost(sell.action, { ...fields, price: "2,300" }, seller.headers);
    expect(changed.status).toBe(409);
    expect(await changed.text()).toContain("This form already listed the product with other figures, so nothing more was listed.");
    // A fresh form from another tab drawn before the listing: the API refuses a second listing.
    const otherTab = await consolePost(sell.action, { ...fields, key: crypto.randomUUID() }, seller.headers);
    expect(otherTab.status).toBe(409);
    const otherTabHtml = await otherTab.text();
    expect(otherTabHtml).toContain("You already sell this product, so nothing new was listed.");
    expect(otherTabHtml).toContain(`href="/seller?product=${other.productId}"`);
    expect(await listingsOf(other.productId, sellerId)).toEqual([expect.objectContaining({ price: 245000 })]);
  });

  it("keeps shoppers and guests out of the flow", async () => {
    const { other } = await sellerAndCatalog();
    const shopper = await createTestUser();
    expect((await page("/seller/new", shopper)).status).toBe(403);
    expect((await page(`/seller/new/${other.productId}`, shopper)).status).toBe(403);
    const fields = { product_id: other.productId, key: crypto.randomUUID(), price: "100", mrp: "200", active: "true" };
    const posted = await consolePost("/seller/listings", fields, shopper.headers);
    expect(posted.status).toBe(403);
    expect(await posted.text()).toContain("Your account does not have access to this console.");
    const { results } = await env.DB.prepare("SELECT id FROM listings WHERE product_id = ?").bind(other.productId).all();
    expect(results).toEqual([{ id: other.listingId }]);

    const guest = await exports.default.fetch(new Request(`${ORIGIN}/seller/new`, { redirect: "manual" }));
    expect(guest.status).toBe(303);
    expect(guest.headers.get("location")).toBe("/signin?next=%2Fseller%2Fnew");
  });
});
