import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../platform/context";
import { readConfig } from "../platform/config";
import { hmacSign, hmacVerify } from "../platform/hmac";
import { newId } from "../platform/ids";

/**
 * Cookie marking a browser that has signed in to an account: its sign-in attempts are counted
 * under a budget of its own, so failures from anywhere else never lock it out. Kept at sign-out.
 */
export const KNOWN_DEVICE_COOKIE = "__Host-device";

/** Long enough that a browser used a few times a year stays known. */
export const KNOWN_DEVICE_TTL_SECONDS = 180 * 24 * 3600;

const DEVICE_ID = /^dev_[A-Za-z0-9_-]{16}$/;

/** The cookie value for a device id: the id and its HMAC, bound to the account it signed in to. */
export async function signKnownDevice(secret: string, userId: string, deviceId: string): Promise<string> {
  return `${deviceId}.${await hmacSign(secret, `device:${userId}:${deviceId}`)}`;
}

/** The device id inside a cookie value, or null when it is malformed, forged or for another account. */
export async function knownDeviceId(secret: string, userId: string, value: string): Promise<string | null> {
  const dot = value.indexOf(".");
  const deviceId = value.slice(0, dot);
  if (dot <= 0 || !DEVICE_ID.test(deviceId)) return null;
  return (await hmacVerify(secret, `device:${userId}:${deviceId}`, value.slice(dot + 1))) ? deviceId : null;
}

/** The browser's known-device cookie as sent, unverified: only the account signing in can verify it. */
export function knownDeviceCookie(c: Context<AppEnv>): string | null {
  return getCookie(c, KNOWN_DEVICE_COOKIE) ?? null;
}

/**
 * Marks the browser as known to the account it just signed in to, with a fresh device id. One
 * per browser: signing in to another account moves it there.
 */
export async function setKnownDeviceCookie(c: Context<AppEnv>, userId: string): Promise<void> {
  const value = await signKnownDevice(readConfig(c.env).SESSION_SECRET, userId, newId("dev"));
  // Strict: it is only ever needed on this site's own sign-in posts.
  setCookie(c, KNOWN_DEVICE_COOKIE, value, {
    path: "/",
    secure: true,
    httpOnly: true,
    sameSite: "Strict",
    maxAge: KNOWN_DEVICE_TTL_SECONDS,
  });
}
