import { type CachePolicy, cachedDocument } from "../catalog/edge-cache";
import { sendCached } from "../catalog/http-cache";
import { getProductView } from "../catalog/product-page";
import { ProductParams, problem } from "../catalog/schemas";
import { AppError } from "../platform/errors";
import { createRouter, route } from "../platform/router";
import { deliveryAnswer } from "./delivery-answer";
import { nextEstimateChange } from "./estimate";
import { DeliveryAnswerSchema, DeliveryQuery } from "./schemas";

/** Delivery estimates by PIN code: asked for apart from the product page, so they never slow it. */
export const deliveryRoutes = createRouter();

/**
 * An answer depends only on where the offer's stock is and on the clock, and the clock's part is
 * bounded by `nextEstimateChange`; stock moving to or from a warehouse shows within a minute.
 */
const DELIVERY_CACHE: CachePolicy = { freshSeconds: 60, staleSeconds: 60, absentSeconds: 30 };
const CLIENT_SECONDS = 60;

deliveryRoutes.openapi(
  route({
    method: "get",
    path: "/products/{id}/delivery",
    access: "public",
    tags: ["catalog"],
    summary: "When an order placed now would arrive at a PIN code, and whether it may be paid cash on delivery",
    request: { params: ProductParams, query: DeliveryQuery },
    responses: {
      200: { description: "The estimate", content: { "application/json": { schema: DeliveryAnswerSchema } } },
      304: { description: "Not modified (If-None-Match)" },
      400: problem("Malformed PIN code or id (naming the field)"),
      404: problem("No such product, or no such offer of it"),
    },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const { pincode, listing_id } = c.req.valid("query");
    const product = await getProductView(c.env, c.executionCtx, id);
    if (!product) throw new AppError("not_found", `No product with id ${id}.`);
    const offer = listing_id ? product.offers.find((o) => o.listing_id === listing_id) : (product.buy_box ?? null);
    if (offer === undefined) throw new AppError("not_found", `Product ${id} has no offer ${listing_id}.`);
    const now = new Date();
    const until = nextEstimateChange(now).getTime();
    const key = `/v1/products/${encodeURIComponent(id)}/delivery?listing=${encodeURIComponent(offer?.listing_id ?? "")}&pincode=${pincode}`;
    const doc = await cachedDocument(c.executionCtx, key, DELIVERY_CACHE, async () => ({
      body: JSON.stringify(await deliveryAnswer(c.env.DB, product, offer, pincode, now)),
      validUntil: until,
    }));
    // The loader never answers "absent", so a document is always there.
    if (!doc) throw new AppError("not_found", `No product with id ${id}.`);
    const seconds = Math.max(0, Math.min(CLIENT_SECONDS, Math.floor((until - Date.now()) / 1000)));
    return sendCached(c, doc, `public, max-age=${seconds}`);
  },
);
