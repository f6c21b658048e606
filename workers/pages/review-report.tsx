import type { Hono } from "hono";
import type { AppEnv } from "../platform/context";
import { REPORT_REASONS, type ReportReason } from "../reviews/schemas";
import type { ApiFetch } from "./api";
import { registerReportPage } from "./report-page";
import { type ProductReviewView, ReviewActionPage, readReviewForPage } from "./review-action";
import { reportPath } from "./review-list";

/** Each reason in a shopper's words, in the order offered. */
export const REPORT_REASON_WORDS: Record<ReportReason, string> = {
  spam: "Spam or advertising",
  abusive: "Abusive, hateful or threatening",
  off_topic: "Not about the product (the delivery, the seller, the price)",
  personal_details: "Shares someone's personal details (a phone number, an address)",
  fake: "Not a real shopper's experience",
};

/** Registers the page where a shopper reports a review to ops, and its form. */
export function registerReviewReport(app: Hono<AppEnv>, fetchApi: ApiFetch): void {
  registerReportPage<ProductReviewView, ReportReason>(app, fetchApi, "/reviews/:id/report", {
    noun: "review",
    path: reportPath,
    api: (id) => `/api/reviews/${encodeURIComponent(id)}/report`,
    reasons: REPORT_REASONS,
    words: REPORT_REASON_WORDS,
    read: readReviewForPage,
    frame: ({ c, title, heading, item, message, children }) => (
      <ReviewActionPage c={c} title={title} heading={heading} review={item} message={message}>
        {children}
      </ReviewActionPage>
    ),
  });
}
