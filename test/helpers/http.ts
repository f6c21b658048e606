import { exports } from "cloudflare:workers";

/** Base origin for requests into the Worker under test. */
export const ORIGIN = "https://shop.test";

/** Calls the Worker's fetch handler with a path, JSON body and headers. */
export function api(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  let body: string | undefined;
  if (init.body !== undefined) {
    body = typeof init.body === "string" ? init.body : JSON.stringify(init.body);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  return exports.default.fetch(new Request(`${ORIGIN}${path}`, { method: init.method ?? (body ? "POST" : "GET"), headers, body }));
}

/**
 * A page's text as a reader sees it: tags dropped and entities decoded, spaces run together. What
 * a template holds is left out: nothing shows it until a script puts it in the page.
 */
export function readerText(html: string): string {
  return html
    .replace(/<template[\s>][\s\S]*?<\/template>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replaceAll("&#39;", "'")
    .replaceAll("&quot;", '"')
    .replaceAll("&amp;", "&")
    .replace(/\s+/g, " ");
}

/** The server's time as it served a page: the `clock` stamp of its Server-Timing (epoch ms), NaN without one. */
export function servedAt(res: Response): number {
  const stamp = /(?:^|,\s*)clock;desc="?(\d+)/.exec(res.headers.get("server-timing") ?? "")?.[1];
  return stamp === undefined ? Number.NaN : Number(stamp);
}
