import { exports } from "cloudflare:workers";
import { ORIGIN } from "../helpers/http";

/** A random client address, so each test has its own rate-limit buckets. */
export function randomIp(): string {
  const b = crypto.getRandomValues(new Uint8Array(3));
  return `10.${b[0]}.${b[1]}.${b[2]}`;
}

/** One Set-Cookie header's name, value and attributes (lowercased names). */
export interface SetCookie {
  name: string;
  value: string;
  attributes: Map<string, string>;
}

/** Parses the Set-Cookie headers of a response. */
export function setCookies(res: Response): SetCookie[] {
  return res.headers.getSetCookie().map((line) => {
    const [pair = "", ...attrs] = line.split(";").map((s) => s.trim());
    const eq = pair.indexOf("=");
    const attributes = new Map<string, string>();
    for (const a of attrs) {
      const i = a.indexOf("=");
      attributes.set((i < 0 ? a : a.slice(0, i)).toLowerCase(), i < 0 ? "" : a.slice(i + 1));
    }
    return { name: pair.slice(0, eq), value: pair.slice(eq + 1), attributes };
  });
}

/**
 * A minimal browser: keeps cookies between calls, sends same-origin fetch metadata like a page
 * on this site would, and comes from one client address.
 */
export class Browser {
  readonly cookies = new Map<string, string>();
  readonly ip = randomIp();

  async fetch(
    path: string,
    init: { method?: string; body?: unknown; headers?: Record<string, string>; redirect?: "follow" | "manual" } = {},
  ): Promise<Response> {
    const headers = new Headers({ "sec-fetch-site": "same-origin", "cf-connecting-ip": this.ip, ...init.headers });
    if (this.cookies.size) headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    let body: string | undefined;
    if (init.body !== undefined) {
      body = typeof init.body === "string" ? init.body : JSON.stringify(init.body);
      if (!headers.has("content-type")) headers.set("content-type", "application/json");
    }
    const res = await exports.default.fetch(
      new Request(`${ORIGIN}${path}`, { method: init.method ?? (body ? "POST" : "GET"), headers, body, redirect: init.redirect }),
    );
    for (const c of setCookies(res)) {
      if (c.attributes.get("max-age") === "0" || c.value === "") this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }

  /** The CSRF token a page script would read from the readable cookie. */
  get csrf(): Record<string, string> {
    const token = this.cookies.get("__Host-csrf");
    return token ? { "x-csrf-token": token } : {};
  }
}

/** A fresh unique email. */
export function freshEmail(): string {
  return `${crypto.randomUUID()}@example.test`;
}
