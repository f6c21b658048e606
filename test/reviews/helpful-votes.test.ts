import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { HelpfulVote, ReviewPage } from "../../workers/reviews/schemas";
import { type TestUser, createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";
import { productState, ratedProduct, reviewedProduct } from "./support";

const helpful = (reviewId: string) => `/api/reviews/${reviewId}/helpful`;

async function vote(user: TestUser, reviewId: string, method: "PUT" | "DELETE" = "PUT"): Promise<Response> {
  return api(helpful(reviewId), { method, headers: user.headers });
}

async function voted(user: TestUser, reviewId: string, method: "PUT" | "DELETE" = "PUT"): Promise<HelpfulVote> {
  const res = await vote(user, reviewId, method);
  expect(res.status).toBe(200);
  expect(res.headers.get("cache-control")).toBe("private, no-store");
  return (await res.json()) as HelpfulVote;
}

async function writeReview(shopper: TestUser, productId: string, review: { rating: number; title?: string }): Promise<string> {
  const res = await api(`/api/products/${productId}/reviews/mine`, { method: "PUT", headers: shopper.headers, body: review });
  expect(res.status).toBe(200);
  return ((await res.json()) as { review: { id: string } }).review.id;
}

/** The review's count and the votes behind it, straight from D1. */
async function votesOf(reviewId: string) {
  const count = await env.DB.prepare("SELECT helpful_count FROM reviews WHERE id = ?").bind(reviewId).first<number>("helpful_count");
  const votes = await env.DB.prepare("SELECT COUNT(*) AS n FROM review_votes WHERE review_id = ?").bind(reviewId).first<number>("n");
  return { count, votes };
}

async function marksOf(user: TestUser, productId: string): Promise<string[]> {
  const res = await api(`/api/products/${productId}/reviews/helpful`, { headers: user.headers });
  expect(res.status).toBe(200);
  return ((await res.json()) as { review_ids: string[] }).review_ids;
}

/** A product with a review by a shopper who received it, and the review's id. */
const votedOn = () => reviewedProduct("Votephone 3", { rating: 4, title: "Camera is sharp in daylight" });

describe("marking a review helpful", () => {
  it("counts each shopper once, however often they send it, and shows the count on the review", async () => {
    const { f, reviewId } = await votedOn();
    const [asha, ravi] = [await createTestUser(), await createTestUser()];

    expect(await voted(asha, reviewId)).toEqual({ review_id: reviewId, helpful: true, helpful_count: 1 });
    // A double tap, or a retry after a dropped answer.
    expect(await voted(asha, reviewId)).toEqual({ review_id: reviewId, helpful: true, helpful_count: 1 });
    expect(await voted(ravi, reviewId)).toEqual({ review_id: reviewId, helpful: true, helpful_count: 2 });
    expect(await votesOf(reviewId)).toEqual({ count: 2, votes: 2 });

    const list = (await (await api(`/api/products/${f.productId}/reviews`)).json()) as ReviewPage;
    expect(list.items.find((r) => r.id === reviewId)?.helpful_count).toBe(2);
    expect(await marksOf(asha, f.productId)).toEqual([reviewId]);
  });

  it("takes a vote back, once, and lists only the shopper's own marks", async () => {
    const { f, reviewId } = await votedOn();
    const [asha, ravi] = [await createTestUser(), await createTestUser()];
    await voted(asha, reviewId);
    await voted(ravi, reviewId);

    expect(await voted(asha, reviewId, "DELETE")).toEqual({ review_id: reviewId, helpful: false, helpful_count: 1 });
    expect(await voted(asha, reviewId, "DELETE")).toEqual({ review_id: reviewId, helpful: false, helpful_count: 1 });
    expect(await votesOf(reviewId)).toEqual({ count: 1, votes: 1 });
    expect(await marksOf(asha, f.productId)).toEqual([]);
    expect(await marksOf(ravi, f.productId)).toEqual([reviewId]);
    // Another product's reviews are not this one's.
    const other = await votedOn();
    await voted(ravi, other.reviewId);
    expect(await marksOf(ravi, f.productId)).toEqual([reviewId]);
  });

  it("tells a shopper whether they marked one review helpful, with its count", async () => {
    const { author, reviewId } = await votedOn();
    const [asha, ravi] = [await createTestUser(), await createTestUser()];
    const mine = async (user: TestUser) => {
      const res = await api(helpful(reviewId), { headers: user.headers });
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("private, no-store");
      return (await res.json()) as HelpfulVote;
    };
    expect(await mine(asha)).toEqual({ review_id: reviewId, helpful: false, helpful_count: 0 });
    await voted(asha, reviewId);
    await voted(ravi, reviewId);
    expect(await mine(asha)).toEqual({ review_id: reviewId, helpful: true, helpful_count: 2 });
    await voted(ravi, reviewId, "DELETE");
    expect(await mine(ravi)).toEqual({ review_id: reviewId, helpful: false, helpful_count: 1 });
    // The author may look, though not vote.
    expect(await mine(author)).toEqual({ review_id: reviewId, helpful: false, helpful_count: 1 });
    expect((await api(helpful(reviewId))).status).toBe(401);
    const gone = await api(helpful("rev_nope"), { headers: asha.headers });
    expect(gone.status).toBe(404);
    expect(gone.headers.get("content-type")).toBe("application/problem+json");
  });

  it("refuses the review's own author, a guest and a review that does not exist, and changes nothing", async () => {
    const { author, reviewId } = await votedOn();

    const own = await vote(author, reviewId);
    expect(own.status).toBe(403);
    expect(own.headers.get("content-type")).toBe("application/problem+json");
    expect(((await own.json()) as { detail: string }).detail).toBe("You can't mark your own review helpful.");
    expect((await api(helpful(reviewId), { method: "PUT" })).status).toBe(401);
    const shopper = await createTestUser();
    const missing = await vote(shopper, "rev_nope");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toBe("application/problem+json");
    expect((await vote(shopper, "rev_nope", "DELETE")).status).toBe(404);
    expect(await votesOf(reviewId)).toEqual({ count: 0, votes: 0 });
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM review_votes WHERE review_id = 'rev_nope'").first<number>("n")).toBe(0);
  });

  it("starts a replaced review with no votes, as its new words are unjudged, and keeps them when the same words are sent again", async () => {
    const { f, author, reviewId } = await votedOn();
    const asha = await createTestUser();
    await voted(asha, reviewId);
    // The same review again (a retry) is no new review: its votes stay.
    await writeReview(author, f.productId, { rating: 4, title: "Camera is sharp in daylight" });
    expect(await votesOf(reviewId)).toEqual({ count: 1, votes: 1 });

    expect(await writeReview(author, f.productId, { rating: 2, title: "Blurry at night after the update" })).toBe(reviewId);
    expect(await votesOf(reviewId)).toEqual({ count: 0, votes: 0 });
    expect(await marksOf(asha, f.productId)).toEqual([]);
    // Readers may judge the new words.
    expect(await voted(asha, reviewId)).toMatchObject({ helpful: true, helpful_count: 1 });
  });

  it("lets a voted review be deleted by its author or removed by ops, its votes going with it", async () => {
    const { f, author, reviewId } = await votedOn();
    const asha = await createTestUser();
    await voted(asha, reviewId);
    expect((await api(`/api/products/${f.productId}/reviews/mine`, { method: "DELETE", headers: author.headers })).status).toBe(204);
    expect(await votesOf(reviewId)).toEqual({ count: null, votes: 0 });
    // Its stars came out of the rating exactly once.
    expect(await productState(f.productId)).toMatchObject({ rating_sum: 8, rating_count: 2 });
    expect((await vote(asha, reviewId)).status).toBe(404);

    const second = await votedOn();
    await voted(asha, second.reviewId);
    const ops = await createTestUser(["ops"]);
    const removed = await api(`/api/admin/reviews/${second.reviewId}`, {
      method: "DELETE",
      headers: ops.headers,
      body: { reason: "Shares a phone number" },
    });
    expect(removed.status).toBe(204);
    expect(await votesOf(second.reviewId)).toEqual({ count: null, votes: 0 });
    expect(await productState(second.f.productId)).toMatchObject({ rating_sum: 8, rating_count: 2 });
    const listed = await env.DB.prepare("SELECT COUNT(*) AS n FROM review_removals WHERE review_id = ?")
      .bind(second.reviewId)
      .first<number>("n");
    expect(listed).toBe(1);
  });
});

describe("the most helpful reviews first", () => {
  it("lists by helpful votes, then newest, a page at a time, alone or within one star rating", async () => {
    const f = await ratedProduct("Helpfulphone 9");
    // [id, stars, helpful votes, day]: two with 2 votes break their tie by time, then by id.
    const rows: [string, number, number, number][] = [
      ["a", 5, 0, 1],
      ["b", 1, 3, 2],
      ["c", 5, 2, 3],
      ["d", 5, 2, 4],
      ["e", 1, 0, 5],
      ["f", 5, 7, 6],
    ];
    for (const [id, rating, helpful, day] of rows) {
      await env.DB.prepare(
        "INSERT INTO reviews (id, product_id, user_id, rating, title, body, created_at, helpful_count) VALUES (?, ?, NULL, ?, ?, '', ?, ?)",
      )
        .bind(`rev_h_${f.productId}_${id}`, f.productId, rating, id, new Date(Date.UTC(2024, 0, day)).toISOString(), helpful)
        .run();
    }
    const list = async (query: string) => {
      const res = await api(`/api/products/${f.productId}/reviews?${query}`);
      expect(res.status).toBe(200);
      return (await res.json()) as ReviewPage;
    };
    const titles = (page: ReviewPage) => page.items.map((r) => r.title);

    const first = await list("sort=helpful&limit=3");
    expect(titles(first)).toEqual(["f", "b", "d"]);
    expect(first.items.map((r) => r.helpful_count)).toEqual([7, 3, 2]);
    expect(first.stars).toEqual({ "5": 4, "4": 0, "3": 0, "2": 0, "1": 2 });
    const second = await list(`sort=helpful&limit=3&cursor=${first.next_cursor}`);
    expect(titles(second)).toEqual(["c", "e", "a"]);
    expect(second.next_cursor).toBeNull();

    const fives = await list("sort=helpful&rating=5&limit=2");
    expect(titles(fives)).toEqual(["f", "d"]);
    expect(titles(await list(`sort=helpful&rating=5&limit=2&cursor=${fives.next_cursor}`))).toEqual(["c", "a"]);
    // Newest first is still the default.
    expect(titles(await list("limit=2"))).toEqual(["f", "e"]);

    // A cursor continues only the order it was issued in.
    for (const query of [`cursor=${first.next_cursor}`, `sort=helpful&cursor=${(await list("limit=2")).next_cursor}`]) {
      const res = await api(`/api/products/${f.productId}/reviews?${query}`);
      expect(res.status).toBe(400);
      const problem = (await res.json()) as { errors: { path: string; message: string }[] };
      expect(problem.errors).toEqual([{ path: "cursor", message: "continues the reviews listed in another order" }]);
    }
    const bad = await api(`/api/products/${f.productId}/reviews?sort=best`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(["sort"]);
  });

  it("moves a review up the most helpful list as shoppers vote for it", async () => {
    const { f, reviewId } = await votedOn();
    const earlier = await env.DB.prepare(
      "INSERT INTO reviews (id, product_id, user_id, rating, title, body, created_at, helpful_count) VALUES (?, ?, NULL, 5, 'Older, one vote', '', ?, 1) RETURNING id",
    )
      .bind(`rev_up_${f.productId}`, f.productId, "2024-01-01T00:00:00.000Z")
      .first<string>("id");
    const order = async () =>
      ((await (await api(`/api/products/${f.productId}/reviews?sort=helpful`)).json()) as ReviewPage).items.map((r) => r.id);
    expect(await order()).toEqual([earlier, reviewId]);
    await voted(await createTestUser(), reviewId);
    await voted(await createTestUser(), reviewId);
    expect(await order()).toEqual([reviewId, earlier]);
  });
});

describe("the helpful votes API", () => {
  it("is in the OpenAPI document, with the order to list reviews in", async () => {
    type Operation = { "x-access": unknown; parameters?: { name: string; schema?: { enum?: string[] } }[] };
    const doc = (await (await api("/api/openapi.json")).json()) as { paths: Record<string, Record<string, Operation>> };
    const vote = doc.paths["/api/reviews/{id}/helpful"];
    expect(Object.keys(vote ?? {}).sort()).toEqual(["delete", "get", "put"]);
    expect(vote?.put?.["x-access"]).toBe("signed_in");
    expect(doc.paths["/api/reviews/{id}"]?.get?.["x-access"]).toBe("public");
    expect(doc.paths["/api/products/{id}/reviews/helpful"]?.get?.["x-access"]).toBe("signed_in");
    const sort = doc.paths["/api/products/{id}/reviews"]?.get?.parameters?.find((p) => p.name === "sort");
    expect(sort?.schema?.enum).toEqual(["newest", "helpful"]);
  });

  it("reads one review with its product, and answers 404 for one that is gone", async () => {
    const { f, reviewId } = await votedOn();
    const res = await api(`/api/reviews/${reviewId}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      id: reviewId,
      product_id: f.productId,
      product_title: "Votephone 3",
      reviewer: "Meera",
      helpful_count: 0,
    });
    const gone = await api("/api/reviews/rev_nope");
    expect(gone.status).toBe(404);
    expect(gone.headers.get("content-type")).toBe("application/problem+json");
  });
});
