import { z } from "@hono/zod-openapi";
import { ISO_TIME, keysetCursorField } from "../platform/keyset-cursor";

/** Notifications per page of the inbox. */
export const INBOX_PAGE = 50;

/** Where a page of the inbox ended: the last notification's time and id. */
export interface InboxPosition {
  at: string;
  id: number;
}

/** GET /api/notifications's query: the next page's cursor, if any. */
export const InboxQuery = z
  .object({
    cursor: keysetCursorField([ISO_TIME, /^\d{1,15}$/], ([at, id]): InboxPosition => ({ at: at as string, id: Number(id) })).optional(),
  })
  .strict();

/** One message the shopper was sent. */
export const InboxItemSchema = z
  .object({
    id: z.string(),
    kind: z.string().openapi({
      description:
        "What the message is, e.g. `order_shipped`, `deal_live`, `price_drop`, `back_in_stock`; to a seller's users `low_stock`, `sold_out`, and `low_stock_digest` for the hour's listings past the cap of separate stock alerts",
    }),
    subject: z.string(),
    body: z.string(),
    link: z.string().nullable().openapi({ description: "The page the message is about, a path on this site", example: "/deals/dl_1" }),
    created_at: z.string().openapi({ format: "date-time" }),
  })
  .openapi("InboxItem");

/** A page of the inbox, newest first. */
export const InboxPageSchema = z
  .object({
    items: z.array(InboxItemSchema).openapi({ description: `Newest first, at most ${INBOX_PAGE}` }),
    next_cursor: z.string().nullable().openapi({ description: "Pass as `cursor` for older messages; null on the last page" }),
  })
  .openapi("InboxPage");
