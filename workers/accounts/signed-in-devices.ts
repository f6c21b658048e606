import { and, desc, eq, gt, isNull, ne, sql } from "drizzle-orm";
import { sessions } from "../db/schema";
import type { Db } from "../platform/context";
import { AppError } from "../platform/errors";
import { nowIso } from "../platform/time";
import { expireLiveResetLinks } from "./reset-links";
import { expireLiveEmailChangeLinks } from "./email-change-links";

/**
 * How a session is named to its owner: the start of its id (the token's SHA-256). Enough to tell
 * the account's sessions apart, and it gives nothing of the token away.
 */
const HANDLE_CHARS = 24;

/** One place the account is signed in, as its owner sees it. */
export interface SignedInDevice {
  id: string;
  device: string | null;
  signed_in_at: string;
  expires_at: string;
  current: boolean;
}

/** The account's live sessions, newest first; `current` marks the one asking. */
export async function signedInDevices(db: Db, userId: string, currentSessionId: string): Promise<SignedInDevice[]> {
  const rows = await db
    .select({ id: sessions.id, device: sessions.device, createdAt: sessions.createdAt, expiresAt: sessions.expiresAt })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, nowIso())))
    .orderBy(desc(sessions.createdAt));
  return rows.map((r) => ({
    id: r.id.slice(0, HANDLE_CHARS),
    device: r.device,
    signed_in_at: r.createdAt,
    expires_at: r.expiresAt,
    current: r.id === currentSessionId,
  }));
}

/**
 * Ends one of the account's sessions, named by its handle; whether it was the one asking (whose
 * cookies the caller then clears). 404 when the account has no such live session: ended already,
 * or another account's.
 */
export async function signOutDevice(db: Db, userId: string, handle: string, currentSessionId: string): Promise<{ current: boolean }> {
  const [ended] = await db
    .update(sessions)
    .set({ revokedAt: nowIso() })
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, nowIso()),
        sql`substr(${sessions.id}, 1, ${HANDLE_CHARS}) = ${handle}`,
      ),
    )
    .returning({ id: sessions.id });
  if (!ended) throw new AppError("not_found", "You are not signed in there now: that session has ended already.");
  return { current: ended.id === currentSessionId };
}

/**
 * Ends every session of the account but the one asking; how many ended. A shopper does this when
 * they think someone else is in, so the reset and email change links that still work end in the same batch, as
 * "sign out everywhere" ends them: each is a way back in.
 */
export async function signOutOtherDevices(db: Db, userId: string, currentSessionId: string): Promise<number> {
  const now = nowIso();
  const [ended] = await db.batch([
    db
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), ne(sessions.id, currentSessionId)))
      .returning({ id: sessions.id }),
    expireLiveResetLinks(db, userId, now),
    expireLiveEmailChangeLinks(db, userId, now),
  ]);
  return ended.length;
}
