import { ISO_TIME, encodeKeyset, keysetCursorField, keysetCursorFieldOneOf } from "../platform/keyset-cursor";
import { reportedCursor } from "../platform/shopper-reports";

/**
 * Where a page of reviews ended: the last review's time and id, and in the most helpful order its
 * count of helpful votes first. Paged by keyset, so a review written while someone pages shifts
 * no row between pages (a vote given meanwhile may move its review across the page boundary).
 */
export interface ReviewPosition {
  at: string;
  id: string;
  /** The product the cursor was issued for; it continues no other product's list. */
  productId: string;
  /** The last review's helpful votes, in a cursor of the most helpful order only. */
  helpful?: number;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const COUNT = /^\d{1,9}$/;

/** The opaque next_cursor after `last`, in the order the page was listed in. */
export function encodeReviewCursor(
  productId: string,
  last: { created_at: string; id: string; helpful_count: number },
  order: ReviewOrder,
): string {
  return order === "helpful"
    ? encodeKeyset(["helpful", String(last.helpful_count), last.created_at, last.id, productId])
    : encodeKeyset([last.created_at, last.id, productId]);
}

/** The orders a product's reviews are listed in. */
export const REVIEW_ORDERS = ["newest", "helpful"] as const;
export type ReviewOrder = (typeof REVIEW_ORDERS)[number];

/** The `cursor` query field, decoded to a position during validation; a cursor of the newest order has three parts. */
export const ReviewCursorField = keysetCursorFieldOneOf<ReviewPosition>([
  {
    shapes: [ISO_TIME, ID, ID],
    toPosition: ([at, id, productId]) => ({ at: at as string, id: id as string, productId: productId as string }),
  },
  {
    shapes: [/^helpful$/, COUNT, ISO_TIME, ID, ID],
    toPosition: ([, helpful, at, id, productId]) => ({
      at: at as string,
      id: id as string,
      productId: productId as string,
      helpful: Number(helpful),
    }),
  },
]);

/** Where a page of the whole store's reviews (the moderation list) ended. */
export interface StoreReviewPosition {
  at: string;
  id: string;
}

/** The opaque next_cursor of the moderation list after `last`; two parts, so no product's list accepts it. */
export function encodeStoreReviewCursor(last: { created_at: string; id: string }): string {
  return encodeKeyset([last.created_at, last.id]);
}

/** Where a page of the removals list ended: the last removal's time and review id. */
export interface RemovalPosition {
  at: string;
  reviewId: string;
}

/** The opaque next_cursor of the removals list after `last`; it starts with a marker, so neither review list accepts it. */
export function encodeRemovalCursor(last: { removed_at: string; review_id: string }): string {
  return encodeKeyset(["removed", last.removed_at, last.review_id]);
}

/** The `cursor` query field of the removals list. */
export const RemovalCursorField = keysetCursorField(
  [/^removed$/, ISO_TIME, ID],
  ([, at, reviewId]): RemovalPosition => ({ at: at as string, reviewId: reviewId as string }),
);

/** The `cursor` query field of the moderation list. */
export const StoreReviewCursorField = keysetCursorField(
  [ISO_TIME, ID],
  ([at, id]): StoreReviewPosition => ({ at: at as string, id: id as string }),
);

/** The cursor of the reported reviews' queue. */
export const REPORTED_REVIEWS_CURSOR = reportedCursor("reported");
