import { z } from "@hono/zod-openapi";
import { nudgeSaga, startSaga } from "../checkout/start-saga";
import { readConfig } from "../platform/config";
import { AppError } from "../platform/errors";
import { nowIso } from "../platform/time";
import { verifyWebhook } from "./signature";

/** The provider's webhook body as we accept it. */
export const WebhookBody = z
  .object({
    id: z.string().min(1).max(100),
    type: z.enum(["payment.authorized", "payment.declined"]),
    created_at: z.string(),
    data: z.object({ ref: z.string().min(1).max(100), merchant_ref: z.string(), status: z.string(), amount: z.number().int() }),
  })
  .openapi("PaymentWebhook");

/** What handling a webhook did; `duplicate` means the event id was seen before and nothing changed. */
export interface WebhookOutcome {
  received: true;
  duplicate: boolean;
}

/**
 * Applies one signed provider event. The signature is checked over the raw body before anything
 * is parsed (401 when it fails). Recording the event id and moving the payment are one batch, so a
 * replayed event id changes nothing. An event for a payment not written yet (the provider can be
 * quicker than the checkout's own write) is refused with 404 and not recorded, so the provider
 * delivers it again rather than it being acknowledged and lost. An authorization for another amount than the order's moves
 * nothing: the saga asks the provider itself and gives such a payment back. The waiting checkout
 * saga is then woken. One that was never created (its creation was refused at a sale-day peak,
 * and the resume cron has not got to it yet) is created now, under the id derived from its order,
 * so a creation racing this one is the same saga; it reads the payment's status itself, and the
 * shopper who paid does not wait for the cron.
 */
export async function handleWebhook(env: Env, rawBody: string, signature: string | undefined): Promise<WebhookOutcome> {
  if (!(await verifyWebhook(readConfig(env).PSP_WEBHOOK_SECRET, rawBody, signature))) {
    throw new AppError("invalid_signature", "The webhook signature is missing, stale or wrong.");
  }
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    throw new AppError("bad_request", "The webhook body is not JSON.");
  }
  const parsed = WebhookBody.safeParse(json);
  if (!parsed.success) {
    throw new AppError("validation_failed", "The webhook body is not a payment event.", {
      errors: parsed.error.issues.map((i) => ({ path: i.path.map(String).join(".") || "(root)", message: i.message })),
    });
  }
  const event = parsed.data;
  const to = event.type === "payment.authorized" ? "authorized" : "declined";
  const now = nowIso();
  const db = env.DB;
  const [recorded, , owner] = await db.batch([
    db
      .prepare(
        `INSERT INTO payment_events (event_id, payment_id, type, received_at)
         SELECT ?1, id, ?3, ?4 FROM payments WHERE provider_ref = ?2 LIMIT 1 ON CONFLICT (event_id) DO NOTHING`,
      )
      .bind(event.id, event.data.ref, event.type, now),
    // Only a payment still waiting moves: a late event never overrides a void or a capture. Nor
    // does an authorization for another amount than the order's: the saga asks the provider itself.
    db
      .prepare(
        `UPDATE payments SET status = ?1, updated_at = ?2
         WHERE provider_ref = ?3 AND status = 'pending' AND (?1 = 'declined' OR amount = ?4) AND changes() = 1`,
      )
      .bind(to, now, event.data.ref, event.data.amount),
    db
      .prepare(
        `SELECT o.saga_id AS sagaId, o.id AS orderId, o.user_id AS userId, p.id AS paymentId, p.amount
         FROM payments p JOIN orders o ON o.id = p.order_id WHERE p.provider_ref = ?`,
      )
      .bind(event.data.ref),
  ]);
  const order = owner?.results[0] as
    | { sagaId: string | null; orderId: string; userId: string; paymentId: string; amount: number }
    | undefined;
  // Not recorded, so the provider's redelivery is applied once the checkout has written the payment.
  if (!order) throw new AppError("not_found", "No payment with this reference is known yet; nothing changed.");
  if (recorded?.meta.changes !== 1) return { received: true, duplicate: true };
  if (to === "authorized" && order.amount !== event.data.amount) {
    console.error(
      JSON.stringify({
        level: "error",
        message: "payment webhook names another amount than the order's",
        paymentId: order.paymentId,
        ours: order.amount,
        theirs: event.data.amount,
      }),
    );
  }
  // The origin only shapes the provider's return link, which the payment opened at checkout already has.
  if (order.sagaId && !(await nudgeSaga(env, order.sagaId, to)))
    await startSaga(env, { sagaId: order.sagaId, orderId: order.orderId, userId: order.userId, origin: "" });
  return { received: true, duplicate: false };
}
