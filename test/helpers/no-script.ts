import { exports } from "cloudflare:workers";
import { expect } from "vitest";
import { ORIGIN } from "./http";

/** A cookie-keeping page visitor without scripts: form posts and reloads, nothing else. */
export function visitor() {
  const jar = new Map<string, string>();
  return async (path: string, init: { method?: string; form?: Record<string, string> } = {}) => {
    const headers = new Headers({
      cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; "),
      origin: ORIGIN,
      "sec-fetch-site": "same-origin",
    });
    let body: string | undefined;
    if (init.form) {
      headers.set("content-type", "application/x-www-form-urlencoded");
      body = new URLSearchParams(init.form).toString();
    }
    const res = await exports.default.fetch(
      new Request(`${ORIGIN}${path}`, { method: init.method ?? "GET", headers, body, redirect: "manual" }),
    );
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const eq = pair?.indexOf("=") ?? -1;
      if (pair && eq > 0) jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return res;
  };
}

/** Reloads the waiting page until it shows `text` (the page refreshes itself; a visitor would wait). */
export async function reloadUntil(go: ReturnType<typeof visitor>, url: string, text: string): Promise<string> {
  let page = "";
  for (let i = 0; i < 40 && !page.includes(text); i++) {
    await new Promise((r) => setTimeout(r, 250));
    page = await (await go(url)).text();
  }
  expect(page).toContain(text);
  return page;
}
