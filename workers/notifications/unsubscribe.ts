import { derivedSecret, hmacSign, hmacVerify } from "../platform/hmac";
import { type AlertGroup, isAlertGroup, setEmailChoices } from "./preferences";

/**
 * Unsubscribe links of alert mails. A link names the user and the group and carries an HMAC of the
 * two, so whoever holds the mail can turn that group's email off for that user, and nothing else,
 * without signing in: the signature is the authority (RFC 8058's one-click POST carries no cookie).
 * The key is derived from SESSION_SECRET under its own label, so a link's signature can never pass
 * for a session, CSRF or guest signature, nor they for it. Links do not expire, as a mail read
 * months later must still stop the next one; rotating SESSION_SECRET ends every link sent before.
 */

const KEY_LABEL = "unsubscribe-link";

/** The signed fields of a link, as its query carries them. */
export interface UnsubscribeParams {
  u: string;
  g: AlertGroup;
  sig: string;
}

/** What is signed: the user and the group, unambiguously joined. */
const signed = (userId: string, group: AlertGroup) => JSON.stringify(["unsubscribe", userId, group]);

/** The signature of a link for `userId` and `group`. */
export async function unsubscribeSignature(secret: string, userId: string, group: AlertGroup): Promise<string> {
  return hmacSign(await derivedSecret(secret, KEY_LABEL), signed(userId, group));
}

/** Whether a link's fields are signed by this store (constant-time); a group that does not exist never is. */
export async function verifyUnsubscribe(secret: string, p: { u: string; g: string; sig: string }): Promise<boolean> {
  if (!isAlertGroup(p.g) || !p.u) return false;
  return hmacVerify(await derivedSecret(secret, KEY_LABEL), signed(p.u, p.g), p.sig);
}

/** The query string of a link (`u=…&g=…&sig=…`). */
export async function unsubscribeQuery(secret: string, userId: string, group: AlertGroup): Promise<string> {
  const params: UnsubscribeParams = { u: userId, g: group, sig: await unsubscribeSignature(secret, userId, group) };
  return new URLSearchParams({ ...params }).toString();
}

/** The page a person opens from the mail's footer, and the address a mailbox provider posts to (List-Unsubscribe). */
export interface UnsubscribeLinks {
  page: string;
  oneClick: string;
}

export async function unsubscribeLinks(secret: string, origin: string, userId: string, group: AlertGroup): Promise<UnsubscribeLinks> {
  const query = await unsubscribeQuery(secret, userId, group);
  return { page: `${origin}/unsubscribe?${query}`, oneClick: `${origin}/api/notifications/unsubscribe?${query}` };
}

/** Why the person gets a group's mails, for the footer that offers to stop them. */
const WHY: Record<AlertGroup, string> = {
  saved_products: "You get these because you saved this product.",
  stock_alerts: "You get these because you sell on Bazaar Edge and set low-stock alerts on your listings.",
  shopper_questions: "You get these because you sell on Bazaar Edge and shoppers ask about the products you offer.",
  reports: "You get these because you reported a review or an answer on Bazaar Edge.",
};

/** The footer line of an alert mail: why it came, and the link that stops its group. */
export function unsubscribeFooter(group: AlertGroup, pageLink: string): string {
  return `${WHY[group]} Stop these emails: ${pageLink}`;
}

/**
 * RFC 8058 one-click unsubscribe: the address to post to, and the header saying a POST needs no
 * more. Only for an HTTPS address: the RFC allows no other, and Email Service refuses the whole
 * mail when `List-Unsubscribe` holds a plain-HTTP one. A store served over HTTP (a local one) sends
 * its alerts with the footer's link alone.
 */
export function oneClickHeaders(oneClick: string): Record<string, string> | undefined {
  if (new URL(oneClick).protocol !== "https:") return undefined;
  return { "List-Unsubscribe": `<${oneClick}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}

/**
 * Turns a link's group off for its user when the link is signed; false (and nothing changed) when
 * it is not. Idempotent: a provider that posts twice, or a person who clicks twice, changes nothing more.
 */
export async function unsubscribeByLink(db: D1Database, secret: string, p: { u: string; g: string; sig: string }): Promise<boolean> {
  if (!(await verifyUnsubscribe(secret, p)) || !isAlertGroup(p.g)) return false;
  await setEmailChoices(db, p.u, { [p.g]: false });
  return true;
}
