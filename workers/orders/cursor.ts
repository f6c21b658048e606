import type { z } from "@hono/zod-openapi";
import { ISO_TIME, encodeKeyset, keysetCursorField } from "../platform/keyset-cursor";

/**
 * Where a page of orders ended: the last row's creation time and id, and the list it came from.
 * Orders are paged by keyset on (created_at, id), never by offset: an order placed while someone
 * pages cannot shift rows between pages, so none is shown twice or skipped.
 */
export interface OrderPosition {
  at: string;
  id: string;
  /** The list (and sort) the cursor was issued for; a cursor only continues its own list. */
  scope: string;
}

/** The opaque next_cursor for a page whose last row is `last`. */
export function encodeOrderCursor(scope: string, last: { created_at: string; id: string }): string {
  return encodeKeyset([last.created_at, last.id, scope]);
}

/**
 * The `cursor` query field: the `next_cursor` of the previous page, decoded to a position during
 * validation, so the list's scope check never sees an undecoded cursor.
 */
export const OrderCursorField = keysetCursorField(
  [ISO_TIME, /^ord_[A-Za-z0-9_-]{1,64}$/, /^[\s\S]*$/],
  ([at, id, scope]): OrderPosition => ({ at: at as string, id: id as string, scope: scope as string }),
);

/**
 * A check for a list query: the cursor must come from the same list and sort, as a position in one
 * list means nothing in another. Reported on the `cursor` field like any other validation failure.
 */
export function cursorFrom<Q extends { cursor?: OrderPosition | undefined }>(scopeOf: (query: Q) => string) {
  return (query: Q, ctx: z.RefinementCtx<Q>) => {
    if (query.cursor && query.cursor.scope !== scopeOf(query))
      ctx.addIssue({ code: "custom", path: ["cursor"], message: "belongs to a different list or sort" });
  };
}

type Position = { created_at: string; id: string };
type PageOf<T> = { items: T[]; next_cursor: string | null };

/**
 * The page of at most `limit` rows from `limit + 1` fetched, with the cursor for the next one. A list
 * sorted by another time than the order's creation (a return's request) names it with `positionOf`.
 */
export function pageOf<T extends Position>(rows: T[], limit: number, scope: string): PageOf<T>;
export function pageOf<T>(rows: T[], limit: number, scope: string, positionOf: (row: T) => Position): PageOf<T>;
export function pageOf<T>(rows: T[], limit: number, scope: string, positionOf?: (row: T) => Position): PageOf<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const position = positionOf ?? ((row: T) => row as Position);
  return { items, next_cursor: rows.length > limit && last !== undefined ? encodeOrderCursor(scope, position(last)) : null };
}
