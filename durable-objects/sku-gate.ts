import { DurableObject } from "cloudflare:workers";
import type {
  DealState,
  EdgeJoinReport,
  GateAdjustResult,
  GateAdjustment,
  GateConfig,
  GateFigures,
  GateJournalEntry,
  GateOutcome,
  GateStatus,
  HoldClaim,
  HoldView,
  ReserveRequest,
  ReserveResult,
} from "../workers/deals/gate-types";
import { adjustDeal } from "./sku-gate-adjust";
import { statusOf, syncEdge } from "./sku-gate-admission";
import { GateAlarm, alarmNeeded } from "./sku-gate-alarm";
import { type GateCall, loadDeal } from "./sku-gate-call";
import { holdNow, pauseClock, resumeClock, sessionEndNow } from "./sku-gate-clock";
import { holdRow } from "./sku-gate-holds";
import { FLUSH_MS, RETRY_MS, flushGateJournal, returnEntries } from "./sku-gate-journal";
import { PageHoldKept, counted, movesPastLimit, reserveHold } from "./sku-gate-reserve";
import { type DealRow, migrateGate } from "./sku-gate-schema";
import { groupLapse } from "./sku-gate-sessions";
import { commitHold, endSales, expireDue, releaseHold } from "./sku-gate-settle";
import { figuresOf, setUpDeal } from "./sku-gate-state";

/**
 * One per deal, named by the deal id: serializes reserve, commit and release of the deal's
 * allocated units and runs its waiting room's admission cursor. Every method's storage work is
 * synchronous SQL with no await in between, run as one transaction, so calls never interleave
 * and a call that throws leaves nothing half-written; that is what makes overselling impossible.
 * One alarm serves hold expiries and journal flushes; each call sets what its writes need of it
 * as they commit (see `GateAlarm`). The steps are plain functions over the gate's SQLite in the
 * sku-gate-*.ts modules; this class keeps the in-memory mirrors and runs the transactions.
 */
export class SkuGate extends DurableObject<Env> {
  private readonly sql: SqlStorage;
  // In-memory mirrors of what storage holds, so a reserve at sale-day rates does not re-read
  // them. The object is the only writer and its calls never interleave, so they stay exact;
  // undefined means "not known, read storage", which is also the state after an eviction.
  /** The deal row, kept equal to storage by every write the gate makes to it (see `GateCall.deal`). */
  private dealRow: DealRow | null | undefined;
  /** No held hold expires before this (an under-estimate is harmless: it only costs a look). */
  private nextDueAt: number | undefined;
  private readonly alarms: GateAlarm;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.alarms = new GateAlarm(ctx.storage);
    ctx.blockConcurrencyWhile(async () => {
      migrateGate(this.sql);
      await this.alarms.load();
      // A gate that stopped after its writes and before the alarm they needed was set (as gates
      // could before the two were written together), or whose alarm gave up retrying, starts
      // with work waiting and no alarm: it gets one back, so its holds expire and its journal ships.
      this.alarms.need(alarmNeeded(this.sql, this.deal()?.paused_at ?? null, Date.now()));
    });
  }

  /** Sets the deal up; a repeat with the same deal is a no-op, so deal creation can be retried. */
  async init(config: GateConfig): Promise<GateFigures> {
    const existing = this.deal();
    if (existing && existing.deal_id !== config.dealId) throw new Error(`gate already holds deal ${existing.deal_id}`);
    if (!existing) {
      setUpDeal(this.sql, config);
      this.dealRow = undefined;
    }
    return this.figures();
  }

  /** Holds units for a shopper until the deal's hold time passes; see `ReserveRequest`. */
  async reserve(input: ReserveRequest): Promise<ReserveResult> {
    const now = Date.now();
    const admittedUntil = (input.admittedIn === undefined ? null : groupLapse(this.sql, input.admittedIn)) ?? input.admittedUntil ?? null;
    try {
      return this.transact(now, (call) => reserveHold(call, input, admittedUntil));
    } catch (err) {
      if (!(err instanceof PageHoldKept)) throw err;
      return { ok: false, reason: err.reason };
    }
  }

  /**
   * Turns a live hold into a sale and frees the shopper's waiting-room slot if their session is
   * still open. An expired or released hold, or one another order claimed, is refused; `noop` is
   * the same order's replay.
   */
  async commit(reservationId: string, claim?: HoldClaim): Promise<GateOutcome> {
    // A gate never set up holds nothing.
    if (!this.deal()) return "refused";
    return this.transact(Date.now(), (call) => commitHold(call, reservationId, claim));
  }

  /**
   * A hold as it stands now, for the shopper's checkout clock; null if there is none. It only
   * reads: a hold past its expiry is reported expired and left for the alarm to give back.
   * `account` is the account signed in where the hold is read, if any.
   */
  async hold(reservationId: string, account?: string | null): Promise<HoldView | null> {
    const d = this.deal();
    const found = holdNow(this.sql, reservationId, d?.paused_at ?? null, Date.now());
    if (!found) return null;
    const { limitKey, ...hold } = found;
    // A page hold an order took over: whether its buyer may come back for more.
    if (limitKey && d) hold.moreAllowed = Math.max(0, d.per_user_limit - counted(this.sql, limitKey));
    // A guest's hold read by the account signed in since: checkout counts it against that account.
    if (hold.status === "held" && account && d) {
      const row = holdRow(this.sql, reservationId);
      hold.overAccountLimit = row !== null && movesPastLimit(this.sql, row, account, d.per_user_limit);
    }
    return hold;
  }

  /**
   * Gives a hold back to the deal (or, once the deal has ended, to the ledger). A sale is not
   * undone here (`refused`: the caller restocks it); a hold `owner` does not own is left alone.
   */
  async release(reservationId: string, reason: string, owner?: string): Promise<GateOutcome> {
    const d = this.deal();
    if (!d) return "noop";
    const outcome = this.transact(Date.now(), (call) => releaseHold(call, reservationId, owner ?? null));
    if (outcome === "done")
      console.log(JSON.stringify({ level: "info", message: "deal hold released", dealId: d.deal_id, reservationId, reason }));
    return outcome;
  }

  /**
   * Stops new reserves, and the admitted shoppers' session clock: no session runs out while the
   * deal is paused. Holds already made can still be paid for. Pausing again changes nothing.
   */
  async pause(): Promise<GateStatus> {
    const now = Date.now();
    if (this.deal()) this.transact(now, pauseClock);
    return this.status(now);
  }

  /**
   * Lets reserves in again after a pause. Every session still open when the pause began ends
   * later by the pause's length, in one transaction with the holds taken in those sessions; the
   * admission rate restarts rather than banking the pause. Resuming a deal that runs changes nothing.
   */
  async resume(): Promise<GateStatus> {
    const now = Date.now();
    this.transact(now, resumeClock);
    return this.status(now);
  }

  /**
   * Changes the deal's settings as its manager asked, checked against the gate's own state and
   * clock; a refusal writes nothing. `restore` puts back settings the deal row still has, after
   * the row refused a change the gate had made. See sku-gate-adjust.ts for when each takes effect.
   */
  async adjust(change: GateAdjustment, restore = false): Promise<GateAdjustResult> {
    return this.transact(Date.now(), (call) => adjustDeal(call, change, restore));
  }

  /**
   * When the session of admission group `startedAt` ends, for a token signed before a pause
   * extended it: while the deal is paused, as if it resumed now. Null if there is no such group.
   */
  async sessionEndOf(startedAt: number): Promise<number | null> {
    const d = this.deal();
    return d && sessionEndNow(this.sql, startedAt, d.paused_at, Date.now());
  }

  /**
   * Ends the deal: no more reserves, and every unit neither sold nor held is journaled as
   * returned. Returns the journal entries the caller applies to the ledger right away (the
   * queue delivers them again later, which the ledger absorbs). Holds still open return their
   * units when they are released or expire.
   */
  async end(): Promise<GateJournalEntry[]> {
    this.transact(Date.now(), endSales);
    return returnEntries(this.sql);
  }

  /**
   * The edge's once-a-second call: adds the joins an isolate counted, runs an admission step
   * and answers with the deal state the isolate caches. The herd never calls anything else.
   */
  async sync(report: EdgeJoinReport): Promise<DealState> {
    return this.transact(Date.now(), (call) => {
      expireDue(call);
      return syncEdge(call, report);
    });
  }

  /** Live figures for the deal console. */
  async figures(): Promise<GateFigures> {
    return figuresOf(this.sql, this.requireDeal(), Date.now());
  }

  /**
   * Sets the alarm again when work waits for it (a running hold's expiry, journal rows to ship)
   * and none is set, reading storage rather than trusting memory. Cheap and idempotent: the
   * minute cron calls it for ended deals, whose gates nothing else calls. Returns when the alarm
   * goes off, or null when none is needed.
   */
  async ensureAlarm(): Promise<number | null> {
    await this.alarms.load();
    this.alarms.need(alarmNeeded(this.sql, this.deal()?.paused_at ?? null, Date.now()));
    return this.alarms.setFor();
  }

  /** Expires due holds and ships the journal; then sets the alarm for the next due thing. */
  async alarm(): Promise<void> {
    const now = Date.now();
    // The alarm looks at storage itself rather than trusting the remembered due time: it is the
    // path that must never miss an expiry. What it expires ships below, not on an alarm of its own.
    this.nextDueAt = undefined;
    const d = this.deal();
    if (d) this.transact(now, expireDue);
    // The alarm that went off is gone from storage once this returns.
    this.alarms.fired();
    let flushAt = now + FLUSH_MS;
    if (d) {
      const shipped = await flushGateJournal(this.sql, this.env.INVENTORY_JOURNAL, {
        dealId: d.deal_id,
        skuId: d.sku_id,
        warehouseId: d.warehouse_id,
      });
      if (!shipped) flushAt = now + RETRY_MS;
    }
    this.alarms.need(alarmNeeded(this.sql, this.deal()?.paused_at ?? null, flushAt));
  }

  private status(now: number): GateStatus {
    const d = this.deal();
    return d ? statusOf(d, now) : "setting_up";
  }

  /**
   * Runs one call's steps as a single transaction, so a statement that throws (a CHECK on the
   * deal row) rolls back the ones before it rather than leaving, say, a hold row with no count.
   * The in-memory mirrors may already hold the rolled-back change, so they are dropped. Once the
   * writes commit, the alarm they need is set in the same turn, so storage keeps both or neither.
   */
  private transact<T>(now: number, steps: (call: GateCall) => T): T {
    const call: GateCall = { sql: this.sql, deal: this.requireDeal(), now, dueAt: this.nextDueAt, wakeAt: null };
    let result: T;
    try {
      result = this.ctx.storage.transactionSync(() => steps(call));
    } catch (err) {
      this.dealRow = undefined;
      this.nextDueAt = undefined;
      throw err;
    }
    this.dealRow = call.deal;
    this.nextDueAt = call.dueAt;
    this.alarms.need(call.wakeAt);
    return result;
  }

  private deal(): DealRow | null {
    if (this.dealRow === undefined) this.dealRow = loadDeal(this.sql);
    return this.dealRow;
  }

  private requireDeal(): DealRow {
    const d = this.deal();
    if (!d) throw new Error("SkuGate used before init");
    return d;
  }
}
