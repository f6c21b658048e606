import type { Context } from "hono";
import type { AppEnv } from "../../platform/context";
import { type ApiFetch, type Problem, callApi } from "../api";
import type { Offer, ProductDetail, ProductList } from "../types";

/** A product found in the catalog with the offers its sellers make now. */
export interface ProductOffers {
  product: ProductDetail;
  offers: Offer[];
}

/** What a catalog search for offers found, or the problem that stopped it. */
export type OfferSearch =
  | { ok: true; products: ProductOffers[]; corrected: string | null; relaxed: boolean }
  | { ok: false; problem: Problem };

/** The products a search lists at most: each costs one more call for its offers. */
export const OFFER_SEARCH_LIMIT = 5;

/**
 * Searches the catalog as a shopper would and lists each product's active offers, through the
 * public API only, so a console sees the same products and prices the store does. Both reads are
 * anonymous: they are public, and shared with shoppers' cached answers.
 */
export async function searchOffers(c: Context<AppEnv>, fetchApi: ApiFetch, q: string): Promise<OfferSearch> {
  // A deal is on one size or colour, so every product is listed, not each model once.
  const path = `/api/products?${new URLSearchParams({ q, limit: String(OFFER_SEARCH_LIMIT), group: "product" })}`;
  const found = await callApi<ProductList>(c, fetchApi, path, { as: "anonymous" });
  if (!found.ok) return found;
  const details = await Promise.all(found.data.items.map((p) => productOffers(c, fetchApi, p.id)));
  return {
    ok: true,
    // A product gone between the search and its read is left out rather than shown without offers.
    products: details.filter((d) => d !== null),
    corrected: found.data.corrected_query ?? null,
    relaxed: found.data.relaxed ?? false,
  };
}

/** One product with its active offers, or null when the catalog no longer has it. */
export async function productOffers(c: Context<AppEnv>, fetchApi: ApiFetch, productId: string): Promise<ProductOffers | null> {
  const res = await callApi<ProductDetail>(c, fetchApi, `/api/products/${encodeURIComponent(productId)}`, { as: "anonymous" });
  return res.ok ? { product: res.data, offers: res.data.offers ?? [] } : null;
}

/**
 * The one offer of a product a listing id names: found, not offered now (the listing is off or the
 * product gone), or unknown because the catalog could not be read. A caller that warns about an
 * offer off sale must not say so of one it merely failed to read.
 */
export type OfferLookup =
  | { status: "found"; product: ProductDetail; offer: Offer }
  | { status: "not_offered" }
  | { status: "unreadable"; problem: Problem };

export async function lookUpOffer(c: Context<AppEnv>, fetchApi: ApiFetch, productId: string, listingId: string): Promise<OfferLookup> {
  const res = await callApi<ProductDetail>(c, fetchApi, `/api/products/${encodeURIComponent(productId)}`, { as: "anonymous" });
  if (!res.ok) return res.problem.status === 404 ? { status: "not_offered" } : { status: "unreadable", problem: res.problem };
  const offer = (res.data.offers ?? []).find((o) => o.listing_id === listingId);
  return offer ? { status: "found", product: res.data, offer } : { status: "not_offered" };
}

/** A product and the one offer of it a listing id names, or null when that listing does not offer it now (or it could not be read). */
export async function findOffer(
  c: Context<AppEnv>,
  fetchApi: ApiFetch,
  productId: string,
  listingId: string,
): Promise<{ product: ProductDetail; offer: Offer } | null> {
  const found = await lookUpOffer(c, fetchApi, productId, listingId);
  return found.status === "found" ? { product: found.product, offer: found.offer } : null;
}
