/** A deals row as the deal domain reads it, and its API rendering. */

import { shopperPrice } from "./deal-price";
import type { GateConfig, GateStatus } from "./gate-types";

/** One row of the deals table. */
export interface DealRow {
  id: string;
  listingId: string;
  productId: string;
  warehouseId: string;
  dealPrice: number;
  /** The listing's own price now, which its seller may have lowered below the deal's since. */
  listingPrice: number;
  units: number;
  startsAt: string;
  endsAt: string;
  perUserLimit: number;
  holdSeconds: number;
  activeUsers: number;
  newUsersPerMinute: number;
  sessionMinutes: number;
  status: "setting_up" | "scheduled" | "live" | "paused" | "ended";
  idempotencyKey: string | null;
  createdAt: string;
  /** When a step of the setup last failed while the deal was `setting_up`; null otherwise. */
  setupFailedAt: string | null;
  /** When the row last changed: for an ended deal, when it was ended. */
  updatedAt: string;
}

/**
 * The SELECT list (from `deals`) that yields a `DealRow`. Qualified by table, so a query may join
 * the deal's listing, product or seller (`DEAL_NAME_JOINS`) without its columns turning ambiguous.
 */
export const DEAL_COLUMNS = `deals.id, deals.listing_id AS listingId, deals.product_id AS productId, deals.warehouse_id AS warehouseId,
  deals.deal_price AS dealPrice, (SELECT l.price FROM listings l WHERE l.id = deals.listing_id) AS listingPrice,
  deals.units, deals.starts_at AS startsAt, deals.ends_at AS endsAt, deals.per_user_limit AS perUserLimit,
  deals.hold_seconds AS holdSeconds, deals.wr_active_users AS activeUsers, deals.wr_new_users_per_minute AS newUsersPerMinute,
  deals.wr_session_minutes AS sessionMinutes, deals.status, deals.idempotency_key AS idempotencyKey,
  deals.created_at AS createdAt, deals.setup_failed_at AS setupFailedAt, deals.updated_at AS updatedAt`;

/** A deal row with what a person knows it by: its product's title and picture, and its seller's name. */
export interface NamedDealRow extends DealRow {
  productTitle: string;
  /** A same-site URL of the product's picture; null when it has none. */
  productImage: string | null;
  sellerName: string;
}

/**
 * The columns and joins that turn `SELECT ${DEAL_COLUMNS} FROM deals` into `NamedDealRow`s. Each
 * join is a primary-key lookup, and inner joins lose no deal: the listing's foreign keys guarantee
 * its product and seller.
 */
export const DEAL_NAME_COLUMNS = "dp.title AS productTitle, dp.image AS productImage, ds.name AS sellerName";
export const DEAL_NAME_JOINS = `JOIN listings dl ON dl.id = deals.listing_id JOIN products dp ON dp.id = dl.product_id
  JOIN sellers ds ON ds.id = dl.seller_id`;

/** Reads a deal by id. */
export function findDeal(db: D1Database, id: string): Promise<DealRow | null> {
  return db.prepare(`SELECT ${DEAL_COLUMNS} FROM deals WHERE id = ?`).bind(id).first<DealRow>();
}

/** A deal row with what its manager's dashboard states besides: the listing's MRP and its seller. */
export interface DashboardDealRow extends NamedDealRow {
  mrp: number;
  sellerId: string;
}

/** Reads a deal with its names, its listing's MRP and its seller, in the one read the dashboard makes of it. */
export function findDashboardDeal(db: D1Database, id: string): Promise<DashboardDealRow | null> {
  return db
    .prepare(
      `SELECT ${DEAL_COLUMNS}, ${DEAL_NAME_COLUMNS}, dl.mrp, dl.seller_id AS sellerId FROM deals ${DEAL_NAME_JOINS} WHERE deals.id = ?`,
    )
    .bind(id)
    .first<DashboardDealRow>();
}

/**
 * The deal as the API shows it: a scheduled deal inside its window is shown as live, a scheduled
 * or live one past its end as ended, one whose setup failed (and was neither finished by a retry nor ended yet) as `setup_failed`, and its
 * price is the one a shopper would pay now.
 */
export function renderDeal(d: DealRow, now = new Date().toISOString()) {
  const status: DealRow["status"] | "setup_failed" =
    d.status === "scheduled" && d.startsAt <= now && now < d.endsAt
      ? "live"
      : // Past its end nothing can be bought, whether or not the minute cron has ended it yet.
        (d.status === "scheduled" || d.status === "live") && now >= d.endsAt
        ? "ended"
        : d.status === "setting_up" && d.setupFailedAt !== null
          ? "setup_failed"
          : d.status;
  return {
    id: d.id,
    listing_id: d.listingId,
    product_id: d.productId,
    deal_price: shopperPrice(d.listingPrice, d.dealPrice),
    currency: "INR" as const,
    units: d.units,
    starts_at: d.startsAt,
    ends_at: d.endsAt,
    ended_at: endedAt(d, status),
    per_user_limit: d.perUserLimit,
    hold_seconds: d.holdSeconds,
    status,
    waiting_room: { active_users: d.activeUsers, new_users_per_minute: d.newUsersPerMinute, session_minutes: d.sessionMinutes },
  };
}

/**
 * When a deal stopped selling, given the status it is shown with: when it was ended, or its end
 * time if it ran to it (the minute cron ends it a moment after, or has yet to). Null while it may
 * still sell.
 */
export function endedAt(d: { status: string; updatedAt: string; endsAt: string }, shown: string): string | null {
  if (shown !== "ended") return null;
  if (d.status !== "ended") return d.endsAt;
  return new Date(Math.min(Date.parse(d.updatedAt), Date.parse(d.endsAt))).toISOString();
}

/**
 * The status a deal's manager is shown beside its gate's figures. The gate calls a deal ended as
 * soon as its end time passes, but a deal not ended yet keeps its unsold units out of stock until
 * it is ended (by its manager, or by the minute cron): it is `paused_past_end` if it was paused, or
 * `past_end` if it was scheduled or live, which say that ending it is what is left to do, where
 * "ended" would hide that and offer nothing.
 */
export function managerStatus(deal: DealRow, gateStatus: GateStatus, now = Date.now()): GateStatus | "paused_past_end" | "past_end" {
  if (Date.parse(deal.endsAt) > now) return gateStatus;
  if (deal.status === "paused") return "paused_past_end";
  return deal.status === "scheduled" || deal.status === "live" ? "past_end" : gateStatus;
}

/**
 * How long a deal may stay `setting_up`. A creation retried with its Idempotency-Key finishes the
 * setup within moments; a deal still setting up after this was given up on, and its units, held
 * out of the ledger, would otherwise never go back nor let another deal on the listing be made.
 */
export const SETUP_GRACE_MS = 5 * 60_000;

/**
 * How long a retried creation may still finish a setup: shorter than the grace by more than any
 * clock difference between isolates, so a setup is never finished while the tick is ending it.
 */
export const SETUP_FINISH_MS = SETUP_GRACE_MS - 30_000;

/** The gate settings a deal row implies. */
export function gateConfigOf(d: DealRow): GateConfig {
  return {
    dealId: d.id,
    skuId: d.listingId,
    warehouseId: d.warehouseId,
    units: d.units,
    perUserLimit: d.perUserLimit,
    startsAt: Date.parse(d.startsAt),
    endsAt: Date.parse(d.endsAt),
    holdSeconds: d.holdSeconds,
    activeUsers: d.activeUsers,
    newUsersPerMinute: d.newUsersPerMinute,
    sessionMinutes: d.sessionMinutes,
  };
}
