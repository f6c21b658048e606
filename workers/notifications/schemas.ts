import { z } from "@hono/zod-openapi";
import { ISO_TIME, keysetCursorField } from "../platform/keyset-cursor";
import { ALERT_GROUP_NAMES, type AlertGroup } from "./preferences";
import { UNREAD_COUNTED } from "./unread";

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

/** GET /api/notifications/unread's answer. */
export const UnreadSchema = z
  .object({
    unread: z
      .number()
      .int()
      .min(0)
      .max(UNREAD_COUNTED)
      .openapi({
        description: `Messages newer than the newest one the shopper last saw on the Updates page, at most ${UNREAD_COUNTED}`,
      }),
    more: z.boolean().openapi({ description: `There are more than ${UNREAD_COUNTED} (shown as ${UNREAD_COUNTED}+)` }),
    seen_up_to: z.string().nullable().openapi({
      description:
        "When the newest message the shopper last saw on the Updates page was written (null before they first looked); newer ones are unread",
    }),
  })
  .openapi("UnreadUpdates");

/** PUT /api/notifications/seen's body. */
export const SeenBody = z
  .object({
    up_to: z
      .string()
      .regex(ISO_TIME, { message: "must be an ISO 8601 UTC time such as 2026-12-04T10:00:00.000Z", abort: true })
      .refine((v) => !Number.isNaN(Date.parse(v)), "is not a real date and time")
      .openapi({
        description:
          "The `created_at` of the newest message the shopper was shown; it and everything before it count as seen. " +
          "Never moves back, and a time still to come counts as now.",
        example: "2026-12-04T10:00:00.000Z",
      }),
  })
  .strict();

/** One message the shopper was sent. */
export const InboxItemSchema = z
  .object({
    id: z.string(),
    kind: z.string().openapi({
      description:
        "What the message is, e.g. `order_shipped`, `deal_live`, `price_drop`, `back_in_stock`, `question_answered`, `help_answered` (ops answered a request for help with an order), `review_removed`; to a seller's users `low_stock`, `sold_out`, and `low_stock_digest` for the hour's listings past the cap of separate stock alerts, `question_asked`, and `questions_digest` for the hour's questions past the cap, and `answer_removed`",
    }),
    subject: z.string(),
    body: z.string(),
    link: z.string().nullable().openapi({ description: "The page the message is about, a path on this site", example: "/deals/dl_1" }),
    created_at: z.string().openapi({ format: "date-time" }),
    unread: z.boolean().openapi({
      description: "Written after the newest message the shopper last saw on the Updates page (`seen_up_to`); the page marks it New",
    }),
  })
  .openapi("InboxItem");

/** A page of the inbox, newest first. */
export const InboxPageSchema = z
  .object({
    items: z.array(InboxItemSchema).openapi({ description: `Newest first, at most ${INBOX_PAGE}` }),
    next_cursor: z.string().nullable().openapi({ description: "Pass as `cursor` for older messages; null on the last page" }),
  })
  .openapi("InboxPage");

/** The fields of an unsubscribe link (`u`, `g`, `sig`), as its query carries them; the signature is checked by the handler. */
export const UnsubscribeQuery = z
  .object({
    u: z.string().min(1).max(64).openapi({ description: "The user the link was mailed to" }),
    g: z.enum(ALERT_GROUP_NAMES as [AlertGroup, ...AlertGroup[]]).openapi({ description: "The alert group the link stops" }),
    sig: z.string().min(1).max(128).openapi({ description: "The store's signature of the user and the group" }),
  })
  .strict();

/** RFC 8058's one-click body, `List-Unsubscribe=One-Click`, form-encoded as a mailbox provider posts it. */
export const OneClickForm = z.object({ "List-Unsubscribe": z.literal("One-Click") }).openapi("OneClickUnsubscribe");

/** What an unsubscribe did: the group whose email is now off. */
export const UnsubscribedSchema = z
  .object({ group: z.enum(ALERT_GROUP_NAMES as [AlertGroup, ...AlertGroup[]]), email: z.literal(false) })
  .openapi("Unsubscribed");

const GroupEmail = (what: string) => z.boolean().openapi({ description: `Whether ${what} are emailed` });

/** Which alert groups are emailed to the signed-in user; `stock_alerts` and `shopper_questions` only for a seller's users. */
export const NotificationPreferencesSchema = z
  .object({
    email: z
      .object({
        saved_products: GroupEmail("alerts about saved products (a deal going live, a price drop, back in stock)"),
        stock_alerts: GroupEmail("a seller's stock alerts (running low, sold out, the hourly digest)").optional(),
        shopper_questions: GroupEmail("a seller's alerts of shoppers' questions about its products").optional(),
        reports: GroupEmail("messages about the reviews and answers you reported: removed, kept, or rewritten or deleted by their author"),
      })
      .openapi({ description: "Alert groups by email; messages about your own orders are always sent and are not listed" }),
  })
  .openapi("NotificationPreferences");

/** A change of choices: the groups named are set, the others left as they are. */
export const NotificationPreferencesBody = z
  .object({
    email: z
      .object({
        saved_products: GroupEmail("alerts about saved products").optional(),
        stock_alerts: GroupEmail("stock alerts (a seller's users only)").optional(),
        shopper_questions: GroupEmail("shoppers' questions (a seller's users only)").optional(),
        reports: GroupEmail("messages about what you reported").optional(),
      })
      .strict(),
  })
  .strict()
  .openapi("NotificationPreferencesChange");

/** Where an email row is in its delivery, as ops see it; null on an SMS row, which is only recorded. */
const EmailStateSchema = z.enum(["pending", "sent", "failed", "suppressed", "before_delivery"]).nullable().openapi({
  description:
    "`pending` (waiting, retries included), `sent`, `failed` (given up), `suppressed` (an alert its recipient turned off), `before_delivery` (recorded before mail was sent); null on an SMS row, which is recorded only",
});

/** One message the store recorded, with its delivery, as ops look into what a person was told. */
export const OpsMessageSchema = z
  .object({
    id: z.string(),
    order_id: z.string().nullable(),
    user_id: z.string(),
    kind: z.string().openapi({ description: "What the message is, e.g. `order_shipped`" }),
    channel: z.enum(["email", "sms"]),
    to: z.string().nullable().openapi({ description: "The recipient's email address as it is now, on an email row; null on an SMS row" }),
    subject: z.string(),
    created_at: z.string().openapi({ format: "date-time", description: "When the message was recorded" }),
    email_state: EmailStateSchema,
    sent_at: z.string().nullable().openapi({ format: "date-time", description: "When the provider accepted the mail" }),
    message_id: z.string().nullable().openapi({ description: "The Message-ID the provider gave the mail" }),
    send_attempts: z.number().int().min(0).openapi({ description: "Failed sends since it was recorded or last sent again" }),
    next_try_after: z.string().nullable().openapi({
      format: "date-time",
      description: "On a pending mail that failed before or is being sent: no send is tried before this time",
    }),
    send_error: z.string().nullable().openapi({ description: "Why the last send failed, cut short" }),
    given_up_at: z.string().nullable().openapi({
      format: "date-time",
      description:
        "When a given-up mail was given up (for one given up before this was kept, the earliest it can have been); null in any other state",
    }),
    resent_by: z.string().nullable().openapi({ description: "Who last sent it again after it was given up (`ops:<user id>`)" }),
    resent_at: z.string().nullable().openapi({ format: "date-time" }),
  })
  .openapi("OpsMessage");

/** Given-up mails per page of the ops list. */
export const GIVEN_UP_PAGE = 50;

/** GET /api/admin/notifications's query: the given-up mails, a page at a time. */
export const OpsMessagesQuery = z
  .object({
    state: z.enum(["failed"]).openapi({ description: "Only `failed`: the mails given up" }),
    cursor: keysetCursorField([/^\d{1,15}$/], ([id]) => Number(id)).optional(),
  })
  .strict();

/** A page of given-up mails, newest first. */
export const OpsMessagesPageSchema = z
  .object({
    items: z.array(OpsMessageSchema).openapi({ description: `Newest first, at most ${GIVEN_UP_PAGE}` }),
    next_cursor: z.string().nullable().openapi({ description: "Pass as `cursor` for older ones; null on the last page" }),
  })
  .openapi("OpsMessagesPage");

/** A notification row named in a path. */
export const NotificationParam = z.object({
  id: z
    .string()
    .regex(/^\d{1,15}$/)
    .openapi({ param: { name: "id", in: "path" }, example: "1042" }),
});

/** The widest window of given-up times one bulk send-again takes, in days. */
export const RESEND_WINDOW_MAX_DAYS = 7;

/** Clock skew allowed between an API client and the edge when a time must not be in the future. */
const SKEW_MS = 60_000;

const GivenUpTime = z.iso.datetime({ offset: true });

/**
 * POST /api/admin/notifications/resend-given-up's body: the window the mails to send again were
 * given up in, as ops match it to a provider outage. Answered as the window applied, in UTC, the
 * end defaulting to now.
 */
export const ResendGivenUpBody = z
  .object({
    given_up_after: GivenUpTime.openapi({
      description: "Mails given up at or after this time (when the outage began, or a little before)",
      example: "2026-11-27T04:30:00Z",
    }),
    given_up_before: GivenUpTime.optional().openapi({
      description: `Mails given up before this time; now when left out. After \`given_up_after\`, at most ${RESEND_WINDOW_MAX_DAYS} days later, and not in the future`,
      example: "2026-11-27T09:30:00Z",
    }),
  })
  .strict()
  .superRefine((b, ctx) => {
    const issue = (field: "given_up_after" | "given_up_before", message: string) =>
      ctx.addIssue({ code: "custom", path: [field], message });
    const now = Date.now();
    const after = Date.parse(b.given_up_after);
    const before = b.given_up_before === undefined ? now : Date.parse(b.given_up_before);
    const future = [after > now + SKEW_MS, before > now + SKEW_MS];
    if (future[0]) issue("given_up_after", "must not be in the future");
    if (future[1]) issue("given_up_before", "must not be in the future");
    if (future.some(Boolean)) return;
    if (before <= after) {
      if (b.given_up_before === undefined) issue("given_up_after", "must be in the past");
      else issue("given_up_before", "must be later than the start of the window");
    } else if (before - after > RESEND_WINDOW_MAX_DAYS * 86_400_000) {
      // Longer than any outage: more likely a slip (a month for a day) that would mail old news to thousands.
      issue("given_up_after", `must be at most ${RESEND_WINDOW_MAX_DAYS} days before the end of the window`);
    }
  })
  .transform((b) => ({
    after: new Date(b.given_up_after).toISOString(),
    before: new Date(b.given_up_before ?? Date.now()).toISOString(),
  }))
  .openapi("ResendGivenUp");

/** What a bulk send-again did. */
export const ResentGivenUpSchema = z
  .object({
    moved: z
      .number()
      .int()
      .min(0)
      .openapi({ description: "Given-up mails moved back to waiting by this call; the minute cron sends them" }),
    more: z.boolean().openapi({
      description: "Whether the window still holds given-up mails (this call moved as many as it takes): call again with the same window",
    }),
    given_up_after: z.string().openapi({ format: "date-time", description: "The window applied, in UTC" }),
    given_up_before: z.string().openapi({ format: "date-time", description: "The window applied, in UTC: now when the call named no end" }),
  })
  .openapi("ResentGivenUp");
