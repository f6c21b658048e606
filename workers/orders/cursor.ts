import { z } from "@hono/zod-openapi";
import { base64url, fromBase64url } from "../platform/ids";

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

const AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const ID = /^ord_[A-Za-z0-9_-]{1,64}$/;
const NOT_OURS = "is not a cursor this API issued";

/** The opaque next_cursor for a page whose last row is `last`. */
export function encodeOrderCursor(scope: string, last: { created_at: string; id: string }): string {
  return base64url(new TextEncoder().encode(JSON.stringify([last.created_at, last.id, scope])));
}

function decode(raw: string): OrderPosition | null {
  try {
    const parsed: unknown = JSON.parse(new TextDecoder().decode(fromBase64url(raw)));
    if (!Array.isArray(parsed) || parsed.length !== 3) return null;
    const [at, id, scope] = parsed as unknown[];
    if (typeof at !== "string" || !AT.test(at) || typeof id !== "string" || !ID.test(id) || typeof scope !== "string") return null;
    return { at, id, scope };
  } catch {
    return null;
  }
}

/**
 * The `cursor` query field: the `next_cursor` of the previous page, decoded to a position during
 * validation. Its failures abort, so the list's scope check never sees an undecoded cursor.
 */
export const OrderCursorField = z
  .string()
  .max(300, { abort: true })
  .regex(/^[A-Za-z0-9_-]+$/, { message: NOT_OURS, abort: true })
  .transform((raw, ctx) => {
    const position = decode(raw);
    if (position) return position;
    ctx.addIssue({ code: "custom", message: NOT_OURS, continue: false });
    return z.NEVER;
  })
  .openapi({ type: "string", maxLength: 300, description: "Opaque; the `next_cursor` of the previous page." });

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

/** The page of at most `limit` rows from `limit + 1` fetched, with the cursor for the next one. */
export function pageOf<T extends { created_at: string; id: string }>(
  rows: T[],
  limit: number,
  scope: string,
): { items: T[]; next_cursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, next_cursor: rows.length > limit && last ? encodeOrderCursor(scope, last) : null };
}
