import { edgeAnswer, edgeMayAnswer } from "../platform/edge-answer";
import { cachedReply } from "./http-cache";
import { PRODUCT_CACHE_CONTROL, rememberedProductPage } from "./product-page";

const PRODUCT_PATH = /^\/api\/products\/([^/]+)$/;

/**
 * `GET /api/products/{id}` for a product page this isolate remembers, answered before the
 * router; null for anything else (the app answers it, errors included). Only a remembered page
 * is answered, and a page is remembered only after the app loaded it for a valid id.
 */
export function answerHotProduct(request: Request, url: URL, env: Env, ctx: ExecutionContext): Response | null {
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
  return edgeAnswer(request, cachedReply(doc, PRODUCT_CACHE_CONTROL, request.headers.get("if-none-match") ?? undefined));
}
