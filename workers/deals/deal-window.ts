import { AppError } from "../platform/errors";
import { istDateTime } from "../platform/time";

/** One listing has at most one deal not ended in any stretch of time: its window. */

/**
 * SQL: the deals not ended whose window meets `startsAt`..`endsAt` on the listing, each argument a
 * SQL expression (a parameter); `except`, when given, is a deal id left out (the one being moved).
 */
export const OVERLAPS = (listingId: string, startsAt: string, endsAt: string, except?: string) =>
  `listing_id = ${listingId} AND status != 'ended' AND starts_at < ${endsAt} AND ends_at > ${startsAt}${except ? ` AND id != ${except}` : ""}`;

/**
 * SQL: a deal on the listing that may still sell at or after `now` (being set up, scheduled, live
 * or paused, its window not over), each argument a SQL expression. Such a deal keeps its listing
 * on sale (see the sellers' listing updates).
 */
export const OPEN_DEAL_ON = (listingId: string, now: string) =>
  `listing_id = ${listingId} AND status IN ('setting_up', 'scheduled', 'live', 'paused') AND ends_at > ${now}`;

/** A deal other than `except` that keeps the listing from a deal in that window, or null. */
export async function overlappingDeal(
  db: D1Database,
  listingId: string,
  startsAt: string,
  endsAt: string,
  except = "",
): Promise<OverlappingDeal | null> {
  return db
    .prepare(`SELECT id, starts_at AS startsAt, ends_at AS endsAt FROM deals WHERE ${OVERLAPS("?1", "?2", "?3", "?4")} LIMIT 1`)
    .bind(listingId, startsAt, endsAt, except)
    .first<OverlappingDeal>();
}

/** The deal in the way, and the window it keeps. */
export interface OverlappingDeal {
  id: string;
  startsAt: string;
  endsAt: string;
}

/** The refusal for a window another deal on the listing covers. */
export function overlapProblem(deal: OverlappingDeal | null): AppError {
  // The deal that stood in the way may have ended in the meantime; the refusal stands all the same.
  // Its window says what to move this one clear of; its id, where to find it.
  const which = deal ? `Deal ${deal.id} (${istDateTime(deal.startsAt)} to ${istDateTime(deal.endsAt)} IST)` : "Another deal";
  return new AppError("conflict", `${which} already covers this listing in that window.`);
}
