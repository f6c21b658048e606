import { DurableObject } from "cloudflare:workers";
import type {
  DealState,
  EdgeJoinReport,
  GateConfig,
  GateFigures,
  GateJournalEntry,
  GateOutcome,
  GateStatus,
  HoldClaim,
  ReserveRefusal,
  ReserveResult,
} from "../workers/deals/gate-types";
import { GateAlarm } from "./sku-gate-alarm";
import { type JournalRow, flushGateJournal, toEntry } from "./sku-gate-journal";
import { dealStateOf, recordJoins, remainingOf, runAdmission, statusOf } from "./sku-gate-admission";
import { ENDS_WITH_SESSION, type HoldRow, commitStep, endsWithSession, isLive, releaseStep, reserveOverLive } from "./sku-gate-holds";
import { type DealRow, migrateGate } from "./sku-gate-schema";
import { activeSlots, extendSessions, freeSlot, groupLapse, sessionClock } from "./sku-gate-sessions";
import { afterPause } from "../workers/deals/session-end";

// The journal reaches D1 in batches at most this often, so D1 sees a bounded stream.
const FLUSH_MS = 1_000;
const RETRY_MS = 5_000;

/**
 * SQL over `holds`: a held hold whose expiry is running. While the deal is paused, a deal-page
 * hold that ends with a session still open when the pause began waits, as that session does.
 * Its one parameter is when the pause began, or null.
 */
const RUNNING = `status = 'held' AND NOT (${ENDS_WITH_SESSION} AND IFNULL(admitted_until > ?, 0))`;

/** Thrown to roll back a page hold given back for a checkout that was then refused, so the shopper keeps it. */
class PageHoldKept extends Error {
  constructor(readonly reason: ReserveRefusal) {
    super(`reserve refused: ${reason}`);
  }
}

/**
 * One per deal, named by the deal id: serializes reserve, commit and release of the deal's
 * allocated units and runs its waiting room's admission cursor. Every method's storage work is
 * synchronous SQL with no await in between, run as one transaction, so calls never interleave
 * and a call that throws leaves nothing half-written; that is what makes overselling impossible.
 * One alarm serves hold expiries and journal flushes; each call sets what its writes need of it
 * as they commit (see `GateAlarm`).
 */
export class SkuGate extends DurableObject<Env> {
  private readonly sql: SqlStorage;
  // In-memory mirrors of what storage holds, so a reserve at sale-day rates does not re-read
  // them. The object is the only writer and its calls never interleave, so they stay exact;
  // undefined means "not known, read storage", which is also the state after an eviction.
  /**
   * The deal row, kept equal to storage by every write this class makes to it: a method loads it
   * before writing the row and applies the same change to both (loading it after a write would
   * read the change from storage and then apply it a second time).
   */
  private dealRow: DealRow | null | undefined;
  /** No held hold expires before this (an under-estimate is harmless: it only costs a look). */
  private nextDueAt: number | undefined;
  private readonly alarms: GateAlarm;
  /** The earliest time the writes of the transaction under way need the alarm by (null: not at all). */
  private wakeAt: number | null = null;

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
      this.alarms.need(this.alarmNeeded(Date.now()));
    });
  }

  /** Sets the deal up; a repeat with the same deal is a no-op, so deal creation can be retried. */
  async init(config: GateConfig): Promise<GateFigures> {
    const existing = this.deal();
    if (existing && existing.deal_id !== config.dealId) throw new Error(`gate already holds deal ${existing.deal_id}`);
    if (!existing) {
      this.sql.exec(
        `INSERT INTO deal (id, deal_id, sku_id, warehouse_id, units, per_user_limit, starts_at, ends_at, hold_ms,
           active_users, new_per_minute, session_ms, last_tick) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        config.dealId,
        config.skuId,
        config.warehouseId,
        config.units,
        config.perUserLimit,
        config.startsAt,
        config.endsAt,
        config.holdSeconds * 1000,
        config.activeUsers,
        config.newUsersPerMinute,
        config.sessionMinutes * 60_000,
        config.startsAt,
      );
      this.dealRow = undefined;
    }
    return this.figures();
  }

  /**
   * Holds `qty` units for a shopper until the deal's hold time passes; idempotent under
   * `reservationId`. `owner` is the order a checkout reserves for (the deal page has none): a
   * hold serves one order, and a hold given back (released, expired) may be taken again.
   * `holdMs` is how long the order's hold must last at least, for its payment: an order's hold
   * lasts the longer of that and the deal's hold time.
   * `admittedUntil` is when the shopper's admission session ends (the admission token's expiry),
   * and `admittedIn` the admission group it is the session of, which the gate reads the session's
   * end from instead: a pause may have extended it since the token was signed.
   */
  async reserve(input: {
    reservationId: string;
    /** The identity the shopper was admitted under (the admission token's shopper). */
    shopperId: string;
    /**
     * Whom the per-shopper limit counts the hold against: the signed-in account, which may have
     * been admitted under several guest ids; `shopperId` when not given (a guest).
     */
    limitKey?: string;
    qty: number;
    owner?: string;
    holdMs?: number;
    admittedUntil?: number;
    admittedIn?: number;
    /**
     * The shopper's deal-page hold, which an order's own hold takes over when it is still held,
     * unclaimed and for the same quantity. The page hold's id is then free for the shopper's next
     * purchase, up to the per-shopper limit, while each order keeps a hold id of its own.
     */
    claimFrom?: string;
  }): Promise<ReserveResult> {
    const now = Date.now();
    const owner = input.owner ?? null;
    const admittedUntil = (input.admittedIn === undefined ? null : groupLapse(this.sql, input.admittedIn)) ?? input.admittedUntil ?? null;
    try {
      return this.atomically(() => this.reserveNow(input, owner, admittedUntil, now));
    } catch (err) {
      if (!(err instanceof PageHoldKept)) throw err;
      return { ok: false, reason: err.reason };
    }
  }

  /** `reserve`'s writes, in its transaction. */
  private reserveNow(
    input: { reservationId: string; shopperId: string; limitKey?: string; qty: number; holdMs?: number; claimFrom?: string },
    owner: string | null,
    admittedUntil: number | null,
    now: number,
  ): ReserveResult {
    this.expireDue(now);
    const d = this.requireDeal();
    const limitKey = input.limitKey ?? input.shopperId;
    // A deal's hold time may be shorter than the checkout's payment window; an order's hold must
    // outlast the window, or a shopper who paid in time would find their units gone.
    const holdMs = owner === null ? d.hold_ms : Math.max(d.hold_ms, input.holdMs ?? 0);
    const prior = this.hold(input.reservationId);
    if (prior && isLive(prior)) {
      const step = reserveOverLive(prior, input.qty, owner);
      if (step === "refuse" || (step === "claim" && this.overLimit(d, prior, limitKey))) return { ok: false, reason: "per_user_limit" };
      if (step === "claim") {
        prior.expires_at = Math.max(prior.expires_at, now + holdMs);
        this.sql.exec(
          "UPDATE holds SET owner = ?, limit_key = ?, expires_at = ?, updated_at = ? WHERE reservation_id = ?",
          owner,
          limitKey,
          prior.expires_at,
          now,
          input.reservationId,
        );
      }
      if (admittedUntil !== null && admittedUntil > (prior.admitted_until ?? 0)) {
        // A shopper admitted again (their first turn lapsed while the hold stood) buys on the
        // later turn, so that is the slot their purchase frees.
        this.sql.exec("UPDATE holds SET admitted_until = ? WHERE reservation_id = ?", admittedUntil, input.reservationId);
      }
      // A page hold waiting out the pause with its session ends as long after the resume as it had left.
      const waits = step === "replay" && d.paused_at !== null && endsWithSession(prior);
      const until = waits ? afterPause(prior.expires_at, d.paused_at ?? now, now) : prior.expires_at;
      return { ok: true, expiresAt: new Date(until).toISOString() };
    }
    const raw = input.claimFrom ? this.hold(input.claimFrom) : null;
    const page = raw && raw.status === "held" && raw.owner === null && raw.shopper_id === input.shopperId ? raw : null;
    if (page && page.qty === input.qty) {
      // The shopper may have held on the page as a guest and check out signed in: the hold moves
      // to the account's count then, within the limit, or stays the guest's.
      if (this.overLimit(d, page, limitKey)) return { ok: false, reason: "per_user_limit" };
      const until = now + holdMs;
      this.takeOver(page, input.reservationId, owner, limitKey, admittedUntil, until, now);
      return { ok: true, expiresAt: new Date(until).toISOString() };
    }
    // Checkout asks for another quantity than the page held: the order's hold replaces the
    // page's, rather than holding both until the page's expires, unless it is refused.
    if (page) this.giveBack(page, "release", now);
    // A deal-page hold id is fixed per (deal, shopper), so a hold given back is the shopper's next hold too.
    const shopperId = prior?.shopper_id ?? input.shopperId;
    const refusal = this.refusal(d, now, limitKey, input.qty);
    if (refusal && page) throw new PageHoldKept(refusal);
    if (refusal) return { ok: false, reason: refusal };
    // A deal-page hold keeps a unit while the shopper types their address, within their turn: it
    // ends with their admission session, as their slot does, so it cannot outlive the token that
    // checkout needs to buy it. An order's hold lasts its whole hold time, for the payment.
    const expiresAt = owner === null && admittedUntil !== null ? Math.min(now + holdMs, admittedUntil) : now + holdMs;
    if (prior) {
      this.sql.exec(
        "UPDATE holds SET qty = ?, status = 'held', expires_at = ?, owner = ?, limit_key = ?, admitted_until = ?, updated_at = ? WHERE reservation_id = ?",
        input.qty,
        expiresAt,
        owner,
        limitKey,
        admittedUntil,
        now,
        input.reservationId,
      );
    } else {
      this.sql.exec(
        "INSERT INTO holds (reservation_id, shopper_id, limit_key, qty, status, expires_at, owner, admitted_until, created_at, updated_at) VALUES (?, ?, ?, ?, 'held', ?, ?, ?, ?, ?)",
        input.reservationId,
        shopperId,
        limitKey,
        input.qty,
        expiresAt,
        owner,
        admittedUntil,
        now,
        now,
      );
    }
    this.sql.exec("UPDATE deal SET held = held + ? WHERE id = 1", input.qty);
    d.held += input.qty;
    if (this.nextDueAt !== undefined) this.nextDueAt = Math.min(this.nextDueAt, expiresAt);
    this.wake(expiresAt);
    this.journal("reserve", input.reservationId, input.qty, now);
    return { ok: true, expiresAt: new Date(expiresAt).toISOString() };
  }

  /**
   * Turns a live hold into a sale and frees the shopper's waiting-room slot if their session is
   * still open. An expired or released hold, or one another order claimed, is refused; `noop` is
   * the same order's replay.
   */
  async commit(reservationId: string, claim?: HoldClaim): Promise<GateOutcome> {
    const now = Date.now();
    return this.atomically((): GateOutcome => {
      this.expireDue(now);
      const h = this.hold(reservationId);
      if (!h) return "refused";
      const step = commitStep(h, claim);
      if (step !== "commit") return step;
      const d = this.requireDeal();
      this.sql.exec(
        "UPDATE holds SET status = 'committed', owner = ?, updated_at = ? WHERE reservation_id = ?",
        h.owner ?? claim?.owner ?? null,
        now,
        reservationId,
      );
      this.sql.exec("UPDATE deal SET held = held - ?1, sold = sold + ?1 WHERE id = 1", h.qty);
      d.held -= h.qty;
      d.sold += h.qty;
      this.journal("commit", reservationId, h.qty, now);
      // One slot per shopper and session: a second purchase in the same session frees nothing more.
      // Asked only when there is an open session to free a slot in.
      const clock = sessionClock(d, now);
      const open = h.admitted_until !== null && h.admitted_until > clock;
      const boughtBefore =
        open &&
        this.sql
          .exec(
            "SELECT 1 FROM holds WHERE shopper_id = ? AND admitted_until = ? AND status = 'committed' AND reservation_id <> ? LIMIT 1",
            h.shopper_id,
            h.admitted_until,
            reservationId,
          )
          .toArray().length > 0;
      if (open && !boughtBefore) freeSlot(this.sql, h.admitted_until, clock);
      return "done";
    });
  }

  /**
   * Gives a hold back to the deal (or, once the deal has ended, to the ledger). A sale is not
   * undone here (`refused`: the caller restocks it); a hold `owner` does not own is left alone.
   */
  async release(reservationId: string, reason: string, owner?: string): Promise<GateOutcome> {
    const now = Date.now();
    const outcome = this.atomically((): GateOutcome => {
      const h = this.hold(reservationId);
      if (!h) return "noop";
      const step = releaseStep(h, owner ?? null);
      if (step !== "give_back") return step;
      this.giveBack(h, "release", now);
      return "done";
    });
    if (outcome !== "done") return outcome;
    console.log(
      JSON.stringify({ level: "info", message: "deal hold released", dealId: this.requireDeal().deal_id, reservationId, reason }),
    );
    return "done";
  }

  /**
   * Stops new reserves, and the admitted shoppers' session clock: no session runs out while the
   * deal is paused. Holds already made can still be paid for. Pausing again changes nothing.
   */
  async pause(): Promise<GateStatus> {
    const now = Date.now();
    this.atomically(() => {
      this.sql.exec("UPDATE deal SET paused = 1, paused_at = COALESCE(paused_at, ?) WHERE id = 1 AND ended = 0", now);
      this.dealRow = undefined;
      // Deal-page holds that end with a session stop with it: the next due hold may be later now.
      this.nextDueAt = undefined;
    });
    return this.status(now);
  }

  /**
   * Lets reserves in again after a pause. Every session still open when the pause began ends
   * later by the pause's length, in one transaction with the holds taken in those sessions; the
   * admission rate restarts rather than banking the pause. Resuming a deal that runs changes nothing.
   */
  async resume(): Promise<GateStatus> {
    const now = Date.now();
    this.atomically(() => {
      const d = this.requireDeal();
      if (!d.paused || d.ended) return;
      const pausedAt = d.paused_at ?? now;
      extendSessions(this.sql, pausedAt, now - pausedAt);
      this.sql.exec("UPDATE deal SET paused = 0, paused_at = NULL, last_tick = ? WHERE id = 1", now);
      this.dealRow = undefined;
      this.nextDueAt = undefined;
      // The holds that waited out the pause are due again, some maybe before the alarm set.
      this.wake(this.nextDue(null));
    });
    return this.status(now);
  }

  /**
   * When the session of admission group `startedAt` ends, for a token signed before a pause
   * extended it: while the deal is paused, as if it resumed now. Null if there is no such group.
   */
  async sessionEndOf(startedAt: number): Promise<number | null> {
    const d = this.deal();
    const endsAt = d && groupLapse(this.sql, startedAt);
    if (!d || endsAt === null) return null;
    return d.paused_at === null ? endsAt : afterPause(endsAt, d.paused_at, Date.now());
  }

  /**
   * Ends the deal: no more reserves, and every unit neither sold nor held is journaled as
   * returned. Returns the journal entries the caller applies to the ledger right away (the
   * queue delivers them again later, which the ledger absorbs). Holds still open return their
   * units when they are released or expire.
   */
  async end(): Promise<GateJournalEntry[]> {
    const now = Date.now();
    this.atomically(() => {
      // A deal ended while paused has no sessions left to wait for: the holds that waited for them expire now.
      this.sql.exec("UPDATE deal SET paused_at = NULL WHERE id = 1");
      this.dealRow = undefined;
      this.nextDueAt = undefined;
      this.expireDue(now);
      const d = this.requireDeal();
      this.sql.exec("UPDATE deal SET ended = 1 WHERE id = 1");
      const unsold = remainingOf(d);
      if (unsold > 0) {
        this.sql.exec("UPDATE deal SET returned = returned + ? WHERE id = 1", unsold);
        this.journal("return", null, unsold, now);
      }
      this.dealRow = undefined;
    });
    return this.sql
      .exec<JournalRow>("SELECT seq, kind, reservation_id, qty, at FROM journal WHERE kind = 'return' ORDER BY seq")
      .toArray()
      .map(toEntry);
  }

  /**
   * The edge's once-a-second call: adds the joins an isolate counted, runs an admission step
   * and answers with the deal state the isolate caches. The herd never calls anything else.
   */
  async sync(report: EdgeJoinReport): Promise<DealState> {
    const now = Date.now();
    return this.atomically(() => {
      this.expireDue(now);
      recordJoins(this.sql, this.requireDeal(), report, now);
      this.dealRow = undefined;
      const d = this.requireDeal();
      if (!d.paused && !d.ended && now < d.ends_at && remainingOf(d) > 0) {
        runAdmission(this.sql, this.requireDeal(), now);
        this.dealRow = undefined;
      }
      return dealStateOf(this.sql, this.requireDeal(), now);
    });
  }

  /** Live figures for the deal console. */
  async figures(): Promise<GateFigures> {
    const now = Date.now();
    const d = this.requireDeal();
    const one = (q: string, ...b: SqlStorageValue[]) => this.sql.exec<{ n: number }>(q, ...b).one().n;
    const preWaiting = Math.max(0, d.pre_count - d.pre_admitted);
    const laterWaiting = one("SELECT COALESCE(SUM(count - admitted), 0) AS n FROM arrivals");
    return {
      status: this.status(now),
      units: d.units,
      sold: d.sold,
      reserved: d.held,
      remaining: remainingOf(d),
      returned: d.returned,
      waiting: preWaiting + laterWaiting,
      admitted: one("SELECT COALESCE(SUM(admitted), 0) AS n FROM admissions"),
      active: activeSlots(this.sql, sessionClock(d, now)),
      admittedLastMinute: one("SELECT COALESCE(SUM(admitted), 0) AS n FROM admissions WHERE at > ?", now - 60_000),
      soldLastMinute: one("SELECT COALESCE(SUM(qty), 0) AS n FROM journal WHERE kind = 'commit' AND at > ?", now - 60_000),
      journalPending: one("SELECT COUNT(*) AS n FROM journal WHERE sent = 0"),
    };
  }

  /**
   * Sets the alarm again when work waits for it (a running hold's expiry, journal rows to ship)
   * and none is set, reading storage rather than trusting memory. Cheap and idempotent: the
   * minute cron calls it for ended deals, whose gates nothing else calls. Returns when the alarm
   * goes off, or null when none is needed.
   */
  async ensureAlarm(): Promise<number | null> {
    await this.alarms.load();
    this.alarms.need(this.alarmNeeded(Date.now()));
    return this.alarms.setFor();
  }

  /** Expires due holds and ships the journal; then sets the alarm for the next due thing. */
  async alarm(): Promise<void> {
    const now = Date.now();
    // The alarm looks at storage itself rather than trusting the remembered due time: it is the
    // path that must never miss an expiry. What it expires ships below, not on an alarm of its own.
    this.nextDueAt = undefined;
    this.atomically(() => this.expireDue(now));
    // The alarm that went off is gone from storage once this returns.
    this.alarms.fired();
    const d = this.deal();
    let flushAt = now + FLUSH_MS;
    if (d) {
      const shipped = await flushGateJournal(this.sql, this.env.INVENTORY_JOURNAL, {
        dealId: d.deal_id,
        skuId: d.sku_id,
        warehouseId: d.warehouse_id,
      });
      if (!shipped) flushAt = now + RETRY_MS;
    }
    this.alarms.need(this.alarmNeeded(flushAt));
  }

  /** When the gate's stored work needs the alarm by: the next running hold's expiry, or `flushAt` while journal rows wait to ship. */
  private alarmNeeded(flushAt: number): number | null {
    const next = this.nextDue(this.deal()?.paused_at ?? null);
    const unsent = this.sql.exec("SELECT 1 FROM journal WHERE sent = 0 LIMIT 1").toArray().length > 0;
    if (!unsent) return next;
    return next === null ? flushAt : Math.min(next, flushAt);
  }

  private status(now: number): GateStatus {
    const d = this.deal();
    return d ? statusOf(d, now) : "setting_up";
  }

  private expireDue(now: number): void {
    if (this.nextDueAt !== undefined && now < this.nextDueAt) return;
    const pausedAt = this.deal()?.paused_at ?? null;
    const due = this.sql.exec<HoldRow>(`SELECT * FROM holds WHERE expires_at <= ? AND ${RUNNING} LIMIT 500`, now, pausedAt).toArray();
    for (const h of due) this.giveBack(h, "expire", now);
    this.nextDueAt = this.nextDue(pausedAt) ?? Number.POSITIVE_INFINITY;
  }

  /** When the next held hold whose expiry is running falls due; `pausedAt` as in `RUNNING`. */
  private nextDue(pausedAt: number | null): number | null {
    // In expiry order on the holds_due index, past any holds waiting out a pause.
    const row = this.sql.exec<{ t: number }>(`SELECT expires_at AS t FROM holds WHERE ${RUNNING} ORDER BY expires_at LIMIT 1`, pausedAt);
    return row.toArray()[0]?.t ?? null;
  }

  /**
   * Moves a held deal-page hold to an order's own id: the units stay held (the deal's counts do
   * not move), now for `owner` only, counted against `limitKey`, and until `expiresAt` (the order's
   * payment needs its whole hold time, not what was left of the shopper's turn), and the page
   * hold's row is marked `claimed` so its id can be held again.
   */
  private takeOver(
    page: HoldRow,
    reservationId: string,
    owner: string | null,
    limitKey: string,
    admittedUntil: number | null,
    expiresAt: number,
    now: number,
  ): void {
    const until = Math.max(page.admitted_until ?? 0, admittedUntil ?? 0) || null;
    this.sql.exec(
      `INSERT INTO holds (reservation_id, shopper_id, qty, status, expires_at, owner, admitted_until, created_at, updated_at, limit_key)
       VALUES (?1, ?2, ?3, 'held', ?4, ?5, ?6, ?7, ?7, ?8)
       ON CONFLICT (reservation_id) DO UPDATE SET shopper_id = ?2, qty = ?3, status = 'held', expires_at = ?4, owner = ?5,
         admitted_until = ?6, updated_at = ?7, limit_key = ?8`,
      reservationId,
      page.shopper_id,
      page.qty,
      expiresAt,
      owner,
      until,
      now,
      limitKey,
    );
    this.sql.exec("UPDATE holds SET status = 'claimed', updated_at = ? WHERE reservation_id = ?", now, page.reservation_id);
    this.journal("claim", reservationId, page.qty, now);
  }

  private giveBack(h: HoldRow, kind: "release" | "expire", now: number): void {
    const d = this.requireDeal();
    this.sql.exec(
      "UPDATE holds SET status = ?, updated_at = ? WHERE reservation_id = ?",
      kind === "expire" ? "expired" : "released",
      now,
      h.reservation_id,
    );
    this.sql.exec("UPDATE deal SET held = held - ? WHERE id = 1", h.qty);
    d.held -= h.qty;
    this.journal(kind, h.reservation_id, h.qty, now);
    // After the end there is no deal to give the units back to: they go back to the ledger.
    if (d.ended) {
      this.sql.exec("UPDATE deal SET returned = returned + ? WHERE id = 1", h.qty);
      d.returned += h.qty;
      this.journal("return", h.reservation_id, h.qty, now);
    }
  }

  /** Why a new hold cannot be taken now, or null when it can. */
  private refusal(d: DealRow, now: number, limitKey: string, qty: number): ReserveRefusal | null {
    if (d.ended || now >= d.ends_at) return "ended";
    if (d.paused) return "paused";
    if (now < d.starts_at) return "not_live";
    if (!Number.isInteger(qty) || qty < 1) return "per_user_limit";
    if (this.counted(limitKey) + qty > d.per_user_limit) return "per_user_limit";
    if (remainingOf(d) >= qty) return null;
    // Held units come back when their holds are released or expire; only units sold or
    // returned to the ledger are gone for good, so only they make the deal sold out.
    return d.units - d.sold - d.returned < qty ? "sold_out" : "all_held";
  }

  /** Units held or sold under a limit key: every live hold counts, whichever id it goes by. */
  private counted(limitKey: string): number {
    return this.sql
      .exec<{ n: number }>("SELECT COALESCE(SUM(qty), 0) AS n FROM holds WHERE limit_key = ? AND status IN ('held', 'committed')", limitKey)
      .one().n;
  }

  /** Whether moving a live hold to `limitKey`'s count would take that key past the limit. */
  private overLimit(d: DealRow, h: HoldRow, limitKey: string): boolean {
    return h.limit_key !== limitKey && this.counted(limitKey) + h.qty > d.per_user_limit;
  }

  /**
   * Runs one call's writes as a single transaction, so a statement that throws (a CHECK on the
   * deal row) rolls back the ones before it rather than leaving, say, a hold row with no count.
   * The in-memory mirrors may already hold the rolled-back change, so they are dropped. Once the
   * writes commit, the alarm they need is set in the same turn, so storage keeps both or neither.
   */
  private atomically<T>(writes: () => T): T {
    this.wakeAt = null;
    let result: T;
    try {
      result = this.ctx.storage.transactionSync(writes);
    } catch (err) {
      this.dealRow = undefined;
      this.nextDueAt = undefined;
      throw err;
    }
    this.alarms.need(this.wakeAt);
    return result;
  }

  /** Notes that the transaction under way needs the alarm by `at`. */
  private wake(at: number | null): void {
    if (at !== null) this.wakeAt = this.wakeAt === null ? at : Math.min(this.wakeAt, at);
  }

  /** Journals a change for the ledger; the journal ships in batches, at most `FLUSH_MS` after a change. */
  private journal(kind: GateJournalEntry["kind"], reservationId: string | null, qty: number, at: number): void {
    this.sql.exec("INSERT INTO journal (kind, reservation_id, qty, at) VALUES (?, ?, ?, ?)", kind, reservationId, qty, at);
    this.wake(at + FLUSH_MS);
  }

  private hold(reservationId: string): HoldRow | null {
    return this.sql.exec<HoldRow>("SELECT * FROM holds WHERE reservation_id = ?", reservationId).toArray()[0] ?? null;
  }

  private deal(): DealRow | null {
    if (this.dealRow === undefined) this.dealRow = this.sql.exec<DealRow>("SELECT * FROM deal WHERE id = 1").toArray()[0] ?? null;
    return this.dealRow;
  }

  private requireDeal(): DealRow {
    const d = this.deal();
    if (!d) throw new Error("SkuGate used before init");
    return d;
  }
}
