import type { GateConfig, GateFigures } from "../workers/deals/gate-types";
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
  const preWaiting = Math.max(0, d.pre_count - d.pre_admitted);
  const laterWaiting = one("SELECT COALESCE(SUM(count - admitted), 0) AS n FROM arrivals");
  return {
    status: statusOf(d, now),
    units: d.units,
    sold: d.sold,
    reserved: d.held,
    remaining: remainingOf(d),
    returned: d.returned,
    waiting: preWaiting + laterWaiting,
    admitted: one("SELECT COALESCE(SUM(admitted), 0) AS n FROM admissions"),
    active: activeSlots(sql, sessionClock(d, now)),
    admittedLastMinute: one("SELECT COALESCE(SUM(admitted), 0) AS n FROM admissions WHERE at > ?", now - 60_000),
    soldLastMinute: one("SELECT COALESCE(SUM(qty), 0) AS n FROM journal WHERE kind = 'commit' AND at > ?", now - 60_000),
    journalPending: one("SELECT COUNT(*) AS n FROM journal WHERE sent = 0"),
  };
}
