import { cors } from "hono/cors";
import { secureHeaders } from "hono/secure-headers";

/**
 * Secure headers on every response. The CSP fits the server-rendered pages: scripts, styles,
 * fonts and fetches from this origin only (no inline code), images also from data: URLs,
 * no plugins, no framing, forms posting only back here.
 */
export const securityHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", "data:"],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
  strictTransportSecurity: "max-age=63072000; includeSubDomains",
  xFrameOptions: "DENY",
  xContentTypeOptions: "nosniff",
  referrerPolicy: "strict-origin-when-cross-origin",
  crossOriginOpenerPolicy: "same-origin",
  // Same-site, not same-origin: shoppers' apps on sibling hosts may load product images and JSON.
  crossOriginResourcePolicy: "same-site",
});

/**
 * CORS for /api: any origin may call the API with a bearer token, but never with credentials,
 * so a foreign page can neither send the session cookie nor read what it would return.
 */
export const apiCors = cors({
  origin: "*",
  credentials: false,
  allowMethods: ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"],
  allowHeaders: ["authorization", "content-type", "idempotency-key", "x-request-id", "x-waiting-room-ticket"],
  exposeHeaders: ["x-request-id", "retry-after", "ratelimit", "ratelimit-policy", "x-degraded", "etag", "location"],
  maxAge: 600,
});
