import { notifications } from "../db/schema";
import { EMAIL_STATES } from "../notifications/email-delivery";
import { whenIst } from "../pages/format";
import type { Db } from "../platform/context";

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
      // more: the way back is a person, who can check the old owner before moving it back.
      "If this was not you, someone else knows your password and can read that mailbox: reply at once to this notice, " +
      "which we mailed to the old address, and we will help you take your account back.",
  };
}

/**
 * The notice of an email change, as an insert for the batch that makes it: recorded with the
 * change or not at all, then sent by the durable email path. That path reads the account's address
 * as it sends, which by then is the new one; so the row names the old address itself (`to_email`).
 * It belongs to no alert group, so no one can turn it off.
 */
export function emailChangedNotice(db: Db, userId: string, oldEmail: string, newEmail: string, at: string) {
  const text = emailChangedText(oldEmail, newEmail, at);
  return db
    .insert(notifications)
    .values({
      eventId: `email-changed:${userId}:${crypto.randomUUID()}`,
      channel: "email",
      userId,
      kind: "email_changed",
      subject: text.subject,
      body: text.body,
      createdAt: at,
      emailState: EMAIL_STATES.pending,
      toEmail: oldEmail,
    })
    .returning({ id: notifications.id });
}
