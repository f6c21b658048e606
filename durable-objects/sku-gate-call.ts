import type { DealRow } from "./sku-gate-schema";

/**
 * One SkuGate call's state while its transaction runs, shared by the steps it runs (the plain
 * functions of the sku-gate-*.ts modules). The gate builds it from its in-memory mirrors and
 * takes them back from it once the transaction commits, with the alarm its writes need.
 */
export interface GateCall {
  readonly sql: SqlStorage;
  /**
   * The deal row, kept equal to storage: a step that writes the row applies the same change to
   * it, or loads it again (loading it and then applying the change too would count it twice).
   */
  deal: DealRow;
  /** The call's clock (epoch ms). */
  readonly now: number;
  /** No running hold expires before this (an under-estimate only costs a look); undefined when not known. */
  dueAt: number | undefined;
  /** The earliest time the call's writes need the gate's alarm by (a hold's expiry, a journal flush); null when not at all. */
  wakeAt: number | null;
}

/** Notes that the call's writes need the alarm by `at` (null: nothing). */
export function wake(call: GateCall, at: number | null): void {
  if (at !== null) call.wakeAt = call.wakeAt === null ? at : Math.min(call.wakeAt, at);
}

/** The deal row as storage holds it; null before the gate is set up. */
export function loadDeal(sql: SqlStorage): DealRow | null {
  return sql.exec<DealRow>("SELECT * FROM deal WHERE id = 1").toArray()[0] ?? null;
}

/** Loads the call's deal row again, after writes to it that were not applied to the row in hand. */
export function reloadDeal(call: GateCall): void {
  const d = loadDeal(call.sql);
  if (!d) throw new Error("SkuGate used before init");
  call.deal = d;
}
