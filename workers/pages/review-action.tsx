import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { AppEnv } from "../platform/context";
import { type ApiFetch, callApi } from "./api";
import { personalPage } from "./cache";
import { Layout } from "./layout";
import { refusedPage } from "./refused-page";
import { ReviewItem } from "./review-list";
import type { ReviewView } from "./types";

/** A review as GET /api/reviews/{id} gives it, with the product it is of. */
export type ProductReviewView = ReviewView & { product_id: string; product_title: string };

/** Sends a guest to sign in, coming back to `path`: the pages about one review are a shopper's own. */
export const signInFirst = (c: Context<AppEnv>, path: string) => c.redirect(`/signin?next=${encodeURIComponent(path)}`, 303);

/**
 * The review a shopper's page about one review (voting on it, reporting it) is about, with the
 * product's title, or the refusal page when the review cannot be read. The page is personal.
 */
export async function readReviewForPage(
  c: Context<AppEnv>,
  fetchApi: ApiFetch,
  reviewId: string,
  title: string,
): Promise<ProductReviewView | Response> {
  personalPage(c);
  const review = await callApi<ProductReviewView>(c, fetchApi, `/api/reviews/${encodeURIComponent(reviewId)}`, { as: "anonymous" });
  return review.ok ? review.data : refusedPage(c, review.problem, { title, heading: "Review not found", personal: true });
}

/** The frame of a page about one review: its heading, the product, what the page says, the review, and the way back. */
export function ReviewActionPage(props: {
  c: Context<AppEnv>;
  title: string;
  heading: string;
  review: ProductReviewView;
  notice?: string | undefined;
  message?: string | undefined;
  children: Child;
}) {
  const { c, review: r } = props;
  const reviews = `/products/${encodeURIComponent(r.product_id)}/reviews`;
  return (
    <Layout degraded={c.var.degraded} viewer={c.var.user} csrf={c.var.csrfToken} title={props.title}>
      <section class="panel" aria-labelledby="review-action-h">
        <h1 id="review-action-h">{props.heading}</h1>
        <p class="muted">A review of {r.product_title}</p>
        {props.notice && <p role="status">{props.notice}</p>}
        {props.message && (
          <p class="field-error" role="alert">
            {props.message}
          </p>
        )}
        <ul class="reviews">
          <ReviewItem review={r} votable={false} />
        </ul>
        {props.children}
        <p>
          <a href={`${reviews}#review-${r.id}`}>Back to the reviews</a>
        </p>
      </section>
    </Layout>
  );
}
