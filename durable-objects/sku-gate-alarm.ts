import { nextDue } from "./sku-gate-clock";
import { journalWaiting } from "./sku-gate-journal";

/**
 * The SkuGate's one alarm, which serves hold expiries and journal flushes, as the gate last left
 * it. Storage is read when the object starts and memory kept exact after, so a call sets the
 * alarm its writes need in the same synchronous turn as the writes themselves: storage commits
 * the writes of a turn made without an await between them together (the output gate holds the
 * reply until they are durable), so no crash can leave a hold or a journal row standing without
 * the alarm that expires or ships it.
 */
export class GateAlarm {
  /** When the stored alarm goes off; null when none is set. */
  private at: number | null = null;

  constructor(private readonly storage: DurableObjectStorage) {}

  /** Reads the stored alarm: when the object starts, and when asked to check it. */
  async load(): Promise<number | null> {
    this.at = await this.storage.getAlarm();
    return this.at;
  }

  /**
   * Has the alarm go off by `at` (null: nothing is needed). Synchronous on purpose: called right
   * after a transaction, it joins that transaction's writes; an alarm already due sooner stays.
   */
  need(at: number | null): void {
    if (at === null || (this.at !== null && this.at <= at)) return;
    // Not awaited: awaiting would let the turn end between the writes and the alarm. A failed
    // write breaks the output gate and restarts the object, whose start sets the alarm again.
    void this.storage.setAlarm(at);
    this.at = at;
  }

  /** The alarm went off: storage holds none until one is set again. */
  fired(): void {
    this.at = null;
  }

  /** When the alarm goes off, as last set or read; null when none is set. */
  setFor(): number | null {
    return this.at;
  }
}

/**
 * When the gate's stored work needs the alarm by: the next running hold's expiry, or `flushAt`
 * while journal rows wait to ship; null when nothing waits. `pausedAt` as in `RUNNING`.
 */
export function alarmNeeded(sql: SqlStorage, pausedAt: number | null, flushAt: number): number | null {
  const next = nextDue(sql, pausedAt);
  if (!journalWaiting(sql)) return next;
  return next === null ? flushAt : Math.min(next, flushAt);
}
