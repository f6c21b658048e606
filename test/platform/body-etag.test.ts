import { describe, expect, it } from "vitest";
import { api } from "../helpers/http";
import { answer, answeredProduct } from "../questions/support";
import { reviewedProduct } from "../reviews/support";

/** Reads `path` and again with the ETag it gave: the 304's headers and body, and the first answer's. */
async function readTwice(path: string) {
  const first = await api(path);
  expect(first.status).toBe(200);
  const etag = first.headers.get("etag") ?? "";
  expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
  const again = await api(path, { headers: { "if-none-match": etag } });
  return { etag, first, again, body: await again.text() };
}

describe("public reads answered from D1 carry an ETag, and a matching one is a 304", () => {
  it("a product's reviews and one review: 304 with the caching headers and no body, 200 again once a review changes", async () => {
    const { f, author, reviewId } = await reviewedProduct("Etagphone 1", { rating: 4, title: "Good battery" });
    for (const path of [`/api/products/${f.productId}/reviews`, `/api/reviews/${reviewId}`]) {
      const { first, again, body } = await readTwice(path);
      expect(again.status).toBe(304);
      expect(body).toBe("");
      expect(again.headers.get("cache-control")).toBe(first.headers.get("cache-control"));
      expect(again.headers.get("etag")).toBe(first.headers.get("etag"));
    }
    const { etag } = await readTwice(`/api/reviews/${reviewId}`);
    const edited = await api(`/api/products/${f.productId}/reviews/mine`, {
      method: "PUT",
      headers: author.headers,
      body: { rating: 2, title: "Battery faded" },
    });
    expect(edited.status).toBe(200);
    const after = await api(`/api/reviews/${reviewId}`, { headers: { "if-none-match": etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(etag);
  });

  it("a product's answered questions and one answer", async () => {
    const { f, seller, questionId, answerId } = await answeredProduct("Etagphone 2", "Yes, on Jio and Airtel.");
    for (const path of [`/api/products/${f.productId}/questions`, `/api/answers/${answerId}`]) {
      const { again, body } = await readTwice(path);
      expect(again.status).toBe(304);
      expect(body).toBe("");
    }
    const { etag } = await readTwice(`/api/answers/${answerId}`);
    expect((await answer(seller, questionId, "Yes, on Jio, Airtel and Vi.")).status).toBe(200);
    expect((await api(`/api/answers/${answerId}`, { headers: { "if-none-match": etag } })).status).toBe(200);
  });
});
