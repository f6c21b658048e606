import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { listings, sellers, warehouses } from "../../workers/db/schema";
import { setAvailable } from "../../workers/inventory/ledger";
import { createDb } from "../../workers/platform/db";
import { newId } from "../../workers/platform/ids";
import { nowIso } from "../../workers/platform/time";
import type { DealSetup } from "../deals/helpers";
import { createTestUser } from "../helpers/accounts";
import { familyKey } from "../../workers/catalog/family";
import { createListingFixture } from "../helpers/catalog";
import { browserSession, consolePost, dealFormDefaults, field, postForm } from "../helpers/forms";
import { api } from "../helpers/http";
import { consoleDealRow } from "./deals-console-table";

/** A word no other product has, so each test's search finds its own product and no cached answer. */
function uniqueWord(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => String.fromCharCode(97 + (b % 26))).join("");
}

/** A deal manager and a product named `word` with two offers: the fixture's, and a cheaper one from a second seller. */
async function twoOffers(word: string): Promise<DealSetup & { second: string }> {
  const fixture = await createListingFixture({ title: `Zorbit ${word} Phone (128 GB)` });
  const second = await otherSellerOffer(fixture.productId, { name: "Kaveri Mobiles", city: "Chennai", price: 119900 });
  const warehouseId = newId("wh");
  await createDb(env.DB).insert(warehouses).values({ id: warehouseId, name: "Chennai WH", city: "Chennai" });
  await setAvailable(env.DB, {
    skuId: fixture.listingId,
    warehouseId: fixture.warehouseId,
    available: 50,
    ref: `stock-${fixture.listingId}`,
  });
  await setAvailable(env.DB, { skuId: second, warehouseId, available: 300, ref: `stock-${second}` });
  return { fixture, manager: await createTestUser(["deal_manager"]), second };
}

/** Another seller's offer of the product (MRP ₹1,499), with no stock yet; its listing id. */
async function otherSellerOffer(productId: string, seller: { name: string; city: string; price: number }): Promise<string> {
  const db = createDb(env.DB);
  const now = nowIso();
  const sellerId = newId("sel");
  const listingId = newId("lst");
  await db.batch([
    db.insert(sellers).values({ id: sellerId, name: seller.name, city: seller.city, createdAt: now }),
    db.insert(listings).values({ id: listingId, productId, sellerId, price: seller.price, mrp: 149900, createdAt: now, updatedAt: now }),
  ]);
  return listingId;
}

/** A third seller's offer of the product, with no stock anywhere; its listing id. */
function soldOutOffer(productId: string): Promise<string> {
  return otherSellerOffer(productId, { name: "Empty Shelf Traders", city: "Mysuru", price: 109900 });
}

/** The text of a hint beside a field, tags removed. */
function hint(page: string, name: string): string | null {
  const html = new RegExp(`<p class="field-hint" id="${name}-hint"[^>]*>(.*?)</p>`, "s").exec(page)?.[1];
  return html === undefined ? null : html.replace(/<[^>]+>/g, "");
}

/** The text of the picker's "Units for a deal" cell for one offer, tags removed. */
function unitsCell(page: string, listingId: string): string | null {
  const html = /<td class="words" data-deal-units="\d+">(.*?)<\/td>/s.exec(offerRow(page, listingId).row)?.[1];
  return html === undefined ? null : html.replace(/<[^>]+>/g, "");
}

/** The picker's row for one offer, and the href of its "Use this offer" link. */
function offerRow(page: string, listingId: string): { row: string; href: string | null } {
  const row = new RegExp(`<tr data-listing-id="${listingId}">.*?</tr>`, "s").exec(page)?.[0] ?? "";
  const href = /<a href="([^"]+)">Use this offer/.exec(row)?.[1]?.replaceAll("&amp;", "&") ?? null;
  return { row, href };
}

/** The rest of the create form, as the manager fills it in after picking the offer. */
function restOfForm(page: string, overrides: Record<string, string> = {}): Record<string, string> {
  const hidden = (name: string) => new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(page)?.[1] ?? "";
  return {
    _csrf: hidden("_csrf"),
    idempotency_key: hidden("idempotency_key"),
    chosen_product: hidden("chosen_product"),
    listing_id: /value="([^"]*)"/.exec(field(page, "listing_id").input)?.[1] ?? "",
    ...dealFormDefaults(),
    ...overrides,
  };
}

describe("the deals console's offer picker", () => {
  it("lists every colour of a model, since a deal is on one of them", async () => {
    const word = uniqueWord();
    const black = await createListingFixture({ title: `Zorbit ${word} Phone (Black, 128 GB)`, brand: "Zorbit" });
    const blue = await createListingFixture({ title: `Zorbit ${word} Phone (Blue, 128 GB)`, brand: "Zorbit" });
    // One model: the second colour in the first's category, keyed to its family as the seed keys them.
    await env.DB.prepare("UPDATE products SET category_id = ?2, family = ?3 WHERE id = ?1")
      .bind(
        blue.productId,
        black.categoryId,
        familyKey({ categoryId: black.categoryId, brand: "Zorbit", title: `Zorbit ${word} Phone (Blue, 128 GB)` }),
      )
      .run();
    for (const f of [black, blue])
      await setAvailable(env.DB, { skuId: f.listingId, warehouseId: f.warehouseId, available: 5, ref: `stock-${f.listingId}` });
    const manager = await createTestUser(["deal_manager"]);
    const page = await (await api(`/deals-console?find=${word}`, { headers: manager.headers })).text();
    expect(page).toContain(`<caption>Zorbit ${word} Phone (Black, 128 GB)`);
    expect(page).toContain(`<caption>Zorbit ${word} Phone (Blue, 128 GB)`);
    // Shoppers see the model once, standing for both.
    const shoppers = (await (await api(`/api/products?q=${word}`)).json()) as { items: Array<{ variants: number }> };
    expect(shoppers.items.map((i) => i.variants)).toEqual([2]);
  });

  it("finds a product by name and lists each seller's offer with its price, MRP and stock", async () => {
    const word = uniqueWord();
    const s = await twoOffers(word);
    const soldOut = await soldOutOffer(s.fixture.productId);
    const res = await api(`/deals-console?find=${word}`, { headers: s.manager.headers });
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain(`<caption>Zorbit ${word} Phone (128 GB)`);
    const cheaper = offerRow(page, s.second).row;
    for (const text of ["Kaveri Mobiles", "₹1,199", "₹1,499", "In stock", s.second, "Use this offer"]) expect(cheaper).toContain(text);
    const first = offerRow(page, s.fixture.listingId).row;
    for (const text of ["Test Seller", "₹1,299", "Use this offer"]) expect(first).toContain(text);
    // A deal manager chooses how many units to carve, so each offer shows its exact count beside the shoppers' band.
    expect(unitsCell(page, s.second)).toBe("300 units");
    expect(unitsCell(page, s.fixture.listingId)).toBe("50 units");
    expect(unitsCell(page, soldOut)).toBe("0 units");
    // A deal sets units aside from the offer's stock, so an offer with none cannot be picked.
    expect(offerRow(page, soldOut).row).toContain("Sold out");
    expect(offerRow(page, soldOut).row).toContain("No stock for a deal");
    expect(offerRow(page, soldOut).href).toBeNull();
    // The search box keeps what was searched for.
    expect(page).toContain(`name="find" value="${word}"`);
  });

  it("puts the picked offer in the form, named, and creates the deal from it under the product's name", async () => {
    const word = uniqueWord();
    const s = await twoOffers(word);
    // As a browser does it: the session cookie, and the CSRF token the page's form carries.
    const { cookie, csrf } = await browserSession(s.manager);
    const found = await (await api(`/deals-console?find=${word}`, { headers: { cookie } })).text();
    const href = offerRow(found, s.second).href;
    expect(href).toMatch(/^\/deals-console\?/);

    const picked = await (await api(href ?? "", { headers: { cookie } })).text();
    // The CSP allows no inline style or script.
    expect(picked).not.toMatch(/\sstyle="|<style\b|<script(?![^>]*\ssrc=)/);
    expect(field(picked, "listing_id").input).toContain(`value="${s.second}"`);
    expect(field(picked, "listing_id").input).toContain('aria-describedby="listing_id-hint"');
    expect(hint(picked, "listing_id")).toBe(`Zorbit ${word} Phone (128 GB), sold by Kaveri Mobiles at ₹1,199, MRP ₹1,499 (in stock).`);
    expect(hint(picked, "deal_price")).toBe("The offer sells at ₹1,199, MRP ₹1,499: price the deal below ₹1,199.");
    // The units the offer's stock allows, exactly, and the browser's own bound on the field.
    expect(hint(picked, "units")).toBe("Up to 300 units can be carved from the listing&#39;s stock.");
    expect(field(picked, "units").input).toContain('max="300"');
    expect(field(picked, "units").input).toContain('aria-describedby="units-hint"');
    // The other fields start as a blank form does.
    expect(field(picked, "per_user_limit").input).toContain('value="1"');
    expect(field(picked, "active_users").input).toContain('value="100"');
    expect(offerRow(picked, s.second).row).toContain("In the form");

    const form = restOfForm(picked);
    expect(form._csrf).toBe(csrf);
    const created = await postForm("/deals-console", form, cookie);
    expect(created.status).toBe(303);
    const id = /^\/deals-console\/([^/?]+)\?done=created$/.exec(created.headers.get("location") ?? "")?.[1] ?? "";
    const deal = (await (await api(`/api/admin/deals/${id}`, { headers: s.manager.headers })).json()) as { listing_id: string };
    expect(deal.listing_id).toBe(s.second);
    const list = await (await api("/deals-console", { headers: { cookie } })).text();
    expect(consoleDealRow(list, id)?.cells).toMatchObject({
      Deal: `Zorbit ${word} Phone (128 GB)`,
      "Units left": "20 of 20",
      Seller: "Kaveri Mobiles",
    });
  });

  it("keeps the picked offer named when the API refuses the deal, with the reason beside the field", async () => {
    const word = uniqueWord();
    const s = await twoOffers(word);
    const found = await (await api(`/deals-console?find=${word}`, { headers: s.manager.headers })).text();
    const picked = await (await api(offerRow(found, s.second).href ?? "", { headers: s.manager.headers })).text();

    const refused = await consolePost("/deals-console", restOfForm(picked, { deal_price: "1250" }), s.manager.headers);
    expect(refused.status).toBe(400);
    const page = await refused.text();
    expect(field(page, "deal_price").error).toBe("Must be below the listing&#39;s price of ₹1,199");
    expect(field(page, "deal_price").input).toContain('aria-describedby="deal_price-hint deal_price-err"');
    expect(hint(page, "listing_id")).toContain("sold by Kaveri Mobiles at ₹1,199");

    // A listing id typed over the pick is the API's to judge; the form no longer names the picked offer.
    const unknown = await consolePost("/deals-console", restOfForm(picked, { listing_id: "lst_nosuchlisting" }), s.manager.headers);
    expect(unknown.status).toBe(400);
    const unknownPage = await unknown.text();
    expect(field(unknownPage, "listing_id").error).toBe("Unknown or inactive listing");
    expect(hint(unknownPage, "listing_id")).toBeNull();
  });

  it("counts the units a deal can carve as creation does, and refuses more beside the units field with that figure", async () => {
    const word = uniqueWord();
    const s = await twoOffers(word);
    // The fixture's offer has 50 units in one warehouse and 30 in another: a deal takes its units from one.
    const warehouseId = newId("wh");
    await createDb(env.DB).insert(warehouses).values({ id: warehouseId, name: "Nagpur WH", city: "Nagpur" });
    await setAvailable(env.DB, { skuId: s.fixture.listingId, warehouseId, available: 30, ref: `stock2-${s.fixture.listingId}` });

    const found = await (await api(`/deals-console?find=${word}`, { headers: s.manager.headers })).text();
    expect(unitsCell(found, s.fixture.listingId)).toBe("50 units (of 80 units across 2 warehouses: a deal takes its units from one)");
    const picked = await (await api(offerRow(found, s.fixture.listingId).href ?? "", { headers: s.manager.headers })).text();
    expect(hint(picked, "units")).toBe(
      "Up to 50 units can be carved from the listing&#39;s stock (of 80 units across 2 warehouses: a deal takes its units from one).",
    );
    expect(field(picked, "units").input).toContain('max="50"');

    const refused = await consolePost("/deals-console", restOfForm(picked, { units: "60" }), s.manager.headers);
    expect(refused.status).toBe(409);
    const page = await refused.text();
    expect(field(page, "units").error).toBe("Only 50 units are available to carve: enter 50 or fewer");
    expect(field(page, "units").input).toContain('value="60"');
    expect(field(page, "units").input).toContain('aria-invalid="true"');
    expect(field(page, "units").input).toContain('aria-describedby="units-hint units-err"');
    expect(page).toContain("The deal was not created. Check Units.");
    // The offer stays picked, and the stock is untouched.
    expect(hint(page, "listing_id")).toContain("sold by Test Seller at ₹1,299");
    expect(hint(page, "units")).toContain("Up to 50 units");

    // The figure shown is the one creation allows: exactly that many go through.
    const created = await consolePost("/deals-console", restOfForm(page, { units: "50" }), s.manager.headers);
    expect(created.status).toBe(303);
  });

  it("gives shoppers only the availability band, never the exact units a deal manager sees", async () => {
    const word = uniqueWord();
    const s = await twoOffers(word);
    const shopper = await createTestUser([]);
    const product = await api(`/api/products/${s.fixture.productId}`, { headers: shopper.headers });
    expect(product.status).toBe(200);
    const detail = (await product.json()) as { availability: string; offers: Record<string, unknown>[] };
    expect(detail.availability).toBe("in_stock");
    for (const offer of detail.offers) {
      expect(offer.availability).toBe("in_stock");
      expect(Object.keys(offer)).not.toContain("available");
      expect(Object.keys(offer)).not.toContain("deal_units");
    }
    expect(JSON.stringify(detail)).not.toMatch(/\b(300|350)\b/);
    const page = await (await api(`/products/${s.fixture.productId}`, { headers: shopper.headers })).text();
    expect(page).not.toMatch(/\b(50|300) units\b/);

    // The deal manager's read of the exact figures is theirs, not a shopper's or a guest's.
    const path = `/api/admin/inventory/deal-units?listing_id=${s.second}&listing_id=${s.fixture.listingId}`;
    expect((await api(path, { headers: shopper.headers })).status).toBe(403);
    expect((await api(path)).status).toBe(401);
    const read = await api(path, { headers: s.manager.headers });
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual({
      items: [
        { listing_id: s.second, deal_units: 300, available: 300, warehouses: 1, active: true },
        { listing_id: s.fixture.listingId, deal_units: 50, available: 50, warehouses: 1, active: true },
      ],
    });
  });

  it("says so when no product matches", async () => {
    const manager = await createTestUser(["deal_manager"]);
    const word = uniqueWord();
    const page = await (await api(`/deals-console?find=${word}`, { headers: manager.headers })).text();
    expect(page).toContain(`No products match “${word}”.`);
    expect(page).not.toContain("Use this offer");
  });

  it("says an offer picked from a stale link is gone, and leaves the listing blank", async () => {
    const word = uniqueWord();
    const s = await twoOffers(word);
    const res = await api(`/deals-console?find=${word}&product=${s.fixture.productId}&listing=lst_gone`, { headers: s.manager.headers });
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain("That offer is no longer on sale. Please pick another.");
    expect(field(page, "listing_id").input).toContain('value=""');
    expect(hint(page, "listing_id")).toBeNull();
  });

  it("is the deal manager's alone: a shopper is refused and a guest sent to sign in", async () => {
    const word = uniqueWord();
    await twoOffers(word);
    const shopper = await createTestUser([]);
    const refused = await api(`/deals-console?find=${word}`, { headers: shopper.headers });
    expect(refused.status).toBe(403);
    const page = await refused.text();
    expect(page).not.toContain("Use this offer");
    expect(page).not.toContain(word);
    const guest = await api(`/deals-console?find=${word}`);
    expect(guest.redirected).toBe(true);
    // Signed in, they come back to their search; until then no offer is shown.
    expect(guest.url).toBe(`https://shop.test/signin?next=${encodeURIComponent(`/deals-console?find=${word}`)}`);
    expect(await guest.text()).not.toContain("Use this offer");
  });
});
