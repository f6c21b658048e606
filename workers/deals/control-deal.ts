import { applyGateJournal } from "../inventory/journal-consumer";
import { AppError } from "../platform/errors";
import { istTime, nowIso } from "../platform/time";
import { dealChangedStatements } from "./deal-changes";
import { purgeDealPages } from "./deal-pages";
import {
  DEAL_COLUMNS,
  type DashboardDealRow,
  type DealRow,
  SETUP_FINISH_MS,
  SETUP_GRACE_MS,
  findDashboardDeal,
  findDeal,
  gateConfigOf,
} from "./deal-rows";
import { checkEndedGates } from "./ended-gates";
import { dealLiveAlertStatement } from "../wishlist/alerts";
import { gateFor } from "./gate-client";
import type { GateFigures } from "./gate-types";

/** Reads a deal or answers 404. */
export async function requireDeal(db: D1Database, id: string): Promise<DealRow> {
  const deal = await findDeal(db, id);
  if (!deal) throw new AppError("not_found", `No deal ${id}.`);
  return deal;
}

/** A deal's state as the end of a sentence, for refusals a deal manager reads as they are. */
function stateInWords({ status, setupFailedAt }: DealRow): string {
  if (status === "setting_up") return setupFailedAt === null ? "is still being set up" : "could not be set up";
  if (status === "ended") return "has ended";
  return `is ${status}`;
}

/** Pauses a deal: the gate refuses new reserves first, then the row says so. */
export async function pauseDeal(env: Env, id: string): Promise<DealRow> {
  const deal = await requireDeal(env.DB, id);
  if (deal.status === "paused") return deal;
  if (deal.status !== "scheduled" && deal.status !== "live")
    throw new AppError("illegal_transition", `This deal ${stateInWords(deal)}, so it cannot be paused.`);
  await gateFor(env, id).pause();
  const now = nowIso();
  await env.DB.batch([
    env.DB.prepare("UPDATE deals SET status = 'paused', updated_at = ? WHERE id = ? AND status IN ('scheduled', 'live')").bind(now, id),
    ...dealChangedStatements(env.DB, deal, now),
  ]);
  await purgeDealPages(id);
  return { ...deal, status: "paused" };
}

/**
 * Resumes a paused deal. One whose end time passed while it was paused is over: it is ended at
 * once, as the minute cron would end it (unsold units back to the ledger), rather than shown as
 * live until the cron comes round.
 */
export async function resumeDeal(env: Env, id: string): Promise<DealRow> {
  const deal = await requireDeal(env.DB, id);
  if (deal.status === "scheduled" || deal.status === "live") return deal;
  if (deal.status !== "paused") throw new AppError("illegal_transition", `This deal ${stateInWords(deal)}, so it cannot be resumed.`);
  if (Date.parse(deal.endsAt) <= Date.now()) return endDeal(env, id);
  await gateFor(env, id).resume();
  const next = Date.parse(deal.startsAt) <= Date.now() ? "live" : "scheduled";
  const now = nowIso();
  await env.DB.batch([
    env.DB.prepare("UPDATE deals SET status = ?, updated_at = ? WHERE id = ? AND status = 'paused'").bind(next, now, id),
    // A deal paused before it opened opens here; one that was live already alerts nobody twice.
    ...(next === "live" ? [dealLiveAlertStatement(env.DB, id)] : []),
    ...dealChangedStatements(env.DB, deal, now),
  ]);
  await purgeDealPages(id);
  return { ...deal, status: next };
}

/**
 * Ends a deal: the gate stops selling and journals its unsold units as returned, and those
 * entries are applied to the ledger before this answers (the queue brings them again later,
 * which the ledger ignores by ref). The row records what the gate sold and returned, in the
 * update that marks it ended, so the console lists the outcome without asking the gate again.
 * Ending twice is harmless: the second end finds the row ended and answers it as it is, when it
 * ended included (the row is marked ended only after the gate has ended and its units are back).
 */
export async function endDeal(env: Env, id: string, opts: { soldOut?: boolean } = {}): Promise<DealRow> {
  const deal = await requireDeal(env.DB, id);
  if (deal.status === "ended") return deal;
  if (deal.status === "setting_up") {
    // Its gate may not exist yet; initializing it is idempotent and lets the units go back the one way.
    await gateFor(env, id).init(gateConfigOf(deal));
  }
  const gate = gateFor(env, id);
  const returned = await gate.end();
  await applyGateJournal(env.DB, {
    source: "sku-gate",
    dealId: id,
    skuId: deal.listingId,
    warehouseId: deal.warehouseId,
    entries: returned,
  });
  // Read after the end, so they count every unit the end returned.
  const figures = await gate.figures();
  const now = nowIso();
  await env.DB.batch([
    env.DB.prepare(
      "UPDATE deals SET status = 'ended', sold_units = ?, returned_units = ?, updated_at = ?, sold_out_at = ? WHERE id = ? AND status != 'ended'",
    ).bind(figures.sold, figures.returned, now, opts.soldOut ? now : null, id),
    ...dealChangedStatements(env.DB, deal, now),
  ]);
  // As recorded: a concurrent end may have marked it first, at its own moment.
  return requireDeal(env.DB, id);
}

/**
 * Ends a deal that has sold out, as soon as that is known: the journal's consumer asks after every
 * sale it books, the minute cron after every deal still selling. Until then the catalog, the cart
 * and checkout would go on offering the listing at the deal's price with a waiting room that only
 * answers "sold out", and the seller's own stock of it could not be bought until the deal's end.
 * Ended, the listing sells at its own price again; its gate still tells shoppers "sold out".
 * True when this call ended it.
 */
export async function endIfSoldOut(env: Env, id: string): Promise<boolean> {
  const deal = await findDeal(env.DB, id);
  if (!deal || (deal.status !== "scheduled" && deal.status !== "live" && deal.status !== "paused")) return false;
  if ((await gateFor(env, id).figures()).status !== "sold_out") return false;
  await endDeal(env, id, { soldOut: true });
  return true;
}

/**
 * The refusal for the figures of a deal still `setting_up`: its gate may never have been set up,
 * so there are none. Says whether its setup failed, and what becomes of it: a retried creation
 * may still finish it for a while, and the minute tick ends it after the grace, as ending it does.
 */
function notSetUp(deal: DealRow, now = Date.now()): AppError {
  const created = Date.parse(deal.createdAt);
  const finishBy = created + SETUP_FINISH_MS;
  const ending = `it is ended shortly after ${istTime(created + SETUP_GRACE_MS)} and its ${deal.units} units go back to stock`;
  const fate =
    now < finishBy
      ? `creating it again with the same Idempotency-Key before ${istTime(finishBy)} finishes the setup; otherwise ${ending}`
      : ending;
  const failed = deal.setupFailedAt !== null;
  const detail = failed
    ? `This deal's setup failed, so it cannot open or sell: ${fate}. Ending it now returns its units at once.`
    : `This deal is still being set up, so it has no figures yet. If its creation failed, ${fate}.`;
  return new AppError("deal_not_set_up", detail, { extensions: { deal_status: failed ? "setup_failed" : "setting_up" } });
}

/**
 * The deal, with what its dashboard states of it, and its gate's live figures; a deal not set up
 * is refused with what became of its setup.
 */
export async function dealFigures(env: Env, id: string): Promise<{ deal: DashboardDealRow; figures: GateFigures }> {
  const deal = await findDashboardDeal(env.DB, id);
  if (!deal) throw new AppError("not_found", `No deal ${id}.`);
  if (deal.status === "setting_up") throw notSetUp(deal);
  const figures = await gateFor(env, id).figures();
  return { deal, figures };
}

/** Scheduled deals one tick opens at most; the rest open on the next tick. */
const OPEN_PER_TICK = 100;

/**
 * The minute cron's deal housekeeping: marks scheduled deals whose window opened as live, ends
 * deals whose window closed so their unsold units go back to the ledger, ends deals whose setup
 * was abandoned, and checks on the alarms of ended deals' gates until they owe the ledger nothing.
 * Every deal it changes announces the change to the catalog in the same batch, and every deal it
 * opens starts the alert to its product's wishlisters.
 */
export async function tickDeals(
  env: Env,
  now = nowIso(),
): Promise<{ opened: number; ended: number; abandoned: number; rearmed: number; settled: number }> {
  const { results: opening } = await env.DB.prepare(
    `SELECT ${DEAL_COLUMNS} FROM deals WHERE status = 'scheduled' AND starts_at <= ?1 AND ends_at > ?1 LIMIT ${OPEN_PER_TICK}`,
  )
    .bind(now)
    .all<DealRow>();
  let opened = 0;
  if (opening.length > 0) {
    // A deal paused or ended since the read is left alone; its change row only costs a rebuild.
    const perDeal = opening.map((deal) => [
      env.DB.prepare("UPDATE deals SET status = 'live', updated_at = ?1 WHERE id = ?2 AND status = 'scheduled'").bind(now, deal.id),
      // Right after the update: it is written only if the update opened the deal.
      dealLiveAlertStatement(env.DB, deal.id),
      ...dealChangedStatements(env.DB, deal, now),
    ]);
    const results = await env.DB.batch(perDeal.flat());
    // The first statement of each deal's group is its own update.
    let at = 0;
    for (const group of perDeal) {
      if (results[at]?.meta.changes === 1) opened++;
      at += group.length;
    }
  }
  const { results: due } = await env.DB.prepare(
    `SELECT ${DEAL_COLUMNS} FROM deals WHERE status IN ('scheduled', 'live', 'paused') AND ends_at <= ? LIMIT 50`,
  )
    .bind(now)
    .all<DealRow>();
  let ended = 0;
  for (const deal of due) {
    try {
      await endDeal(env, deal.id);
      ended++;
    } catch (err) {
      // One deal whose gate keeps failing must not keep every other deal from ending and
      // returning its units; the next tick tries it again.
      console.error(JSON.stringify({ level: "error", message: "deal not ended", dealId: deal.id, error: String(err) }));
    }
  }
  ended += await endSoldOut(env);
  const abandoned = await endAbandonedSetups(env, now);
  return { opened, ended, abandoned, ...(await checkEndedGates(env, now)) };
}

/** Deals still selling that one tick asks their gates about at most. */
const SOLD_OUT_CHECKS_PER_TICK = 50;

/**
 * Ends the deals still selling whose gates sold out, for a sale whose journal the consumer has not
 * booked yet (or booked while the gate could not be asked). One gate that cannot be asked holds
 * up no other; the next tick asks again.
 */
async function endSoldOut(env: Env): Promise<number> {
  const { results: selling } = await env.DB.prepare(
    `SELECT id FROM deals WHERE status IN ('live', 'paused') ORDER BY starts_at LIMIT ${SOLD_OUT_CHECKS_PER_TICK}`,
  ).all<{ id: string }>();
  let ended = 0;
  for (const { id } of selling) {
    try {
      if (await endIfSoldOut(env, id)) ended++;
    } catch (err) {
      console.error(JSON.stringify({ level: "error", message: "sold-out deal not ended", dealId: id, error: String(err) }));
    }
  }
  return ended;
}

/**
 * Ends deals stuck in `setting_up` past the grace: the gate is set up and ended, which journals
 * every unit back to the ledger, exactly as ending any deal does (so repeating it moves nothing).
 * Ending is safe where finishing is not: the manager was told the creation failed, and a deal
 * nobody meant to run must not open. One deal whose gate keeps failing does not hold up the rest.
 */
async function endAbandonedSetups(env: Env, now: string): Promise<number> {
  const before = new Date(Date.parse(now) - SETUP_GRACE_MS).toISOString();
  const { results: stuck } = await env.DB.prepare("SELECT id FROM deals WHERE status = 'setting_up' AND created_at <= ? LIMIT 50")
    .bind(before)
    .all<{ id: string }>();
  let ended = 0;
  for (const { id } of stuck) {
    try {
      // A retried creation may have finished the setup since the read: that deal is left to run.
      if ((await findDeal(env.DB, id))?.status !== "setting_up") continue;
      await endDeal(env, id);
      ended++;
    } catch (err) {
      console.error(JSON.stringify({ level: "error", message: "abandoned deal setup not ended", dealId: id, error: String(err) }));
    }
  }
  return ended;
}
