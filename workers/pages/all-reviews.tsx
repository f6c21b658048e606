import type { Hono } from "hono";
import type { AppEnv } from "../platform/context";
import { type ApiFetch, callApi } from "./api";
import { sharedPage } from "./cache";
import { Layout } from "./layout";
import { cursorParam, PageLinks, withQuery } from "./paging";
import { refusedPage } from "./refused-page";
import { ProductReviews, ReviewList, VOTES_SCRIPT } from "./review-list";
import type { ProductDetail, ReviewsPage } from "./types";

/** Reviews per page of a product's reviews. */
export const REVIEWS_PAGE = 20;

/** How long the edge keeps a page of reviews; a new review purges the first page at once. */
const REVIEWS_EDGE_SECONDS = 30;

/** A `rating` query value the page can show (1 to 5 stars); anything else shows every review. */
function ratingParam(value: string | undefined): number | undefined {
  return value && /^[1-5]$/.test(value) ? Number(value) : undefined;
}

/** A `sort` query value the page can list by; anything else lists the newest first. */
function sortParam(value: string | undefined): "helpful" | undefined {
  return value === "helpful" ? value : undefined;
}

/**
 * Registers a product's reviews page: every review, or one star rating's, newest first or the
 * most helpful first, a page at a time, the same for everyone.
 */
export function registerAllReviewsPage(app: Hono<AppEnv>, fetchApi: ApiFetch): void {
  app.get("/products/:id/reviews", async (c) => {
    const id = c.req.param("id");
    const cursor = cursorParam(c.req.query("cursor"));
    const rating = ratingParam(c.req.query("rating"));
    const sort = sortParam(c.req.query("sort"));
    const base = `/products/${encodeURIComponent(id)}`;
    // The list this page shows, and its pages after the first: all reviews or one rating's, in its order.
    const list = withQuery(`${base}/reviews`, { rating, sort });
    const [product, res] = await Promise.all([
      callApi<ProductDetail>(c, fetchApi, `/api/products/${encodeURIComponent(id)}`, { as: "anonymous" }),
      callApi<ReviewsPage>(
        c,
        fetchApi,
        withQuery(`/api/products/${encodeURIComponent(id)}/reviews`, { limit: REVIEWS_PAGE, cursor, rating, sort }),
        {
          as: "anonymous",
        },
      ),
    ]);
    if (!product.ok) return refusedPage(c, product.problem, { title: "Reviews", heading: "Product not found" });
    // A cursor the API no longer takes (an edited or very old link) starts the list over.
    if (!res.ok && res.problem.status === 400 && cursor) return c.redirect(list, 303);
    if (!res.ok) return refusedPage(c, res.problem, { title: "Reviews" });
    const p = product.data;
    sharedPage(c, REVIEWS_EDGE_SECONDS);
    return c.html(
      <Layout
        degraded={c.var.degraded}
        title={`Reviews of ${p.title}`}
        description={`What shoppers say about ${p.title}.`}
        scripts={[VOTES_SCRIPT]}
      >
        <nav class="crumbs" aria-label="Breadcrumb">
          <a href={base}>{p.title}</a> › Reviews
        </nav>
        <h1>
          {rating === undefined ? "Reviews" : `${rating}-star reviews`} of {p.title}
        </h1>
        {cursor ? (
          <ReviewList reviews={res.data.items} productId={p.id} />
        ) : (
          <ProductReviews
            productId={p.id}
            rating={p.rating ?? null}
            page={res.data}
            newest={REVIEWS_PAGE}
            linkAll={false}
            onlyStars={rating}
            order={sort ?? "newest"}
          />
        )}
        <PageLinks
          next={res.data.next_cursor ? withQuery(`${base}/reviews`, { rating, sort, cursor: res.data.next_cursor }) : null}
          first={cursor ? list : null}
          label="Older reviews"
        />
      </Layout>,
    );
  });
}
