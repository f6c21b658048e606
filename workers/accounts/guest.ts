import type { Context } from "hono";
import { generateCookie, getCookie, setCookie } from "hono/cookie";
import type { CookieOptions } from "hono/utils/cookie";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../platform/context";
import { readConfig } from "../platform/config";
import { hmacSign, hmacVerify } from "../platform/hmac";
import { newId } from "../platform/ids";

/** Cookie carrying the signed guest id. */
export const GUEST_COOKIE = "__Host-guest";

/** A guest id outlives a sale season, so a cart kept for weeks is still there. */
export const GUEST_TTL_SECONDS = 90 * 24 * 3600;

const GUEST_ID = /^gst_[A-Za-z0-9_-]{16}$/;

const GUEST_COOKIE_OPTIONS: CookieOptions = { path: "/", secure: true, httpOnly: true, sameSite: "Lax", maxAge: GUEST_TTL_SECONDS };

/** The Set-Cookie value that gives a visitor a newly minted guest id. */
export async function guestSetCookie(secret: string, guestId: string): Promise<string> {
  return generateCookie(GUEST_COOKIE, await signGuestId(secret, guestId), GUEST_COOKIE_OPTIONS);
}

/** The cookie value for a guest id: the id and its HMAC under SESSION_SECRET. */
export async function signGuestId(secret: string, guestId: string): Promise<string> {
  return `${guestId}.${await hmacSign(secret, `guest:${guestId}`)}`;
}

/** The guest id inside a cookie value, or null when it is malformed, forged or altered. */
export async function verifyGuestCookie(secret: string, value: string): Promise<string | null> {
  const dot = value.indexOf(".");
  const guestId = value.slice(0, dot);
  if (dot <= 0 || !GUEST_ID.test(guestId)) return null;
  return (await hmacVerify(secret, `guest:${guestId}`, value.slice(dot + 1))) ? guestId : null;
}

/**
 * The visitor's verified guest id, or null. Read only when a handler needs it: on the API most
 * requests (catalog reads, waiting-room polls) never do, and each would pay for a signature check.
 */
export async function knownGuestId(c: Context<AppEnv>): Promise<string | null> {
  if (c.var.guestResolved) return c.var.guestId;
  const cookie = getCookie(c, GUEST_COOKIE);
  const guestId = cookie ? await verifyGuestCookie(readConfig(c.env).SESSION_SECRET, cookie) : null;
  c.set("guestId", guestId);
  c.set("guestResolved", true);
  return guestId;
}

/**
 * The visitor's guest id, minted now if they have none; the front door sets its cookie on the
 * response. API handlers that keep something for a visitor (a cart, a waiting-room place) ask
 * for it here, so a plain catalog read never mints an identity or carries a Set-Cookie.
 */
export async function guestIdOf(c: Context<AppEnv>): Promise<string> {
  const known = await knownGuestId(c);
  if (known) return known;
  const minted = newId("gst");
  c.set("guestId", minted);
  c.set("guestMinted", true);
  return minted;
}

/**
 * Gives visitors a signed guest id so a cart and a waiting-room place can be kept without an
 * account. It stays after sign-in, so an admission earned as a guest still matches and the guest
 * cart can be merged into the account. Pages resolve (and on a first visit mint) it up front, as
 * a browser will go on to use it; the API resolves it only when a handler asks.
 */
export const guestIdentity = createMiddleware<AppEnv>(async (c, next) => {
  if (!c.req.path.startsWith("/api/")) await guestIdOf(c);
  await next();
  // Set after the handler, so a response it stores in the edge cache never carries one
  // visitor's guest id to everyone else.
  const guestId = c.var.guestId;
  if (c.var.guestMinted && guestId) {
    setCookie(c, GUEST_COOKIE, await signGuestId(readConfig(c.env).SESSION_SECRET, guestId), GUEST_COOKIE_OPTIONS);
  }
});
