import type { Context } from "hono";
import type { AppEnv } from "../../platform/context";
import type { WaitingQuestions } from "../../questions/schemas";
import { type ApiFetch, callApi } from "../api";

/** The seller console's pages, so each is one click from the other. */
const SELLER_PAGES = [
  ["/seller", "Listings and orders"],
  ["/seller/bulk", "Bulk update"],
  ["/seller/returns", "Returns"],
  ["/seller/questions", "Questions"],
  ["/seller/payments", "Payments"],
  ["/seller/feedback", "Ratings"],
  ["/seller/profile", "Profile"],
] as const;

/** The waiting count as the tab shows it: "99+" once it reached its cap, nothing when none wait. */
export function waitingQuestionsLabel(q: WaitingQuestions | null | undefined): string | null {
  if (!q || (q.unanswered === 0 && !q.capped)) return null;
  return q.capped ? `${q.capped_at}+` : String(q.unanswered);
}

/**
 * The Questions tab's count, for the tabs of every seller console page: one capped count (at most a
 * hundred inbox rows), read alongside the page's own calls. Null when the API would not answer (an
 * account not linked to a seller, an outage): the tab then shows no count and the page still draws.
 */
export async function waitingQuestions(c: Context<AppEnv>, fetchApi: ApiFetch): Promise<WaitingQuestions | null> {
  const res = await callApi<WaitingQuestions>(c, fetchApi, "/api/seller/questions/waiting");
  return res.ok ? res.data : null;
}

/**
 * The seller console's tabs; `waiting` puts the returns awaiting ops' decision on the Returns tab,
 * `questions` the questions waiting for the seller's answer on the Questions tab. Every page passes
 * `questions` (`waitingQuestions`), so the count is in sight whichever tab the seller is on.
 */
export function SellerNav(props: {
  current: (typeof SELLER_PAGES)[number][0];
  waiting?: number | undefined;
  questions: WaitingQuestions | null;
}) {
  const questions = waitingQuestionsLabel(props.questions);
  return (
    <nav class="chips" aria-label="Seller console" data-seller-nav>
      {SELLER_PAGES.map(([href, label]) => (
        <a href={href} aria-current={href === props.current ? "page" : undefined}>
          {label}
          {href === "/seller/returns" && props.waiting ? <span data-waiting-count> ({props.waiting} waiting)</span> : null}
          {href === "/seller/questions" && questions ? (
            <span data-questions-waiting>
              {" "}
              ({questions}
              <span class="visually-hidden"> waiting for your answer</span>)
            </span>
          ) : null}
        </a>
      ))}
    </nav>
  );
}
