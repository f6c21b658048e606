import type { GateJournalBatch, GateJournalEntry } from "../workers/deals/gate-types";
import type { Envelope } from "../workers/platform/outbox";
import { type GateCall, wake } from "./sku-gate-call";

/**
 * The SkuGate's journal: every change to the deal's units, shipped to D1 in batches through the
 * inventory-journal queue by the gate's alarm.
 */

/** The journal reaches D1 in batches at most this often, so D1 sees a bounded stream. */
export const FLUSH_MS = 1_000;
/** How soon a flush that failed is tried again. */
export const RETRY_MS = 5_000;

/** A row of the gate's journal table. */
export interface JournalRow {
  seq: number;
  kind: string;
  reservation_id: string | null;
  qty: number;
  at: number;
  [key: string]: SqlStorageValue;
}

// A queue message may be at most 128 KB and a sendBatch 256 KB; an entry is well under 150 bytes.
const ENTRIES_PER_MESSAGE = 400;
const MESSAGES_PER_SEND = 3;
const ROWS_PER_FLUSH = 5_000;

/** Journals a change for the ledger; it ships with the next flush, which the call's alarm brings within `FLUSH_MS`. */
export function journal(call: GateCall, kind: GateJournalEntry["kind"], reservationId: string | null, qty: number): void {
  call.sql.exec("INSERT INTO journal (kind, reservation_id, qty, at) VALUES (?, ?, ?, ?)", kind, reservationId, qty, call.now);
  wake(call, call.now + FLUSH_MS);
}

/** Whether journal rows wait to ship. */
export function journalWaiting(sql: SqlStorage): boolean {
  return sql.exec("SELECT 1 FROM journal WHERE sent = 0 LIMIT 1").toArray().length > 0;
}

/** Every return journaled so far, shipped or not. */
export function returnEntries(sql: SqlStorage): GateJournalEntry[] {
  return sql
    .exec<JournalRow>("SELECT seq, kind, reservation_id, qty, at FROM journal WHERE kind = 'return' ORDER BY seq")
    .toArray()
    .map(toEntry);
}

/** A journal row as the queue message carries it. */
export function toEntry(r: JournalRow): GateJournalEntry {
  return {
    seq: r.seq,
    kind: r.kind as GateJournalEntry["kind"],
    reservationId: r.reservation_id,
    qty: r.qty,
    at: new Date(r.at).toISOString(),
  };
}

/**
 * Ships unsent journal rows to the inventory-journal queue in a few large messages and marks
 * them sent. False when a send failed; the rows stay unsent and the next alarm retries, and
 * since the ledger applies each (deal, seq) once, a row shipped twice does no harm.
 */
export async function flushGateJournal(
  sql: SqlStorage,
  queue: Queue,
  deal: { dealId: string; skuId: string; warehouseId: string },
): Promise<boolean> {
  const rows = sql
    .exec<JournalRow>("SELECT seq, kind, reservation_id, qty, at FROM journal WHERE sent = 0 ORDER BY seq LIMIT ?", ROWS_PER_FLUSH)
    .toArray();
  for (let i = 0; i < rows.length; i += ENTRIES_PER_MESSAGE * MESSAGES_PER_SEND) {
    const slice = rows.slice(i, i + ENTRIES_PER_MESSAGE * MESSAGES_PER_SEND);
    const messages: Array<{ body: Envelope<GateJournalBatch> }> = [];
    for (let j = 0; j < slice.length; j += ENTRIES_PER_MESSAGE) {
      const entries = slice.slice(j, j + ENTRIES_PER_MESSAGE).map(toEntry);
      // Gate batches are not relayed through the D1 outbox, so they carry no outbox id; the
      // consumer deduplicates them on (deal, seq) instead.
      messages.push({ body: { outboxId: 0, body: { source: "sku-gate", ...deal, entries } } });
    }
    try {
      await queue.sendBatch(messages);
    } catch (err) {
      console.error(
        JSON.stringify({ level: "warn", message: "gate journal flush failed; alarm will retry", dealId: deal.dealId, error: String(err) }),
      );
      return false;
    }
    const last = slice[slice.length - 1];
    if (last) sql.exec("UPDATE journal SET sent = 1 WHERE sent = 0 AND seq <= ?", last.seq);
  }
  return true;
}
