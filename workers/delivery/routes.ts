import { type CachePolicy, cachedDocument, etagFor } from "../catalog/edge-cache";
import { sendCached } from "../catalog/http-cache";
import { getProductView } from "../catalog/product-page";
import { ProductParams, problem } from "../catalog/schemas";
import { AppError } from "../platform/errors";
import { createRouter, route } from "../platform/router";
import { loadCourierCalendar } from "./courier-calendar";
import { deliveryAnswer } from "./delivery-answer";
import { nextEstimateChange } from "./estimate";
import { type StockedWarehouse, stockedWarehouses } from "./nearest-warehouse";
import { DeliveryAnswerSchema, DeliveryQuery } from "./schemas";

/** Delivery estimates by PIN code: asked for apart from the product page, so they never slow it. */
export const deliveryRoutes = createRouter();

/**
 * An answer depends only on where the offer's stock is, the PIN code, the courier calendar and the
 * clock. Where the stock is is read from D1 and cached per listing: a sale day's shoppers ask from
 * thousands of PIN codes, and each would otherwise be a D1 read of its own. Stock moving to or from
 * a warehouse shows within a minute; the estimate itself is worked out on every request, from the
 * calendar this isolate read within the last minute (`loadCourierCalendar`).
 */
const STOCKED_CACHE: CachePolicy = { freshSeconds: 60, staleSeconds: 60, absentSeconds: 30 };
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
    // Never fails for the calendar: a failed read answers from the national holidays alone.
    const calendar = await loadCourierCalendar(c.env.DB, now.getTime());
    // Kept by the shopper's browser or a CDN no longer than this isolate keeps the calendar the
    // answer was built from, so a holiday ops add or remove outlives no answer by more than
    // CALENDAR_MEMO_MS, and an answer counted without the calendar (D1 failed) is kept only the
    // seconds of FALLBACK_MEMO_MS.
    const until = Math.min(nextEstimateChange(now).getTime(), calendar.until);
    let warehouses: StockedWarehouse[] = [];
    if (offer) {
      const key = `/v1/listings/${encodeURIComponent(offer.listing_id)}/stocked-warehouses`;
      const stocked = await cachedDocument(c.executionCtx, key, STOCKED_CACHE, async () =>
        JSON.stringify(await stockedWarehouses(c.env.DB, offer.listing_id)),
      );
      // The loader never answers "absent"; an empty list is a listing without stock.
      warehouses = stocked ? (JSON.parse(stocked.body) as StockedWarehouse[]) : [];
    }
    const body = JSON.stringify(deliveryAnswer(warehouses, product, offer, pincode, now, calendar.holidays));
    const doc = { body, etag: await etagFor(body), state: "miss" as const, validUntil: until };
    const seconds = Math.max(0, Math.min(CLIENT_SECONDS, Math.floor((until - Date.now()) / 1000)));
    return sendCached(c, doc, `public, max-age=${seconds}`);
  },
);
