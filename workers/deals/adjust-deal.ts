import { AppError } from "../platform/errors";
import { nowIso } from "../platform/time";
import { type Adjustment, gateRefusalProblem, planAdjustment } from "./adjust-rules";
import { requireDeal } from "./control-deal";
import { dealChangedStatements } from "./deal-changes";
import type { DealRow } from "./deal-rows";
import { OVERLAPS, overlapProblem, overlappingDeal } from "./deal-window";
import { gateFor } from "./gate-client";
import type { GateAdjustment } from "./gate-types";
import type { AdjustDealInput } from "./schemas";

/**
 * Changes a deal's settings while it runs or before it opens (`PATCH /api/admin/deals/{id}`).
 *
 * The order of writes: the rules are checked against the deal row (adjust-rules.ts), and a moved
 * window against the listing's other deals; then the deal's gate makes the change, checking the
 * timing again by its own clock, since it is what enforces admission, sessions, the limit and the
 * end; then one D1 batch writes the row, conditional on the deal still being in a state that
 * allows the change and its window still free, with the catalog change when the product page
 * shows what moved. So:
 * - a refusal at any step before the row changes nothing (a row that refuses puts the gate back
 *   to the row's settings, read again);
 * - a failure between the gate and the row (the batch did not answer) leaves the gate ahead of
 *   the row. Making the same change to the gate again changes nothing, so retrying the request
 *   finishes it. Until then the minute cron ends the deal by the row's end time and the product
 *   page shows the row's price and times.
 * Last write wins: two managers adjusting one deal at once each see their own change answered,
 * and the one written last stands, in the gate and the row alike, as each writes both in turn.
 */
export async function adjustDeal(env: Env, id: string, input: AdjustDealInput): Promise<DealRow> {
  const db = env.DB;
  const deal = await requireDeal(db, id);
  const plan = planAdjustment(deal, input);
  if (plan.windowMoves) {
    const other = await overlappingDeal(db, deal.listingId, plan.settings.startsAt, plan.settings.endsAt, id);
    if (other) throw overlapProblem(other);
  }
  const gate = gateFor(env, id);
  const answer = await gate.adjust(plan.gate);
  if (!answer.ok) throw gateRefusalProblem(answer.reason, deal, input);
  const now = nowIso();
  const [written] = await db.batch([
    recordStatement(db, deal, plan, now),
    // A change the row then refuses leaves only a rebuilt page, which shows the row as it is.
    ...(plan.pageChanges ? dealChangedStatements(db, deal, now) : []),
  ]);
  if (written?.meta.changes === 1) return { ...deal, ...plan.settings };
  throw await refusedByRow(env, id, input);
}

/**
 * The deal row's update, made only while the deal is in a state that allows the change (not
 * ended; not opened, for a setting only a deal not open yet may change) and, for a moved window,
 * while no other deal covers it: the checks above read the row before the gate's change, and the
 * minute cron, a manager's pause or end, or another creation may have moved things since.
 */
function recordStatement(db: D1Database, deal: DealRow, plan: Adjustment, now: string): D1PreparedStatement {
  const s = plan.settings;
  const states = plan.beforeOpen ? "status = 'scheduled'" : "status IN ('scheduled', 'live', 'paused')";
  const free = plan.windowMoves ? `AND NOT EXISTS (SELECT 1 FROM deals WHERE ${OVERLAPS("?10", "?3", "?4", "?1")})` : "";
  return db
    .prepare(
      `UPDATE deals SET deal_price = ?2, starts_at = ?3, ends_at = ?4, per_user_limit = ?5, wr_active_users = ?6,
         wr_new_users_per_minute = ?7, wr_session_minutes = ?8, updated_at = ?9
       WHERE id = ?1 AND ${states} ${free}`,
    )
    .bind(
      deal.id,
      s.dealPrice,
      s.startsAt,
      s.endsAt,
      s.perUserLimit,
      s.activeUsers,
      s.newUsersPerMinute,
      s.sessionMinutes,
      now,
      // Bound only when the statement names it: D1 refuses a binding the SQL does not use.
      ...(plan.windowMoves ? [deal.listingId] : []),
    );
}

/** The gate settings a deal row has, for putting a gate back to them. */
function gateSettingsOf(d: DealRow): GateAdjustment {
  return {
    startsAt: Date.parse(d.startsAt),
    endsAt: Date.parse(d.endsAt),
    perUserLimit: d.perUserLimit,
    activeUsers: d.activeUsers,
    newUsersPerMinute: d.newUsersPerMinute,
    sessionMinutes: d.sessionMinutes,
  };
}

/**
 * The answer when the row refused a change the gate had made: the gate goes back to the row's
 * settings, read again, so the two agree and nothing has changed; the refusal says why, as the
 * same request made now would be refused.
 */
async function refusedByRow(env: Env, id: string, input: AdjustDealInput): Promise<AppError> {
  const current = await requireDeal(env.DB, id);
  await gateFor(env, id).adjust(gateSettingsOf(current), true);
  try {
    const plan = planAdjustment(current, input);
    if (plan.windowMoves) {
      const other = await overlappingDeal(env.DB, current.listingId, plan.settings.startsAt, plan.settings.endsAt, id);
      if (other) return overlapProblem(other);
    }
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  return new AppError("conflict", "This deal changed while the change was being made, and nothing was changed. Try again.");
}
