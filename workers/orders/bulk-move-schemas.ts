import { z } from "@hono/zod-openapi";
import { BULK_FROM, BULK_MAX, BULK_MOVES, BULK_TO } from "./bulk-moves";
import { ORDER_STATUSES } from "./state-machine";
import { OrderId, ShipmentShape, shipmentRules } from "./schemas";

const moves = BULK_FROM.map((from) => `${from} → ${BULK_MOVES[from]}`).join(", ");

/** One order's shipment in a bulk ship: the single move's shipment, checked by the same rules, and the order it is for. */
const BulkShipment = ShipmentShape.extend({
  order_id: OrderId.openapi({ description: "The order it is for: one of `order_ids`, each order at most once" }),
})
  .strict()
  .superRefine(shipmentRules)
  .openapi("BulkShipmentInput");

/** Body of POST /api/admin/orders/transitions. */
export const BulkTransitionBody = z
  .object({
    order_ids: z
      .array(OrderId)
      .min(1)
      .max(BULK_MAX)
      .superRefine((ids, ctx) => {
        const seen = new Set<string>();
        ids.forEach((id, i) => {
          if (seen.has(id)) ctx.addIssue({ code: "custom", message: "Each order is named once.", path: [i] });
          seen.add(id);
        });
      })
      .openapi({ description: `The orders to move, each once: 1 to ${BULK_MAX} (a page of the ops list)` }),
    from: z.enum(BULK_FROM).openapi({ description: "The status the orders were seen in (the ops list's queue)" }),
    to: z.enum(BULK_TO).openapi({ description: `Where they go: ${moves}` }),
    shipments: z
      .array(BulkShipment)
      .max(BULK_MAX)
      .optional()
      .openapi({
        description:
          "Only with `to: shipped`: the courier and tracking number of some or all of the orders, each recorded with its order's move as the single move records its `shipment`. " +
          "Orders without an entry ship without one. A malformed entry is 400 naming it (`shipments.<i>.tracking_number`, …) and no order moves",
      }),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (BULK_MOVES[b.from] !== b.to) {
      ctx.addIssue({ code: "custom", message: `Orders move in bulk only ${moves}.`, path: ["to"] });
    }
    if (!b.shipments) return;
    if (b.to !== "shipped") {
      ctx.addIssue({ code: "custom", message: "Shipments are given only when shipping (`to: shipped`).", path: ["shipments"] });
      return;
    }
    const named = new Set(b.order_ids);
    const seen = new Set<string>();
    b.shipments.forEach((s, i) => {
      const path = ["shipments", i, "order_id"];
      if (!named.has(s.order_id)) ctx.addIssue({ code: "custom", message: "A shipment is for one of `order_ids`.", path });
      else if (seen.has(s.order_id)) ctx.addIssue({ code: "custom", message: "Each order has one shipment.", path });
      seen.add(s.order_id);
    });
  })
  .openapi("BulkTransitionRequest");

/** What a bulk move did to one order. */
const BulkResultSchema = z
  .object({
    id: z.string(),
    outcome: z.enum(["moved", "already", "refused"]).openapi({
      description: "`moved` now; `already` in `to` before this request; `refused` left where it was (`detail` says why)",
    }),
    status: z.enum(ORDER_STATUSES).nullable().openapi({ description: "The order's status now; null when there is no such order" }),
    detail: z.string().optional().openapi({ description: "Why a refused order did not move" }),
  })
  .openapi("BulkTransitionOutcome");

/** Answer of POST /api/admin/orders/transitions: one result per order, in the order asked. */
export const BulkTransitionResult = z
  .object({
    from: z.enum(BULK_FROM),
    to: z.enum(BULK_TO),
    results: z.array(BulkResultSchema),
  })
  .openapi("BulkTransitionResult");
