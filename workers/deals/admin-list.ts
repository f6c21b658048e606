import { ISO_TIME, encodeKeyset, keysetCursorField } from "../platform/keyset-cursor";
import { DEAL_COLUMNS, type DealRow, renderDeal } from "./deal-rows";

/**
 * Where a page of the admin deal list ended: the last deal's start and id. Paged by keyset on
 * (starts_at, id), never by offset, so a deal created while a manager pages cannot shift rows
 * between pages and show one twice or skip one.
 */
interface DealPosition {
  startsAt: string;
  id: string;
}

/** The `cursor` query field: the `next_cursor` of the previous page, decoded during validation. */
export const DealCursorField = keysetCursorField(
  [ISO_TIME, /^deal_[A-Za-z0-9_-]{1,64}$/],
  ([startsAt, id]): DealPosition => ({ startsAt: startsAt as string, id: id as string }),
);

/**
 * One page of every deal in any status, for the deal manager's console. The public list stops at
 * a deal's end; managers still need ended deals, whose dashboards hold the final figures.
 */
export async function listAdminDeals(
  db: D1Database,
  page: { limit: number; cursor?: DealPosition | undefined },
  now = new Date().toISOString(),
) {
  const after = page.cursor ? "WHERE (starts_at, id) < (?, ?)" : "";
  const binds = page.cursor ? [page.cursor.startsAt, page.cursor.id] : [];
  const { results } = await db
    .prepare(`SELECT ${DEAL_COLUMNS} FROM deals ${after} ORDER BY starts_at DESC, id DESC LIMIT ?`)
    .bind(...binds, page.limit + 1)
    .all<DealRow>();
  const items = results.slice(0, page.limit).map((d) => renderDeal(d, now));
  const last = items.at(-1);
  return { items, next_cursor: results.length > page.limit && last ? encodeKeyset([last.starts_at, last.id]) : null };
}
