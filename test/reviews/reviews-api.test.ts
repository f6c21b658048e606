import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { ProductView } from "../../workers/catalog/product-view";
import { reviewPageSql } from "../../workers/reviews/list-reviews";
import type { MyReview, ReviewPage } from "../../workers/reviews/schemas";
import { applyProductChanges } from "../catalog/queue";
import { createTestUser, type TestUser } from "../helpers/accounts";
import { createListingFixture } from "../helpers/catalog";
import { api } from "../helpers/http";
import { underRehearsal } from "../helpers/overload";
import { orderOf, productState, ratedProduct, shopperWhoReceived } from "./support";

const mine = (productId: string) => `/api/products/${productId}/reviews/mine`;

function put(user: TestUser, productId: string, body: unknown) {
  return api(mine(productId), { method: "PUT", headers: user.headers, body });
}

/** The product as the public API shows it, after the catalog consumer has applied its changes. */
async function productAfterConsumer(productId: string): Promise<ProductView> {
  const result = await applyProductChanges(productId);
  expect(result.retryMessages).toEqual([]);
  return (await (await api(`/api/products/${productId}`)).json()) as ProductView;
}

describe("writing a review", () => {
  it("lets a shopper with a delivered order rate the product, and the product's average follows once the consumer runs", async () => {
    const f = await ratedProduct();
    const shopper = await shopperWhoReceived(f);
    // Cached before the review, so the new average must come from the consumer's rebuild and purge.
    expect(((await (await api(`/api/products/${f.productId}`)).json()) as ProductView).rating).toEqual({ average: 4, count: 2 });
    const before = await productState(f.productId);

    const res = await put(shopper, f.productId, { rating: 5, title: "  Battery lasts two days ", body: "Bought it for my father." });
    expect(res.status).toBe(200);
    const saved = (await res.json()) as MyReview;
    expect(saved.review).toMatchObject({ rating: 5, title: "Battery lasts two days", reviewer: "Asha", verified_purchase: true });

    const after = await productState(f.productId);
    expect(after).toMatchObject({ rating_sum: 13, rating_count: 3, version: before.version! + 1, changes: before.changes! + 1 });
    expect((await productAfterConsumer(f.productId)).rating).toEqual({ average: 4.3, count: 3 });
  });

  it("replacing the review moves the sum, not the count, and the same review sent again changes nothing", async () => {
    const f = await ratedProduct();
    const shopper = await shopperWhoReceived(f);
    expect((await put(shopper, f.productId, { rating: 5, title: "Great" })).status).toBe(200);
    expect((await put(shopper, f.productId, { rating: 2, title: "Screen cracked in a week", body: "Disappointed." })).status).toBe(200);

    const replaced = await productState(f.productId);
    expect(replaced).toMatchObject({ rating_sum: 10, rating_count: 3 });
    expect(replaced.reviews).toHaveLength(1);
    expect(replaced.reviews[0]).toMatchObject({ rating: 2, title: "Screen cracked in a week", body: "Disappointed." });
    expect((await productAfterConsumer(f.productId)).rating).toEqual({ average: 3.3, count: 3 });

    // Retried by a flaky connection: the same review, trimmed the same, is already what is stored.
    const again = await put(shopper, f.productId, { rating: 2, title: "Screen cracked in a week ", body: "Disappointed." });
    expect(again.status).toBe(200);
    expect(await productState(f.productId)).toEqual(replaced);
  });

  it("deleting the review takes its stars out of the product's rating", async () => {
    const f = await ratedProduct();
    const shopper = await shopperWhoReceived(f);
    expect((await put(shopper, f.productId, { rating: 1 })).status).toBe(200);
    expect(await productState(f.productId)).toMatchObject({ rating_sum: 9, rating_count: 3 });

    expect((await api(mine(f.productId), { method: "DELETE", headers: shopper.headers })).status).toBe(204);
    const deleted = await productState(f.productId);
    expect(deleted).toMatchObject({ rating_sum: 8, rating_count: 2, reviews: [] });
    expect((await productAfterConsumer(f.productId)).rating).toEqual({ average: 4, count: 2 });
    const list = (await (await api(`/api/products/${f.productId}/reviews`)).json()) as ReviewPage;
    expect(list.items).toEqual([]);

    // A second delete finds nothing to take out, so the totals stay right.
    expect((await api(mine(f.productId), { method: "DELETE", headers: shopper.headers })).status).toBe(204);
    expect(await productState(f.productId)).toEqual(deleted);
  });

  it("refuses a shopper whose order has not been delivered, says why, and changes nothing", async () => {
    const f = await ratedProduct();
    const waiting = await createTestUser();
    await orderOf(waiting, f, "shipped");
    const stranger = await createTestUser();
    const before = await productState(f.productId);

    for (const user of [waiting, stranger]) {
      const res = await put(user, f.productId, { rating: 1, title: "Never arrived" });
      expect(res.status).toBe(403);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(((await res.json()) as { detail: string }).detail).toMatch(/once an order of yours containing it has been delivered/);
    }
    expect(await productState(f.productId)).toEqual(before);
    const status = (await (await api(mine(f.productId), { headers: waiting.headers })).json()) as MyReview;
    expect(status).toMatchObject({ can_review: false, review: null });
  });

  it("answers bad input with a 400 naming each failing field and writes nothing", async () => {
    const f = await ratedProduct();
    const shopper = await shopperWhoReceived(f);
    const before = await productState(f.productId);

    const res = await put(shopper, f.productId, { rating: 4.5, title: "t".repeat(121), body: "b".repeat(4001) });
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { errors: { path: string }[] };
    expect(problem.errors.map((e) => e.path).sort()).toEqual(["body", "rating", "title"]);
    for (const body of [{ rating: 0 }, { rating: 6 }, { title: "No stars" }, { rating: 3, helpful: true }]) {
      expect((await put(shopper, f.productId, body)).status).toBe(400);
    }
    expect(await productState(f.productId)).toEqual(before);

    // Lengths count characters as a reader does: 120 emoji are a full title, not an overlong one.
    expect((await put(shopper, f.productId, { rating: 4, title: "😀".repeat(120) })).status).toBe(200);
  });

  it("answers 404 for a product that does not exist, and 401 to a guest who tries to write", async () => {
    const shopper = await createTestUser();
    expect((await api("/api/products/prd_nope/reviews")).status).toBe(404);
    expect((await put(shopper, "prd_nope", { rating: 5 })).status).toBe(404);
    expect((await api(mine("prd_nope"), { method: "PUT", body: { rating: 5 } })).status).toBe(401);
  });
});

describe("reading reviews", () => {
  it("lets guests page through a product's reviews newest first, with first names, verified purchases and star counts", async () => {
    const f = await createListingFixture({ title: "Pagephone 2" });
    const insert = (id: string, rating: number, at: string) =>
      env.DB.prepare("INSERT INTO reviews (id, product_id, user_id, rating, title, body, created_at) VALUES (?, ?, NULL, ?, 'Old', '', ?)")
        .bind(id, f.productId, rating, at)
        .run();
    // Two in the same millisecond: the id breaks the tie, so neither is skipped or repeated.
    await insert("rev_t_a", 4, "2020-01-01T00:00:00.000Z");
    await insert("rev_t_b", 3, "2020-01-02T00:00:00.000Z");
    await insert("rev_t_c", 5, "2020-01-02T00:00:00.000Z");
    await insert("rev_t_d", 4, "2020-01-03T00:00:00.000Z");
    const shopper = await shopperWhoReceived(f, "Ravi Kumar Sharma");
    expect((await put(shopper, f.productId, { rating: 5, title: "Works well" })).status).toBe(200);

    const first = await api(`/api/products/${f.productId}/reviews?limit=2`);
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toMatch(/^public, max-age=\d+/);
    const page1 = (await first.json()) as ReviewPage;
    expect(page1.items.map((r) => r.id).slice(1)).toEqual(["rev_t_d"]);
    expect(page1.items[0]).toMatchObject({ rating: 5, title: "Works well", reviewer: "Ravi", verified_purchase: true });
    expect(JSON.stringify(page1)).not.toMatch(/Sharma|Kumar|usr_/);
    expect(page1.stars).toEqual({ "5": 2, "4": 2, "3": 1, "2": 0, "1": 0 });

    const page2 = (await (await api(`/api/products/${f.productId}/reviews?limit=2&cursor=${page1.next_cursor}`)).json()) as ReviewPage;
    expect(page2.items.map((r) => r.id)).toEqual(["rev_t_c", "rev_t_b"]);
    expect(page2.items[0]).toMatchObject({ reviewer: "A shopper", verified_purchase: false });
    expect(page2.stars).toBeNull();
    const page3 = (await (await api(`/api/products/${f.productId}/reviews?limit=2&cursor=${page2.next_cursor}`)).json()) as ReviewPage;
    expect(page3.items.map((r) => r.id)).toEqual(["rev_t_a"]);
    expect(page3.next_cursor).toBeNull();

    // A cursor continues only the list it came from.
    const other = await createListingFixture();
    const wrong = await api(`/api/products/${other.productId}/reviews?cursor=${page1.next_cursor}`);
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe("cursor");
  });

  it("lists one star rating's reviews newest first, a page at a time, still counting all of them by stars", async () => {
    const f = await createListingFixture({ title: "Starphone 5" });
    const ratings = [1, 5, 1, 4, 1, 5];
    for (const [i, rating] of ratings.entries()) {
      await env.DB.prepare(
        "INSERT INTO reviews (id, product_id, user_id, rating, title, body, created_at) VALUES (?, ?, NULL, ?, ?, '', ?)",
      )
        .bind(`rev_st_${i}`, f.productId, rating, `Review ${i}`, new Date(Date.UTC(2024, 0, 1 + i)).toISOString())
        .run();
    }
    const list = async (query: string) => {
      const res = await api(`/api/products/${f.productId}/reviews?${query}`);
      expect(res.status).toBe(200);
      return (await res.json()) as ReviewPage;
    };
    const first = await list("rating=1&limit=2");
    expect(first.items.map((r) => [r.id, r.rating])).toEqual([
      ["rev_st_4", 1],
      ["rev_st_2", 1],
    ]);
    expect(first.stars).toEqual({ "5": 2, "4": 1, "3": 0, "2": 0, "1": 3 });
    const rest = await list(`rating=1&limit=2&cursor=${first.next_cursor}`);
    expect(rest.items.map((r) => r.id)).toEqual(["rev_st_0"]);
    expect(rest.next_cursor).toBeNull();
    expect((await list("rating=3")).items).toEqual([]);
    // Without a rating, every review, as before.
    expect((await list("limit=10")).items).toHaveLength(ratings.length);
  });

  it("refuses a star rating outside 1 to 5 with a 400 naming the field", async () => {
    const f = await createListingFixture();
    for (const bad of ["0", "6", "4.5", "five"]) {
      const res = await api(`/api/products/${f.productId}/reviews?rating=${bad}`);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(["rating"]);
    }
  });

  it("walks an index in list order for every page of every list in either order, never sorting a product's reviews", async () => {
    const indexes = {
      newest: ["reviews_product_newest_idx", "reviews_product_rating_idx"],
      helpful: ["reviews_product_helpful_idx", "reviews_product_rating_helpful_idx"],
    } as const;
    for (const order of ["newest", "helpful"] as const) {
      for (const oneRating of [false, true]) {
        for (const after of [false, true]) {
          const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${reviewPageSql({ oneRating, after, order })}`)
            .bind("prd_x", 1, "2024-01-01T00:00:00.000Z", "rev_x", 3, 10)
            .all<{ detail: string }>();
          const details = plan.results.map((r) => r.detail);
          const index = indexes[order][oneRating ? 1 : 0];
          expect(details.some((d) => d.startsWith(`SEARCH r USING INDEX ${index}`))).toBe(true);
          expect(details.filter((d) => d.includes("TEMP B-TREE"))).toEqual([]);
        }
      }
    }
  });

  it("is in the OpenAPI document", async () => {
    const doc = (await (await api("/api/openapi.json")).json()) as { paths: Record<string, Record<string, { "x-access": unknown }>> };
    expect(doc.paths["/api/products/{id}/reviews"]?.get?.["x-access"]).toBe("public");
    const own = doc.paths["/api/products/{id}/reviews/mine"];
    expect(Object.keys(own ?? {}).sort()).toEqual(["delete", "get", "put"]);
    expect(own?.put?.["x-access"]).toBe("signed_in");
  });
});

describe("reviews under overload", () => {
  it("sheds reading and writing reviews with a 503 and Retry-After, while the product itself is still served", async () => {
    const f = await ratedProduct();
    const shopper = await shopperWhoReceived(f);
    const before = await productState(f.productId);

    const read = await underRehearsal(`/api/products/${f.productId}/reviews`);
    expect(read.status).toBe(503);
    expect(Number(read.headers.get("retry-after"))).toBeGreaterThan(0);
    const write = await underRehearsal(mine(f.productId), {
      method: "PUT",
      headers: { ...shopper.headers, "content-type": "application/json" },
      body: JSON.stringify({ rating: 5 }),
    });
    expect(write.status).toBe(503);
    expect(await productState(f.productId)).toEqual(before);

    const product = await underRehearsal(`/api/products/${f.productId}`);
    expect(product.status).toBe(200);
    expect(product.headers.get("x-degraded")).toBe("1");
  });
});
