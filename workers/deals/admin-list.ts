import { ISO_TIME, encodeKeyset, keysetCursorField } from "../platform/keyset-cursor";
import { DEAL_COLUMNS, DEAL_NAME_COLUMNS, DEAL_NAME_JOINS, type NamedDealRow, renderDeal } from "./deal-rows";
import type { WaitUntil } from "./edge-state";
import { unitsLeft } from "./units-left";

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

/** A deal row as the admin list reads it: named, with the outcome recorded when it ended. */
interface AdminDealRow extends NamedDealRow {
  soldUnits: number | null;
  returnedUnits: number | null;
}

/**
 * The page's query: the deals with their product and seller names joined in, so the list names
 * each deal in one read, and an ended deal's outcome read from its own row.
 */
export function adminDealsSql(after: boolean): string {
  return `SELECT ${DEAL_COLUMNS}, ${DEAL_NAME_COLUMNS}, deals.sold_units AS soldUnits, deals.returned_units AS returnedUnits
    FROM deals ${DEAL_NAME_JOINS}
    ${after ? "WHERE (deals.starts_at, deals.id) < (?, ?)" : ""} ORDER BY deals.starts_at DESC, deals.id DESC LIMIT ?`;
}

/**
 * One page of every deal in any status, for the deal manager's console. The public list stops at
 * a deal's end; managers still need ended deals, whose dashboards hold the final figures. Each
 * deal comes with its units left (`unitsLeft`): the page asks the gate of each live or paused deal
 * on it, through the waiting room's per-second cache, and no other. An ended deal comes with what
 * it sold and returned to stock instead, as its row recorded them when it ended.
 */
export async function listAdminDeals(
  env: Env,
  ctx: WaitUntil,
  page: { limit: number; cursor?: DealPosition | undefined },
  now = new Date().toISOString(),
) {
  const binds = page.cursor ? [page.cursor.startsAt, page.cursor.id] : [];
  const { results } = await env.DB.prepare(adminDealsSql(Boolean(page.cursor)))
    .bind(...binds, page.limit + 1)
    .all<AdminDealRow>();
  const items = await Promise.all(results.slice(0, page.limit).map((d) => adminDeal(env, ctx, d, now)));
  const last = items.at(-1);
  return { items, next_cursor: results.length > page.limit && last ? encodeKeyset([last.starts_at, last.id]) : null };
}

/** A deal as the console lists it: named by its product and seller, with its units left, or its outcome once ended. */
async function adminDeal(env: Env, ctx: WaitUntil, row: AdminDealRow, now: string) {
  const deal = renderDeal(row, now);
  const left = await unitsLeft(env, ctx, deal, "the admin deal list");
  // Only a row the end has marked holds figures; one past its end time but not ended yet has none.
  const ended = row.status === "ended";
  return {
    ...deal,
    ...left,
    sold: ended ? row.soldUnits : null,
    returned: ended ? row.returnedUnits : null,
    product_title: row.productTitle,
    seller_name: row.sellerName,
  };
}
