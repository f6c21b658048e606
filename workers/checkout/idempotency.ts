import { sha256Hex } from "../platform/ids";
import { AppError } from "../platform/errors";
import { isoIn, nowIso } from "../platform/time";

/**
 * Idempotency keys for unsafe requests, after the IETF "Idempotency-Key HTTP Header Field" draft.
 *
 * Policy: a key is scoped to the shopper (two shoppers may use the same key), must be 1-255
 * printable characters, and is kept for 24 hours after first use (a cron deletes expired keys).
 * The first request with a key wins the PRIMARY KEY insert and runs; a retry with the same key
 * and the same body gets the first response again; the same key with a different body is 422; the
 * same key while the first request is still running is 409. A checkout refused with what changed
 * (409 `price_changed` or `sold_out`) keeps that refusal as the key's response, so the shopper sees
 * it before anything is charged. Any other failure frees its key, so the shopper can retry with it;
 * a checkout that failed after holding stock gives it back first, and its retry is answered 409
 * `idempotency_spent` (see earlier-attempt.ts).
 */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;

/**
 * A request still "in flight" after this long died without freeing its key (its isolate was
 * evicted mid-request); a retry may take the key over. Safe because everything checkout creates
 * is keyed by the saga id, so the retry finds and finishes what the dead request started.
 */
export const IN_FLIGHT_TIMEOUT_SECONDS = 60;

/** The stored first response of a finished request. */
export interface StoredResponse {
  status: number;
  body: unknown;
}

/** What claiming a key found: run the request, or replay what the first one answered. */
export type Claim = { kind: "run" } | { kind: "replay"; response: StoredResponse };

/** The fingerprint of a request body: SHA-256 of its canonical JSON (keys sorted), so key order does not matter. */
export async function requestFingerprint(body: unknown): Promise<string> {
  const canonical = (v: unknown): unknown =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
        )
      : Array.isArray(v)
        ? v.map(canonical)
        : v;
  return sha256Hex(JSON.stringify(canonical(body)));
}

/**
 * Claims `key` for `scope`. Throws 422 when the key was used with a different body and 409 while
 * the first request is still running; returns the stored response for a finished one.
 */
export async function claimKey(db: D1Database, scope: string, key: string, fingerprint: string): Promise<Claim> {
  const now = nowIso();
  const inserted = await db
    .prepare(
      `INSERT INTO idempotency_keys (scope, key, request_hash, state, created_at, expires_at)
       VALUES (?1, ?2, ?3, 'in_flight', ?4, ?5) ON CONFLICT (scope, key) DO NOTHING`,
    )
    .bind(scope, key, fingerprint, now, isoIn(IDEMPOTENCY_TTL_SECONDS))
    .run();
  if (inserted.meta.changes === 1) return { kind: "run" };
  const row = await db
    .prepare(
      `SELECT request_hash AS hash, state, response_status AS status, response_body AS body, created_at AS createdAt
       FROM idempotency_keys WHERE scope = ? AND key = ?`,
    )
    .bind(scope, key)
    .first<{ hash: string; state: "in_flight" | "done"; status: number | null; body: string | null; createdAt: string }>();
  // Freed between our insert and read: the shopper may simply try again.
  if (!row)
    throw new AppError("idempotency_in_flight", "This request is being retried; try again in a moment.", {
      headers: { "retry-after": "1" },
    });
  if (row.hash !== fingerprint) {
    throw new AppError("idempotency_mismatch", "This Idempotency-Key was already used for a different request.");
  }
  if (row.state === "in_flight" && Date.parse(row.createdAt) < Date.now() - IN_FLIGHT_TIMEOUT_SECONDS * 1000) {
    // Only one retry wins the takeover: the UPDATE is conditional on the stale timestamp it saw.
    const taken = await db
      .prepare("UPDATE idempotency_keys SET created_at = ?1 WHERE scope = ?2 AND key = ?3 AND state = 'in_flight' AND created_at = ?4")
      .bind(now, scope, key, row.createdAt)
      .run();
    if (taken.meta.changes === 1) return { kind: "run" };
  }
  if (row.state === "in_flight" || row.status === null) {
    throw new AppError("idempotency_in_flight", "A request with this Idempotency-Key is still being processed.", {
      headers: { "retry-after": "1" },
    });
  }
  return { kind: "replay", response: { status: row.status, body: row.body ? JSON.parse(row.body) : null } };
}

/** Stores the response a claimed request produced, for every retry to get back. */
export async function completeKey(db: D1Database, scope: string, key: string, response: StoredResponse): Promise<void> {
  await db
    .prepare("UPDATE idempotency_keys SET state = 'done', response_status = ?1, response_body = ?2 WHERE scope = ?3 AND key = ?4")
    .bind(response.status, JSON.stringify(response.body), scope, key)
    .run();
}

/** Frees a claimed key after a request failed without telling the shopper anything to act on. */
export async function releaseKey(db: D1Database, scope: string, key: string): Promise<void> {
  await db.prepare("DELETE FROM idempotency_keys WHERE scope = ? AND key = ? AND state = 'in_flight'").bind(scope, key).run();
}

/** Deletes keys past their retention; run by the minute cron. */
export async function expireIdempotencyKeys(db: D1Database, limit = 1000): Promise<number> {
  const res = await db
    .prepare("DELETE FROM idempotency_keys WHERE rowid IN (SELECT rowid FROM idempotency_keys WHERE expires_at <= ? LIMIT ?)")
    .bind(nowIso(), limit)
    .run();
  return res.meta.changes;
}
