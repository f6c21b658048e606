import { shortTitle } from "../orders/notifications";
import { quote } from "../questions/answered-notice";

/** What ops decided about a reported item, as the kinds of message its reporters get. */
export type ReportOutcomeKind = "report_upheld" | "report_kept";

/** A message to the shoppers who reported an item: what ops decided, and where the product's page shows it. */
export interface ReportOutcome {
  kind: ReportOutcomeKind;
  subject: string;
  body: string;
  link: string;
}

/**
 * What the reporters of a review or answer are told, in words that stand without the page: which
 * item (its product and its first words, as they reported it) and what ops decided. A removal's
 * reason is written for the author and stays with them.
 */
export function reportOutcome(
  kind: ReportOutcomeKind,
  item: { noun: "review" | "answer"; productId: string; productTitle: string; words: string },
): ReportOutcome {
  const words = item.words.trim();
  const which = `${item.noun === "answer" ? "an answer" : "a review"} about ${shortTitle(item.productTitle)}${words ? ` (“${quote(words, 120)}”)` : ""}`;
  const link = `/products/${encodeURIComponent(item.productId)}#${item.noun === "answer" ? "questions" : "reviews"}`;
  return kind === "report_upheld"
    ? {
        kind,
        subject: `The ${item.noun} you reported was removed`,
        body: `Thank you for reporting ${which}. Our team looked at it and removed it.`,
        link,
      }
    : {
        kind,
        subject: `We looked at the ${item.noun} you reported`,
        body: `Thank you for reporting ${which}. Our team looked at it and found it within our guidelines, so it stays up.`,
        link,
      };
}
