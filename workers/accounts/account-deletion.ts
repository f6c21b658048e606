import type { Background } from "../platform/background";
import { and, eq, isNull, or, sql } from "drizzle-orm";
import { cartOwner, cartStub } from "../cart/cart-service";
import {
  accountRecoveryTokens,
  addedAddresses,
  emailChangeTokens,
  forgottenAddresses,
  helpRequests,
  notificationPreferences,
  notifications,
  orders,
  sessions,
  users,
  wishlistItems,
} from "../db/schema";
import { mailRecordedSoon } from "../notifications/email-delivery";
import type { Db, Principal, Role } from "../platform/context";
import { AppError } from "../platform/errors";
import { fieldsRefused } from "../platform/failed-fields";
import { listInWords } from "../platform/list-in-words";
import { nowIso } from "../platform/time";
import { forgetInterests } from "../search/interests";
import { accountDeletedNotice } from "./account-deleted-notice";
import { FORMER_SHOPPER, erasedEmail } from "./erased-account";
import { verifyPassword } from "./password";
import { countPasswordChangeAttempt } from "./password-change-budget";
import { expireLiveResetLinks } from "./reset-links";

/**
 * A shopper erasing their own account (the right to erasure of India's DPDP Act). Every table
 * holding a user id, and what deletion does to it:
 *
 * Erased, as they are the shopper's and serve no one else:
 * - users: the row stays, as orders, invoices and reviews point at it, but its name becomes
 *   FORMER_SHOPPER, its email an address that cannot receive mail and frees the old one for a new
 *   registration, and its password hash an empty one no password derives to: it can never sign in.
 * - sessions: every one ended, and the device each was opened from forgotten; the pruning cron
 *   deletes them a day later as it does any ended session.
 * - password_reset_tokens: live links expire, so a mailed link cannot take the account back. The
 *   rows hold only a token's hash and times.
 * - email_change_tokens: deleted, as each names an address the shopper asked to move to; a
 *   pending change must not carry the erased account to it.
 * - notification_preferences, added_addresses, forgotten_addresses, wishlist_items: deleted.
 * - notifications: every message to the account deleted, then the confirmation recorded, which
 *   carries the old address only until it is sent.
 * - help_requests: what the shopper asked ops about their orders, and the answers, deleted: they
 *   were for the shopper alone, and an order in progress (the only kind one is still open for
 *   long) refuses the deletion anyway.
 * - The cart and saved-for-later (the Cart Durable Object) emptied, and the browsing interests
 *   behind "picks for you" (a KV record) deleted, before the batch: neither is in D1.
 *
 * Redacted, as the law or other people need the record:
 * - orders: kept, with their transitions, shipments, payments, invoices and credit notes (GST law
 *   requires tax invoices and the orders behind them to be kept). The delivery address keeps its
 *   city, state and PIN code, the place of supply on the invoices; its name becomes FORMER_SHOPPER
 *   and its street lines and phone go, as does the phone ops search orders by.
 *
 * Kept, shown without the name:
 * - reviews, product_questions: other shoppers rely on them and sellers answered them; they show
 *   FORMER_SHOPPER (see `firstName`), which is the account's name now.
 * - seller_feedback: a seller's rating rests on it; it names no shopper to anyone.
 * - review_votes, review_reports, answer_reports: anonymous marks others' counts rest on, and
 *   reports ops are still to judge.
 * - review_removals: ops' record of a review they removed, which the account's name no longer
 *   follows.
 * - user_roles: the shopper grant says nothing about the person.
 * - idempotency_keys: checkout replays scoped to the shopper, holding no personal data, gone in a day.
 *
 * Staff tables (deals, courier_holidays, question_answers, ops fields of reviews, questions and help
 * requests) name only staff, whose accounts are closed by an admin and refused here.
 */

/** The roles whose accounts an admin closes: the store's records of their work must keep naming them. */
const STAFF_ROLES: readonly Role[] = ["seller", "deal_manager", "ops"];

/**
 * Orders that still need to reach their shopper: on their way, a return asked for and not yet
 * decided, or a cancellation whose refund is still being made.
 */
const stillInProgress = or(
  eq(orders.statusGroup, "in_progress"),
  eq(orders.status, "return_requested"),
  and(eq(orders.status, "cancelled"), isNull(orders.cancelSettledAt)),
);

/**
 * Erases the signed-in shopper's account once its password is given (counted against the budget
 * a password change spends, so a stolen session cannot guess it at will). Refused for staff and
 * while orders are in progress; those refusals need no password, so nothing is spent on them.
 * Everything in D1 is one batch: either the account is erased and its confirmation recorded, or
 * nothing changed.
 */
export async function deleteAccount(env: Env, ctx: Background, db: Db, user: Principal, password: string): Promise<void> {
  const staff = STAFF_ROLES.filter((r) => user.roles.includes(r));
  if (staff.length > 0) {
    throw new AppError(
      "staff_account",
      "This account works for the store or a seller, so it is not deleted here: an admin closes it, after handing its work over. Ask the store's operations team to close it.",
      { extensions: { roles: staff } },
    );
  }
  await refuseWhileOrdersInProgress(db, user.id);
  await countPasswordChangeAttempt(env, user.id);
  const [account] = await db.select().from(users).where(eq(users.id, user.id)).limit(1);
  if (!account) throw new AppError("unauthenticated", "Sign in again to delete your account.");
  const stored = { hash: account.passwordHash, salt: account.passwordSalt, iterations: account.passwordIterations };
  if (!(await verifyPassword(password, stored))) throw fieldsRefused([{ path: "password", message: "is not your current password" }]);

  // Outside D1, so first: should either fail, nothing is erased yet and asking again finishes it.
  await Promise.all([cartStub(env, cartOwner(user, null)).clear(), forgetInterests(env.CATALOG_KV, user.id)]);
  const now = nowIso();
  const done = await db
    .batch([
      // The check above answers with the orders' names, but an order placed in another tab since
      // would be left on an erased account: this fails the whole batch, one transaction, if one exists.
      failsWithOrdersInProgress(db, user.id),
      db
        .update(users)
        .set({ email: erasedEmail(user.id), name: FORMER_SHOPPER, passwordHash: "", passwordSalt: "", updatesSeenAt: null })
        .where(eq(users.id, user.id)),
      db.update(sessions).set({ device: null }).where(eq(sessions.userId, user.id)),
      db
        .update(sessions)
        .set({ revokedAt: now })
        .where(and(eq(sessions.userId, user.id), isNull(sessions.revokedAt))),
      expireLiveResetLinks(db, user.id, now),
      db.delete(emailChangeTokens).where(eq(emailChangeTokens.userId, user.id)),
      // They hold the addresses the account had, and nothing is left to take back.
      db.delete(accountRecoveryTokens).where(eq(accountRecoveryTokens.userId, user.id)),
      db.delete(notificationPreferences).where(eq(notificationPreferences.userId, user.id)),
      db.delete(addedAddresses).where(eq(addedAddresses.userId, user.id)),
      db.delete(forgottenAddresses).where(eq(forgottenAddresses.userId, user.id)),
      db.delete(wishlistItems).where(eq(wishlistItems.userId, user.id)),
      db.delete(notifications).where(eq(notifications.userId, user.id)),
      db.delete(helpRequests).where(eq(helpRequests.userId, user.id)),
      db
        .update(orders)
        .set({
          address: sql`json_set(json_remove(${orders.address}, '$.line1', '$.line2', '$.phone'), '$.name', ${FORMER_SHOPPER})`,
          phone: null,
        })
        .where(eq(orders.userId, user.id)),
      accountDeletedNotice(db, user.id, account.email, now),
    ])
    .catch(async (err: unknown) => {
      // Nothing was erased: the refusal the check would have given now, else the failure itself.
      await refuseWhileOrdersInProgress(db, user.id);
      throw err;
    });
  // Sent once the deletion is answered, the batch holding it; what fails then the minute cron's sweep sends.
  mailRecordedSoon(
    env,
    ctx,
    done[14].map((r) => r.id),
  );
}

/**
 * A query for the deletion's batch that fails when the account has an order in progress, so that
 * none of the batch applies. SQLite has no statement to raise an error outside a trigger, so such
 * an order's id, after an unclosed brace, is read as JSON, which it never is. The id, not a
 * constant: SQLite may evaluate a constant once before reading any row, failing every deletion.
 */
function failsWithOrdersInProgress(db: Db, userId: string) {
  return db
    .select({ refused: sql<string>`json('{' || ${orders.id})` })
    .from(orders)
    .where(and(eq(orders.userId, userId), stillInProgress))
    .limit(1);
}

/** The 409 naming the orders that still need the account, and what to do; nothing when there are none. */
async function refuseWhileOrdersInProgress(db: Db, userId: string): Promise<void> {
  const open = await db
    .select({ id: orders.id, status: orders.status })
    .from(orders)
    .where(and(eq(orders.userId, userId), stillInProgress))
    .orderBy(orders.createdAt)
    .limit(20);
  if (open.length === 0) return;
  const returns = open.filter((o) => o.status === "return_requested").length;
  const what = [
    open.length - returns > 0 ? `${open.length - returns} order${open.length - returns === 1 ? "" : "s"} still in progress` : null,
    returns > 0 ? `${returns} return${returns === 1 ? "" : "s"} still being decided` : null,
  ].filter((w): w is string => w !== null);
  throw new AppError(
    "orders_in_progress",
    `Your account has ${listInWords(what)}, and we need it to reach you about them. ` +
      "Once they are delivered, cancelled or refunded you can delete it; or cancel an order that has not shipped yet from its page.",
    { extensions: { orders: open.map((o) => o.id) } },
  );
}
