import { AppError } from "../platform/errors";
import { type ReportOutcome, type ReportOutcomeKind, reportOutcome } from "../platform/report-outcome";
import {
  type QueueQuery,
  type ReportColumns,
  type Reportable,
  type ReportedPosition,
  keepReported,
  reportedPage,
  reportColumns,
} from "../platform/shopper-reports";
import { REPORTED_ANSWERS_CURSOR, type ReportedAnswerPage } from "./answer-report-schemas";
import { STORE_ANSWER_COLUMNS, STORE_ANSWER_FROM, type StoreAnswerRow, toStoreAnswer } from "./moderation-lists";
import type { StoreAnswer } from "./moderation-schemas";
import { readShownAnswer } from "./one-answer";

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
export function reportedAnswers(
  d1: D1Database,
  page: { limit: number; cursor?: ReportedPosition | undefined },
): Promise<ReportedAnswerPage> {
  return reportedPage<StoreAnswerRow & ReportColumns, StoreAnswer>(d1, REPORTABLE_ANSWER, REPORTED_ANSWERS, page, {
    item: toStoreAnswer,
    at: (a) => a.answered_at,
    cursor: REPORTED_ANSWERS_CURSOR,
  });
}

/** Ops keep a reported answer: its reports are cleared, and its reporters told it stays, naming it as they saw it. */
export async function keepReportedAnswer(d1: D1Database, answerId: string, by: string): Promise<void> {
  const answer = await readShownAnswer(d1, answerId);
  if (!answer) throw new AppError("not_found", `No answer with id ${answerId}; it may have been removed.`);
  await keepReported(
    d1,
    REPORTABLE_ANSWER,
    answerId,
    by,
    answerOutcome("report_kept", { id: answerId, productId: answer.product.id, productTitle: answer.product.title, text: answer.text }),
  );
}

/** What an answer's reporters are told (report-outcome.ts), naming it by its product and its words. */
export function answerOutcome(
  kind: ReportOutcomeKind,
  answer: { id: string; productId: string; productTitle: string; text: string },
  withQuestion = false,
): ReportOutcome {
  const { id, productId, productTitle } = answer;
  return reportOutcome(kind, { noun: "answer", id, productId, productTitle, words: answer.text }, withQuestion);
}
