import type { Context } from "hono";
import type { AppEnv } from "../platform/context";
import { type ApiFetch, callApi } from "./api";
import type { Deal } from "./types";

/** What the waiting room's own page names its deal by, as the deal page shows it. */
export interface DealName {
  title: string;
  /** The deal price in paise, and the MRP it is struck against. */
  price: number;
  mrp: number | null;
}

/**
 * How long a deal's name is kept at the edge. A waiting page reloads itself every few seconds for
 * each shopper without scripts, so the name is read from D1 at most this often per data centre and
 * deal, not per reload; a deal manager's price change shows on it this late at most.
 */
export const DEAL_NAME_SECONDS = 10;

function cacheKey(dealId: string): Request {
  return new Request(`https://deal-name.internal/v1/${encodeURIComponent(dealId)}`);
}

/**
 * The product title and deal price of deal `id`, for the waiting room's own page: from this data
 * centre's cache, else read once through `GET /api/deals/{id}` and kept for `DEAL_NAME_SECONDS`.
 * Null when it cannot be read: the page still says the shopper's place in line without it. Never
 * part of the JSON join and poll, which answer from signed tickets and the cached deal state alone.
 */
export async function dealName(c: Context<AppEnv>, fetchApi: ApiFetch, id: string): Promise<DealName | null> {
  try {
    const hit = await caches.default.match(cacheKey(id));
    if (hit) return (await hit.json()) as DealName;
    const res = await callApi<Deal>(c, fetchApi, `/api/deals/${encodeURIComponent(id)}`, { as: "anonymous" });
    if (!res.ok) return null;
    const d = res.data;
    const name: DealName = { title: d.product_title ?? d.title ?? "Flash deal", price: d.deal_price, mrp: d.mrp ?? d.price ?? null };
    c.executionCtx.waitUntil(
      caches.default.put(
        cacheKey(id),
        new Response(JSON.stringify(name), {
          headers: { "content-type": "application/json", "cache-control": `max-age=${DEAL_NAME_SECONDS}` },
        }),
      ),
    );
    return name;
  } catch (err) {
    console.error(JSON.stringify({ level: "warn", message: "deal name unavailable for the waiting page", dealId: id, error: String(err) }));
    return null;
  }
}
