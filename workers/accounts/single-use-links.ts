import { type SQL, and, eq, getTableName, gt, isNull, lt } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable, SQLiteUpdateSetSource } from "drizzle-orm/sqlite-core";
import type { Db } from "../platform/context";
import { base64url, sha256Hex } from "../platform/ids";
import { isoIn } from "../platform/time";

/**
 * What every kind of mailed single-use link shares: a token of 32 random bytes that exists only in
 * the mail, a row keyed by its SHA-256 (so neither a leaked table nor anyone reading D1 can use a
 * link), a lifetime, and a use that one conditional UPDATE decides. Each kind keeps its own table,
 * lifetime and limits (reset-links.ts, email-change-links.ts, account-recovery-links.ts).
 */

/** A link table: the columns every kind has, beside its own. */
export type LinkTable = SQLiteTable & {
  id: SQLiteColumn;
  userId: SQLiteColumn;
  createdAt: SQLiteColumn;
  expiresAt: SQLiteColumn;
  usedAt: SQLiteColumn;
};

/** A new link's secret, for the mail, and the id its row is stored under. */
export async function newLinkToken(): Promise<{ token: string; id: string }> {
  const token = base64url(crypto.getRandomValues(new Uint8Array(32)));
  return { token, id: await sha256Hex(token) };
}

/** The id a presented token's row has, if it has one. */
export const linkTokenId = (token: string): Promise<string> => sha256Hex(token);

/**
 * Stores a link unless the account was given `perHour` links of this kind in the last hour; true
 * when stored. The count and the insert are one statement, so requests racing for one account
 * cannot each see room and together pass the limit. `own` holds the kind's other columns.
 */
export async function storeLimitedLink<T extends LinkTable>(
  d1: D1Database,
  table: T,
  link: { id: string; userId: string; own?: Array<[SQLiteColumn, string | null]> },
  rules: { ttlSeconds: number; perHour: number },
  now: Date,
): Promise<boolean> {
  const values: Array<[SQLiteColumn, string | null]> = [
    [table.id, link.id],
    [table.userId, link.userId],
    ...(link.own ?? []),
    [table.createdAt, now.toISOString()],
    [table.expiresAt, isoIn(rules.ttlSeconds, now)],
  ];
  const name = getTableName(table);
  const n = values.length;
  const res = await d1
    .prepare(
      `INSERT INTO ${name} (${values.map(([c]) => c.name).join(", ")})
       SELECT ${values.map((_, i) => `?${i + 1}`).join(", ")}
       WHERE (SELECT COUNT(*) FROM ${name} WHERE ${table.userId.name} = ?2 AND ${table.createdAt.name} > ?${n + 1}) < ?${n + 2}`,
    )
    .bind(...values.map(([, v]) => v), isoIn(-3600, now), rules.perHour)
    .run();
  return res.meta.changes === 1;
}

/** Removes a link whose mail was never sent, so it neither works nor counts against the account's hourly links. */
export async function withdrawLink(db: Db, table: LinkTable, id: string): Promise<void> {
  await db.delete(table).where(eq(table.id, id));
}

/**
 * Ends the account's links that still work (`before`: only those made earlier). They expire now
 * rather than vanish, so they still count against the hourly limit.
 */
export function expireLinks<T extends LinkTable>(db: Db, table: T, userId: string, now: string, also?: SQL) {
  return db
    .update(table)
    .set({ expiresAt: now } as SQLiteUpdateSetSource<T>)
    .where(and(eq(table.userId, userId), also, isNull(table.usedAt), gt(table.expiresAt, now)));
}

/** Only the links made before `before`, for `expireLinks`. */
export const madeBefore = (table: LinkTable, before: string): SQL => lt(table.createdAt, before);

/** The link `id`, if it works at `now`: unused and unexpired. */
export const linkWorks = (table: LinkTable, id: string, now: string): SQL | undefined =>
  and(eq(table.id, id), isNull(table.usedAt), gt(table.expiresAt, now));

/**
 * Uses up the link `id` if it works, answering `fields` of its row; none when it is unknown, used
 * or expired. One conditional UPDATE decides, so a link opened twice at once works for one of them only.
 */
export function consumeLink<T extends LinkTable, F extends Record<string, SQLiteColumn>>(
  db: Db,
  table: T,
  id: string,
  now: string,
  fields: F,
) {
  return db
    .update(table)
    .set({ usedAt: now } as SQLiteUpdateSetSource<T>)
    .where(linkWorks(table, id, now))
    .returning(fields);
}
