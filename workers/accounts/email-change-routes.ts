import { z } from "@hono/zod-openapi";
import { createRouter, json, route } from "../platform/router";
import { requireUser } from "./authorize";
import { EMAIL_CHANGES_PER_HOUR } from "./email-change-links";
import { checkEmailChangeLink, confirmEmailChange, requestEmailChange } from "./email-change";
import { EmailField } from "./email-field";

/** Changing the account's email: asked for with the password, made through a link mailed to the new address. */
export const emailChangeRoutes = createRouter();

const EmailChangeBody = z
  .object({
    current_password: z.string().min(1).max(128),
    new_email: EmailField,
  })
  .strict()
  .openapi("EmailChangeBody");

const EmailChangeRequested = z
  .object({
    message: z.string().openapi({
      description: "What to do next, in words for the shopper; the same whether or not another account uses the address",
    }),
  })
  .openapi("EmailChangeRequested");

const EmailChangeToken = z.string().min(1).max(200).openapi({ description: "The `token` parameter of the link in the confirmation mail." });

const EmailChangeTokenBody = z.object({ token: EmailChangeToken }).strict().openapi("EmailChangeTokenBody");

const EmailChangeLink = z
  .object({
    email: z.string().openapi({ description: "The account's address now, which the link replaces" }),
    new_email: z.string().openapi({ description: "The address the link makes the account's" }),
    expires_at: z.string().openapi({ format: "date-time", description: "When the link stops working, unless used first." }),
  })
  .openapi("EmailChangeLink");

const EmailChanged = z
  .object({ email: z.string().openapi({ description: "The account's address now, the one it signs in with" }) })
  .openapi("EmailChanged");

const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: z.object({}).passthrough() } } });

// Tokens and personal details must never sit in a shared or browser cache.
const NO_STORE = { "cache-control": "no-store" };

emailChangeRoutes.openapi(
  route({
    method: "post",
    path: "/me/email",
    access: "signed_in",
    tags: ["accounts"],
    summary: "Ask to change the account's email: mails a single-use link, valid 1 hour, to the new address",
    description:
      "Nothing changes until the link is opened; the account keeps signing in with its current address. Answers 202 with the " +
      "same body, and in about the same time, whether or not another account uses the new address; when one does, no link is " +
      `sent. A new request ends the account's earlier links. An account may ask ${EMAIL_CHANGES_PER_HOUR} times an hour.`,
    request: { body: { content: { "application/json": { schema: EmailChangeBody } } } },
    responses: {
      202: json(EmailChangeRequested, "Asked; a link is on its way to the new address unless another account uses it"),
      400: problem(
        "Invalid fields, or `current_password` is not the current password, or `new_email` is already the account's (named in `errors`); nothing sent",
      ),
      401: problem("Not signed in"),
      429: problem(
        `Too many tries at the account's current password, from whichever device, or more than ${EMAIL_CHANGES_PER_HOUR} requests in an hour, or too many attempts from this client; \`detail\` says which and \`Retry-After\` when to try again`,
      ),
      503: problem("The mail could not be sent; nothing was changed, try again in a minute"),
    },
  }),
  async (c) => {
    const body = c.req.valid("json");
    const message = await requestEmailChange(c.env, c.var.db, requireUser(c.var.user), {
      password: body.current_password,
      email: body.new_email,
    });
    return c.json({ message }, 202, NO_STORE);
  },
);

emailChangeRoutes.openapi(
  route({
    method: "post",
    path: "/auth/email-change/check",
    access: "public",
    tags: ["accounts"],
    summary: "Whether an email change link still works, and what it changes; reads only, so the link still works afterwards",
    request: { body: { content: { "application/json": { schema: EmailChangeTokenBody } } } },
    responses: {
      200: json(EmailChangeLink, "The link works until `expires_at`"),
      400: problem("Invalid fields, or the link is unknown, used or expired (`/problems/email-change-link-invalid`)"),
      429: problem("Too many attempts from this client"),
    },
  }),
  async (c) => {
    const link = await checkEmailChangeLink(c.var.db, c.req.valid("json").token);
    return c.json({ email: link.email, new_email: link.newEmail, expires_at: link.expiresAt }, 200, NO_STORE);
  },
);

emailChangeRoutes.openapi(
  route({
    method: "post",
    path: "/auth/email-change/confirm",
    access: "public",
    tags: ["accounts"],
    summary:
      "Make the change an email change link asks for: the account signs in with the new address from now on, every session ends " +
      "but the one that asked (and this one, when it is the account's), reset links already mailed stop working, and the old address is told",
    request: { body: { content: { "application/json": { schema: EmailChangeTokenBody } } } },
    responses: {
      200: json(EmailChanged, "Changed"),
      400: problem("Invalid fields, or the link is unknown, used or expired (`/problems/email-change-link-invalid`); nothing changed"),
      409: problem("Another account took the new address since the link was sent; the link is used up and nothing changed"),
      429: problem("Too many attempts from this client"),
    },
  }),
  async (c) => {
    const changed = await confirmEmailChange(c.var.db, c.env, c.executionCtx, c.req.valid("json").token, c.var.user?.sessionId ?? null);
    return c.json(changed, 200, NO_STORE);
  },
);
