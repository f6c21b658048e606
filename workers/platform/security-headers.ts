import { cors } from "hono/cors";
import { createMiddleware } from "hono/factory";

const HSTS = "max-age=63072000; includeSubDomains";

/**
 * For documents (the server-rendered pages, API docs, HTML error pages). The CSP fits them:
 * scripts, styles, fonts and fetches from this origin only (no inline code), images also from
 * data: URLs, no plugins, no framing, forms posting only back here.
 */
const DOCUMENT_HEADERS: Record<string, string> = {
  "content-security-policy":
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  "strict-transport-security": HSTS,
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "strict-origin-when-cross-origin",
  "cross-origin-opener-policy": "same-origin",
  // Same-site, not same-origin: shoppers' apps on sibling hosts may load product images and JSON.
  "cross-origin-resource-policy": "same-site",
  "origin-agent-cluster": "?1",
  "x-dns-prefetch-control": "off",
  "x-download-options": "noopen",
  "x-permitted-cross-domain-policies": "none",
  "x-xss-protection": "0",
};

/**
 * For data (JSON, problem details, anything not HTML), as OWASP's REST guidance has it: nothing
 * may load from or frame it, it is never sniffed as something else, HTTPS only. The document
 * headers would mean nothing to a JSON reader, and a hot product page is mostly headers.
 */
const DATA_HEADERS: Record<string, string> = {
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
  "strict-transport-security": HSTS,
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "cross-origin-resource-policy": "same-site",
};

/** The security headers for a response with this content type. */
export function securityHeadersFor(contentType: string | null): Record<string, string> {
  return contentType?.startsWith("text/html") ? DOCUMENT_HEADERS : DATA_HEADERS;
}

/** Secure headers on every response, chosen by what it is once the handler has answered. */
export const securityHeaders = createMiddleware(async (c, next) => {
  await next();
  for (const [name, value] of Object.entries(securityHeadersFor(c.res.headers.get("content-type")))) {
    // A page whose address holds a secret (a password reset link's) sends no Referer at all; a
    // page may only ever ask for less than the default, so no other value is kept.
    if (name === "referrer-policy" && c.res.headers.get(name) === "no-referrer") continue;
    c.header(name, value);
  }
});

/**
 * CORS for /api: any origin may call the API with a bearer token, but never with credentials,
 * so a foreign page can neither send the session cookie nor read what it would return.
 */
export const apiCors = cors({
  origin: "*",
  credentials: false,
  allowMethods: ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"],
  // If-None-Match too: a partner's conditional GETs, and a first stock count's `If-None-Match: *`.
  allowHeaders: ["authorization", "content-type", "idempotency-key", "if-match", "if-none-match", "x-request-id", "x-waiting-room-ticket"],
  exposeHeaders: ["x-request-id", "retry-after", "ratelimit", "ratelimit-policy", "x-degraded", "etag", "location", "idempotent-replayed"],
  maxAge: 600,
});
