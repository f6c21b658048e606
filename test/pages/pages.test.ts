import { createExecutionContext, createMessageBatch } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { consumeCatalogChanges } from "../../workers/catalog/consumer";
import type { Envelope } from "../../workers/platform/outbox";
import { describe, expect, it } from "vitest";
import { createTestUser } from "../helpers/accounts";
import { createListingFixture } from "../helpers/catalog";
import { api, ORIGIN } from "../helpers/http";
import { createDealViaApi, dealSetup } from "../deals/helpers";
import { postForm } from "../helpers/forms";

/** A page request that does not follow redirects, to see where a page sends the visitor. */
function visit(path: string, headers: Record<string, string> = {}): Promise<Response> {
  return exports.default.fetch(new Request(`${ORIGIN}${path}`, { headers, redirect: "manual" }));
}

/** Inline code the CSP would block: any <script> without src, any style attribute or <style> block. */
function inlineCode(html: string): string[] {
  const scripts = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>/g)].map((m) => m[0]);
  const styles = [...html.matchAll(/<style\b|\sstyle="/g)].map((m) => m[0]);
  return [...scripts, ...styles];
}

describe("shared pages", () => {
  it("serves the home page as cacheable HTML with search, and no inline code the CSP would block", async () => {
    const res = await api("/");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(res.headers.get("cache-control")).toMatch(/public.*s-maxage=\d+/);
    const html = await res.text();
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain('action="/search"');
    expect(html).toContain('<label for="q"');
    expect(inlineCode(html)).toEqual([]);
    // Modules, so each script can import the helper the scripts share (/static/api.js).
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(script).toContain('type="module"');
  });

  it("shows a product with its buy-box price in rupees and an add-to-cart form that works without scripts", async () => {
    const f = await createListingFixture({ price: 129900, mrp: 149900, title: "Pagephone 9 (8GB, 128GB)" });
    const res = await api(`/products/${f.productId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("public");
    const html = await res.text();
    expect(html).toContain("Pagephone 9 (8GB, 128GB)");
    expect(html).toContain("₹1,299");
    expect(html).toContain('action="/cart/add"');
    expect(html).toContain(`value="${f.listingId}"`);
  });

  it("labels a product's specifications as shoppers read them: RAM in capitals, the operating system in full, one capital for the rest", async () => {
    const f = await createListingFixture({ title: "Specphone 3" });
    await env.DB.prepare("UPDATE products SET attributes = ? WHERE id = ?")
      .bind(JSON.stringify({ ram: "8GB RAM", screen_size: '6.5"', os: "Android 14", colour: "Teal" }), f.productId)
      .run();
    const html = await (await api(`/products/${f.productId}`)).text();
    const labels = [...html.matchAll(/<th scope="row">([^<]*)<\/th>/g)].map((m) => m[1]);
    expect(labels).toEqual(["RAM", "Screen size", "Operating system", "Colour"]);
  });

  it("renders a shared page once per data centre: the next visitor gets the edge's copy, and a matching ETag is a 304", async () => {
    const f = await createListingFixture({ title: "Cachephone 1" });
    const first = await api(`/products/${f.productId}`);
    expect(first.headers.get("x-page-cache")).toBe("miss");
    const etag = first.headers.get("etag") ?? "";
    expect(etag).toMatch(/^W\/"/);
    const body = await first.text();
    // The edge's copy is stored after the response is sent; give waitUntil a moment.
    await new Promise((r) => setTimeout(r, 50));
    const second = await api(`/products/${f.productId}`);
    expect(second.headers.get("x-page-cache")).toBe("hit");
    expect(await second.text()).toBe(body);
    const revalidated = await api(`/products/${f.productId}`, { headers: { "if-none-match": etag } });
    expect(revalidated.status).toBe(304);
  });

  it("drops a product's page from the edge once the catalog applies a change to it", async () => {
    const f = await createListingFixture({ price: 129900, mrp: 149900, title: "Purgephone 2" });
    const path = `/products/${f.productId}`;
    await api(path);
    await new Promise((r) => setTimeout(r, 50));
    expect((await api(path)).headers.get("x-page-cache")).toBe("hit");

    await env.DB.prepare("UPDATE listings SET price = 119900 WHERE id = ?").bind(f.listingId).run();
    const change: Envelope<unknown> = {
      outboxId: 8_000_000 + Math.floor(Math.random() * 1_000_000),
      body: { type: "product.changed", product_id: f.productId, reason: "listing_updated", at: new Date().toISOString() },
    };
    const batch = createMessageBatch("catalog-changes", [{ id: "page-purge", timestamp: new Date(), attempts: 1, body: change }]);
    await consumeCatalogChanges(batch, env, createExecutionContext());

    const after = await api(path);
    expect(after.headers.get("x-page-cache")).toBe("miss");
    expect(await after.text()).toContain("₹1,199");
  });

  it("keeps a product page at the edge no longer than until its deal opens", async () => {
    const s = await dealSetup(20);
    const path = `/products/${s.fixture.productId}`;
    const startsAt = Date.now() + 4_000;
    await createDealViaApi(s, { starts_at: new Date(startsAt).toISOString() });
    // Past the deal's own catalog change (its purge included), nothing else refreshes the page.
    await new Promise((r) => setTimeout(r, 2_000));
    const before = await api(path);
    expect(before.headers.get("cache-control")).toMatch(/s-maxage=[0-2]\b/);
    expect(await before.text()).not.toContain("Get the deal");
    await new Promise((r) => setTimeout(r, startsAt + 100 - Date.now()));
    const opened = await api(path);
    expect(opened.headers.get("x-page-cache")).not.toBe("hit");
    expect(await opened.text()).toContain("Get the deal");
  });

  it("never serves a personal page from the edge", async () => {
    const user = await createTestUser();
    await api("/cart", { headers: user.headers });
    const again = await api("/cart", { headers: user.headers });
    expect(again.headers.get("x-page-cache")).toBeNull();
    expect(again.headers.get("cache-control")).toBe("private, no-store");
  });

  it("answers an unknown product with a 404 page, not a problem document", async () => {
    const res = await api("/products/prd_does_not_exist");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(await res.text()).toContain("Product not found");
  });

  it("answers /deals with the page of every flash deal, a new one among them", async () => {
    const s = await dealSetup(20);
    const startsAt = Date.now() + 3_600_000;
    const id = await createDealViaApi(s, {
      starts_at: new Date(startsAt).toISOString(),
      ends_at: new Date(startsAt + 3_600_000).toISOString(),
    });
    const res = await visit("/deals");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toMatch(/public.*s-maxage=\d+/);
    const html = await res.text();
    expect(html).toContain("<h1>Flash deals</h1>");
    expect(html).toContain(`href="/deals/${id}"`);
  });
});

describe("personal pages", () => {
  it("sends a guest at checkout to sign in, and back to checkout afterwards", async () => {
    const res = await visit("/checkout");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/signin?why=checkout&next=%2Fcheckout");
    const signIn = await (await visit("/signin?why=checkout&next=%2Fcheckout")).text();
    expect(signIn).toContain("Sign in to check out. Your cart comes with you.");
  });

  it("tells a shopper signed out elsewhere while checking out that nothing was placed", async () => {
    const res = await postForm("/checkout", { _csrf: "x", name: "Asha" }, "");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/signin?why=signed_out&next=/checkout");
    const signIn = await (await visit("/signin?why=signed_out&next=/checkout")).text();
    expect(signIn).toContain("You were signed out, so your order was not placed. Sign in and place it again: your cart is kept.");
  });

  it("keeps each console to its role: guests sign in, other accounts get 403", async () => {
    const shopper = await createTestUser();
    const ops = await createTestUser(["ops"]);
    const guest = await visit("/ops");
    expect(guest.status).toBe(303);
    expect(guest.headers.get("location")).toBe("/signin?next=%2Fops");
    expect((await visit("/ops?status=confirmed")).headers.get("location")).toBe("/signin?next=%2Fops%3Fstatus%3Dconfirmed");
    const refused = await api("/ops", { headers: shopper.headers });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("does not have access");
    const allowed = await api("/ops", { headers: ops.headers });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get("cache-control")).toBe("private, no-store");
    expect(await allowed.text()).toContain("Inventory audit");
  });

  it("refuses a cart form with a bad quantity with 400 and leaves the cart as it was", async () => {
    const shopper = await createTestUser();
    const f = await createListingFixture();
    const body = new URLSearchParams({ listing_id: f.listingId, qty: "99" }).toString();
    const res = await api("/cart/items", {
      method: "POST",
      body,
      headers: { ...shopper.headers, "content-type": "application/x-www-form-urlencoded" },
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Choose a quantity from 0 to 10");
    const cart = (await (await api("/api/cart", { headers: shopper.headers })).json()) as { items: unknown[] };
    expect(cart.items).toEqual([]);
  });

  it("tells a shopper a wrong password plainly and sets no session cookie", async () => {
    const res = await api("/signin", {
      method: "POST",
      body: new URLSearchParams({ email: "nobody@test.example", password: "wrong-password-1", next: "/orders" }).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://shop.test" },
    });
    expect(res.status).toBe(401);
    const page = await res.text();
    expect(page).toContain("That email and password do not match.");
    // Both fields are marked and described by the refusal; the focus starts on the password, to type again.
    const input = (name: string) => page.match(new RegExp(`<input[^>]*name="${name}"[^>]*>`))?.[0] ?? "";
    for (const name of ["email", "password"]) {
      expect(input(name)).toContain('aria-invalid="true"');
      expect(input(name)).toContain('aria-describedby="signin-problem"');
    }
    expect(input("password")).toContain("autofocus");
    expect(input("email")).not.toContain("autofocus");
    expect(page).toMatch(/<p class="panel error" role="alert" id="signin-problem">That email and password do not match\.<\/p>/);
    expect(res.headers.getSetCookie().some((c) => c.startsWith("__Host-session="))).toBe(false);
  });
});
