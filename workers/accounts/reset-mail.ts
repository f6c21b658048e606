import { SENDER_NAME } from "../notifications/email-delivery";
import type { Config } from "../platform/config";
import { RESET_LINK_TTL_SECONDS } from "./reset-links";

/** The page a reset link opens. */
export const RESET_PAGE_PATH = "/reset-password";

/** The page that mails a reset link: "Forgot your password?". */
export const FORGOT_PAGE_PATH = "/forgot-password";

/**
 * The link a reset mail carries. The token rides in the query string, not the fragment: the reset
 * page, like every form on this site, works without scripts, so the server must read the token
 * from the link itself, and a fragment never reaches it. What a query string risks is covered
 * where it lands: the page is sent with `Referrer-Policy: no-referrer` (no other site is told the
 * address) and `Cache-Control: no-store` (no cache keeps it), and its form posts the token in the
 * body to a path without it. A platform request log can still record the address, which is why a
 * link works once, for 30 minutes, and only until a newer one is sent.
 */
export function resetLink(origin: string, token: string): string {
  const url = new URL(RESET_PAGE_PATH, origin);
  url.searchParams.set("token", token);
  return url.href;
}

/** The reset mail, as the send_email binding takes it. */
export function resetMail(config: Pick<Config, "MAIL_FROM" | "SITE_ORIGIN">, to: { email: string; name: string }, token: string) {
  const minutes = RESET_LINK_TTL_SECONDS / 60;
  return {
    from: { name: SENDER_NAME, email: config.MAIL_FROM },
    to: to.email,
    subject: "Reset your Bazaar password",
    text:
      `Hello ${to.name},\n\n` +
      `Someone, we hope you, asked to reset the password of your Bazaar account. To choose a new one, open this link within ${minutes} minutes:\n\n` +
      `${resetLink(config.SITE_ORIGIN, token)}\n\n` +
      "The link works once. If you did not ask for this, ignore this mail: your password stays as it is.\n",
  };
}
