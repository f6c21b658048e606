import { notifications } from "../db/schema";
import { EMAIL_STATES } from "../notifications/email-delivery";
import { whenIst } from "../pages/format";
import type { Db } from "../platform/context";
import { FORGOT_PAGE_PATH } from "./reset-mail";

/** How the password came to change: through the account page, or through an emailed reset link. */
export type PasswordChange = "changed" | "reset";

/** What the account's owner is told, in words that stand without the page. */
export function passwordChangedText(how: PasswordChange, at: string, device: string | null): { subject: string; body: string } {
  const from = device ? ` from ${device}` : "";
  const what =
    how === "changed"
      ? `The password of your Bazaar Edge account was changed on ${whenIst(at)}${from}. Every other device signed in to your account was signed out.`
      : `The password of your Bazaar Edge account was reset through a link we emailed, on ${whenIst(at)}${from}. Every device that was signed in to your account was signed out.`;
  // The way back is the forgot-password page (the row's link): it mails a link to this inbox, so
  // this mail itself opens nothing to whoever else may read it.
  const notYou =
    how === "changed"
      ? "If this was not you, someone else knows your password: ask for a reset link on the “Forgot your password?” page at once and choose a new one."
      : "If this was not you, someone else can read your email: secure your email account, then ask for a reset link on the “Forgot your password?” page and choose a new password.";
  return {
    subject: how === "changed" ? "Your Bazaar Edge password was changed" : "Your Bazaar Edge password was reset",
    body: `${what} ${notYou}`,
  };
}

/**
 * The mail telling the account's owner their password changed, as an insert for the batch that
 * changes it: recorded with the change or not at all, then sent by the durable email path (see
 * notifications/email-delivery.ts), which reads the account's address as it sends. It belongs to no
 * alert group, so no one can turn it off. Email only, as the reset mail is: an SMS row is only ever recorded.
 */
export function passwordChangedNotice(db: Db, userId: string, how: PasswordChange, at: string, device: string | null) {
  const text = passwordChangedText(how, at, device);
  return db
    .insert(notifications)
    .values({
      eventId: `password-${how}:${userId}:${crypto.randomUUID()}`,
      channel: "email",
      userId,
      kind: `password_${how}`,
      subject: text.subject,
      body: text.body,
      link: FORGOT_PAGE_PATH,
      createdAt: at,
      emailState: EMAIL_STATES.pending,
    })
    .returning({ id: notifications.id });
}
