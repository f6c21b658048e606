import { gateFor } from "./gate-client";

/** Ended deals whose gates one tick checks at most. */
const CHECK_PER_TICK = 50;

/**
 * Sees that the gates of ended deals still owing the ledger have their alarm set, and records
 * when one owes it nothing more. Units held when a deal ended come back when their holds expire,
 * and sales and returns reach D1 when the journal ships, both by the gate's alarm. Nothing else
 * calls an ended deal's gate, so one whose alarm was lost would keep those units allocated for
 * good. `ensureAlarm` is idempotent. Returns how many gates were asked to, and how many settled.
 * A deal that settles has its sold and returned units recorded again, now final.
 *
 * Every ended deal is checked until it settles, whatever else runs on its listing, in turn: the
 * never-checked first, oldest end first, then the one checked longest ago. So a gate that keeps
 * failing goes to the back rather than holding up the rest, and however many deals wait, each is
 * reached. Deals that ended before settling was recorded start unsettled and settle here.
 *
 * Settled is final, and needs no delay after the end to be safe: `endDeal` ends the gate before
 * the row says ended, and an ended gate takes no new hold. Its `reserved` figure is the units of
 * the holds still held; once that is 0, no call can journal anything again: commits, releases and
 * claims only act on held holds, and ending again finds nothing unsold. (A sale cancelled later
 * is restocked in D1, not through the gate, which only counts it returned: `recordEndedFigures`.)
 * With no journal row left unsent either, the gate's alarm has nothing more to do.
 */
export async function checkEndedGates(env: Env, now: string): Promise<{ rearmed: number; settled: number }> {
  const { results } = await env.DB.prepare(
    "SELECT id FROM deals WHERE status = 'ended' AND settled_at IS NULL ORDER BY gate_checked_at, ends_at LIMIT ?",
  )
    .bind(CHECK_PER_TICK)
    .all<{ id: string }>();
  let rearmed = 0;
  let settled = 0;
  const marks: D1PreparedStatement[] = [];
  for (const { id } of results) {
    let owed = true;
    let outcome: { sold: number; returned: number } | null = null;
    try {
      const gate = gateFor(env, id);
      const figures = await gate.figures();
      owed = figures.journalPending > 0 || figures.reserved > 0;
      outcome = { sold: figures.sold, returned: figures.returned };
      if (owed) {
        await gate.ensureAlarm();
        rearmed++;
      }
    } catch (err) {
      console.error(JSON.stringify({ level: "error", message: "ended deal's gate alarm not checked", dealId: id, error: String(err) }));
    }
    if (owed) {
      marks.push(env.DB.prepare("UPDATE deals SET gate_checked_at = ?1 WHERE id = ?2").bind(now, id));
    } else if (outcome) {
      // Nothing is held any more: each unit held at the end was since sold or returned, so these
      // are the deal's final figures, where those recorded at its end left the held units out.
      marks.push(
        env.DB.prepare(
          "UPDATE deals SET gate_checked_at = ?1, settled_at = ?1, sold_units = ?3, returned_units = ?4 WHERE id = ?2 AND settled_at IS NULL",
        ).bind(now, id, outcome.sold, outcome.returned),
      );
      settled++;
    }
  }
  if (marks.length > 0) await env.DB.batch(marks);
  return { rearmed, settled };
}

/**
 * Records an ended deal's sold and returned units again from its gate, after a cancel there moved
 * a sale to returned: the deal list shows the figures recorded here, the dashboard the gate's, and
 * they must agree. Written as the gate counts them rather than as a change, so a retried cancel
 * records the same figures. A cancel landing while the deal is being ended (not ended here yet)
 * is recorded by the end, or by `checkEndedGates` when the deal settles, both reading the gate.
 */
export async function recordEndedFigures(env: Env, dealId: string): Promise<void> {
  const figures = await gateFor(env, dealId).figures();
  await env.DB.prepare("UPDATE deals SET sold_units = ?2, returned_units = ?3 WHERE id = ?1 AND status = 'ended'")
    .bind(dealId, figures.sold, figures.returned)
    .run();
}
