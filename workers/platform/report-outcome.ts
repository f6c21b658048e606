import { shortTitle } from "../orders/notifications";
import { quote } from "../questions/answered-notice";

/**
 * What became of a reported item, as the kinds of message its reporters get: ops removed it or
 * kept it, or its author rewrote or deleted it before ops judged it.
 */
export const REPORT_OUTCOME_KINDS = ["report_upheld", "report_kept", "report_rewritten", "report_deleted"] as const;
export type ReportOutcomeKind = (typeof REPORT_OUTCOME_KINDS)[number];

/** A message to the shoppers who reported an item: what became of it, and where the product's page shows it. */
export interface ReportOutcome {
  kind: ReportOutcomeKind;
  subject: string;
  body: string;
  link: string;
}

/**
 * What the reporters of a review or answer are told, in words that stand without the page: which
 * item (its product and its first words, as they reported it) and what became of it. A removal's
 * reason is written for the author and stays with them. The link leads to the product's reviews or
 * questions, and for a rewrite to the item's own report page (`/reviews/{id}/report`,
 * `/answers/{id}/report`), which shows the new words with the form to report them.
 */
export function reportOutcome(
  kind: ReportOutcomeKind,
  item: { noun: "review" | "answer"; id: string; productId: string; productTitle: string; words: string },
  /** An answer removed because ops removed its question: nobody judged the answer's own words. */
  withQuestion = false,
): ReportOutcome {
  const words = item.words.trim();
  const which = `${item.noun === "answer" ? "an answer" : "a review"} about ${shortTitle(item.productTitle)}${words ? ` (“${quote(words, 120)}”)` : ""}`;
  const link =
    kind === "report_rewritten"
      ? `/${item.noun}s/${encodeURIComponent(item.id)}/report`
      : `/products/${encodeURIComponent(item.productId)}#${item.noun === "answer" ? "questions" : "reviews"}`;
  const author = item.noun === "answer" ? "The seller" : "Its author";
  const thanks = `Thank you for reporting ${which}.`;
  const told: Record<ReportOutcomeKind, [subject: string, body: string]> = {
    report_upheld: [
      `The ${item.noun} you reported was removed`,
      withQuestion
        ? `${thanks} Our team removed the question it answered, and the answer with it.`
        : `${thanks} Our team looked at it and removed it.`,
    ],
    report_kept: [
      `We looked at the ${item.noun} you reported`,
      `${thanks} Our team looked at it and found it within our guidelines, so it stays up.`,
    ],
    report_rewritten: [
      `The ${item.noun} you reported was rewritten`,
      `${thanks} ${author} has since rewritten it, so the words you reported are no longer shown. If the new ${item.noun} troubles you too, report it again.`,
    ],
    report_deleted: [`The ${item.noun} you reported was deleted`, `${thanks} ${author} has since deleted it.`],
  };
  const [subject, body] = told[kind];
  return { kind, subject, body, link };
}
