import {
  type QueueQuery,
  type ReportColumns,
  type Reportable,
  type ReportedPosition,
  fileReport,
  keepReported,
  queuePage,
  reportColumns,
  reportFields,
  reportOf,
} from "../platform/shopper-reports";
import { type AnswerReportReason, REPORTED_ANSWERS_CURSOR, type ReportedAnswerPage } from "./answer-report-schemas";
import { STORE_ANSWER_COLUMNS, STORE_ANSWER_FROM, type StoreAnswerRow, toStoreAnswer } from "./moderation-lists";

/** Why a seller's own users take no report of theirs on its answer: they may change it themselves. */
export const OWN_ANSWER_REPORT = "This is your business's own answer: change it from the seller console's Questions tab.";

/**
 * Sellers' answers as shoppers report them: one shown (neither it nor its question removed), and
 * not given by a seller the shopper works for.
 */
export const REPORTABLE_ANSWER: Reportable = {
  noun: "answer",
  table: "question_answers",
  reports: "answer_reports",
  column: "answer_id",
  shown: "t.status = 'visible' AND EXISTS (SELECT 1 FROM product_questions q WHERE q.id = t.question_id AND q.status = 'visible')",
  own: "EXISTS (SELECT 1 FROM user_roles g WHERE g.user_id = ?2 AND g.role = 'seller' AND g.seller_id = t.seller_id)",
  ownRefusal: OWN_ANSWER_REPORT,
};

/** Reports a seller's answer to ops for the shopper; sending it twice counts once, and the first reason stands. */
export function reportAnswer(d1: D1Database, userId: string, answerId: string, reason: AnswerReportReason): Promise<void> {
  return fileReport(d1, REPORTABLE_ANSWER, answerId, userId, reason);
}

/** The shopper's report of an answer, if they made one that ops have not yet dealt with. */
export function myAnswerReport(
  d1: D1Database,
  userId: string,
  answerId: string,
): Promise<{ reason: AnswerReportReason; reported_at: string } | null> {
  return reportOf(d1, REPORTABLE_ANSWER, answerId, userId) as Promise<{ reason: AnswerReportReason; reported_at: string } | null>;
}

/** Ops keep a reported answer: its reports are cleared, with who kept it and when. Throws not_found when it is not shown. */
export function keepReportedAnswer(d1: D1Database, answerId: string, by: string): Promise<void> {
  return keepReported(d1, REPORTABLE_ANSWER, answerId, by);
}

/**
 * The queue of reported answers still shown, read from the partial index that holds them alone.
 * A removed question takes its answers' reports with it (remove.ts), so none waits here unseen.
 */
export const REPORTED_ANSWERS: QueueQuery = {
  select: `SELECT ${STORE_ANSWER_COLUMNS}, ${reportColumns(REPORTABLE_ANSWER, "a")}
    ${STORE_ANSWER_FROM} LEFT JOIN users k ON k.id = a.reports_kept_by`,
  alias: "a",
  reported: "a.report_count > 0 AND a.status = 'visible'",
  time: "updated_at",
};

/**
 * One page of the reported answers, the most reported first, then the last written, each with its
 * question, product and seller and how many reports gave each reason, and how many wait in all.
 */
export async function reportedAnswers(
  d1: D1Database,
  page: { limit: number; cursor?: ReportedPosition | undefined },
): Promise<ReportedAnswerPage> {
  const { rows, more, waiting } = await queuePage<StoreAnswerRow & ReportColumns>(d1, REPORTABLE_ANSWER, REPORTED_ANSWERS, page);
  const items = rows.map((r) => ({ ...toStoreAnswer(r), ...reportFields(r) }));
  const last = items.at(-1);
  return {
    items,
    next_cursor:
      more && last ? REPORTED_ANSWERS_CURSOR.encode({ report_count: last.report_count, at: last.answered_at, id: last.id }) : null,
    waiting,
  };
}
