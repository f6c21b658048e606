import { relayRows } from "../platform/outbox";
import { SHOWN_RATING_SQL } from "./shown-rating";

/**
 * Sellers' shown ratings, worked out again by the minute cron from the running totals that each
 * rating moves, rather than by the rating itself. A product page shows its sellers' ratings, so a
 * change of one reaches every page of the seller's listings (`seller.changed`, expanded by the
 * catalog consumer a page of listings at a time): a busy seller rated thousands of times a day
 * would otherwise start that fan-out thousands of times. Here it starts at most once a minute per
 * seller, and only when the shown figure (a tenth of a star) moved, which once a seller has many
 * ratings most ratings do not do.
 */

/** Sellers one round takes from the due index: each round is one short D1 batch. */
export const RATING_ROUND = 500;

/** Rounds one cron run takes while they come back full, so a backlog drains without one run holding D1 long. */
export const RATING_ROUNDS = 10;

/** The sellers due, in id order; the same rows for both statements of a round's batch (one transaction). */
const DUE = (limit: string) => `SELECT id FROM sellers INDEXED BY sellers_rating_due_idx WHERE rating_due = 1 ORDER BY id LIMIT ${limit}`;

/** What a run did. */
export interface RatingRecompute {
  /** Sellers whose shown rating was worked out again. */
  recomputed: number;
  /** Of those, sellers whose shown rating moved and that have listings, so their pages are rebuilt. */
  announced: number;
}

/**
 * Works out the shown rating of every seller rated since the last run. Each round is one D1 batch:
 * a `seller.changed` outbox row for each due seller whose shown value differs from the new one (and
 * who has a listing whose page shows it), marked `buy_box` as a rating breaks buy-box ties, then
 * the new values with the sellers no longer due. A rating given meanwhile waits for the next round,
 * as D1 runs the batch as one transaction. The rows are sent at once; one whose send failed is
 * relayed by the same cron's outbox relay.
 */
export async function recomputeSellerRatings(env: Env, now: Date = new Date()): Promise<RatingRecompute> {
  const done: RatingRecompute = { recomputed: 0, announced: 0 };
  for (let round = 0; round < RATING_ROUNDS; round++) {
    // Each round is its own change: the key of every row of a seller's fan-out is named by its time.
    const at = new Date(now.getTime() + round).toISOString();
    const [announced, updated] = await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO outbox (topic, payload, created_at)
         SELECT 'catalog', json_object('type', 'seller.changed', 'seller_id', s.id, 'after', NULL, 'at', ?1, 'buy_box', json('true')), ?1
         FROM sellers s
         WHERE s.id IN (${DUE("?2")}) AND s.rating_x10 != ${SHOWN_RATING_SQL}
           AND EXISTS (SELECT 1 FROM listings l WHERE l.seller_id = s.id)
         RETURNING id, payload`,
      ).bind(at, RATING_ROUND),
      env.DB.prepare(`UPDATE sellers SET rating_x10 = ${SHOWN_RATING_SQL}, rating_due = 0 WHERE id IN (${DUE("?1")})`).bind(RATING_ROUND),
    ]);
    const written = ((announced?.results ?? []) as { id: number; payload: string }[]).map((r) => ({
      id: r.id,
      body: JSON.parse(r.payload) as unknown,
    }));
    await relayRows(env, "catalog", written);
    const n = updated?.meta.changes ?? 0;
    done.recomputed += n;
    done.announced += written.length;
    if (n < RATING_ROUND) break;
  }
  return done;
}
