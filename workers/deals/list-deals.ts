import { sha256Hex } from "../platform/ids";
import { DEAL_COLUMNS, type DealRow, renderDeal } from "./deal-rows";
import { type WaitUntil, dealState } from "./edge-state";

/**
 * Live and upcoming deals for `GET /api/deals`, with an ETag over the body. Whether a live deal's
 * units are gone is known to its gate, not D1; the waiting room's cached deal state (refreshed
 * from the gate at most once a second per isolate) says so, so the list shows "sold out".
 */
export async function listDeals(env: Env, ctx: WaitUntil, now = new Date().toISOString()) {
  const { results } = await env.DB.prepare(
    `SELECT ${DEAL_COLUMNS} FROM deals WHERE status IN ('scheduled', 'live', 'paused') AND ends_at > ?
       ORDER BY starts_at <= ? DESC, starts_at ASC LIMIT 100`,
  )
    .bind(now, now)
    .all<DealRow>();
  const items = await Promise.all(results.map((d) => withUnitsGone(env, ctx, renderDeal(d, now))));
  const body = { items };
  const etag = `W/"${(await sha256Hex(JSON.stringify(body))).slice(0, 32)}"`;
  return { body, etag };
}

type RenderedDeal = ReturnType<typeof renderDeal>;

async function withUnitsGone(
  env: Env,
  ctx: WaitUntil,
  deal: RenderedDeal,
): Promise<RenderedDeal | (Omit<RenderedDeal, "status"> & { status: "sold_out" })> {
  if (deal.status !== "live") return deal;
  try {
    const { state } = await dealState(env, ctx, deal.id);
    return state.status === "sold_out" ? { ...deal, status: "sold_out" } : deal;
  } catch (err) {
    // The list is still right about everything else; the deal page's waiting room will say sold out.
    console.error(JSON.stringify({ level: "warn", message: "deal state unavailable for the list", dealId: deal.id, error: String(err) }));
    return deal;
  }
}
