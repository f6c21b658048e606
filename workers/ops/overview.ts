import { restocksOwedStatement } from "../checkout/restocks";
import { type WaitUntil, dealState } from "../deals/edge-state";
import { type NamedDealRow, renderDeal } from "../deals/deal-rows";
import { PUBLIC_DEALS_SQL } from "../deals/list-deals";
import { type InvoicesOwed, invoicesOwedStatement } from "../invoices/backfill";
import { UNSETTLED_CANCELLATION } from "../orders/cancellation";
import { ORDER_STATUSES, type OrderStatus } from "../orders/state-machine";
import { countsByQueue, deadLetterCountsStatement } from "../platform/dead-letters";
import { unrelayedCountStatement } from "../platform/outbox";
import { emailsGivenUpStatement, emailsWaitingStatement } from "../notifications/email-delivery";
import { type LongestWaiting, type Overview, type OverviewDeal, QUEUE_STATUSES } from "./schemas";

const quoted = (statuses: readonly OrderStatus[]) => statuses.map((s) => `'${s}'`).join(", ");

/**
 * The overview's order figures, each one index range of `orders`. Exported so a test can ask
 * SQLite for each plan and see that none scans a table.
 */
export const OVERVIEW_SQL = {
  // One range per queue status of a status index, read from the index alone (the planner takes
  // orders_status_updated_idx, the narrower of the two).
  byStatus: `SELECT status, COUNT(*) AS n FROM orders WHERE status IN (${quoted(QUEUE_STATUSES)}) GROUP BY status`,
  // orders_status_created_idx: naming every status turns "placed since" into a created_at range per
  // status, where created_at alone has no index of its own.
  placed: `SELECT COUNT(*) AS lastHour, COALESCE(SUM(created_at >= ?2), 0) AS lastFiveMinutes FROM orders
    WHERE status IN (${quoted(ORDER_STATUSES)}) AND created_at >= ?1`,
  // orders_status_updated_idx: the first entry of the status is the order longest in it.
  longestIn: "SELECT id, updated_at AS since FROM orders WHERE status = ?1 ORDER BY updated_at LIMIT 1",
  // orders_saga_check_idx: only orders whose saga has not ended are in it.
  sagasDue: "SELECT COUNT(*) AS n FROM orders WHERE saga_check_at <= ?1",
  // orders_cancel_unsettled_idx, with a look at each of those few orders' transitions: the same
  // orders as the unsettled list the count links to.
  cancellationsUnsettled: `SELECT COUNT(*) AS n FROM orders o INDEXED BY orders_cancel_unsettled_idx WHERE ${UNSETTLED_CANCELLATION}`,
} as const;

const HOUR_MS = 3600_000;
const FIVE_MINUTES_MS = 5 * 60_000;

const countOf = (rows: unknown[] | undefined) => Number((rows?.[0] as { n?: number } | undefined)?.n ?? 0);

/**
 * The overview's statements, in the order `readOverview` reads their results. Each reads one
 * index range (see `OVERVIEW_SQL` and the statements it borrows from the crons' own modules).
 */
export function overviewStatements(db: D1Database, now: number): D1PreparedStatement[] {
  const at = new Date(now).toISOString();
  return [
    db.prepare(OVERVIEW_SQL.byStatus),
    db.prepare(OVERVIEW_SQL.placed).bind(new Date(now - HOUR_MS).toISOString(), new Date(now - FIVE_MINUTES_MS).toISOString()),
    db.prepare(OVERVIEW_SQL.longestIn).bind("confirmed"),
    db.prepare(OVERVIEW_SQL.longestIn).bind("return_requested"),
    db.prepare(OVERVIEW_SQL.sagasDue).bind(at),
    db.prepare(OVERVIEW_SQL.cancellationsUnsettled),
    restocksOwedStatement(db),
    invoicesOwedStatement(db),
    unrelayedCountStatement(db),
    deadLetterCountsStatement(db),
    emailsWaitingStatement(db),
    emailsGivenUpStatement(db),
    db.prepare(PUBLIC_DEALS_SQL).bind(at, at),
  ];
}

/**
 * Reads every figure of the overview in one D1 batch, so the page costs one round trip however
 * many figures it shows, then asks the gates of live deals how many units they have left (from
 * the waiting room's edge cache, so an ops page polling adds at most a call a second per deal).
 */
export async function readOverview(env: Env, ctx: WaitUntil, now = Date.now()): Promise<Overview> {
  const at = new Date(now).toISOString();
  const [byStatus, placed, toPack, toDecide, sagas, cancellations, restocks, invoices, outbox, dead, emailsWaiting, emailsGivenUp, deals] =
    await env.DB.batch(overviewStatements(env.DB, now));
  const counts = Object.fromEntries(QUEUE_STATUSES.map((s) => [s, 0])) as Overview["orders"]["by_status"];
  for (const row of (byStatus?.results ?? []) as Array<{ status: keyof typeof counts; n: number }>) counts[row.status] = row.n;
  const recent = placed?.results[0] as { lastHour: number; lastFiveMinutes: number } | undefined;
  const owed = invoices?.results[0] as InvoicesOwed | undefined;
  return {
    read_at: at,
    orders: {
      by_status: counts,
      placed_last_hour: recent?.lastHour ?? 0,
      placed_last_5_minutes: recent?.lastFiveMinutes ?? 0,
      oldest_waiting_to_pack: longest(toPack?.results),
      oldest_return_request: longest(toDecide?.results),
    },
    backlog: {
      sagas_due: countOf(sagas?.results),
      cancellations_unsettled: countOf(cancellations?.results),
      restocks_owed: countOf(restocks?.results),
      invoices_owed: owed?.withoutInvoices ?? 0,
      invoices_held_without_gstin: owed?.unregistered ?? 0,
      outbox_unrelayed: countOf(outbox?.results),
      emails_waiting: countOf(emailsWaiting?.results),
      emails_given_up: countOf(emailsGivenUp?.results),
      dead_letters: countsByQueue(dead?.results),
    },
    deals: await Promise.all(((deals?.results ?? []) as NamedDealRow[]).map((d) => overviewDeal(env, ctx, d, at))),
  };
}

function longest(rows: unknown[] | undefined): LongestWaiting | null {
  const row = rows?.[0] as { id: string; since: string } | undefined;
  return row ? { order_id: row.id, since: row.since } : null;
}

/** A deal with its units left: an upcoming deal has sold nothing, a live or paused one is asked. */
async function overviewDeal(env: Env, ctx: WaitUntil, row: NamedDealRow, at: string): Promise<OverviewDeal> {
  const deal = renderDeal(row, at);
  const status = deal.status === "live" || deal.status === "paused" ? deal.status : "scheduled";
  const base = { id: deal.id, product_title: row.productTitle, starts_at: deal.starts_at, ends_at: deal.ends_at, units: deal.units };
  if (status === "scheduled") return { ...base, status, remaining: deal.units };
  try {
    const { state } = await dealState(env, ctx, deal.id);
    return { ...base, status: state.status === "sold_out" ? "sold_out" : status, remaining: state.remaining };
  } catch (err) {
    // The other figures still hold; the page says the units left are not known right now.
    console.error(
      JSON.stringify({ level: "warn", message: "deal state unavailable for the overview", dealId: deal.id, error: String(err) }),
    );
    return { ...base, status, remaining: null };
  }
}
