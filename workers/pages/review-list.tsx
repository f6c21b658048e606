import type { ReviewView as Review, ReviewsPage as ReviewPage } from "./types";
import { day, starsText } from "./format";
import { withQuery } from "./paging";

/** The script that presses this shopper's Helpful buttons and votes in place. */
export const VOTES_SCRIPT = "review-votes.js";

/** How many of the newest reviews a product page shows before "See all reviews". */
export const NEWEST_ON_PRODUCT_PAGE = 3;

const STARS = ["5", "4", "3", "2", "1"] as const;

/**
 * Reviews by stars, 5 down to 1, each as a bar and a count, readable without the bars. With
 * `reviewsPage` (the product's reviews page) each star label links to that page's list of just
 * those reviews, `chosen` marking the one shown.
 */
export function StarBreakdown(props: {
  stars: NonNullable<ReviewPage["stars"]>;
  reviewsPage?: string;
  chosen?: number | undefined;
  /** The order the reviews page lists in, kept when a rating is chosen. */
  sort?: string | undefined;
}) {
  const total = STARS.reduce((sum, s) => sum + props.stars[s], 0);
  if (total === 0) return null;
  return (
    <table class="star-breakdown">
      {/* Ratings given without words are in the average, not here: these are the written reviews. */}
      <caption>
        {total.toLocaleString("en-IN")} written {total === 1 ? "review" : "reviews"} by stars
      </caption>
      <tbody>
        {STARS.map((s) => (
          <tr>
            <th scope="row">
              {props.reviewsPage && props.stars[s] > 0 ? (
                <a
                  href={withQuery(props.reviewsPage, { rating: s, sort: props.sort })}
                  aria-label={`Show the ${s}-star reviews`}
                  aria-current={props.chosen === Number(s) ? "page" : undefined}
                >
                  {s} ★
                </a>
              ) : (
                <>{s} ★</>
              )}
            </th>
            <td>
              <meter min="0" max={String(total)} value={String(props.stars[s])} />
            </td>
            <td>{props.stars[s].toLocaleString("en-IN")}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The words for a review's helpful votes, none when it has none (review-votes.js words them alike). */
export function helpfulWords(count: number): string {
  if (count <= 0) return "";
  return count === 1 ? "1 person found this helpful" : `${count.toLocaleString("en-IN")} people found this helpful`;
}

/** The page behind a review's Helpful button when scripts are off: it carries the session's CSRF token. */
export const votePath = (reviewId: string) => `/reviews/${encodeURIComponent(reviewId)}/helpful`;

/** The page where a shopper reports a review to ops, with the reason. */
export const reportPath = (reviewId: string) => `/reviews/${encodeURIComponent(reviewId)}/report`;

/**
 * A review's Helpful button. The lists it is on are shared by everyone and drawn unpressed, so
 * review-votes.js presses this shopper's own and votes in place; without scripts it opens the
 * shopper's vote page.
 */
function HelpfulVote(props: { review: Review }) {
  const r = props.review;
  return (
    <form method="get" action={votePath(r.id)} class="helpful-vote" data-helpful-vote={r.id}>
      <span class="muted" data-helpful-count>
        {helpfulWords(r.helpful_count)}
      </span>{" "}
      <button type="submit">
        Helpful<span class="visually-hidden">: {r.reviewer}'s review</span>
      </button>{" "}
      <a href={reportPath(r.id)} class="report-link" rel="nofollow">
        Report<span class="visually-hidden"> {r.reviewer}'s review</span>
      </a>
    </form>
  );
}

/** One review: stars, title, what they said, who (first name) and when, and whether they bought it here. */
export function ReviewItem(props: { review: Review; votable?: boolean }) {
  const r = props.review;
  return (
    <li class="review" id={`review-${r.id}`} data-review-id={r.id}>
      <p>
        <span class="stars" role="img" aria-label={`${r.rating} out of 5 stars`}>
          {"★".repeat(r.rating)}
          {"☆".repeat(5 - r.rating)}
        </span>{" "}
        {r.title && <strong>{r.title}</strong>}
      </p>
      {r.body && <p class="review-body">{r.body}</p>}
      <p class="muted">
        {r.reviewer} · <time datetime={r.created_at}>{day(r.created_at)}</time>
        {r.verified_purchase && (
          <>
            {" · "}
            <span class="tag">Verified purchase</span>
          </>
        )}
      </p>
      {(props.votable ?? true) && <HelpfulVote review={r} />}
    </li>
  );
}

/** The reviews of a page, newest first, of the product review-votes.js asks this shopper's votes on. */
export function ReviewList(props: { reviews: Review[]; productId: string }) {
  return (
    <ul class="reviews" data-reviews-of={props.productId}>
      {props.reviews.map((r) => (
        <ReviewItem review={r} />
      ))}
    </ul>
  );
}

/** The reviews page's choice of order, the one shown marked, keeping the star rating chosen. */
function ReviewOrderLinks(props: { reviews: string; rating: number | undefined; order: "newest" | "helpful" }) {
  const link = (order: "newest" | "helpful", label: string) => (
    <a
      href={withQuery(props.reviews, { rating: props.rating, sort: order === "helpful" ? order : undefined })}
      aria-current={props.order === order ? "page" : undefined}
    >
      {label}
    </a>
  );
  return (
    <p class="review-order">
      Sort by: {link("newest", "Most recent")} · {link("helpful", "Most helpful")}
    </p>
  );
}

/**
 * The product page's reviews: the summary, the newest few, and the ways on to all of them and to
 * writing one. The same for every visitor, as the page is shared: whether this shopper may write
 * a review is decided on the review page, which is theirs alone.
 */
export function ProductReviews(props: {
  productId: string;
  rating: { average: number; count: number } | null;
  page: ReviewPage;
  /** How many of the page's reviews to show. */
  newest?: number;
  /** Whether to link to all reviews when there are more than shown (not on the all-reviews page itself). */
  linkAll?: boolean;
  /** The star rating whose reviews alone are listed, on the reviews page. */
  onlyStars?: number | undefined;
  /** The order the reviews page lists in, offering the other; the product page offers none. */
  order?: "newest" | "helpful";
}) {
  const base = `/products/${encodeURIComponent(props.productId)}`;
  const shown = props.newest ?? NEWEST_ON_PRODUCT_PAGE;
  const newest = props.page.items.slice(0, shown);
  // Only the reviews page's links say which order; newest first needs no word.
  const sort = props.order === "helpful" ? "helpful" : undefined;
  const more = (props.linkAll ?? true) && (props.page.next_cursor !== null || props.page.items.length > shown);
  return (
    <section class="product-reviews" id="reviews" aria-labelledby="reviews-h">
      <h2 id="reviews-h">Ratings and reviews</h2>
      {props.rating && props.rating.count > 0 ? (
        <p class="rating-summary">
          <strong>{starsText(props.rating.average)} ★</strong> from {props.rating.count.toLocaleString("en-IN")}{" "}
          {props.rating.count === 1 ? "rating" : "ratings"}
        </p>
      ) : (
        <p class="muted">No ratings yet.</p>
      )}
      {props.page.stars && <StarBreakdown stars={props.page.stars} reviewsPage={`${base}/reviews`} chosen={props.onlyStars} sort={sort} />}
      {props.onlyStars !== undefined && (
        <p class="filter-note">
          Showing the {props.onlyStars}-star reviews. <a href={withQuery(`${base}/reviews`, { sort })}>Show all reviews</a>
        </p>
      )}
      {props.order && <ReviewOrderLinks reviews={`${base}/reviews`} rating={props.onlyStars} order={props.order} />}
      {newest.length > 0 ? (
        <ReviewList reviews={newest} productId={props.productId} />
      ) : (
        <p class="muted">{props.onlyStars === undefined ? "No written reviews yet." : `No ${props.onlyStars}-star reviews yet.`}</p>
      )}
      <p class="more">
        {more && (
          <>
            <a href={`${base}/reviews`}>See all reviews</a>
            {" · "}
          </>
        )}
        <a href={`${base}/review`}>Write a review</a>
      </p>
    </section>
  );
}
