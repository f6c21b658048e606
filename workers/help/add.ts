import { AppError } from "../platform/errors";
import { newId } from "../platform/ids";
import { nowIso } from "../platform/time";
import { HELP_COLUMNS, type HelpRow, helpView } from "./read";
import { HELP_ADDITIONS_MAX, type HelpRequestView } from "./schemas";

/**
 * A shopper adds to their request while it waits for an answer: the parcel came after all, or came
 * damaged. One conditional insert decides: the request must be theirs, about that order and still
 * open, hold fewer than `HELP_ADDITIONS_MAX` additions, and not hold these words already, so a
 * second tap adds nothing (`repeated`) and an answer given at the same moment is never followed by
 * an addition ops do not see. Someone else's request, or none, is a 404.
 */
export async function addToHelp(
  db: D1Database,
  userId: string,
  orderId: string,
  helpId: string,
  message: string,
): Promise<{ request: HelpRequestView; repeated: boolean }> {
  const [inserted, read] = await db.batch([
    db
      .prepare(
        `INSERT INTO help_additions (id, request_id, message, created_at)
         SELECT ?1, h.id, ?5, ?6 FROM help_requests h
         WHERE h.id = ?2 AND h.order_id = ?3 AND h.user_id = ?4 AND h.status = 'open'
           AND (SELECT COUNT(*) FROM help_additions a WHERE a.request_id = h.id) < ?7
           AND lower(?5) NOT IN (SELECT lower(a.message) FROM help_additions a WHERE a.request_id = h.id)
           AND lower(?5) <> lower(h.message)`,
      )
      .bind(newId("hla"), helpId, orderId, userId, message, nowIso(), HELP_ADDITIONS_MAX),
    db
      .prepare(`SELECT ${HELP_COLUMNS} FROM help_requests h WHERE h.id = ?1 AND h.order_id = ?2 AND h.user_id = ?3`)
      .bind(helpId, orderId, userId),
  ]);
  const row = read?.results[0] as HelpRow<HelpRequestView> | undefined;
  if (!row) throw new AppError("not_found", `No request ${helpId} of yours about order ${orderId}.`);
  const request = helpView(row);
  if (inserted?.meta.changes === 1) return { request, repeated: false };
  const same = (m: string) => m.toLowerCase() === message.toLowerCase();
  if (same(request.message) || request.additions.some((a) => same(a.message))) return { request, repeated: true };
  if (request.status !== "open")
    throw new AppError("conflict", "We have answered this request already: ask again if you need more help.", {
      extensions: { help_request: request },
    });
  throw new AppError(
    "conflict",
    `You have added to this request ${HELP_ADDITIONS_MAX} times; we will answer all of it together. Nothing was added.`,
    { extensions: { help_request: request } },
  );
}
