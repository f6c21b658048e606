import { SENDER_NAME } from "../notifications/email-delivery";
import type { Config } from "../platform/config";
import { EMAIL_CHANGE_LINK_TTL_SECONDS } from "./email-change-links";

/** The page an email change link opens. */
export const EMAIL_CHANGE_PAGE_PATH = "/confirm-email";

/**
 * The link the confirmation mail carries. The token rides in the query string for the reasons a
 * reset link's does (see reset-mail.ts): the page works without scripts, so the server must read it.
 */
export function emailChangeLink(origin: string, token: string): string {
  const url = new URL(EMAIL_CHANGE_PAGE_PATH, origin);
  url.searchParams.set("token", token);
  return url.href;
}

/**
 * The confirmation mail, to the new address, as the send_email binding takes it. It names the
 * account's current address, so someone who never asked can tell whose request it was.
 */
export function emailChangeMail(
  config: Pick<Config, "MAIL_FROM" | "SITE_ORIGIN">,
  account: { email: string; name: string },
  newEmail: string,
  token: string,
) {
  const minutes = EMAIL_CHANGE_LINK_TTL_SECONDS / 60;
  return {
    from: { name: SENDER_NAME, email: config.MAIL_FROM },
    to: newEmail,
    subject: "Confirm your new Bazaar Edge email address",
    text:
      `Hello ${account.name},\n\n` +
      `You asked to sign in to your Bazaar Edge account with this address (${newEmail}) instead of ${account.email}. ` +
      `To make the change, open this link within ${minutes} minutes:\n\n` +
      `${emailChangeLink(config.SITE_ORIGIN, token)}\n\n` +
      `The link works once. Until you open it, you still sign in with ${account.email}. ` +
      "If you did not ask for this, ignore this mail: nothing changes.\n",
  };
}
