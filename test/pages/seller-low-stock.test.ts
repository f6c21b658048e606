import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { commitReservation, reserveStock } from "../../workers/inventory/ledger";
import { createProduct } from "../catalog/fixtures";
import { applyProductChanges } from "../catalog/queue";
import { createTestUser, type TestUser } from "../helpers/accounts";
import { consolePost, drawnForm as form } from "../helpers/forms";
import { api } from "../helpers/http";

async function page(path: string, seller: TestUser): Promise<string> {
  return (await api(path, { headers: seller.headers })).text();
}

/** The listing's panel on a console page, or null when the page does not show it. */
function panelOf(html: string, listingId: string): string | null {
  const at = html.indexOf(`data-listing-id="${listingId}"`);
  return at < 0 ? null : html.slice(at, html.indexOf("</li>", at));
}

async function buy(listingId: string, qty: number): Promise<void> {
  const ref = `buy-${listingId}-${crypto.randomUUID()}`;
  expect(await reserveStock(env.DB, { skuId: listingId, qty, ref, ttlSeconds: 600 })).not.toBeNull();
  expect(await commitReservation(env.DB, ref)).toBe("done");
}

describe("low stock in the seller console", () => {
  it("badges a listing running low and lists only such listings under ?stock=low", async () => {
    const f = await createProduct([{ price: 60000, mrp: 70000, units: 40 }]);
    const g = await createProduct([{ price: 60000, mrp: 70000, units: 40 }]);
    await env.DB.prepare("UPDATE listings SET seller_id = ? WHERE id = ?").bind(f.sellerId, g.listingId).run();
    const seller = await createTestUser(["seller"], { sellerId: f.sellerId });
    await buy(f.listingId, 33);
    await applyProductChanges(f.productId);
    await applyProductChanges(g.productId);

    const all = await page("/seller", seller);
    expect(panelOf(all, f.listingId)).toContain("Low stock");
    expect(panelOf(all, g.listingId)).not.toContain("data-low-stock");
    expect(all).toContain('href="/seller?stock=low"');

    const low = await page("/seller?stock=low", seller);
    expect(panelOf(low, f.listingId)).toContain("Low stock");
    expect(panelOf(low, g.listingId)).toBeNull();
    expect(low).toContain("Showing your listings running low or sold out");

    await buy(f.listingId, 7);
    await applyProductChanges(f.productId);
    expect(panelOf(await page("/seller?stock=low", seller), f.listingId)).toContain("Sold out");
  });

  it("sets the low-stock alert from the listing's edit form, sending only what changed", async () => {
    const f = await createProduct([{ price: 60000, mrp: 70000, units: 40 }]);
    const seller = await createTestUser(["seller"], { sellerId: f.sellerId });
    const drawn = form(panelOf(await page("/seller", seller), f.listingId) ?? "", "was_price");
    expect(drawn.fields).toMatchObject({ low_stock_at: "10", was_low_stock_at: "10" });

    const saved = await consolePost(drawn.action, { ...drawn.fields, low_stock_at: "45" }, seller.headers);
    expect(saved.status).toBe(303);
    const row = await env.DB.prepare("SELECT low_stock_at, price FROM listings WHERE id = ?").bind(f.listingId).first();
    expect(row).toEqual({ low_stock_at: 45, price: 60000 });
    await applyProductChanges(f.productId);
    expect(panelOf(await page("/seller", seller), f.listingId)).toContain("Low stock");

    const refused = await consolePost(drawn.action, { ...drawn.fields, low_stock_at: "-3" }, seller.headers);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Enter the low-stock alert as a whole number of units");
    expect(await env.DB.prepare("SELECT low_stock_at FROM listings WHERE id = ?").bind(f.listingId).first()).toEqual({ low_stock_at: 45 });
  });
});
