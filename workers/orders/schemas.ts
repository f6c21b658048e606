import { z } from "@hono/zod-openapi";
import { ORDER_STATUSES } from "./state-machine";

/** An order id in the path. */
export const OrderParam = z.object({
  id: z
    .string()
    .regex(/^ord_[A-Za-z0-9_-]{1,64}$/)
    .openapi({ param: { name: "id", in: "path" }, example: "ord_3f9c2a7d1e0b4c6a8f2d1e0b4c" }),
});

const TimelineEntry = z.object({ from: z.string().nullable(), to: z.string(), actor: z.string(), reason: z.string(), at: z.string() });

/** An order with items, payment and timeline. */
export const OrderSchema = z
  .object({
    id: z.string(),
    status: z.enum(ORDER_STATUSES),
    created_at: z.string(),
    updated_at: z.string(),
    total: z.number().int(),
    currency: z.literal("INR"),
    address: z.record(z.string(), z.string()),
    items: z.array(
      z.object({
        listing_id: z.string(),
        product_id: z.string(),
        title: z.string(),
        qty: z.number().int(),
        unit_price: z.number().int(),
        mrp: z.number().int(),
        deal_id: z.string().nullable(),
      }),
    ),
    payment: z
      .object({
        id: z.string(),
        method: z.string(),
        status: z.string(),
        amount: z.number().int(),
        captured: z.number().int(),
        refunded: z.number().int(),
        redirect_url: z.string().nullable(),
      })
      .nullable(),
    timeline: z.array(TimelineEntry),
  })
  .openapi("Order");

/** A row of an order list. */
export const OrderSummarySchema = z
  .object({
    id: z.string(),
    status: z.string(),
    created_at: z.string(),
    total: z.number().int(),
    currency: z.literal("INR"),
    items: z.number().int(),
  })
  .openapi("OrderSummary");

/** A row of the ops queue. */
export const OpsOrderSummarySchema = OrderSummarySchema.extend({
  refundable: z.number().int().openapi({ description: "Captured money not yet refunded, in paise; a refund needs it above 0" }),
}).openapi("OpsOrderSummary");

/** Body of POST /api/orders/{id}/cancel. */
export const CancelBody = z
  .object({ reason: z.string().trim().max(200).optional() })
  .strict()
  .openapi("CancelOrder");

/** Body of POST /api/admin/orders/{id}/transitions. */
export const OpsTransitionBody = z
  .object({ to: z.enum(ORDER_STATUSES), reason: z.string().trim().max(200).optional() })
  .strict()
  .openapi("OrderTransitionRequest");

/** Query of GET /api/admin/orders. */
export const OpsListQuery = z.object({
  status: z.enum(ORDER_STATUSES).default("confirmed"),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
