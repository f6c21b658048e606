import { and, eq, isNull } from "drizzle-orm";
import { sessions, userRoles, users } from "../db/schema";
import type { Db, Principal, Role } from "../platform/context";
import { base64url, sha256Hex } from "../platform/ids";
import { isoIn, nowIso } from "../platform/time";

/** How long a session lives without re-authentication. */
export const SESSION_TTL_SECONDS = 7 * 24 * 3600;

/** Session cookie name. The `__Host-` prefix pins it to this origin over HTTPS with Path=/. */
export const SESSION_COOKIE = "__Host-session";

/**
 * Creates a server-side session and returns the opaque token for the cookie or bearer header.
 * Only the token's SHA-256 is stored, so a leaked table cannot be replayed.
 */
export async function createSession(
  db: Db,
  userId: string,
  ttlSeconds = SESSION_TTL_SECONDS,
  device: string | null = null,
): Promise<{ token: string; sessionId: string; expiresAt: string }> {
  const token = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const sessionId = await sha256Hex(token);
  const expiresAt = isoIn(ttlSeconds);
  await db.insert(sessions).values({ id: sessionId, userId, createdAt: nowIso(), expiresAt, device });
  return { token, sessionId, expiresAt };
}

/** Revokes a session by its id (the token's hash), as the principal carries it. */
export async function revokeSessionById(db: Db, sessionId: string): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: nowIso() })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

/** Revokes the session behind a token; a revoked session never authenticates again. */
export async function revokeSession(db: Db, token: string): Promise<void> {
  await revokeSessionById(db, await sha256Hex(token));
}

/** Resolves a token to the user and roles behind a live session, or null. */
export async function principalForToken(db: Db, token: string, via: Principal["via"]): Promise<Principal | null> {
  const id = await sha256Hex(token);
  const rows = await db
    .select({
      sessionId: sessions.id,
      expiresAt: sessions.expiresAt,
      revokedAt: sessions.revokedAt,
      userId: users.id,
      email: users.email,
      name: users.name,
      role: userRoles.role,
      sellerId: userRoles.sellerId,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(userRoles, eq(userRoles.userId, users.id))
    .where(eq(sessions.id, id));
  const first = rows[0];
  if (!first || first.revokedAt || first.expiresAt <= nowIso()) return null;
  const roles = [...new Set(rows.map((r) => r.role).filter((r): r is Role => r !== null))];
  return {
    id: first.userId,
    email: first.email,
    name: first.name,
    roles,
    sellerId: rows.find((r) => r.role === "seller")?.sellerId ?? null,
    sessionId: first.sessionId,
    via,
  };
}

/** Ended sessions are kept this long (for support questions about a sign-out), then deleted. */
export const ENDED_SESSION_RETENTION_SECONDS = 24 * 3600;

/**
 * Deletes sessions that expired or were revoked more than a day ago, a bounded batch per call,
 * so the minute cron keeps the table the size of the signed-in population.
 */
export async function pruneSessions(d1: D1Database, now = new Date()): Promise<number> {
  const cutoff = isoIn(-ENDED_SESSION_RETENTION_SECONDS, now);
  const res = await d1
    .prepare("DELETE FROM sessions WHERE id IN (SELECT id FROM sessions WHERE expires_at < ?1 OR revoked_at < ?1 LIMIT 500)")
    .bind(cutoff)
    .run();
  return res.meta.changes;
}
