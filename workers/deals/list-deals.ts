import { sha256Hex } from "../platform/ids";
import { DEAL_COLUMNS, type DealRow, renderDeal } from "./deal-rows";

/** Live and upcoming deals for `GET /api/deals`, with an ETag over the body. */
export async function listDeals(db: D1Database, now = new Date().toISOString()) {
  const { results } = await db
    .prepare(
      `SELECT ${DEAL_COLUMNS} FROM deals WHERE status IN ('scheduled', 'live', 'paused') AND ends_at > ?
       ORDER BY starts_at <= ? DESC, starts_at ASC LIMIT 100`,
    )
    .bind(now, now)
    .all<DealRow>();
  const body = { items: results.map((d) => renderDeal(d, now)) };
  const etag = `W/"${(await sha256Hex(JSON.stringify(body))).slice(0, 32)}"`;
  return { body, etag };
}
