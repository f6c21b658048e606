import { exports } from "cloudflare:workers";
import type { TestUser } from "./accounts";
import { api, ORIGIN } from "./http";

/** A browser-like session: the session cookie, and the CSRF token the cart page hands out. */
export async function browserSession(user: TestUser): Promise<{ cookie: string; csrf: string }> {
  const cookie = `__Host-session=${user.token}`;
  const page = await (await api("/cart", { headers: { cookie } })).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? "";
  return { cookie, csrf };
}

/** A same-origin form post, as a browser sends it (no redirects followed). */
export function postForm(path: string, fields: Record<string, string>, cookie: string): Promise<Response> {
  return exports.default.fetch(
    new Request(`${ORIGIN}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie, origin: ORIGIN, "sec-fetch-site": "same-origin", "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields).toString(),
    }),
  );
}

/** The checkout form as a shopper fills it in, with a fresh idempotency key. */
export function checkoutFields(csrf: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    _csrf: csrf,
    idempotency_key: crypto.randomUUID(),
    name: "Asha Rao",
    phone: "9876543210",
    line1: "12 MG Road",
    city: "Bengaluru",
    state: "Karnataka",
    pincode: "560001",
    payment_method: "upi",
    ...overrides,
  };
}

/** A console form post from a bearer-authenticated client (no redirects followed). */
export function consolePost(path: string, fields: Record<string, string>, headers: Record<string, string>): Promise<Response> {
  return exports.default.fetch(
    new Request(`${ORIGIN}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields).toString(),
    }),
  );
}
