import type { HelpAddition, HelpPosition, HelpRequestView, HelpState, HelpTaken, OpsHelpRequestView, OpsHelpRow } from "./schemas";
import { encodeHelpCursor } from "./schemas";

/**
 * The columns of a request as its views read it, from `h`; `additions` as a JSON array, which
 * `helpView` turns into the view's list. One index range of `help_additions` per request.
 */
export const HELP_COLUMNS = `h.id, h.order_id, h.topic, h.message, h.status, h.created_at AS asked_at, h.answer, h.answered_at, h.taken_at,
  (SELECT json_group_array(json_object('message', x.message, 'added_at', x.created_at)) FROM
    (SELECT message, created_at FROM help_additions WHERE request_id = h.id ORDER BY created_at, id) x) AS additions`;

/** A row read with `HELP_COLUMNS`: its additions still JSON. */
export type HelpRow<V extends HelpRequestView> = Omit<V, "additions"> & { additions: string };

/** The view of a row read with `HELP_COLUMNS`. The additions were written by this code, so their shape is known. */
export function helpView<V extends HelpRequestView>(row: HelpRow<V>): V {
  return { ...row, additions: JSON.parse(row.additions) as HelpAddition[] } as unknown as V;
}

/** What ops read of a request besides its shopper's view: who took it (the shopper reads only when) and who answered; with `OPS_HELP_JOINS` joined. */
export const OPS_HELP_COLUMNS = `${HELP_COLUMNS}, h.taken_by, t.name AS taken_by_name, a.name AS answered_by_name`;
export const OPS_HELP_JOINS = "LEFT JOIN users t ON t.id = h.taken_by LEFT JOIN users a ON a.id = h.answered_by";

/** An order's requests for help as ops read them, newest first, with who took each. */
export async function opsOrderHelp(db: D1Database, orderId: string): Promise<OpsHelpRequestView[]> {
  const { results } = await db
    .prepare(
      `SELECT ${OPS_HELP_COLUMNS} FROM help_requests h ${OPS_HELP_JOINS} WHERE h.order_id = ?1 ORDER BY h.created_at DESC, h.id DESC`,
    )
    .bind(orderId)
    .all<HelpRow<OpsHelpRequestView>>();
  return results.map(helpView);
}

/**
 * A shopper's order's requests for help, newest first: what its page shows them; `null` when the
 * order is not theirs. The owner and the requests are read in one batch, one round trip on every
 * view of an order's page.
 */
export async function ownOrderHelp(db: D1Database, orderId: string, userId: string): Promise<HelpRequestView[] | null> {
  const [owner, requests] = await db.batch([
    db.prepare("SELECT 1 AS mine FROM orders WHERE id = ?1 AND user_id = ?2").bind(orderId, userId),
    db
      .prepare(`SELECT ${HELP_COLUMNS} FROM help_requests h WHERE h.order_id = ?1 AND h.user_id = ?2 ORDER BY h.created_at DESC, h.id DESC`)
      .bind(orderId, userId),
  ]);
  if (!owner?.results.length) return null;
  return ((requests?.results ?? []) as HelpRow<HelpRequestView>[]).map(helpView);
}

/**
 * A page of the ops queue: the open requests oldest first, the order they were asked in (all, one
 * taker's or no one's), or the answered ones newest asked first; each one range of an index, with
 * the order's status, the shopper's name and address to answer them by, and who took each.
 */
export async function listHelp(
  db: D1Database,
  state: HelpState,
  page: { limit: number; cursor?: HelpPosition | undefined; taken?: { list: HelpTaken; by: string | null } | undefined },
): Promise<{ items: OpsHelpRow[]; next_cursor: string | null }> {
  const [cmp, dir] = state === "open" ? [">", "ASC"] : ["<", "DESC"];
  const args: unknown[] = [state, page.limit + 1];
  const arg = (v: unknown) => `?${args.push(v)}`;
  // Along `help_requests_taken_idx`: one taker's (or no one's) open requests are one range of it.
  const taken = !page.taken ? "" : page.taken.by === null ? "AND h.taken_by IS NULL" : `AND h.taken_by = ${arg(page.taken.by)}`;
  const after = page.cursor ? `AND (h.created_at, h.id) ${cmp} (${arg(page.cursor.at)}, ${arg(page.cursor.id)})` : "";
  const { results } = await db
    .prepare(
      `SELECT ${OPS_HELP_COLUMNS}, o.status AS order_status, u.name AS shopper_name, u.email AS shopper_email
       FROM help_requests h JOIN orders o ON o.id = h.order_id JOIN users u ON u.id = h.user_id ${OPS_HELP_JOINS}
       WHERE h.status = ?1 ${taken} ${after}
       ORDER BY h.created_at ${dir}, h.id ${dir} LIMIT ?2`,
    )
    .bind(...args)
    .all<HelpRow<OpsHelpRow>>();
  const items = results.slice(0, page.limit).map(helpView);
  const last = items.at(-1);
  return { items, next_cursor: results.length > page.limit && last ? encodeHelpCursor(state, page.taken?.list ?? "all", last) : null };
}
