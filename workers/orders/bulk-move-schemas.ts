import { z } from "@hono/zod-openapi";
import { BULK_FROM, BULK_MAX, BULK_MOVES, BULK_TO } from "./bulk-moves";
import { ORDER_STATUSES } from "./state-machine";
import { OrderId } from "./schemas";

const moves = BULK_FROM.map((from) => `${from} → ${BULK_MOVES[from]}`).join(", ");

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
  })
  .strict()
  .superRefine((b, ctx) => {
    if (BULK_MOVES[b.from] !== b.to) {
      ctx.addIssue({ code: "custom", message: `Orders move in bulk only ${moves}.`, path: ["to"] });
    }
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
