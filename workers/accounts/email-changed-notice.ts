import { notifications } from "../db/schema";
import { EMAIL_STATES } from "../notifications/email-delivery";
import { whenIst } from "../pages/format";
import type { Db } from "../platform/context";
import { EMAIL_CHANGED_KIND } from "./account-recovery-mail";

/**
 * An address shown so that its owner knows it and a stranger reading the old mailbox learns little:
 * the local part's first character, then `***` ("r***@example.com").
 */
export function maskedEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 1) return "***";
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}

/**
 * What the owner is told at the old address, in words that stand without the page. The same words
 * are the account's Updates row, read under the new address: so each address is named, not "this".
 */
export function emailChangedText(oldEmail: string, newEmail: string, at: string): { subject: string; body: string } {
  return {
    subject: "Your Bazaar Edge email address was changed",
    body:
      `The email address of your Bazaar Edge account was changed from ${maskedEmail(oldEmail)} to ${maskedEmail(newEmail)} on ${whenIst(at)}. ` +
      "The old address no longer signs in to the account, and every device signed in to it was signed out but the one that asked for the change. " +
      // Neither the forgot-password page nor a sign-in reaches the account from the old address any
      // more: the way back is the link the mail to the old address carries (account-recovery-mail.ts),
      // never these words, which the new address reads on its Updates page too.
      `If this was not you, someone else knows your password and can read the new mailbox: open the “Secure your account” link in the mail we sent to ${maskedEmail(oldEmail)} within 7 days. ` +
      "It puts the account back on that address, signs out every device and has you choose a new password.",
  };
}

/** A new notice's event id, which the recovery link's token is made from: unique and unguessable. */
export const emailChangedEventId = (userId: string) => `email-changed:${userId}:${crypto.randomUUID()}`;

/**
 * The notice of an email change, as an insert for the batch that makes it: recorded with the
 * change or not at all, then sent by the durable email path. That path reads the account's address
 * as it sends, which by then is the new one; so the row names the old address itself (`to_email`).
 * It belongs to no alert group, so no one can turn it off. Its mail carries the account's way back,
 * a link whose token is made from `eventId` as the mail is sent (account-recovery-links.ts).
 */
export function emailChangedNotice(db: Db, eventId: string, userId: string, oldEmail: string, newEmail: string, at: string) {
  const text = emailChangedText(oldEmail, newEmail, at);
  return db
    .insert(notifications)
    .values({
      eventId,
      channel: "email",
      userId,
      kind: EMAIL_CHANGED_KIND,
      subject: text.subject,
      body: text.body,
      createdAt: at,
      emailState: EMAIL_STATES.pending,
      toEmail: oldEmail,
    })
    .returning({ id: notifications.id });
}
