import { edgeAnswer, edgeHeaders, edgeMayAnswer, edgeRespond } from "../platform/edge-answer";
import type { RequestPath } from "../platform/request-path";
import type { CachedDoc } from "./edge-cache";
import { cachedReply } from "./http-cache";
import { PRODUCT_CACHE_CONTROL, rememberedProductPage } from "./product-page";

const PRODUCT_PATH = /^\/api\/products\/([^/]+)$/;

// A remembered page is answered many times a second with the same headers and bytes, so they
// are put together once per remembered copy rather than once per request.
const fullAnswers = new WeakMap<CachedDoc, { headers: Headers; bytes: Uint8Array }>();
const utf8 = new TextEncoder();

/**
 * `GET /api/products/{id}` for a product page this isolate remembers, answered before the
 * router; null for anything else (the app answers it, errors included). Only a remembered page
 * is answered, and a page is remembered only after the app loaded it for a valid id.
 */
export function answerHotProduct(request: Request, url: RequestPath, env: Env, ctx: ExecutionContext): Response | null {
  // Query parameters are the app's to refuse: the page takes none.
  if (url.search) return null;
  const match = PRODUCT_PATH.exec(url.pathname);
  if (!match?.[1] || !edgeMayAnswer(request, env, url.pathname)) return null;
  let id: string;
  try {
    id = decodeURIComponent(match[1]);
  } catch {
    return null;
  }
  const doc = rememberedProductPage(env, ctx, id);
  if (!doc) return null;
  const ifNoneMatch = request.headers.get("if-none-match");
  if (ifNoneMatch !== null) return edgeAnswer(request, cachedReply(doc, PRODUCT_CACHE_CONTROL, ifNoneMatch));
  let full = fullAnswers.get(doc);
  if (!full) {
    const headers = edgeHeaders(cachedReply(doc, PRODUCT_CACHE_CONTROL, undefined).headers);
    if (!headers) return null;
    full = { headers, bytes: utf8.encode(doc.body) };
    fullAnswers.set(doc, full);
  }
  return edgeRespond(request, 200, full.headers, full.bytes);
}
