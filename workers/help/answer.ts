import { quote } from "../questions/answered-notice";
import { initialEmailStateSql } from "../notifications/email-delivery";
import { CHANNELS } from "../orders/notifications";
import { AppError } from "../platform/errors";
import { nowIso } from "../platform/time";
import { HELP_COLUMNS, type HelpRow, helpView } from "./read";
import type { HelpRequestView } from "./schemas";

/** Where the shopper reads the answer: their order's page, at its help panel. */
export const helpPath = (orderId: string) => `/orders/${encodeURIComponent(orderId)}#help`;

/**
 * Ops answer an open request. The same batch tells the shopper on each channel, written only when
 * this batch gave the answer (its `answered_at` and `answered_by` are the batch's), so a second
 * click, or a colleague answering at the same moment, neither overwrites the answer given nor tells
 * the shopper twice: it is a 409 with the request as it stands.
 */
export async function answerHelp(db: D1Database, id: string, opsId: string, answer: string): Promise<HelpRequestView> {
  const now = nowIso();
  const results = await db.batch([
    db
      .prepare(
        "UPDATE help_requests SET status = 'answered', answer = ?2, answered_by = ?3, answered_at = ?4 WHERE id = ?1 AND status = 'open'",
      )
      .bind(id, answer, opsId, now),
    ...CHANNELS.map((channel) =>
      db
        .prepare(
          `INSERT INTO notifications (event_id, channel, user_id, kind, subject, body, link, created_at, email_state)
           SELECT 'help-answered:' || h.id, ?2, h.user_id, 'help_answered', 'We answered your question about order ' || h.order_id,
             'About order ' || h.order_id || ': ' || ?3, '/orders/' || h.order_id || '#help', ?4, ${initialEmailStateSql("?2")}
           FROM help_requests h WHERE h.id = ?1 AND h.answered_at = ?4 AND h.answered_by = ?5
           ON CONFLICT (event_id, channel) DO NOTHING`,
        )
        .bind(id, channel, `“${quote(answer, 600)}”`, now, opsId),
    ),
    // Read in the same batch, so the answer given (or the one found) comes back in one round trip.
    db.prepare(`SELECT ${HELP_COLUMNS} FROM help_requests h WHERE h.id = ?1`).bind(id),
  ]);
  const updated = results[0];
  const row = results.at(-1)?.results[0] as HelpRow<HelpRequestView> | undefined;
  if (!row) throw new AppError("not_found", `No help request ${id}.`);
  const request = helpView(row);
  if (updated?.meta.changes !== 1)
    throw new AppError("conflict", "This request was already answered; nothing changed.", { extensions: { help_request: request } });
  return request;
}
