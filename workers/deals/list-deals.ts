import { weakEtagOf } from "../platform/if-none-match";
import { DEAL_COLUMNS, DEAL_NAME_COLUMNS, DEAL_NAME_JOINS, type NamedDealRow, renderDeal } from "./deal-rows";
import { type WaitUntil, dealState } from "./edge-state";

/** A deal row with the rest of what its card shows: its product's brand and its listing's MRP. */
interface ListedDealRow extends NamedDealRow {
  productBrand: string;
  mrp: number;
  /** When its units ran out; null while some are left. */
  soldOutAt: string | null;
}

const LISTED_COLUMNS = `${DEAL_COLUMNS}, ${DEAL_NAME_COLUMNS}, dp.brand AS productBrand, dl.mrp, deals.sold_out_at AS soldOutAt`;

/**
 * The list's query. Everything a deal's card and page show of its product, listing and seller (title,
 * brand, picture, MRP, seller's name) comes in the same read (primary-key joins): the list is the
 * home page's and the deal page's hot path, and a read of each deal's product on top would cost one
 * more read per deal on a sale day.
 */
export const PUBLIC_DEALS_SQL = `SELECT ${LISTED_COLUMNS} FROM deals ${DEAL_NAME_JOINS}
  WHERE (deals.status IN ('scheduled', 'live', 'paused') OR (deals.status = 'ended' AND deals.sold_out_at IS NOT NULL)) AND deals.ends_at > ?
  ORDER BY deals.starts_at <= ? DESC, deals.starts_at ASC LIMIT 100`;

/**
 * Live and upcoming deals for `GET /api/deals`, with an ETag over the body, and the ones that
 * ended by selling out until their window would have closed, shown "sold out" (a shared link to
 * one says so rather than that no such deal exists). Whether a live deal's units are gone is known
 * to its gate first; the waiting room's cached deal state (refreshed from the gate at most once a
 * second per isolate) says so, so the list shows "sold out" before the deal is ended for it.
 */
export async function listDeals(env: Env, ctx: WaitUntil, now = new Date().toISOString()) {
  const { results } = await env.DB.prepare(PUBLIC_DEALS_SQL).bind(now, now).all<ListedDealRow>();
  const items = await Promise.all(results.map((d) => withUnitsGone(env, ctx, renderListedDeal(d, now), d.soldOutAt !== null)));
  const body = { items };
  return { body, etag: await weakEtagOf(body) };
}

/**
 * One deal as the public list shows it, for `GET /api/deals/{id}`, whatever its state: a link to a
 * deal outlives it (a wishlist alert, a bookmark), and the page it opens says it ended rather than
 * that there is no such deal. A deal still being set up is not public yet; null for it as for none.
 */
export async function findPublicDeal(env: Env, ctx: WaitUntil, id: string, now = new Date().toISOString()) {
  const row = await env.DB.prepare(
    `SELECT ${LISTED_COLUMNS} FROM deals ${DEAL_NAME_JOINS} WHERE deals.id = ? AND deals.status != 'setting_up'`,
  )
    .bind(id)
    .first<ListedDealRow>();
  return row && withUnitsGone(env, ctx, renderListedDeal(row, now), row.soldOutAt !== null);
}

/** A deal as the public list shows it: with its product's title, brand and picture, its listing's MRP and its seller's name. */
function renderListedDeal(d: ListedDealRow, now: string) {
  return {
    ...renderDeal(d, now),
    product_title: d.productTitle,
    product_brand: d.productBrand,
    product_image: d.productImage,
    mrp: d.mrp,
    seller_name: d.sellerName,
  };
}

type ListedDeal = ReturnType<typeof renderListedDeal>;

async function withUnitsGone(
  env: Env,
  ctx: WaitUntil,
  deal: ListedDeal,
  soldOut: boolean,
): Promise<ListedDeal | (Omit<ListedDeal, "status"> & { status: "sold_out" })> {
  // An ended deal whose units ran out is shown sold out: it was not merely over.
  if (deal.status === "ended") return soldOut ? { ...deal, status: "sold_out" } : deal;
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
