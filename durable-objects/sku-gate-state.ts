import type { GateConfig, GateFigures, GateStatus } from "../workers/deals/gate-types";
import { remainingOf, statusOf } from "./sku-gate-admission";
import type { DealRow } from "./sku-gate-schema";
import { activeSlots, sessionClock } from "./sku-gate-sessions";

/** The SkuGate's deal row as set up, and the figures the deal console reads from its storage. */

/** Writes the deal row from its settings; the caller checks none exists yet. */
export function setUpDeal(sql: SqlStorage, config: GateConfig): void {
  sql.exec(
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
}

/** Live figures for the deal console. */
export function figuresOf(sql: SqlStorage, d: DealRow, now: number): GateFigures {
  const one = (q: string, ...b: SqlStorageValue[]) => sql.exec<{ n: number }>(q, ...b).one().n;
  const status = statusOf(d, now);
  return {
    status,
    units: d.units,
    sold: d.sold,
    reserved: d.held,
    remaining: remainingOf(d),
    returned: d.returned,
    waiting: stillWaiting(sql, d, status),
    ...joinsOf(sql, d),
    admitted: one("SELECT COALESCE(SUM(admitted), 0) AS n FROM admissions"),
    active: activeSlots(sql, sessionClock(d, now)),
    admittedLastMinute: one("SELECT COALESCE(SUM(admitted), 0) AS n FROM admissions WHERE at > ?", now - 60_000),
    soldLastMinute: one("SELECT COALESCE(SUM(qty), 0) AS n FROM journal WHERE kind = 'commit' AND at > ?", now - 60_000),
    journalPending: one("SELECT COUNT(*) AS n FROM journal WHERE sent = 0"),
  };
}

/**
 * Shoppers in line whose turn can still come. Once the deal is sold out or has ended, every
 * shopper still in line is told so rather than given a place, so none of them waits for anything
 * (their joins stay in `arrivals`, which nothing admits from any more). While units are only
 * held, the line still waits: a hold released or expired gives its unit back to be sold.
 */
function stillWaiting(sql: SqlStorage, d: DealRow, status: GateStatus): number {
  if (status === "sold_out" || status === "ended") return 0;
  const preWaiting = Math.max(0, d.pre_count - d.pre_admitted);
  const laterWaiting = sql.exec<{ n: number }>("SELECT COALESCE(SUM(count - admitted), 0) AS n FROM arrivals").one().n;
  return preWaiting + laterWaiting;
}

/**
 * Joins to the waiting room so far, from the counts edge isolates reported: the pre-queue, and
 * the line after the start, which also holds the pre-queue joins reported too late for the
 * pre-queue. Those are counted before the opening, when their shoppers joined.
 */
function joinsOf(sql: SqlStorage, d: DealRow): Pick<GateFigures, "joined" | "joinedBeforeOpen"> {
  const later = sql.exec<{ n: number }>("SELECT COALESCE(SUM(count), 0) AS n FROM arrivals").one().n;
  return { joined: d.pre_count + later, joinedBeforeOpen: d.pre_count + d.pre_late };
}
