import { z } from "@hono/zod-openapi";
import { createRouter, route } from "../platform/router";
import { deleteAccount } from "./account-deletion";
import { requireUser } from "./authorize";
import { clearSessionCookies } from "./cookies";

/** Deleting one's own account. Apart from the account's other routes, as it is a step of its own with its own rules. */
export const accountDeletionRoutes = createRouter();

const AccountDeleteBody = z
  .object({
    password: z.string().min(1, "Enter your current password").max(128).openapi({ description: "The account's current password" }),
    confirm: z.literal(true, { error: "must be true: confirm that the account is to be erased, which cannot be undone" }).openapi({
      description: "Must be `true`: the shopper confirms the account and its personal data are erased for good",
    }),
  })
  .strict()
  .openapi("AccountDeleteBody");

const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: z.object({}).passthrough() } } });

accountDeletionRoutes.openapi(
  route({
    method: "post",
    path: "/me/delete",
    access: "signed_in",
    tags: ["accounts"],
    summary: "Delete the account: erase its personal data, end every session and clear the cookies",
    description:
      "Erases the name and email (the email can register again), the password, saved addresses, cart, wishlist, " +
      "notification settings and messages, ends every session and every reset link, and mails the old address a confirmation. " +
      "Orders and their tax invoices are kept, as GST law requires, with the delivery address's name, street lines and phone " +
      "removed (city, state and PIN code stay); reviews and questions stay, shown as by “A former shopper”. " +
      "Shopper accounts only: a seller's, deal manager's or ops account is closed by an admin. " +
      "The password's tries count against the same per-account budget as a password change's.",
    request: { body: { content: { "application/json": { schema: AccountDeleteBody } } } },
    responses: {
      204: { description: "Deleted; every session ended and the cookies cleared" },
      400: problem("Invalid fields, or `password` is not the current password (named in `errors`); nothing changed"),
      401: problem("Not signed in"),
      403: problem(
        "A seller's, deal manager's or ops account (`/problems/staff-account`, with its `roles`), which an admin closes; or sent with a session cookie but without the page's CSRF token",
      ),
      409: problem(
        "Orders still in progress, a return being decided or a refund of a cancellation under way (`/problems/orders-in-progress`, with their ids in `orders`): the account is needed to reach the shopper about them; nothing changed",
      ),
      429: problem("Too many tries at the account's current password, from whichever device; `Retry-After` says when to try again"),
    },
  }),
  async (c) => {
    await deleteAccount(c.env, c.executionCtx, c.var.db, requireUser(c.var.user), c.req.valid("json").password);
    clearSessionCookies(c);
    return c.body(null, 204, { "cache-control": "no-store" });
  },
);
