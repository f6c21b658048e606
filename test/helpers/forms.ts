import { exports } from "cloudflare:workers";
import type { TestUser } from "./accounts";
import { api, ORIGIN } from "./http";
import { ASHA_ADDRESS } from "./addresses";

/** A browser-like session: the session cookie, and the CSRF token the cart page hands out. */
export async function browserSession(user: TestUser): Promise<{ cookie: string; csrf: string }> {
  const cookie = `__Host-session=${user.token}`;
  const page = await (await api("/cart", { headers: { cookie } })).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? "";
  return { cookie, csrf };
}

/**
 * A same-origin form post, as a browser sends it (no redirects followed); fields as pairs when one
 * is sent as many times as it has values (ticked boxes).
 */
export function postForm(path: string, fields: Record<string, string> | [string, string][], cookie: string): Promise<Response> {
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
    ...ASHA_ADDRESS,
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

/** An attribute's value as a browser reads it: the entities hono/jsx escapes, decoded. */
function attribute(raw: string): string {
  return raw.replaceAll("&#39;", "'").replaceAll("&quot;", '"').replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");
}

/** One form of a drawn page, picked by a marker in its opening tag: its action and its fields as a browser would post them. */
export function drawnForm(html: string, marker: string): { action: string; fields: Record<string, string> } {
  const start = html.lastIndexOf("<form", html.indexOf(marker));
  const body = html.slice(start, html.indexOf("</form>", start));
  const action = attribute(/action="([^"]+)"/.exec(body)![1]!);
  const fields: Record<string, string> = {};
  for (const [tag] of body.matchAll(/<input[^>]*>/g)) {
    const name = /name="([^"]+)"/.exec(tag)?.[1];
    if (name) fields[name] = attribute(/value="([^"]*)"/.exec(tag)?.[1] ?? "");
  }
  for (const m of body.matchAll(/<select name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    fields[m[1]!] = attribute(/<option value="([^"]*)" selected/.exec(m[2]!)?.[1] ?? "");
  }
  return { action, fields };
}

/** A datetime-local value in India Standard Time, `minutes` from now. */
export function istIn(minutes: number): string {
  return new Date(Date.now() + minutes * 60_000 + 330 * 60_000).toISOString().slice(0, 16);
}

/** The deals console's create form as a manager fills it in past the listing: an hour from now, for an hour. */
export function dealFormDefaults(): Record<string, string> {
  return {
    deal_price: "999",
    units: "20",
    starts_at: istIn(60),
    ends_at: istIn(120),
    per_user_limit: "1",
    active_users: "100",
    new_users_per_minute: "60",
    session_minutes: "10",
  };
}

/** The `<input name=…>` tag of a field on a page, and the message shown beside it. */
export function field(page: string, name: string): { input: string; error: string | null } {
  const input = new RegExp(`<input name="${name}"[^>]*>`).exec(page)?.[0] ?? "";
  const error = new RegExp(`<span class="field-error" id="${name}-err">([^<]*)</span>`).exec(page)?.[1] ?? null;
  return { input, error };
}
