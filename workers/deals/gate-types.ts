/**
 * The shapes the SkuGate Durable Object and its callers (deal admin, waiting room, checkout,
 * the journal consumer) share. Times inside the gate are epoch milliseconds; the HTTP layer
 * turns them into RFC 3339.
 */

/** What a deal's gate needs to know to sell its units and run its waiting room. */
export interface GateConfig {
  dealId: string;
  skuId: string;
  warehouseId: string;
  units: number;
  perUserLimit: number;
  startsAt: number;
  endsAt: number;
  holdSeconds: number;
  activeUsers: number;
  newUsersPerMinute: number;
  sessionMinutes: number;
}

/**
 * A change to a deal's settings (`SkuGate.adjust`); only the settings given change. `beforeOpen`
 * asks the gate to refuse unless the deal has not opened yet by its clock: the start, the
 * per-shopper limit and the price (which the gate does not keep) may change only then.
 */
export interface GateAdjustment {
  beforeOpen?: boolean;
  startsAt?: number;
  endsAt?: number;
  perUserLimit?: number;
  activeUsers?: number;
  newUsersPerMinute?: number;
  sessionMinutes?: number;
}

/**
 * Why the gate refused an adjustment: `ended` (ended, or past its end time), `opened` (a setting
 * only a deal not open yet may change), `paused` (likewise, while paused), `ends_too_soon` (the end
 * would not be after now and the start), `starts_too_soon` (a new start not after now),
 * `session_under_hold` (a session shorter than the deal's hold time).
 */
export type GateAdjustRefusal = "ended" | "opened" | "paused" | "ends_too_soon" | "starts_too_soon" | "session_under_hold";

/** The answer to `adjust`. */
export type GateAdjustResult = { ok: true } | { ok: false; reason: GateAdjustRefusal };

/**
 * Why the gate refused a reserve. `all_held` is retryable: the units missing are only held, and
 * come back when those holds are released or expire; `sold_out` means they are sold or returned.
 */
export type ReserveRefusal = "sold_out" | "all_held" | "per_user_limit" | "not_live" | "paused" | "ended";

/**
 * What `reserve` asks for: `qty` units held for a shopper until the deal's hold time passes,
 * idempotent under `reservationId`.
 */
export interface ReserveRequest {
  reservationId: string;
  /** The identity the shopper was admitted under (the admission token's shopper). */
  shopperId: string;
  /**
   * Whom the per-shopper limit counts the hold against: the signed-in account, which may have
   * been admitted under several guest ids. Not given, or `shopperId` itself (a guest): the account
   * the gate last saw `shopperId` signed in to, since a browser keeps its guest id through signing
   * out, else `shopperId`.
   */
  limitKey?: string;
  qty: number;
  /**
   * The order a checkout reserves for (the deal page has none): a hold serves one order, and a
   * hold given back (released, expired) may be taken again.
   */
  owner?: string;
  /**
   * How long the order's hold must last at least, for its payment: an order's hold lasts the
   * longer of that and the deal's hold time.
   */
  holdMs?: number;
  /** When the shopper's admission session ends (the admission token's expiry). */
  admittedUntil?: number;
  /**
   * The admission group `admittedUntil` is the session of, which the gate reads the session's end
   * from instead: a pause may have extended it since the token was signed.
   */
  admittedIn?: number;
  /**
   * The shopper's deal-page hold, which an order's own hold takes over when it is still held,
   * unclaimed and for the same quantity. The page hold's id is then free for the shopper's next
   * purchase, up to the per-shopper limit, while each order keeps a hold id of its own.
   */
  claimFrom?: string;
}

/** The answer to `reserve`. */
export type ReserveResult = { ok: true; expiresAt: string } | { ok: false; reason: ReserveRefusal };

/**
 * Where a hold stands: `held` (units kept for it), `claimed` (an order's checkout took it over
 * under the order's own id), `committed` (sold), `released` (given back) or `expired` (its time
 * ran out; a held hold past its expiry is reported so before the gate gets round to giving it back).
 */
export type HoldStatus = "held" | "claimed" | "committed" | "released" | "expired";

/** A hold as `SkuGate.hold` reads it, for the shopper's checkout clock. */
export interface HoldView {
  status: HoldStatus;
  qty: number;
  /** When a held hold runs out, or the last expiry a settled one had (RFC 3339). */
  expiresAt: string;
  /** Whether the deal is paused: a held hold's clock stands still until it resumes. */
  paused: boolean;
  /** For a claimed hold: where the latest order that took it over stands (`held`: awaiting payment). */
  orderStatus?: HoldStatus;
  /** For a claimed hold: how many more units its buyer may hold under the deal's limit per shopper. */
  moreAllowed?: number;
  /**
   * For a held hold taken as a guest and read by the account now signed in: that account already
   * holds or bought the deal's limit, so checkout would refuse to move the hold onto it.
   */
  overAccountLimit?: boolean;
}

/** The order committing a deal hold and the quantity it pays for; a hold is sold to one order only. */
export interface HoldClaim {
  owner: string;
  qty: number;
}

/**
 * The answer to `commit` and `release`; `noop` means the hold was already in the target state,
 * or, for a release, that it belongs to another order and was left alone.
 */
export type GateOutcome = "done" | "noop" | "refused";

/** One entry of the gate's own journal, shipped to D1 in batches through the inventory-journal queue. */
export interface GateJournalEntry {
  seq: number;
  kind: "reserve" | "claim" | "commit" | "release" | "expire" | "return";
  reservationId: string | null;
  qty: number;
  at: string;
}

/** The body of one inventory-journal queue message: a run of one gate's journal. */
export interface GateJournalBatch {
  source: "sku-gate";
  dealId: string;
  skuId: string;
  warehouseId: string;
  entries: GateJournalEntry[];
}

/** Joins an edge isolate counted since its last sync: pre-queue joins and post-start joins per second. */
export interface EdgeJoinReport {
  preJoins: number;
  /**
   * The pre-queue joins' ranks, as whole numbers (`rank * 2^32`), one per join in `preJoins`. With
   * them the gate admits exactly as many of the pre-queue as it counts (the ranks below the next
   * one waiting); a report without them leaves the gate to admit by the share of the pre-queue
   * its count says, which lets in more or fewer than that when the line is short.
   */
  preRanks?: number[];
  /** [epoch second, joins in that second] */
  joins: Array<[number, number]>;
}

/**
 * Post-start joins not yet admitted, as running totals over join time: `counts[i]` joined after
 * `from` (epoch ms: the join cursor, or the start) and before the epoch second
 * `floor(from / 1000) + (i + 1) * step`. A few dozen numbers at most, however long the line.
 */
export interface LineAhead {
  from: number;
  step: number;
  counts: number[];
}

/**
 * Groups of shoppers admitted together, oldest first, column by column: when each group's
 * sessions end (epoch ms), and the pre-queue fraction and join cursor its admissions had reached.
 */
export interface AdmissionSessions {
  /** When each group's stretch of admissions began (epoch ms): the name the gate knows it by. */
  startedAt: number[];
  lapsesAt: number[];
  preCursor: number[];
  joinCursor: number[];
}

/** Lifecycle as the waiting room sees it. */
export type GateStatus = "setting_up" | "scheduled" | "live" | "paused" | "sold_out" | "ended";

/**
 * The waiting room's view of a deal, small enough to cache at the edge for a second or two:
 * a ticket is admitted when its pre-queue rank is below `preCursor`, or, for joins after the
 * start, when its join time is at or before `joinCursor`.
 */
export interface DealState {
  dealId: string;
  status: GateStatus;
  startsAt: number;
  endsAt: number;
  /** Units neither sold nor held; 0 with status live means every unit is held and some may come back. */
  remaining: number;
  preCount: number;
  /** Fraction of the pre-queue admitted so far, in rank order (0..1). */
  preCursor: number;
  /**
   * Once the deal has opened, while at most `SHORT_PRE_QUEUE` of the pre-queue still wait and
   * each has a rank: their ranks' whole numbers (`rankKey`), lowest first, so each is told their
   * exact place; absent otherwise, and places in a long line are estimated from the cursor.
   */
  preWaiting?: number[];
  /** Post-start joins at or before this epoch millisecond are admitted. */
  joinCursor: number;
  /** Post-start joins still waiting, for positions. */
  ahead: LineAhead;
  /** Post-start joins per second assumed past the end of `ahead`, for positions. */
  arrivalsPerSecond: number;
  /** Admissions per second the settings allow in the long run (the lower of the two limits), for wait estimates. */
  admitsPerSecond: number;
  /**
   * Admission groups, oldest first: every one whose sessions are still open, after the latest
   * that has lapsed. A ticket belongs to the first group whose cursors reach it.
   */
  sessions: AdmissionSessions;
  /**
   * While the deal is paused, when the pause began (epoch ms), else null. The sessions still open
   * then are stopped: they end as much later than `sessions.lapsesAt` says as the pause lasts.
   */
  pausedAt: number | null;
  /** When the gate produced this view (epoch ms). */
  at: number;
}

/** Live figures for the deal console. */
export interface GateFigures {
  status: GateStatus;
  units: number;
  sold: number;
  reserved: number;
  remaining: number;
  returned: number;
  /** Shoppers in line whose turn can still come: 0 once the deal is sold out or ended. */
  waiting: number;
  /**
   * Joins to the waiting room, as edge isolates count them: one per ticket issued, so a shopper
   * who joins again with the ticket kept is counted once, and one who starts over (a new guest id,
   * a lapsed turn, another isolate without the ticket) again.
   */
  joined: number;
  /**
   * Of `joined`, the joins before the deal opened by the joining isolate's clock: the pre-queue,
   * and the pre-queue joins reported too late for it, which wait in the line after the start.
   */
  joinedBeforeOpen: number;
  admitted: number;
  active: number;
  admittedLastMinute: number;
  soldLastMinute: number;
  journalPending: number;
}
