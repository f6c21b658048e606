import { z } from "@hono/zod-openapi";
import { createRouter, json, route } from "../platform/router";
import { checkRecoveryLink, recoverAccount } from "./account-recovery";
import { RECOVERY_LINK_TTL_SECONDS } from "./account-recovery-links";

/** Taking an account back through the "secure your account" link an email change notice mails to the old address. */
export const accountRecoveryRoutes = createRouter();

const RecoveryToken = z
  .string()
  .min(1)
  .max(200)
  .openapi({ description: "The `token` parameter of the link in the mail telling the old address of an email change." });

const RecoveryTokenBody = z.object({ token: RecoveryToken }).strict().openapi("AccountRecoveryTokenBody");

const RecoveryLink = z
  .object({
    email: z.string().openapi({ description: "The account's address now, which the link replaces" }),
    old_email: z.string().openapi({ description: "The address the link gives back to the account" }),
    expires_at: z.string().openapi({ format: "date-time", description: "When the link stops working, unless used first." }),
  })
  .openapi("AccountRecoveryLink");

const Recovered = z
  .object({
    email: z.string().openapi({ description: "The account's address again, the one it signs in with" }),
    reset_token: z.string().openapi({
      description: "A password reset link's token, for `POST /api/auth/password-reset/confirm`: the password must be replaced",
    }),
    reset_expires_at: z.string().openapi({ format: "date-time", description: "When the reset token stops working" }),
  })
  .openapi("AccountRecovered");

const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: z.object({}).passthrough() } } });

// Tokens and personal details must never sit in a shared or browser cache.
const NO_STORE = { "cache-control": "no-store" };

const INVALID =
  "Invalid fields, or the link is unknown, used or expired, or its account was deleted (`/problems/account-recovery-link-invalid`)";

accountRecoveryRoutes.openapi(
  route({
    method: "post",
    path: "/auth/account-recovery/check",
    access: "public",
    tags: ["accounts"],
    summary: 'Whether a "secure your account" link still works, and what it gives back; reads only, so the link still works afterwards',
    request: { body: { content: { "application/json": { schema: RecoveryTokenBody } } } },
    responses: {
      200: json(RecoveryLink, "The link works until `expires_at`"),
      400: problem(INVALID),
      429: problem("Too many attempts from this client"),
    },
  }),
  async (c) => {
    const link = await checkRecoveryLink(c.var.db, c.req.valid("json").token);
    return c.json({ email: link.email, old_email: link.oldEmail, expires_at: link.expiresAt }, 200, NO_STORE);
  },
);

accountRecoveryRoutes.openapi(
  route({
    method: "post",
    path: "/auth/account-recovery/confirm",
    access: "public",
    tags: ["accounts"],
    summary:
      "Take an account back after an email change its owner did not make: it signs in with its old address again, every session ends, " +
      "every reset, email change and later recovery link stops working, and a reset token for a new password is answered",
    description: `The link is mailed to the old address with the notice of the change, and works once, for ${RECOVERY_LINK_TTL_SECONDS / 86_400} days.`,
    request: { body: { content: { "application/json": { schema: RecoveryTokenBody } } } },
    responses: {
      200: json(Recovered, "Taken back; choose a new password with `reset_token`"),
      400: problem(`${INVALID}; nothing changed`),
      409: problem("Another account registered the old address since the change; the link is used up and nothing changed"),
      429: problem("Too many attempts from this client"),
    },
  }),
  async (c) => {
    const done = await recoverAccount(c.var.db, c.req.valid("json").token);
    return c.json({ email: done.email, reset_token: done.resetToken, reset_expires_at: done.resetExpiresAt }, 200, NO_STORE);
  },
);
