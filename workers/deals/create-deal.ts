import { allocateToDealStatements } from "../inventory/deal-ledger";
import { money } from "../pages/format";
import { dealUnitsOf } from "../inventory/deal-units";
import { AppError } from "../platform/errors";
import { newId } from "../platform/ids";
import { nowIso } from "../platform/time";
import { dealChangedStatements } from "./deal-changes";
import { gateFor } from "./gate-client";
import { endDeal } from "./control-deal";
import { DEAL_COLUMNS, type DealRow, SETUP_FINISH_MS, findDeal, gateConfigOf } from "./deal-rows";
import { OVERLAPS, type OverlappingDeal, overlapProblem, overlappingDeal } from "./deal-window";
import type { CreateDealInput } from "./schemas";

/** What a creation answered: the deal, and whether it was an earlier request's deal replayed. */
export interface CreatedDeal {
  deal: DealRow;
  replayed: boolean;
}

/** Whether a request reusing an Idempotency-Key asks for exactly the deal the key made. */
function sameRequest(d: DealRow, input: CreateDealInput): boolean {
  return (
    d.listingId === input.listing_id &&
    d.dealPrice === input.deal_price &&
    d.units === input.units &&
    Date.parse(d.startsAt) === Date.parse(input.starts_at) &&
    Date.parse(d.endsAt) === Date.parse(input.ends_at) &&
    d.perUserLimit === input.per_user_limit &&
    d.holdSeconds === input.hold_seconds &&
    d.activeUsers === input.waiting_room.active_users &&
    d.newUsersPerMinute === input.waiting_room.new_users_per_minute &&
    d.sessionMinutes === input.waiting_room.session_minutes
  );
}

/** The deal a manager's Idempotency-Key made: keys are each manager's own, as checkout's are each shopper's. */
function dealByKey(db: D1Database, createdBy: string, idempotencyKey: string): Promise<DealRow | null> {
  return db
    .prepare(`SELECT ${DEAL_COLUMNS} FROM deals WHERE created_by = ? AND idempotency_key = ?`)
    .bind(createdBy, idempotencyKey)
    .first<DealRow>();
}

/**
 * The answer when a deal already covers the window. A request with the same Idempotency-Key that
 * got there first (a double submit, or a retry sent while the first was still running) recorded
 * that deal: this request is a retry of it and is answered with it, not refused by it.
 */
async function refuseOverlap(
  env: Env,
  input: CreateDealInput,
  idempotencyKey: string,
  createdBy: string,
  overlap: OverlappingDeal | null,
): Promise<CreatedDeal> {
  const own = await dealByKey(env.DB, createdBy, idempotencyKey);
  if (own) return { deal: await finishSetup(env, own, input), replayed: true };
  throw overlapProblem(overlap);
}

/**
 * Creates a flash deal in three steps, each safe to repeat: (1) one D1 batch records the deal as
 * `setting_up` unless another deal covers the listing in its window, and carves the units out of
 * the ledger (conditional UPDATE, journaled), the deal row only existing if the units moved;
 * (2) the deal's SkuGate is initialized; (3) only then is the deal marked `scheduled`, so a deal
 * whose gate is not ready can never go live. The Idempotency-Key is UNIQUE per manager, so a
 * retried request finds the first deal and resumes whatever step it had not finished. A step
 * after (1) that fails is recorded on the row (`setup_failed_at`), so the console shows a failed
 * setup rather than one in progress.
 */
export async function createDeal(env: Env, input: CreateDealInput, idempotencyKey: string, createdBy: string): Promise<CreatedDeal> {
  const db = env.DB;
  const prior = await dealByKey(db, createdBy, idempotencyKey);
  if (prior) return { deal: await finishSetup(env, prior, input), replayed: true };

  const listing = await db
    .prepare("SELECT id, product_id AS productId, price, active FROM listings WHERE id = ?")
    .bind(input.listing_id)
    .first<{ id: string; productId: string; price: number; active: number }>();
  if (!listing?.active) {
    throw new AppError("validation_failed", "The listing does not exist or is not active.", {
      errors: [{ path: "listing_id", message: "unknown or inactive listing" }],
    });
  }
  if (input.deal_price >= listing.price) {
    throw new AppError("validation_failed", "A deal price must be below the listing's price.", {
      errors: [{ path: "deal_price", message: `must be below the listing's price of ${money(listing.price)}` }],
    });
  }
  const startsAt = new Date(input.starts_at).toISOString();
  const endsAt = new Date(input.ends_at).toISOString();
  // Answers early, before any stock is looked at; only the deal's insert below can be sure, as
  // another creation may record its deal between this read and that insert.
  const overlap = await overlappingDeal(db, input.listing_id, startsAt, endsAt);
  if (overlap) return refuseOverlap(env, input, idempotencyKey, createdBy, overlap);

  // Candidate warehouses only; the conditional UPDATE in the batch decides.
  const { results: candidates } = await db
    .prepare("SELECT warehouse_id AS warehouseId FROM inventory WHERE sku_id = ? AND available >= ? ORDER BY available DESC LIMIT 3")
    .bind(input.listing_id, input.units)
    .all<{ warehouseId: string }>();
  const id = newId("deal");
  const now = nowIso();
  for (const { warehouseId } of candidates) {
    const move = { skuId: input.listing_id, warehouseId, qty: input.units, ref: `${id}:allocate`, reason: `deal ${id} created` };
    let recorded = false;
    let moved = false;
    try {
      const results = await db.batch([
        // The overlap check and the insert are one statement, so of two creations for the same
        // window at once only the first recorded deal stands; the other inserts nothing.
        db
          .prepare(
            `INSERT INTO deals (id, listing_id, product_id, warehouse_id, deal_price, units, starts_at, ends_at, per_user_limit,
               hold_seconds, wr_active_users, wr_new_users_per_minute, wr_session_minutes, status, created_by, idempotency_key, created_at, updated_at)
             SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 'setting_up', ?14, ?15, ?16, ?16
             WHERE NOT EXISTS (SELECT 1 FROM deals WHERE ${OVERLAPS("?2", "?7", "?8")})`,
          )
          .bind(
            id,
            input.listing_id,
            listing.productId,
            warehouseId,
            input.deal_price,
            input.units,
            startsAt,
            endsAt,
            input.per_user_limit,
            input.hold_seconds,
            input.waiting_room.active_users,
            input.waiting_room.new_users_per_minute,
            input.waiting_room.session_minutes,
            createdBy,
            idempotencyKey,
            now,
          ),
        // The units move only if the deal was recorded; the journal row and the catalog's
        // statements (carving the units out can leave the listing sold out) follow the move.
        ...allocateToDealStatements(db, move, now, { afterRecord: true }),
        // A deal recorded where the warehouse turned out short is taken back, so a deal row only
        // ever exists with its units moved.
        db
          .prepare(
            "DELETE FROM deals WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM inventory_journal WHERE ref = ?2 AND kind = 'deal_allocate')",
          )
          .bind(id, move.ref),
      ]);
      recorded = results[0]?.meta.changes === 1;
      moved = results[1]?.meta.changes === 1;
    } catch (err) {
      // A concurrent request with the same key won the UNIQUE constraint: the batch rolled back whole.
      if (!String(err).includes("UNIQUE")) throw err;
      const winner = await dealByKey(db, createdBy, idempotencyKey);
      if (!winner) throw err;
      return { deal: await finishSetup(env, winner, input), replayed: true };
    }
    if (!recorded) {
      // Another deal for this listing and window was recorded since the check above.
      return refuseOverlap(env, input, idempotencyKey, createdBy, await overlappingDeal(db, input.listing_id, startsAt, endsAt));
    }
    if (moved) {
      const row = await recordingFailure(db, id, async () => {
        const found = await db.prepare(`SELECT ${DEAL_COLUMNS} FROM deals WHERE id = ?`).bind(id).first<DealRow>();
        if (!found) throw new Error(`deal ${id} vanished after creation`);
        return found;
      });
      return { deal: await finishSetup(env, row, input), replayed: false };
    }
  }
  throw await notEnoughUnits(db, input);
}

/**
 * The refusal for a deal larger than any one warehouse's stock, naming the units field and, as
 * `deal_units`, the most a deal could carve as the refusal is made, so the console can say what
 * would fit. The figure is read after the attempt: stock may have moved since the candidates.
 */
async function notEnoughUnits(db: D1Database, input: CreateDealInput): Promise<AppError> {
  const [stock] = await dealUnitsOf(db, [input.listing_id]);
  const most = stock?.dealUnits ?? 0;
  return new AppError(
    "conflict",
    `Not enough available stock of ${input.listing_id} in one warehouse for ${input.units === 1 ? "1 unit" : `${input.units} units`}.`,
    {
      errors: [{ path: "units", message: `at most ${most} available to carve from one warehouse` }],
      extensions: { deal_units: most },
    },
  );
}

async function finishSetup(env: Env, deal: DealRow, input: CreateDealInput): Promise<DealRow> {
  if (!sameRequest(deal, input)) {
    throw new AppError("idempotency_mismatch", "This Idempotency-Key was used for a different deal.");
  }
  if (deal.status !== "setting_up") return deal;
  return recordingFailure(env.DB, deal.id, () => setUp(env, deal));
}

/**
 * Runs a setup step of deal `id`; if it throws, records the failure on the deal while it is still
 * `setting_up` and throws on. Recording is best effort: the step's own error is what the request
 * answers with, and a deal whose failure could not be recorded still reads as setting up until a
 * retry finishes it or the minute tick ends it.
 */
async function recordingFailure<T>(db: D1Database, id: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    try {
      await db.prepare("UPDATE deals SET setup_failed_at = ? WHERE id = ? AND status = 'setting_up'").bind(nowIso(), id).run();
    } catch (recordErr) {
      console.error(JSON.stringify({ level: "error", message: "deal setup failure not recorded", dealId: id, error: String(recordErr) }));
    }
    throw err;
  }
}

/** Sets up the gate of a deal still `setting_up` and marks it scheduled, or ends it when too late to. */
async function setUp(env: Env, deal: DealRow): Promise<DealRow> {
  const late = () => new Date(Date.now() - SETUP_FINISH_MS).toISOString();
  // Too late to finish: the minute tick may be ending it as abandoned right now, so this retry
  // ends it too (ending is idempotent) rather than answer "scheduled" for a deal about to end.
  if (deal.createdAt <= late()) return endDeal(env, deal.id);
  await gateFor(env, deal.id).init(gateConfigOf(deal));
  const now = nowIso();
  const [marked] = await env.DB.batch([
    // The age check is in the UPDATE so that a setup is finished only while the tick cannot be
    // ending it: the tick takes setups older than the whole grace, this takes younger than its
    // finishing window, and the two never overlap.
    env.DB.prepare(
      "UPDATE deals SET status = 'scheduled', setup_failed_at = NULL, updated_at = ? WHERE id = ? AND status = 'setting_up' AND created_at > ?",
    ).bind(now, deal.id, late()),
    // Scheduled is when the product page starts carrying the deal (shown once its window opens).
    ...dealChangedStatements(env.DB, deal, now),
  ]);
  if (marked?.meta.changes === 1) return { ...deal, status: "scheduled", setupFailedAt: null };
  // Another request finished the setup, or the minute tick ended it as abandoned, meanwhile, or
  // the finishing window closed during the gate's setup: answer with the deal as it now stands.
  const current = (await findDeal(env.DB, deal.id)) ?? deal;
  return current.status === "setting_up" ? endDeal(env, deal.id) : current;
}
