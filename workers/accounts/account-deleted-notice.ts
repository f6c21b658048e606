import { notifications } from "../db/schema";
import { EMAIL_STATES } from "../notifications/email-delivery";
import { whenIst } from "../pages/format";
import type { Db } from "../platform/context";

/** What the former owner is told, in words that stand without the site: there is no account left to sign in to. */
export function accountDeletedText(at: string): { subject: string; body: string } {
  return {
    subject: "Your Bazaar Edge account was deleted",
    body:
      `Your Bazaar Edge account was deleted on ${whenIst(at)}, as asked on its account page. ` +
      "Your name, this email address, your saved addresses, cart, wishlist, notification settings and messages were erased, " +
      "and every device signed in to it was signed out. " +
      "Your orders and their tax invoices are kept, as tax law requires, without your name, phone number or street address; " +
      "your reviews and questions stay on the products, shown as by a former shopper. " +
      "You can register again with this email address whenever you like. " +
      "If you did not ask for this, someone else was signed in to your account: contact Bazaar Edge support and secure your email account.",
  };
}

/**
 * The confirmation mail, as an insert for the batch that erases the account: recorded with the
 * erasure or not at all, then sent by the durable email path. The account's address is erased in
 * the same batch, so the row keeps the address it goes to (`to_email`, cleared once sent). It
 * belongs to no alert group, so nothing suppresses it, and it links nowhere: nothing is left to open.
 */
export function accountDeletedNotice(db: Db, userId: string, email: string, at: string) {
  const text = accountDeletedText(at);
  return db
    .insert(notifications)
    .values({
      eventId: `account-deleted:${userId}`,
      channel: "email",
      userId,
      kind: "account_deleted",
      subject: text.subject,
      body: text.body,
      createdAt: at,
      emailState: EMAIL_STATES.pending,
      toEmail: email,
    })
    .returning({ id: notifications.id });
}
