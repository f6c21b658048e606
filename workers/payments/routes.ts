import { z } from "@hono/zod-openapi";
import { createRouter, route } from "../platform/router";
import { SIGNATURE_HEADER } from "./signature";
import { handleWebhook } from "./webhook";

/** Payment provider webhooks. */
export const paymentRoutes = createRouter();

paymentRoutes.openapi(
  route({
    method: "post",
    path: "/payments/webhook",
    access: "public",
    tags: ["payments"],
    summary: "The payment provider's signed callbacks",
    description: `Signed with HMAC-SHA256 in the \`${SIGNATURE_HEADER}\` header (\`t=<unix>,v1=<sig>\` over \`t.body\`). A bad or stale signature is 401; a replayed event id is 200 with \`duplicate: true\` and no effect; an event for a payment not written yet is 404 and not recorded, so its redelivery is applied.`,
    // No declared request body: the signature covers the raw bytes and must be checked before any
    // parsing, so `handleWebhook` validates the body (with WebhookBody) only after verifying it.
    // The signature is optional here so that a missing one is the 401 a bad one is.
    request: {
      headers: z.object({
        [SIGNATURE_HEADER]: z.string().max(512).optional().openapi({
          description: "`t=<unix>,v1=<hex HMAC-SHA256 of t.body>`; missing, stale or wrong is 401, longer than 512 characters 400",
          example: "t=1764000000,v1=5f…",
        }),
      }),
    },
    responses: {
      200: {
        description: "Accepted (or already applied)",
        content: { "application/json": { schema: z.object({ received: z.literal(true), duplicate: z.boolean() }) } },
      },
      401: { description: "Bad signature" },
      404: { description: "No payment with this reference yet; nothing changed" },
    },
  }),
  async (c) => c.json(await handleWebhook(c.env, await c.req.text(), c.req.valid("header")[SIGNATURE_HEADER]), 200),
);

const Mismatch = z
  .object({
    payment_id: z.string(),
    order_id: z.string().nullable(),
    kind: z.string(),
    ours: z.string(),
    theirs: z.string(),
    detected_at: z.string(),
  })
  .openapi("PaymentMismatch");

paymentRoutes.openapi(
  route({
    method: "get",
    path: "/admin/payments/mismatches",
    access: ["ops"],
    tags: ["payments"],
    summary: "Unresolved differences the reconciliation job found between the provider's records and ours",
    responses: {
      200: {
        description: "Open mismatches, newest first",
        content: { "application/json": { schema: z.object({ items: z.array(Mismatch) }) } },
      },
    },
  }),
  async (c) => {
    const { results } = await c.env.DB.prepare(
      `SELECT m.payment_id, p.order_id, m.kind, m.ours, m.theirs, m.detected_at
       FROM payment_mismatches m LEFT JOIN payments p ON p.id = m.payment_id
       WHERE m.resolved_at IS NULL ORDER BY m.detected_at DESC LIMIT 200`,
    ).all<z.infer<typeof Mismatch>>();
    c.header("cache-control", "no-store");
    return c.json({ items: results }, 200);
  },
);
