import type { Config } from "../platform/config";
import { RECOVERY_LINK_TTL_SECONDS, recoveryToken } from "./account-recovery-links";

/** The kind of an email change notice, whose mail the delivery path adds the link to. */
export const EMAIL_CHANGED_KIND = "email_changed";

/** The page a "secure your account" link opens. */
export const RECOVERY_PAGE_PATH = "/secure-account";

/** The link, with its token in the query string for the reasons a reset link's is (see reset-mail.ts). */
export function recoveryLink(origin: string, token: string): string {
  const url = new URL(RECOVERY_PAGE_PATH, origin);
  url.searchParams.set("token", token);
  return url.href;
}

/**
 * What the mail of an email change notice adds to its words: the link that takes the account back.
 * Made as the mail is sent, never stored, and only in the mail to the old address: the Updates row
 * the new address reads has the words without it.
 */
export async function recoveryMailLines(config: Pick<Config, "SESSION_SECRET" | "SITE_ORIGIN">, eventId: string): Promise<string> {
  const days = RECOVERY_LINK_TTL_SECONDS / 86_400;
  const link = recoveryLink(config.SITE_ORIGIN, await recoveryToken(config.SESSION_SECRET, eventId));
  return `Not you? Secure your account (the link works once, for ${days} days):\n\n${link}\n`;
}
