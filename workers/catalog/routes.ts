import { AppError } from "../platform/errors";
import { createRouter, route } from "../platform/router";
import { noteProductView } from "../search/interest-tracking";
import { cachedCategoryTree } from "./categories";
import { compareProducts } from "./compare";
import { sendCached } from "./http-cache";
import { PRODUCT_CACHE_CONTROL, cachedProductPage } from "./product-page";
import { CategoryTreeSchema, CompareQuery, ComparisonSchema, ProductParams, ProductViewSchema, problem } from "./schemas";

/** Categories and product pages: the catalog's read path. */
export const catalogRoutes = createRouter();

catalogRoutes.openapi(
  route({
    method: "get",
    path: "/categories",
    access: "public",
    rateClass: "browse",
    tags: ["catalog"],
    summary: "The category tree",
    responses: {
      200: { description: "The tree, departments first", content: { "application/json": { schema: CategoryTreeSchema } } },
      304: { description: "Not modified (If-None-Match)" },
    },
  }),
  async (c) => sendCached(c, await cachedCategoryTree(c.env, c.executionCtx), "public, max-age=300, stale-while-revalidate=3600"),
);

catalogRoutes.openapi(
  route({
    method: "get",
    path: "/products/{id}",
    access: "public",
    rateClass: "browse",
    tags: ["catalog"],
    summary: "A product page: offers, buy box, rating, availability and the live deal",
    request: { params: ProductParams },
    responses: {
      200: { description: "The product", content: { "application/json": { schema: ProductViewSchema } } },
      304: { description: "Not modified (If-None-Match)" },
      400: problem("Malformed product id"),
      404: problem("No such product"),
    },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const page = await cachedProductPage(c.env, c.executionCtx, id);
    if (!page) throw new AppError("not_found", `No product with id ${id}.`);
    noteProductView(c, id);
    return sendCached(c, page, PRODUCT_CACHE_CONTROL);
  },
);

catalogRoutes.openapi(
  route({
    method: "get",
    path: "/compare",
    access: "public",
    rateClass: "browse",
    tags: ["catalog"],
    summary: "2 to 4 products of one kind side by side: buy box, availability and specification rows",
    request: { query: CompareQuery },
    responses: {
      200: { description: "The comparison, products in the order asked", content: { "application/json": { schema: ComparisonSchema } } },
      304: { description: "Not modified (If-None-Match)" },
      400: problem("`ids` is not 2 to 4 distinct product ids, or names products of different kinds"),
      404: problem("One of the products does not exist; `missing` names it"),
    },
  }),
  async (c) => {
    const { ids } = c.req.valid("query");
    return sendCached(c, await compareProducts(c.env, c.executionCtx, ids), PRODUCT_CACHE_CONTROL);
  },
);
