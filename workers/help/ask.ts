import { AppError } from "../platform/errors";
import { newId } from "../platform/ids";
import { nowIso } from "../platform/time";
import { HELP_COLUMNS, type HelpRow, helpView } from "./read";
import type { HelpAskInput, HelpRequestView } from "./schemas";

/**
 * A shopper asks for help with one of their orders. An order has at most one request open (the
 * table's partial unique index, so two sent at once cannot both be stored): the same words sent
 * again while it is open (a second tap, a retried request) are that request (`repeated`); other
 * words are refused with a 409 naming it, as ops answer what was asked first. Someone else's order,
 * or none, is a 404, so an order id tells nothing about whose it is.
 */
export async function askForHelp(
  db: D1Database,
  userId: string,
  orderId: string,
  input: HelpAskInput,
  tries = 2,
): Promise<{ request: HelpRequestView; repeated: boolean }> {
  const id = newId("hlp");
  const now = nowIso();
  const inserted = await db
    .prepare(
      `INSERT INTO help_requests (id, order_id, user_id, topic, message, status, created_at)
       SELECT ?1, o.id, o.user_id, ?4, ?5, 'open', ?6 FROM orders o WHERE o.id = ?2 AND o.user_id = ?3
       ON CONFLICT DO NOTHING`,
    )
    .bind(id, orderId, userId, input.topic, input.message, now)
    .run();
  if (inserted.meta.changes === 1) {
    return {
      request: {
        id,
        order_id: orderId,
        topic: input.topic,
        message: input.message,
        status: "open",
        asked_at: now,
        answer: null,
        answered_at: null,
        additions: [],
        taken_at: null,
      },
      repeated: false,
    };
  }
  const open = await db
    .prepare(
      `SELECT o.user_id AS owner, ${HELP_COLUMNS} FROM orders o
       LEFT JOIN help_requests h ON h.order_id = o.id AND h.status = 'open' WHERE o.id = ?1`,
    )
    .bind(orderId)
    .first<{ owner: string } & { [K in keyof HelpRow<HelpRequestView>]: HelpRow<HelpRequestView>[K] | null }>();
  if (!open || open.owner !== userId) throw new AppError("not_found", `No order ${orderId} of yours.`);
  // The open request was answered between the two statements: this one may be stored now.
  if (open.id === null) {
    if (tries > 1) return askForHelp(db, userId, orderId, input, tries - 1);
    throw new Error(`help request for ${orderId} was neither stored nor found open`);
  }
  const { owner: _, ...row } = open as { owner: string } & HelpRow<HelpRequestView>;
  const request = helpView(row);
  if (request.topic === input.topic && request.message.toLowerCase() === input.message.toLowerCase()) return { request, repeated: true };
  throw new AppError(
    "conflict",
    "You already asked us about this order and we have not answered yet: add anything new to that request instead.",
    { extensions: { help_request_id: request.id } },
  );
}
