import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
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
 * The visitor's guest id, minted now if they have none; the front door sets its cookie on the
 * response. API handlers that keep something for a visitor (a cart, a waiting-room place) ask
 * for it here, so a plain catalog read never mints an identity or carries a Set-Cookie.
 */
export function guestIdOf(c: Context<AppEnv>): string {
  const known = c.var.guestId;
  if (known) return known;
  const minted = newId("gst");
  c.set("guestId", minted);
  c.set("guestMinted", true);
  return minted;
}

/**
 * Recognises the visitor's signed guest id (`c.var.guestId`) so a cart and a waiting-room place
 * can be kept without an account. It stays after sign-in, so an admission earned as a guest
 * still matches and the guest cart can be merged into the account. Pages mint one on a first
 * visit, as a browser will go on to use it; the API mints one only when a handler needs it.
 */
export const guestIdentity = createMiddleware<AppEnv>(async (c, next) => {
  const secret = readConfig(c.env).SESSION_SECRET;
  const cookie = getCookie(c, GUEST_COOKIE);
  const existing = cookie ? await verifyGuestCookie(secret, cookie) : null;
  c.set("guestId", existing);
  if (!existing && !c.req.path.startsWith("/api/")) guestIdOf(c);
  await next();
  // Set after the handler, so a response it stores in the edge cache never carries one
  // visitor's guest id to everyone else.
  const guestId = c.var.guestId;
  if (c.var.guestMinted && guestId) {
    setCookie(c, GUEST_COOKIE, await signGuestId(secret, guestId), {
      path: "/",
      secure: true,
      httpOnly: true,
      sameSite: "Lax",
      maxAge: GUEST_TTL_SECONDS,
    });
  }
});
