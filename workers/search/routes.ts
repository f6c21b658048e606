import { AppError } from "../platform/errors";
import { SHED_RETRY_AFTER_SECONDS } from "../platform/load-shedding";
import { createRouter, route } from "../platform/router";
import { nowIso } from "../platform/time";
import type { SearchBackend } from "./backend";
import { D1SearchBackend } from "./d1-backend";
import { personalJson, SEARCH_TTL_SECONDS, sharedJson } from "./edge-cache";
import { rankInterestCategories, readInterests } from "./interests";
import { applyPriceIntent } from "./price-intent";
import { logSearch } from "./query-log";
import { applySortIntent } from "./sort-intent";
import { forProduct, forShopper } from "./recommendations";
import {
  AutocompleteQuerySchema,
  AutocompleteResponseSchema,
  RecommendationsQuerySchema,
  RecommendationsResponseSchema,
  SearchQuerySchema,
  SearchResponseSchema,
} from "./schemas";

/** Search, autocomplete and recommendations. */
export const searchRoutes = createRouter();

/** The search backend for a request's environment; the one place a dedicated engine would be chosen. */
export function searchBackend(env: Env): SearchBackend {
  return new D1SearchBackend(env.DB);
}

/** How long product-page recommendations are reused at the edge; they change with orders, not by the second. */
const RECO_TTL_SECONDS = 60;

const problem = { description: "Problem details", content: { "application/problem+json": { schema: {} } } };
const cached = { description: "Not modified since the ETag sent in If-None-Match" };

searchRoutes.openapi(
  route({
    method: "get",
    path: "/products",
    access: "public",
    tags: ["search"],
    summary: "Search and browse products with filters, facets, sorts and cursor paging",
    request: { query: SearchQuerySchema },
    responses: {
      200: { description: "A page of results", content: { "application/json": { schema: SearchResponseSchema } } },
      304: cached,
      400: problem,
    },
  }),
  (c) => {
    // The edge cache keys on the query as sent, which always reads as the same budget and order, so the cached answer holds.
    const budgeted = applyPriceIntent(c.req.valid("query"));
    // The schema defaults the sort, so whether the shopper chose one is read from the address itself.
    const { params, understood } = applySortIntent(budgeted.params, c.req.query("sort") !== undefined);
    return sharedJson(c, SEARCH_TTL_SECONDS, async () => {
      const found = await searchBackend(c.env).search(params);
      // Counted as the words searched, so "phone under 20000" makes "phone" more popular, not a suggestion with a price in it.
      logSearch(c.env.DB, c.executionCtx, params, found);
      const { named_first: namedFirst, likely_category: category, ...page } = found;
      // Where the query names nothing the order was relevance's, and nothing was sorted by price.
      return { ...page, price_phrase: budgeted.understood, sort_phrase: namedFirst && understood ? { ...understood, category } : null };
    });
  },
);

searchRoutes.openapi(
  route({
    method: "get",
    path: "/autocomplete",
    access: "public",
    tags: ["search"],
    summary: "Suggestions as the shopper types",
    request: { query: AutocompleteQuerySchema },
    responses: {
      200: { description: "Suggestions", content: { "application/json": { schema: AutocompleteResponseSchema } } },
      304: cached,
      400: problem,
    },
  }),
  (c) => {
    const { q, limit } = c.req.valid("query");
    return sharedJson(c, SEARCH_TTL_SECONDS, async () => ({ q, suggestions: await searchBackend(c.env).suggest(q, limit) }));
  },
);

searchRoutes.openapi(
  route({
    method: "get",
    path: "/recommendations",
    access: "public",
    tags: ["search"],
    summary: "People also bought, similar and trending for a product; picks for a signed-in shopper",
    description:
      "Each list shows a model once, by one of its variants (a phone's other colours and storage are on that variant's page), " +
      "and a product's own lists leave out its model. The first thing shed under overload: answers 503 with Retry-After and X-Degraded then.",
    request: { query: RecommendationsQuerySchema },
    responses: {
      200: { description: "Recommendation lists", content: { "application/json": { schema: RecommendationsResponseSchema } } },
      304: cached,
      400: problem,
      404: { ...problem, description: "No product with the product_id asked about" },
      503: problem,
    },
  }),
  async (c) => {
    if (c.var.degraded) {
      throw new AppError("overloaded", "Recommendations are paused while the store is busy; shopping and checkout still work.", {
        headers: { "retry-after": String(SHED_RETRY_AFTER_SECONDS), "x-degraded": "1" },
      });
    }
    const { product_id: productId, limit } = c.req.valid("query");
    const today = nowIso().slice(0, 10);
    const user = c.var.user;
    if (productId) {
      // The same for every shopper, so shared at the edge; the product page notes a shopper's view.
      return sharedJson(c, RECO_TTL_SECONDS, async () => {
        const { categoryId, ...body } = await forProduct(c.env.DB, productId, today, limit);
        if (!categoryId) throw new AppError("not_found", `No product ${productId}.`);
        return body;
      });
    }
    if (!user) return sharedJson(c, RECO_TTL_SECONDS, () => forShopper(c.env.DB, [], today, limit), { forGuestsOnly: true });
    const categories = rankInterestCategories(await readInterests(c.env.CATALOG_KV, user.id), 3);
    return personalJson(await forShopper(c.env.DB, categories, today, limit));
  },
);
