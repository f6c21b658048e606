import { restocksOwedStatement } from "../checkout/restocks";
import type { WaitUntil } from "../deals/edge-state";
import { type NamedDealRow, renderDeal } from "../deals/deal-rows";
import { PUBLIC_DEALS_SQL } from "../deals/list-deals";
import { unitsLeft } from "../deals/units-left";
import { type InvoicesOwed, invoicesOwedStatement } from "../invoices/backfill";
import { UNSETTLED_CANCELLATION } from "../orders/cancellation";
import { type PlacedMinute, placedMinutesStatement, placedRate } from "../orders/order-minutes";
import { countSql, countsBySql } from "../platform/count-sql";
import { countsByQueue, deadLetterCountsStatement, REPLAYABLE_QUEUE_NAMES } from "../platform/dead-letters";
import { unrelayedCountStatement } from "../platform/outbox";
import { emailsGivenUpStatement, emailsWaitingStatement } from "../notifications/email-delivery";
import { REPORTABLE_ANSWER, REPORTED_ANSWERS } from "../questions/answer-reports";
import { REPORTABLE_REVIEW, REPORTED_REVIEWS } from "../reviews/review-reports";
import { COUNT_FIGURES, type CountFigure, type LongestWaiting, type Overview, type OverviewDeal, QUEUE_STATUSES } from "./schemas";

/**
 * The most any overview count of a queue or a backlog counts to. Ops read ten thousand orders
 * waiting to be packed, or mails waiting to be sent, as "a lot" whatever the true number, while
 * every view of the page (which reloads itself every half minute in every open tab) would
 * otherwise walk all of a sale day's million confirmed orders: stopped here, each count's walk
 * ends one index entry past it. The orders placed lately are not counted so but summed from
 * per-minute counters, exact: there a rate is what ops read, and "10,000+" would lose it.
 */
export const OVERVIEW_COUNT_CAP = 10_000;

/** The overview's counts of `orders`, each one index range, and counted up to a cap. */
const ORDER_COUNTS = {
  // One range per queue status of a status index, read from the index alone.
  byStatus: { from: "orders", column: "status" },
  // orders_saga_check_idx: only orders whose saga has not ended are in it.
  sagasDue: { from: "orders", where: "saga_check_at <= ?1" },
  // orders_cancel_unsettled_idx, with a look at each of those orders' transitions: the same orders
  // as the unsettled list the count links to.
  cancellationsUnsettled: { from: "orders o INDEXED BY orders_cancel_unsettled_idx", where: UNSETTLED_CANCELLATION },
} as const;

// orders_status_updated_idx: the first entry of the status is the order longest in it.
const LONGEST_IN_SQL = "SELECT id, updated_at AS since FROM orders WHERE status = ?1 ORDER BY updated_at LIMIT 1";

const countOf = (rows: unknown[] | undefined) => Number((rows?.[0] as { n?: number } | undefined)?.n ?? 0);

/**
 * The overview's statements, in the order `readOverview` reads their results. Each reads one
 * index range (see `ORDER_COUNTS` and the statements it borrows from the crons' own modules), and
 * each count stops at `cap + 1` rows; the orders placed lately are the last hour's per-minute
 * counters, at most 61 rows. Exported so a test can ask SQLite for each plan and see that none
 * scans a table.
 */
export function overviewStatements(db: D1Database, now: number, cap = OVERVIEW_COUNT_CAP): D1PreparedStatement[] {
  const at = new Date(now).toISOString();
  return [
    db.prepare(countsBySql(ORDER_COUNTS.byStatus, QUEUE_STATUSES, cap)),
    placedMinutesStatement(db, now),
    db.prepare(LONGEST_IN_SQL).bind("confirmed"),
    db.prepare(LONGEST_IN_SQL).bind("return_requested"),
    db.prepare(countSql(ORDER_COUNTS.sagasDue, cap)).bind(at),
    db.prepare(countSql(ORDER_COUNTS.cancellationsUnsettled, cap)),
    restocksOwedStatement(db, cap),
    invoicesOwedStatement(db, cap),
    unrelayedCountStatement(db, cap),
    deadLetterCountsStatement(db, cap),
    emailsWaitingStatement(db, cap),
    emailsGivenUpStatement(db, cap),
    db.prepare(PUBLIC_DEALS_SQL).bind(at, at),
    db.prepare(countSql(REPORTED_COUNTS.reviews, cap)),
    db.prepare(countSql(REPORTED_COUNTS.answers, cap)),
    // An index led by status: the open requests are one range of it.
    db.prepare(countSql(HELP_WAITING, cap)),
    // help_requests_status_idx: the first open request in it was asked longest ago.
    db.prepare(OLDEST_HELP_SQL),
  ];
}

const OLDEST_HELP_SQL = "SELECT order_id AS id, created_at AS since FROM help_requests WHERE status = 'open' ORDER BY created_at LIMIT 1";

const HELP_WAITING = { from: "help_requests", where: "status = 'open'" };

/** The moderation queues' counts: each walks its queue's partial index, which holds that queue alone. */
const REPORTED_COUNTS = {
  reviews: { from: `${REPORTABLE_REVIEW.table} ${REPORTED_REVIEWS.alias}`, where: REPORTED_REVIEWS.reported },
  answers: { from: `${REPORTABLE_ANSWER.table} ${REPORTED_ANSWERS.alias}`, where: REPORTED_ANSWERS.reported },
};

/**
 * Reads every figure of the overview in one D1 batch, so the page costs one round trip however
 * many figures it shows (each count exact up to `cap`, else the cap and named in `capped`; the
 * orders placed lately exact), then asks the gates of live deals how many units they have left
 * (from the waiting room's edge cache, so an ops page polling adds at most a call a second per
 * deal).
 */
export async function readOverview(env: Env, ctx: WaitUntil, now = Date.now(), cap = OVERVIEW_COUNT_CAP): Promise<Overview> {
  const at = new Date(now).toISOString();
  const [
    byStatus,
    placed,
    toPack,
    toDecide,
    sagas,
    cancellations,
    restocks,
    invoices,
    outbox,
    dead,
    emailsWaiting,
    emailsGivenUp,
    deals,
    reviewsReported,
    answersReported,
    helpWaiting,
    oldestHelp,
  ] = await env.DB.batch(overviewStatements(env.DB, now, cap));
  const reached = new Set<CountFigure>();
  // Each count stopped at cap + 1 rows: more than the cap answers the cap, named as reached.
  const upTo = (figure: CountFigure, n: number) => {
    if (n <= cap) return n;
    reached.add(figure);
    return cap;
  };
  const counts = Object.fromEntries(QUEUE_STATUSES.map((s) => [s, 0])) as Overview["orders"]["by_status"];
  for (const row of (byStatus?.results ?? []) as Array<{ status: keyof typeof counts; n: number }>) {
    counts[row.status] = upTo(`orders.by_status.${row.status}`, row.n);
  }
  const deadLetters = countsByQueue(dead?.results);
  for (const queue of REPLAYABLE_QUEUE_NAMES) deadLetters[queue] = upTo(`backlog.dead_letters.${queue}`, deadLetters[queue]);
  const rate = placedRate((placed?.results ?? []) as PlacedMinute[], now);
  const owed = invoices?.results[0] as InvoicesOwed | undefined;
  const orders: Overview["orders"] = {
    by_status: counts,
    placed_last_hour: rate.lastHour,
    placed_last_5_minutes: rate.lastFiveMinutes,
    per_minute: rate.perMinute,
    help_waiting: upTo("orders.help_waiting", countOf(helpWaiting?.results)),
    oldest_waiting_to_pack: longest(toPack?.results),
    oldest_return_request: longest(toDecide?.results),
    oldest_help_request: longest(oldestHelp?.results),
  };
  const backlog: Overview["backlog"] = {
    sagas_due: upTo("backlog.sagas_due", countOf(sagas?.results)),
    cancellations_unsettled: upTo("backlog.cancellations_unsettled", countOf(cancellations?.results)),
    restocks_owed: upTo("backlog.restocks_owed", countOf(restocks?.results)),
    invoices_owed: upTo("backlog.invoices_owed", owed?.withoutInvoices ?? 0),
    invoices_held_without_gstin: upTo("backlog.invoices_held_without_gstin", owed?.unregistered ?? 0),
    outbox_unrelayed: upTo("backlog.outbox_unrelayed", countOf(outbox?.results)),
    emails_waiting: upTo("backlog.emails_waiting", countOf(emailsWaiting?.results)),
    emails_given_up: upTo("backlog.emails_given_up", countOf(emailsGivenUp?.results)),
    dead_letters: deadLetters,
  };
  return {
    read_at: at,
    capped_at: cap,
    capped: COUNT_FIGURES.filter((f) => reached.has(f)),
    orders,
    backlog,
    moderation: {
      reviews_reported: upTo("moderation.reviews_reported", countOf(reviewsReported?.results)),
      answers_reported: upTo("moderation.answers_reported", countOf(answersReported?.results)),
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
  const left = await unitsLeft(env, ctx, { id: deal.id, status, units: deal.units }, "the overview");
  return { id: deal.id, product_title: row.productTitle, starts_at: deal.starts_at, ends_at: deal.ends_at, units: deal.units, ...left };
}
