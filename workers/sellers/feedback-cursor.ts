import { ISO_TIME, encodeKeyset, keysetCursorField } from "../platform/keyset-cursor";

/**
 * Where a page of a seller's ratings ended: the last rating's time and id, paged by keyset on
 * (updated_at, id), so a rating given while the seller pages shifts no row between pages.
 */
export interface FeedbackPosition {
  at: string;
  id: string;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The opaque next_cursor after `last`; it starts with a marker, so no other list accepts it. */
export function encodeFeedbackCursor(last: { updated_at: string; id: string }): string {
  return encodeKeyset(["feedback", last.updated_at, last.id]);
}

/** The `cursor` query field, decoded to a position during validation. */
export const FeedbackCursorField = keysetCursorField(
  [/^feedback$/, ISO_TIME, ID],
  ([, at, id]): FeedbackPosition => ({ at: at as string, id: id as string }),
);
