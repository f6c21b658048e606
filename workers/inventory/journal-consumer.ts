import { z } from "zod";
import { endIfSoldOut } from "../deals/control-deal";
import type { GateJournalBatch } from "../deals/gate-types";
import { type Unreadable, keepUnreadable } from "../platform/dead-letters";
import type { Envelope } from "../platform/outbox";
import { retryDelaySeconds } from "../platform/queue-retry";
import { nowIso } from "../platform/time";
import {
  type DealRunEntry,
  dealNoteStatement,
  dealRestockStatements,
  dealRunStatements,
  dealSaleStatements,
  returnFromDealStatements,
} from "./deal-ledger";

const GateBatchSchema = z.object({
  source: z.literal("sku-gate"),
  dealId: z.string().min(1),
  skuId: z.string().min(1),
  warehouseId: z.string().min(1),
  entries: z.array(
    z.object({
      seq: z.number().int().positive(),
      // Only commits and returns move counters; any other kind is a note, so a gate a release ahead
      // of this consumer (a kind it does not know yet) is recorded rather than dead-lettered.
      kind: z.string().min(1),
      reservationId: z.string().nullable(),
      qty: z.number().int().positive(),
      at: z.string(),
    }),
  ),
});

/**
 * The most entries booked as one run: its JSON is one bound value, which D1 caps in size. A gate
 * ships 400 entries a message; a caller with a longer journal gets several runs.
 */
const RUN_MAX = 500;

/**
 * Applies a run of one SkuGate's journal to the D1 ledger in one batch: a commit moves units
 * allocated → sold, a return moves them allocated → available, and holds, claims and releases
 * are recorded without moving a counter (they stay inside the deal's allocation). The commits and
 * notes between two returns are booked as one run (`dealRunStatements`): two statements however
 * long the run, each entry still its own journal row. Every entry is keyed by
 * (deal, seq), so a batch delivered twice, or applied by the end route and then by the queue,
 * changes nothing the second time.
 *
 * A sale whose order was undone before the sale got here (a cancel, or the compensation of a
 * checkout whose commit was refused part way, within the second the gate takes to ship it, or a
 * batch replayed from the dead letters days later) is put back on the shelf in the same batch,
 * under the restock ref the undo itself uses, so once at most.
 */
export async function applyGateJournal(db: D1Database, batch: z.infer<typeof GateBatchSchema> | GateJournalBatch): Promise<void> {
  const now = nowIso();
  const at = { skuId: batch.skuId, warehouseId: batch.warehouseId };
  const undone = await undoneSales(
    db,
    batch.dealId,
    batch.entries.flatMap((e) => (e.kind === "commit" && e.reservationId ? [e.reservationId] : [])),
  );
  const statements: D1PreparedStatement[] = [];
  // Where each run's UPDATE sits in the batch, so a run its guard refused can be booked entry by entry.
  const runs: Array<{ update: number; entries: DealRunEntry[] }> = [];
  let run: DealRunEntry[] = [];
  const writeRun = () => {
    if (run.length === 0) return;
    const written = dealRunStatements(db, at, run, now);
    if (written.length > 1) runs.push({ update: statements.length, entries: run });
    statements.push(...written);
    run = [];
  };
  for (const e of batch.entries) {
    const move = {
      ...at,
      qty: e.qty,
      ref: `${batch.dealId}#${e.seq}`,
      reason: `deal ${batch.dealId} ${e.kind}${e.reservationId ? ` ${e.reservationId}` : ""}`,
    };
    if (e.kind === "return") {
      writeRun();
      statements.push(...returnFromDealStatements(db, move, now));
      continue;
    }
    const sale = e.kind === "commit";
    run.push({ ref: move.ref, reason: move.reason, qty: e.qty, sale });
    if (run.length >= RUN_MAX) writeRun();
    if (sale && e.reservationId && undone.has(e.reservationId)) {
      writeRun();
      const ref = `${e.reservationId}:restock`;
      statements.push(
        ...dealRestockStatements(
          db,
          { ...at, qty: e.qty, ref, reason: "order cancelled or failed before its deal sale reached the ledger" },
          now,
        ),
      );
    }
  }
  writeRun();
  if (statements.length === 0) return;
  const results = await db.batch(statements);
  const refused = runs.filter((r) => results[r.update]?.meta.changes === 0).flatMap((r) => r.entries);
  if (refused.length === 0) return;
  // The allocation did not cover a whole run: each of its sales is booked under its own guard,
  // as far as the allocation goes, and the ones it cannot cover are left out of the ledger as
  // they were before runs existed.
  await db.batch(
    refused.flatMap((e) => {
      const m = { ...at, qty: e.qty, ref: e.ref, reason: e.reason };
      return e.sale ? dealSaleStatements(db, m, now) : [dealNoteStatement(db, m, now)];
    }),
  );
}

/**
 * Of these deal hold ids, the ones whose orders were all cancelled, or failed once their payment
 * was authorized (the saga's compensation undoes a sale it made before another line was refused).
 * Each checkout holds under an id of its own; a hold id shared by several orders (holds made
 * before that) is left to the order's own restock, which asks the gate which order bought it.
 */
async function undoneSales(db: D1Database, dealId: string, holdIds: string[]): Promise<Set<string>> {
  if (holdIds.length === 0) return new Set();
  const { results } = await db
    .prepare(
      `SELECT oi.reservation_id AS ref FROM order_items oi
       WHERE oi.deal_id = ?1 AND oi.reservation_id IN (SELECT value FROM json_each(?2))
       GROUP BY oi.reservation_id
       HAVING COUNT(*) = 1
          AND MAX(EXISTS (SELECT 1 FROM order_transitions t WHERE t.order_id = oi.order_id
                          AND (t.to_status = 'cancelled' OR (t.to_status = 'payment_failed' AND t.from_status = 'payment_authorized')))) = 1`,
    )
    .bind(dealId, JSON.stringify(holdIds))
    .all<{ ref: string }>();
  return new Set(results.map((r) => r.ref));
}

/**
 * Writes SkuGate journal batches into the D1 inventory journal; a failing message is retried, then
 * dead-lettered, and one this release cannot read is dead-lettered at once.
 */
export async function consumeInventoryJournal(batch: MessageBatch<Envelope<unknown>>, env: Env, _ctx: ExecutionContext): Promise<void> {
  const unreadable: Unreadable[] = [];
  for (const message of batch.messages) {
    const parsed = GateBatchSchema.safeParse(message.body?.body);
    if (!parsed.success) {
      unreadable.push({ message, why: issuesOf(parsed.error) });
      continue;
    }
    try {
      await applyGateJournal(env.DB, parsed.data);
      message.ack();
      if (parsed.data.entries.some((e) => e.kind === "commit" || e.kind === "return")) await endWhenSoldOut(env, parsed.data.dealId);
    } catch (err) {
      console.error(JSON.stringify({ level: "error", message: "inventory-journal apply failed", id: message.id, error: String(err) }));
      message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
    }
  }
  await keepUnreadable(env.DB, "inventory-journal", unreadable);
}

/**
 * Ends the deal if that sale or return was its last unit. Booked already, the batch is not tried
 * again for this: a deal whose gate cannot be asked now is ended by the minute cron instead.
 */
async function endWhenSoldOut(env: Env, dealId: string): Promise<void> {
  try {
    await endIfSoldOut(env, dealId);
  } catch (err) {
    console.error(JSON.stringify({ level: "warn", message: "sold-out check left for the cron", dealId, error: String(err) }));
  }
}

/** The first few things the schema refused, short enough for ops to read in a list. */
function issuesOf(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join(".") || "body"}: ${i.message}`)
    .join("; ");
}
