import type { z } from "@hono/zod-openapi";
import { reportedCursor } from "../platform/shopper-reports";
import { myReportSchema, reportBody, reportedFieldsOf, reportedPageSchema, reportedQuery } from "../platform/shopper-report-schemas";
import { StoreAnswerSchema } from "./moderation-schemas";

/** Why a shopper reports a seller's answer to ops. */
export const ANSWER_REPORT_REASONS = ["wrong", "not_an_answer", "abusive", "spam"] as const;
export type AnswerReportReason = (typeof ANSWER_REPORT_REASONS)[number];

/** Body of PUT /api/answers/{id}/report. */
export const AnswerReportBody = reportBody(
  ANSWER_REPORT_REASONS,
  "wrong (wrong or misleading about the product), not_an_answer (does not answer the question), abusive (hateful or threatening), spam (advertising, links or contact details)",
  "AnswerReportInput",
);

/** The signed-in shopper's report of an answer, while ops have not yet dealt with it. */
export const MyAnswerReportSchema = myReportSchema(ANSWER_REPORT_REASONS, "MyAnswerReport");

/** The cursor of the reported answers' queue. */
export const REPORTED_ANSWERS_CURSOR = reportedCursor("reported_answers");

/** Query of GET /api/admin/answers/reported. */
export const ReportedAnswersQuery = reportedQuery(REPORTED_ANSWERS_CURSOR.field, "Answers");

/** A reported answer in the moderation queue, with its question, product and seller, and its reports by reason. */
export const ReportedAnswerSchema = StoreAnswerSchema.extend(reportedFieldsOf("answer")).openapi("ReportedAnswer");
export type ReportedAnswer = z.infer<typeof ReportedAnswerSchema>;

export const ReportedAnswerPageSchema = reportedPageSchema(ReportedAnswerSchema, "answers", "ReportedAnswers");
export type ReportedAnswerPage = z.infer<typeof ReportedAnswerPageSchema>;
