import { exports } from "cloudflare:workers";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { verifyGuestCookie } from "../../workers/accounts/guest";
import type { AppEnv } from "../../workers/platform/context";
import { parentPath, renderError, requestContext } from "../../workers/platform/front-door";
import { Browser, setCookies } from "../accounts/browser";
import { createTestUser } from "../helpers/accounts";
import { api } from "../helpers/http";

const SECRET = "test-session-secret-0123456789abcdef0123";

describe("errors are problem details", () => {
  it("answers an unknown route with a 404 problem carrying the request id", async () => {
    const res = await exports.default.fetch("https://shop.test/api/nope");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.status).toBe(404);
    expect(body.request_id).toBe(res.headers.get("x-request-id"));
  });

  it("answers a known path with the wrong method with a 405 problem listing the allowed methods", async () => {
    const res = await api("/api/me", { method: "DELETE" });
    expect(res.status).toBe(405);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.headers.get("allow")).toContain("GET");
  });

  it("answers a crash with a 500 problem that quotes the request id and leaks nothing", async () => {
    // The app's own first middleware and error renderer, around a handler that fails.
    const app = new Hono<AppEnv>().use(requestContext).get("/boom", () => {
      throw new Error("secret connection string postgres://user:pw@db");
    });
    app.onError(renderError);
    const res = await app.request("/boom", {}, { DB: {} as D1Database });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain("postgres");
    expect(text).not.toContain("at ");
    const body = JSON.parse(text) as { request_id: string; status: number };
    expect(body.request_id).toBe(res.headers.get("x-request-id"));
  });

  it("refuses a body over the limit with a 413 problem", async () => {
    const res = await new Browser().fetch("/api/auth/login", { body: { email: "a@b.test", password: "x".repeat(70 * 1024) } });
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });

  it("refuses a streamed body over the limit with a 413 problem too, however its text would be read", async () => {
    // No Content-Length: the limit is found while reading, here by the check for unshown characters first.
    const chunk = new TextEncoder().encode(`"${"x".repeat(1023)}\u0007",`);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(new TextEncoder().encode('{"email":"a@b.test","password":['));
        if (sent++ < 80) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const res = await exports.default.fetch(
      new Request("https://shop.test/api/auth/login", {
        method: "POST",
        body,
        headers: { "content-type": "application/json", origin: "https://shop.test" },
        duplex: "half",
      } as RequestInit),
    );
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });

  it("answers a body in an undeclared media type with a 415 problem", async () => {
    const res = await new Browser().fetch("/api/auth/login", { body: "email=a@b.test", headers: { "content-type": "text/plain" } });
    expect(res.status).toBe(415);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(((await res.json()) as { detail: string }).detail).toBe(
      "A body of type text/plain is not taken here: send it as JSON, with Content-Type: application/json.",
    );
  });

  it("answers another JSON media type, another charset or a compressed body with a 415 saying what to send", async () => {
    const login = JSON.stringify({ email: "a@b.test", password: "x" });
    for (const [headers, said] of [
      [{ "content-type": "application/json-patch+json" }, "A body of type application/json-patch+json"],
      [{ "content-type": "application/json; charset=utf-16" }, "A body in utf-16"],
      [{ "content-type": "application/json", "content-encoding": "br" }, "A body with Content-Encoding br"],
    ] as const) {
      const res = await new Browser().fetch("/api/auth/login", { body: login, headers });
      expect(res.status, said).toBe(415);
      expect(((await res.json()) as { detail: string }).detail).toBe(
        `${said} is not taken here: send it as JSON in UTF-8, uncompressed, with Content-Type: application/json.`,
      );
    }
    // Plain JSON, with or without its charset, is read as ever.
    for (const type of ["application/json", "application/json; charset=UTF-8"]) {
      const res = await new Browser().fetch("/api/auth/login", { body: login, headers: { "content-type": type } });
      expect(res.status, type).not.toBe(415);
    }
  });

  it("answers malformed JSON with a 400 problem", async () => {
    const res = await new Browser().fetch("/api/auth/login", { body: "{not json" });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });

  it("treats a declared body as required, so an empty request is a 400 naming the fields", async () => {
    const res = await new Browser().fetch("/api/auth/login", { method: "POST" });
    expect(res.status).toBe(400);
  });
});

describe("secure headers and CORS", () => {
  it("sends documents a strict CSP, HSTS, nosniff and frame denial", async () => {
    const res = await api("/api/docs");
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(res.headers.get("strict-transport-security")).toMatch(/max-age=\d{7,}/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("cross-origin-opener-policy")).toBe("same-origin");
  });

  it("sends data a CSP that allows nothing, HSTS, nosniff and frame denial, and no document-only headers", async () => {
    for (const res of [await api("/api/openapi.json"), await api("/api/products/nope!")]) {
      expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(res.headers.get("strict-transport-security")).toMatch(/max-age=\d{7,}/);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("cross-origin-opener-policy")).toBeNull();
    }
  });

  it("lets any origin call the API with a bearer token but never with credentials", async () => {
    const res = await api("/api/me", {
      method: "OPTIONS",
      headers: {
        origin: "https://partner.example",
        "access-control-request-method": "GET",
        "access-control-request-headers": "authorization",
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-headers")).toContain("authorization");
    // A partner's stock tool sends the version it counted against.
    expect(res.headers.get("access-control-allow-headers")).toContain("if-match");
    // And its conditional reads, and a first count's If-None-Match: *.
    expect(res.headers.get("access-control-allow-headers")?.split(",")).toContain("if-none-match");
    expect(res.headers.get("access-control-allow-credentials")).toBeNull();
  });
});

describe("guest identity", () => {
  it("gives a visitor a signed guest id cookie once and keeps it", async () => {
    const browser = new Browser();
    const first = await browser.fetch("/api/cart");
    const cookie = setCookies(first).find((c) => c.name === "__Host-guest");
    expect(cookie?.attributes.has("httponly")).toBe(true);
    expect(cookie?.attributes.has("secure")).toBe(true);
    expect(await verifyGuestCookie(SECRET, cookie?.value ?? "")).toMatch(/^gst_/);
    const second = await browser.fetch("/api/cart");
    expect(setCookies(second).some((c) => c.name === "__Host-guest")).toBe(false);
  });

  it("mints no identity for a plain catalog read, but does for a first page view", async () => {
    const read = await api("/api/categories");
    expect(read.status).toBe(200);
    expect(read.headers.get("set-cookie")).toBeNull();
    const page = await api("/", { headers: { accept: "text/html" } });
    expect(setCookies(page).some((c) => c.name === "__Host-guest")).toBe(true);
  });

  it("replaces a forged guest id instead of trusting it", async () => {
    const forged = "gst_AAAAAAAAAAAAAAAA.bm90LWEtc2lnbmF0dXJl";
    const res = await api("/api/cart", { headers: { cookie: `__Host-guest=${forged}` } });
    const issued = setCookies(res).find((c) => c.name === "__Host-guest");
    expect(issued?.value).toBeDefined();
    expect(issued?.value).not.toBe(forged);
    expect(await verifyGuestCookie(SECRET, forged)).toBeNull();
  });
});

describe("OpenAPI and docs", () => {
  it("serves the OpenAPI 3.1 document with every operation's access declared", async () => {
    const res = await api("/api/openapi.json");
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, { "x-access"?: unknown }>> };
    expect(doc.openapi).toBe("3.1.0");
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) expect(op["x-access"], `${method} ${path}`).toBeDefined();
    }
  });

  it("serves interactive docs whose script and styles come from this origin", async () => {
    const page = await api("/api/docs");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('src="/api/docs/docs.js"');
    expect(html).not.toMatch(/<script>(?!<\/script>)/);
    const script = await api("/api/docs/docs.js");
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toContain("javascript");
    expect(await script.text()).toContain("/api/openapi.json");
  });
});

describe("errors that are not Error instances", () => {
  it("still become a 500 problem with the request id", async () => {
    const app = new Hono<AppEnv>().use(requestContext).get("/odd", () => {
      throw { message: "a library's plain-object error" };
    });
    app.onError(renderError);
    const res = await app.request("/odd", {}, { DB: {} as D1Database });
    expect(res.status).toBe(500);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(await res.text()).not.toContain("plain-object");
  });

  it("answers a browser on a page path with a readable error page, and API clients with problem+json", async () => {
    const page = await api("/no-such-page", { headers: { accept: "text/html,application/xhtml+xml" } });
    expect(page.status).toBe(404);
    expect(page.headers.get("content-type")).toContain("text/html");
    const html = await page.text();
    expect(html).toContain("<h1>Page not found</h1>");
    expect(html).toContain("There is no page at /no-such-page.");
    expect(html).not.toContain("No resource at");
    // The way on: the shop's search, as a plain form, and the home page.
    expect(html).toMatch(/<form action="\/search" method="get" role="search"[^>]*>/);
    expect(html).toMatch(/<label>Search for what you came for <input name="q" type="search"/);
    expect(html).toContain('<a href="/">Go to the home page</a>');
    expect(html).toContain(page.headers.get("x-request-id") ?? "missing");
    expect(html).not.toContain("<script");

    const apiMiss = await api("/api/no-such-thing", { headers: { accept: "text/html" } });
    expect(apiMiss.status).toBe(404);
    expect(apiMiss.headers.get("content-type")).toBe("application/problem+json");
  });

  it("sends a browser opening a form's address on to the page the form is on, and still refuses other methods", async () => {
    // Unfollowed, to see where the browser is sent.
    const open = (path: string, headers: Record<string, string> = {}) =>
      exports.default.fetch(new Request(`https://shop.test${path}`, { headers: { ...headers, accept: "text/html" }, redirect: "manual" }));
    // A refused "list a product" form re-renders at /seller/listings; opening that address again is a GET.
    const seller = await createTestUser(["seller"]);
    const page = await open("/seller/listings", seller.headers);
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toBe("/seller");
    const order = await open("/orders/ord_abc/cancel", seller.headers);
    expect(order.status).toBe(303);
    expect(order.headers.get("location")).toBe("/orders/ord_abc");
    const cart = await open("/cart/items");
    expect(cart.status).toBe(303);
    expect(cart.headers.get("location")).toBe("/cart");

    // A client that is not a browser, and a method other than GET, still hear 405 with what is allowed.
    const client = await api("/seller/listings");
    expect(client.status).toBe(405);
    expect(client.headers.get("allow")).toContain("POST");
    const put = await api("/seller/listings", { method: "PUT", headers: { accept: "text/html" } });
    expect(put.status).toBe(405);
    const apiGet = await api("/api/cart/items/lst_x", { headers: { accept: "text/html" } });
    expect(apiGet.status).toBe(405);
  });

  it("finds the page one level up from a path", () => {
    expect(parentPath("/seller/listings")).toBe("/seller");
    expect(parentPath("/seller/listings/")).toBe("/seller");
    expect(parentPath("/signout")).toBe("/");
    expect(parentPath("/")).toBe("/");
  });

  it("escapes what the visitor sent when it shows up on an error page", async () => {
    const res = await api("/%3Cscript%3Ealert(1)%3C/script%3E", { headers: { accept: "text/html" } });
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).not.toContain("<script>alert(1)");
  });
});
