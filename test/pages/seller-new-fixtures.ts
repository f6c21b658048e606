import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import worker from "../../workers/index";
import { setAvailable } from "../../workers/inventory/ledger";
import { createTestUser, type TestUser } from "../helpers/accounts";
import { createListingFixture, type Fixture } from "../helpers/catalog";
import { drawnForm } from "../helpers/forms";
import { api, ORIGIN } from "../helpers/http";

/** The seller's "Sell this" flow as the console tests drive it: a catalog to sell from, the form, what it shows. */

/** A word no other test's catalog has, so a search finds only this test's products. */
export const uniqueWord = () => `zq${crypto.randomUUID().replaceAll("-", "").slice(0, 10)}`;

/** A catalog product with one other seller's offer in stock, searchable by `word`. */
export async function catalogProduct(word: string, title: string, price: number, mrp: number): Promise<Fixture> {
  const f = await createListingFixture({ title: `${title} ${word}`, brand: title.split(" ")[0], price, mrp });
  // The count refreshes the product's buy box, which is the best price search shows.
  await setAvailable(env.DB, { skuId: f.listingId, warehouseId: f.warehouseId, available: 20, ref: `fixture:${f.listingId}` });
  return f;
}

/** A seller who already sells one product of the catalog (theirs), and a product they do not sell yet (other). */
export async function sellerAndCatalog() {
  const word = uniqueWord();
  const theirs = await catalogProduct(word, "Kettleco Electric Kettle 1.5L", 149900, 199900);
  const other = await catalogProduct(word, "Toastco Pop-up Toaster 2 Slice", 249900, 299900);
  const seller = await createTestUser(["seller"], { sellerId: theirs.sellerId });
  return { word, theirs, other, seller, sellerId: theirs.sellerId };
}

export async function page(path: string, user: TestUser): Promise<Response> {
  return api(path, { headers: user.headers });
}

export async function listingsOf(
  productId: string,
  sellerId: string,
): Promise<{ id: string; price: number; mrp: number; active: number }[]> {
  const { results } = await env.DB.prepare("SELECT id, price, mrp, active FROM listings WHERE product_id = ? AND seller_id = ?")
    .bind(productId, sellerId)
    .all<{ id: string; price: number; mrp: number; active: number }>();
  return results;
}

export async function stockOf(listingId: string) {
  const { results } = await env.DB.prepare("SELECT warehouse_id, available FROM inventory WHERE sku_id = ?").bind(listingId).all();
  return results;
}

/** The "Sell this" form for a product as the seller's browser draws it. */
export async function sellForm(productId: string, seller: TestUser) {
  const res = await page(`/seller/new/${productId}`, seller);
  expect(res.status).toBe(200);
  return drawnForm(await res.text(), "data-new-listing");
}

/** The messages shown beside the new-listing form's fields, by field. */
export function fieldErrorsOf(html: string): Record<string, string> {
  const form = html.slice(html.indexOf("data-new-listing"), html.indexOf("</form>", html.indexOf("data-new-listing")));
  return Object.fromEntries([...form.matchAll(/<span class="field-error" id="([a-z_]+)-err">([^<]*)<\/span>/g)].map((m) => [m[1]!, m[2]!]));
}

/** The new-listing form's controls marked invalid, in the order the form shows them. */
export function invalidFields(html: string): string[] {
  const form = html.slice(html.indexOf("data-new-listing"), html.indexOf("</form>", html.indexOf("data-new-listing")));
  return [...form.matchAll(/<(?:input|select)\b[^>]*>/g)]
    .filter(([tag]) => tag.includes('aria-invalid="true"'))
    .map(([tag]) => /name="([^"]+)"/.exec(tag)?.[1] ?? "");
}

/** The line at the top of the page that says something went wrong. */
export const summaryOf = (html: string) => /<p class="panel error" role="alert">([^<]*)<\/p>/.exec(html)?.[1];

/**
 * A console request to a marketplace whose fulfilment network is one warehouse. Warehouses are
 * shared by every seller and other tests add their own, so the list is narrowed rather than emptied.
 */
export function onlyWarehousePage(path: string, user: TestUser, warehouseId: string, form?: Record<string, string>): Promise<Response> {
  const db = new Proxy(env.DB, {
    get(target, prop) {
      if (prop !== "prepare") {
        const value = Reflect.get(target, prop);
        return typeof value === "function" ? value.bind(target) : value;
      }
      return (query: string) =>
        /^SELECT id, name, city FROM warehouses ORDER BY/.test(query)
          ? target.prepare("SELECT id, name, city FROM warehouses WHERE id = ?").bind(warehouseId)
          : target.prepare(query);
    },
  });
  return pageWithDb(db, path, user, form);
}

/** A console page (GET, or with `form` a POST) answered by the Worker with `db` as its D1 binding. */
export async function pageWithDb(db: D1Database, path: string, user: TestUser, form?: Record<string, string>): Promise<Response> {
  const headers: Record<string, string> = { ...user.headers };
  if (form) headers["content-type"] = "application/x-www-form-urlencoded";
  const request = new Request(`${ORIGIN}${path}`, {
    method: form ? "POST" : "GET",
    redirect: "manual",
    headers,
    body: form ? new URLSearchParams(form).toString() : undefined,
  });
  const ctx = createExecutionContext();
  const res = await worker.fetch(request as Request<unknown, IncomingRequestCfProperties>, { ...env, DB: db } as Env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}
