import { initialEmailStateSql } from "../notifications/email-delivery";
import { AppError } from "./errors";
import { ISO_TIME, encodeKeyset, keysetCursorField } from "./keyset-cursor";
import type { ReportOutcome } from "./report-outcome";
import { nowIso } from "./time";

/**
 * Shoppers reporting what others wrote (a review, a seller's answer) to ops, and ops working the
 * queue of reported items: the same rules whatever is reported. A report is one row per shopper
 * and item, so it counts once however often it is sent (the first reason stands), and the item's
 * `report_count` moves in the same batch. Ops keep an item (clearing its reports, recording who
 * kept it) or remove it, and the shoppers who reported it are told which.
 */

/** Something shoppers can report, as the statements name it. The reported row is `t` in every condition. */
export interface Reportable {
  /** What it is called in a refusal: "review", "answer". */
  noun: string;
  table: "reviews" | "question_answers";
  reports: "review_reports" | "answer_reports";
  /** The reports table's column naming the reported row. */
  column: "review_id" | "answer_id";
  /** True while the row is shown, and so can be reported and kept; a removed one cannot. */
  shown: string;
  /** True when the row is the shopper `?2`'s own, which they change themselves rather than report. */
  own: string;
  /** Why the shopper's own item takes no report of theirs. */
  ownRefusal: string;
}

/**
 * Reports the item for the shopper: the report is written only for an item that is shown and not
 * theirs, in the statement that checks so, and the count steps only if the report was new. The
 * batch ends by reading the item as it stands, to tell a missing item from the shopper's own.
 */
export async function fileReport(d1: D1Database, what: Reportable, id: string, userId: string, reason: string): Promise<void> {
  const [, , read] = await d1.batch([
    d1
      .prepare(
        `INSERT INTO ${what.reports} (${what.column}, user_id, reason, created_at)
         SELECT t.id, ?2, ?3, ?4 FROM ${what.table} t WHERE t.id = ?1 AND ${what.shown} AND NOT (${what.own})
         ON CONFLICT (${what.column}, user_id) DO NOTHING`,
      )
      .bind(id, userId, reason, nowIso()),
    d1.prepare(`UPDATE ${what.table} SET report_count = report_count + 1 WHERE id = ?1 AND changes() = 1`).bind(id),
    d1.prepare(`SELECT (${what.own}) AS own FROM ${what.table} t WHERE t.id = ?1 AND ${what.shown}`).bind(id, userId),
  ]);
  const item = (read?.results as { own: number }[] | undefined)?.[0];
  if (!item) throw new AppError("not_found", `No ${what.noun} with id ${id}; it may have been removed.`);
  if (item.own === 1) throw new AppError("forbidden", what.ownRefusal);
}

/**
 * The shopper's report of the item, if they made one that ops have not yet dealt with; `R` is the
 * item's reasons. Throws forbidden, with why, for the shopper's own item, which takes no report of
 * theirs, so a page asking before it offers the form does not offer one that can only be refused.
 */
export async function reportOf<R extends string>(
  d1: D1Database,
  what: Reportable,
  id: string,
  userId: string,
): Promise<{ reason: R; reported_at: string } | null> {
  const row = await d1
    .prepare(
      `SELECT r.reason, r.created_at AS reported_at, EXISTS (SELECT 1 FROM ${what.table} t WHERE t.id = ?1 AND ${what.own}) AS own
       FROM (SELECT 1) LEFT JOIN ${what.reports} r ON r.${what.column} = ?1 AND r.user_id = ?2`,
    )
    .bind(id, userId)
    .first<{ reason: R | null; reported_at: string | null; own: number }>();
  if (row?.own === 1) throw new AppError("forbidden", what.ownRefusal);
  return row?.reason && row.reported_at ? { reason: row.reason, reported_at: row.reported_at } : null;
}

/**
 * Ops looked at a reported item and keep it: its reports are cleared and it leaves the queue, with
 * who kept it and when recorded on it, and the shoppers who reported it are told it stays. Reports
 * sent after this put it back, showing that it was kept before. Throws not_found when there is no
 * such item shown.
 */
export async function keepReported(d1: D1Database, what: Reportable, id: string, by: string, told: ReportOutcome): Promise<void> {
  const now = nowIso();
  const [, , kept] = await d1.batch([
    reportOutcomeStatement(d1, what, id, { ...told, now, when: what.shown }),
    d1.prepare(`DELETE FROM ${what.reports} WHERE ${what.column} = ?1`).bind(id),
    d1
      .prepare(
        `UPDATE ${what.table} AS t SET report_count = 0, reports_kept_by = ?2, reports_kept_at = ?3 WHERE t.id = ?1 AND ${what.shown}`,
      )
      .bind(id, by, now),
  ]);
  if (kept?.meta.changes !== 1) throw new AppError("not_found", `No ${what.noun} with id ${id}; it may have been removed.`);
}

/**
 * The statement telling each shopper whose report on the item stands what became of it, for the
 * batch that decides, ahead of the statement that clears the reports. It writes only when `when`
 * holds of the item `t` (SQL that may use the item's id `?1`, the batch's time `?2` and `arg` as
 * `?7`), so a decision that did not happen tells no one. One message per report (its id names the
 * report's time, so a shopper who reports again after a keep hears again), on the Updates page and
 * by email unless they turned the `reports` group off; no text message, as it asks nothing of them.
 */
export function reportOutcomeStatement(
  d1: D1Database,
  what: Reportable,
  id: string,
  told: ReportOutcome & { now: string; when: string; arg?: string | number },
): D1PreparedStatement {
  return d1
    .prepare(
      `INSERT INTO notifications (event_id, channel, user_id, kind, subject, body, link, created_at, email_state)
       SELECT ?3 || ':${what.noun}:' || ?1 || ':' || r.user_id || ':' || r.created_at, 'email', r.user_id, ?3, ?4, ?5, ?6, ?2,
         ${initialEmailStateSql("'email'", { user: "r.user_id", group: "reports" })}
       FROM ${what.reports} r JOIN ${what.table} t ON t.id = r.${what.column}
       WHERE r.${what.column} = ?1 AND ${told.when}
       ON CONFLICT (event_id, channel) DO NOTHING`,
    )
    .bind(id, told.now, told.kind, told.subject, told.body, told.link, ...(told.arg === undefined ? [] : [told.arg]));
}

/**
 * For the batch in which an item's author rewrites it, after the write: the reports were about
 * words no longer shown, and ops kept (if they did) words no longer shown, so the reports go and
 * the kept mark with them, and the reporters are told they may report the new words. Only when
 * `rewritten` (SQL of the item `t`, with its id `?1` and the batch's time `?2`) says this batch
 * wrote it, as helpful votes on the old words are cleared.
 */
export function rewrittenStatements(
  d1: D1Database,
  what: Reportable,
  id: string,
  told: ReportOutcome & { now: string; rewritten: string },
): D1PreparedStatement[] {
  const rewritten = `EXISTS (SELECT 1 FROM ${what.table} t WHERE t.id = ?1 AND ${told.rewritten})`;
  return [
    reportOutcomeStatement(d1, what, id, { ...told, when: told.rewritten }),
    d1.prepare(`DELETE FROM ${what.reports} WHERE ${what.column} = ?1 AND ${rewritten}`).bind(id, told.now),
    d1
      .prepare(
        `UPDATE ${what.table} SET report_count = 0, reports_kept_by = NULL, reports_kept_at = NULL
         WHERE id = ?1 AND (report_count > 0 OR reports_kept_at IS NOT NULL) AND ${rewritten}`,
      )
      .bind(id, told.now),
  ];
}

/** The statement that clears an item's reports, for the batch that removes it. */
export function clearReportsStatement(d1: D1Database, what: Reportable, id: string): D1PreparedStatement {
  return d1.prepare(`DELETE FROM ${what.reports} WHERE ${what.column} = ?1`).bind(id);
}

/** The columns a queue row carries besides the item's own: its reports by reason, and who kept it before. */
export function reportColumns(what: Reportable, alias: string): string {
  return `${alias}.report_count, k.name AS kept_by_name, ${alias}.reports_kept_at,
    (SELECT json_group_object(reason, n) FROM (
       SELECT reason, COUNT(*) AS n FROM ${what.reports} WHERE ${what.column} = ${alias}.id GROUP BY reason)) AS reasons`;
}

/** What `reportColumns` read, as a queue row carries it. */
export interface ReportColumns {
  report_count: number;
  reasons: string | null;
  kept_by_name: string | null;
  reports_kept_at: string | null;
}

/** A queue row's reports as the API gives them: counts by reason, and the last time ops kept it, if they did. */
export function reportFields(row: ReportColumns): {
  report_count: number;
  reasons: Record<string, number>;
  kept_before: { by: string; at: string } | null;
} {
  return {
    report_count: row.report_count,
    reasons: JSON.parse(row.reasons ?? "{}") as Record<string, number>,
    kept_before: row.reports_kept_at ? { by: row.kept_by_name ?? "ops", at: row.reports_kept_at } : null,
  };
}

/** Where a page of a reported queue ended: the last item's reports, time and id. */
export interface ReportedPosition {
  reports: number;
  at: string;
  id: string;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const COUNT = /^\d{1,9}$/;

/**
 * The cursor of one reported queue, which starts with `marker`, so no other list accepts it:
 * `encode` makes the next_cursor after an item, and `field` is the query field that reads it back.
 */
export function reportedCursor(marker: string) {
  return {
    encode: (last: { report_count: number; at: string; id: string }) => encodeKeyset([marker, String(last.report_count), last.at, last.id]),
    field: keysetCursorField(
      [new RegExp(`^${marker}$`), COUNT, ISO_TIME, ID],
      ([, reports, at, id]): ReportedPosition => ({ reports: Number(reports), at: at as string, id: id as string }),
    ),
  };
}

/** A reported queue's statement, as its partial index (report count, `time`, id) reads it. */
export interface QueueQuery {
  /** `SELECT … FROM …` with the reported table as `alias`. */
  select: string;
  alias: string;
  /** The condition of the partial index, which holds the queue alone. */
  reported: string;
  /** The time column, after the count, that orders items alike in reports: newest first. */
  time: string;
}

/** The queue's statement: `?1` rows, after the position `?2`–`?4` when `after`, most reported first. */
export function queueSql(q: QueueQuery, after: boolean): string {
  const a = q.alias;
  const keyset = after ? ` AND (${a}.report_count, ${a}.${q.time}, ${a}.id) < (?2, ?3, ?4)` : "";
  return `${q.select} WHERE ${q.reported}${keyset} ORDER BY ${a}.report_count DESC, ${a}.${q.time} DESC, ${a}.id DESC LIMIT ?1`;
}

/** How many items wait in the queue, counted from its partial index alone. */
export function waitingSql(what: Reportable, q: QueueQuery): string {
  return `SELECT COUNT(*) AS n FROM ${what.table} ${q.alias} WHERE ${q.reported}`;
}

/**
 * One page of a reported queue, most reported first, and how many wait in all, in one batch: each
 * row drawn by `item` with its reports added, and the next_cursor after the last. Paged by keyset,
 * so ops keeping or removing items on one page shifts none onto the next; a report sent meanwhile
 * may move its item up past the page ops are on.
 */
export async function reportedPage<Row extends ReportColumns, Item extends { id: string }>(
  d1: D1Database,
  what: Reportable,
  q: QueueQuery,
  page: { limit: number; cursor?: ReportedPosition | undefined },
  shape: { item: (row: Row) => Item; at: (item: Item) => string; cursor: ReturnType<typeof reportedCursor> },
): Promise<{ items: (Item & ReturnType<typeof reportFields>)[]; next_cursor: string | null; waiting: number }> {
  const { limit, cursor } = page;
  const list = cursor
    ? d1.prepare(queueSql(q, true)).bind(limit + 1, cursor.reports, cursor.at, cursor.id)
    : d1.prepare(queueSql(q, false)).bind(limit + 1);
  const [rows, waiting] = await d1.batch([list, d1.prepare(waitingSql(what, q))]);
  const found = (rows?.results ?? []) as Row[];
  const items = found.slice(0, limit).map((row) => ({ ...shape.item(row), ...reportFields(row) }));
  const last = items.at(-1);
  return {
    items,
    next_cursor:
      found.length > limit && last ? shape.cursor.encode({ report_count: last.report_count, at: shape.at(last), id: last.id }) : null,
    waiting: (waiting?.results as { n: number }[] | undefined)?.[0]?.n ?? 0,
  };
}
