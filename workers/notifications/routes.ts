import type { AppEnv } from "../platform/context";
import { createMiddleware } from "hono/factory";
import { requireUser } from "../accounts/authorize";
import { problem } from "../catalog/schemas";
import { readConfig } from "../platform/config";
import { AppError } from "../platform/errors";
import { createRouter, route } from "../platform/router";
import { listInbox } from "./inbox";
import { givenUpEmails } from "./ops-messages";
import { RESEND_BATCH, resendGivenUp, resendGivenUpWindow } from "./resend";
import { groupsFor, readEmailChoices, setEmailChoices } from "./preferences";
import {
  INBOX_PAGE,
  InboxPageSchema,
  InboxQuery,
  NotificationParam,
  NotificationPreferencesBody,
  NotificationPreferencesSchema,
  OneClickForm,
  OpsMessageSchema,
  OpsMessagesPageSchema,
  OpsMessagesQuery,
  RESEND_WINDOW_MAX_DAYS,
  ResendGivenUpBody,
  ResentGivenUpSchema,
  SeenBody,
  UnreadSchema,
  UnsubscribeQuery,
  UnsubscribedSchema,
} from "./schemas";
import { unsubscribeByLink } from "./unsubscribe";
import { markSeen, unreadCount } from "./unread";

/** The signed-in shopper's inbox: what they were told of their orders and their wishlist. */
export const notificationRoutes = createRouter();

const NO_STORE = { "cache-control": "private, no-store" };

notificationRoutes.openapi(
  route({
    method: "get",
    path: "/notifications",
    access: "signed_in",
    tags: ["notifications"],
    summary: `The messages the shopper was sent (orders, deals opening, price drops), newest first, ${INBOX_PAGE} a page`,
    request: { query: InboxQuery },
    responses: {
      200: { description: "A page of the inbox", content: { "application/json": { schema: InboxPageSchema } } },
      400: problem("Invalid query (problem details naming the fields)"),
      401: problem("Not signed in"),
    },
  }),
  async (c) => {
    c.header("cache-control", "private, no-store");
    return c.json(await listInbox(c.env.DB, requireUser(c.var.user).id, c.req.valid("query").cursor), 200);
  },
);

notificationRoutes.openapi(
  route({
    method: "get",
    path: "/notifications/unread",
    access: "signed_in",
    tags: ["notifications"],
    summary: "How many messages are new since the shopper last opened the Updates page, for the header's badge",
    responses: {
      200: { description: "The count", content: { "application/json": { schema: UnreadSchema } } },
      401: problem("Not signed in"),
    },
  }),
  async (c) => c.json(await unreadCount(c.env.DB, requireUser(c.var.user).id), 200, NO_STORE),
);

notificationRoutes.openapi(
  route({
    method: "put",
    path: "/notifications/seen",
    access: "signed_in",
    tags: ["notifications"],
    summary: "The shopper has seen their messages up to the newest one shown; those no longer count as unread",
    request: { body: { required: true, content: { "application/json": { schema: SeenBody } } } },
    responses: {
      204: { description: "Recorded (or already further along); idempotent" },
      400: problem("Invalid fields (naming them); nothing changed"),
      401: problem("Not signed in"),
    },
  }),
  async (c) => {
    const asked = Date.parse(c.req.valid("json").up_to);
    // One spelling of a time (the one messages are stored with), and none still to come, so a
    // wrong clock cannot hide messages not yet sent.
    await markSeen(c.env.DB, requireUser(c.var.user).id, new Date(Math.min(asked, Date.now())).toISOString());
    return c.body(null, 204);
  },
);

/**
 * RFC 8058's one-click body is a form. Any other type is refused in words that name the form, where
 * the API's general refusal would say to send JSON, which this address does not take.
 */
const oneClickFormOnly = createMiddleware<AppEnv>(async (c, next) => {
  const type = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded")
    throw new AppError(
      "unsupported_media_type",
      "The one-click unsubscribe takes a form: List-Unsubscribe=One-Click, with Content-Type: application/x-www-form-urlencoded.",
    );
  return next();
});

notificationRoutes.openapi(
  route({
    method: "post",
    path: "/notifications/unsubscribe",
    // No sign-in: the link's signature is the authority (RFC 8058 posts carry no cookie).
    access: "public",
    tags: ["notifications"],
    summary: "One-click unsubscribe (RFC 8058): stop emailing the alert group an alert mail's List-Unsubscribe link names",
    description:
      "The address is the mail's `List-Unsubscribe` header; a mailbox provider posts `List-Unsubscribe=One-Click` to it, " +
      "form-encoded. The alerts are still listed on the Updates page; only their email stops. Idempotent.",
    request: {
      query: UnsubscribeQuery,
      body: { content: { "application/x-www-form-urlencoded": { schema: OneClickForm } } },
    },
    middleware: [oneClickFormOnly],
    responses: {
      200: { description: "The group's email is off", content: { "application/json": { schema: UnsubscribedSchema } } },
      400: problem("Invalid fields, or a link this store did not sign (`unsubscribe-link-invalid`); nothing changed"),
    },
  }),
  async (c) => {
    const link = c.req.valid("query");
    if (!(await unsubscribeByLink(c.env.DB, readConfig(c.env).SESSION_SECRET, link))) {
      throw new AppError("unsubscribe_link_invalid", "This link was not sent by us, or was changed. Nothing was changed.");
    }
    return c.json({ group: link.g, email: false as const }, 200, NO_STORE);
  },
);

/** The user's choices as the API shows them: only the groups that can reach them. */
async function preferencesView(db: D1Database, user: { id: string; roles: readonly string[] }) {
  const choices = await readEmailChoices(db, user.id);
  return {
    email: Object.fromEntries(groupsFor(user.roles).map((g) => [g, choices[g]])) as {
      saved_products: boolean;
      stock_alerts?: boolean;
      shopper_questions?: boolean;
      reports: boolean;
    },
  };
}

notificationRoutes.openapi(
  route({
    method: "get",
    path: "/me/notification-preferences",
    access: "signed_in",
    tags: ["notifications"],
    summary: "Which alert groups are emailed to the signed-in user (order updates are always sent)",
    responses: {
      200: { description: "The choices", content: { "application/json": { schema: NotificationPreferencesSchema } } },
      401: problem("Not signed in"),
    },
  }),
  async (c) => c.json(await preferencesView(c.env.DB, requireUser(c.var.user)), 200, NO_STORE),
);

notificationRoutes.openapi(
  route({
    method: "put",
    path: "/me/notification-preferences",
    access: "signed_in",
    tags: ["notifications"],
    summary: "Choose which alert groups are emailed; groups left out stay as they are",
    description:
      "Turning a group off also stops its alerts recorded but not yet sent. `stock_alerts` and `shopper_questions` are only for a seller's users.",
    request: { body: { content: { "application/json": { schema: NotificationPreferencesBody } } } },
    responses: {
      200: { description: "The choices now", content: { "application/json": { schema: NotificationPreferencesSchema } } },
      400: problem("Invalid fields (problem details naming them)"),
      401: problem("Not signed in"),
    },
  }),
  async (c) => {
    const user = requireUser(c.var.user);
    const { email } = c.req.valid("json");
    const allowed = new Set<string>(groupsFor(user.roles));
    const foreign = Object.keys(email).filter((g) => !allowed.has(g));
    if (foreign.length > 0) {
      throw new AppError("validation_failed", "Stock alerts and shoppers' questions are only sent to a seller's users.", {
        errors: foreign.map((g) => ({ path: `email.${g}`, message: "Not an alert your account gets" })),
      });
    }
    await setEmailChoices(c.env.DB, user.id, email);
    return c.json(await preferencesView(c.env.DB, user), 200, NO_STORE);
  },
);

notificationRoutes.openapi(
  route({
    method: "get",
    path: "/admin/notifications",
    access: ["ops"],
    tags: ["notifications", "ops"],
    summary: "The mails given up (`state=failed`), newest first, each with its order if it has one, a page at a time",
    description: "Read from the given-up mails' own index, so the page costs the same however much mail was sent.",
    request: { query: OpsMessagesQuery },
    responses: {
      200: { description: "A page of given-up mails", content: { "application/json": { schema: OpsMessagesPageSchema } } },
      400: problem("Invalid query (problem details naming the fields)"),
      401: problem("Not signed in"),
      403: problem("Not ops"),
    },
  }),
  async (c) => c.json(await givenUpEmails(c.env.DB, c.req.valid("query").cursor), 200, NO_STORE),
);

notificationRoutes.openapi(
  route({
    method: "post",
    path: "/admin/notifications/{id}/resend",
    access: ["ops"],
    tags: ["notifications", "ops"],
    summary: "Send a given-up mail again, now; records who asked",
    description:
      "The mail goes back to waiting with its attempts and error cleared, and is sent at once. Should that send fail, it stays waiting " +
      "and the minute cron retries it with the usual back-off (the answer's `email_state` says which). " +
      "Only a given-up (`failed`) mail: a suppressed one stays unsent, as its recipient chose.",
    request: { params: NotificationParam },
    responses: {
      200: { description: "The mail after the send", content: { "application/json": { schema: OpsMessageSchema } } },
      400: problem("Invalid id"),
      401: problem("Not signed in"),
      403: problem("Not ops"),
      404: problem("No such message"),
      409: problem("The message is not a given-up mail (`email_state`; `recorded_only` for an SMS); nothing changed"),
    },
  }),
  async (c) => {
    const ops = requireUser(c.var.user);
    const message = await resendGivenUp(c.env, Number(c.req.valid("param").id), `ops:${ops.id}`);
    return c.json(message, 200, NO_STORE);
  },
);

notificationRoutes.openapi(
  route({
    method: "post",
    path: "/admin/notifications/resend-given-up",
    access: ["ops"],
    tags: ["notifications", "ops"],
    summary: `Send again the mails given up within a window (after a mail provider outage), up to ${RESEND_BATCH.toLocaleString("en-IN")} a call; records who asked`,
    description:
      "Each given-up (`failed`) mail whose `given_up_at` is in the window goes back to waiting, its attempts and error cleared and " +
      "`resent_by`/`resent_at` recorded, as the single Send again does; none is sent by the call itself: the minute cron sends them " +
      `(it sends ${RESEND_BATCH.toLocaleString("en-IN")} a minute). Oldest given up first; when \`more\` is true, call again with the window ` +
      "answered. Suppressed mails, and mails in any other state, are never moved, and a mail moved once is not moved again, so two calls " +
      `at once move each mail once. The window is at most ${RESEND_WINDOW_MAX_DAYS} days and not in the future.`,
    request: { body: { content: { "application/json": { schema: ResendGivenUpBody } } } },
    responses: {
      200: { description: "How many mails were moved back to waiting", content: { "application/json": { schema: ResentGivenUpSchema } } },
      400: problem("Invalid window (problem details naming the fields); nothing changed"),
      401: problem("Not signed in"),
      403: problem("Not ops"),
    },
  }),
  async (c) => {
    const ops = requireUser(c.var.user);
    const window = c.req.valid("json");
    const result = await resendGivenUpWindow(c.env.DB, window, `ops:${ops.id}`);
    return c.json({ ...result, given_up_after: window.after, given_up_before: window.before }, 200, NO_STORE);
  },
);
