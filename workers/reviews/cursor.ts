import { ISO_TIME, encodeKeyset, keysetCursorField } from "../platform/keyset-cursor";

/**
 * Where a page of reviews ended: the last review's time and id. Paged by keyset on
 * (created_at, id), so a review written while someone pages shifts no row between pages.
 */
export interface ReviewPosition {
  at: string;
  id: string;
  /** The product the cursor was issued for; it continues no other product's list. */
  productId: string;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The opaque next_cursor after `last`. */
export function encodeReviewCursor(productId: string, last: { created_at: string; id: string }): string {
  return encodeKeyset([last.created_at, last.id, productId]);
}

/** The `cursor` query field, decoded to a position during validation. */
export const ReviewCursorField = keysetCursorField(
  [ISO_TIME, ID, ID],
  ([at, id, productId]): ReviewPosition => ({ at: at as string, id: id as string, productId: productId as string }),
);

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
