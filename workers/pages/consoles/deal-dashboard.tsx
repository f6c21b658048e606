import type { Context } from "hono";
import type { AppEnv } from "../../platform/context";
import { type ApiFetch, type Problem, answerProblem, callApi, problemMessage } from "../api";
import { Layout } from "../layout";
import { type AdjustFormState, AdjustDealFormView } from "./deal-adjust-form";
import { type DealAction, DealControls, DealStatus, statusWordsAttr } from "./deal-controls";
import { likeHref } from "./deal-like";
import { type DealResultsView, DealResultsPanel } from "./deal-results-panel";
import { type DashboardDeal, DealTerms } from "./deal-terms";
import { Flash } from "./guard";

/** Live figures of one deal, as the deal admin API reports them. */
export interface DealFigures {
  id?: string;
  status?: string;
  units?: number;
  sold?: number;
  reserved?: number;
  remaining?: number;
  returned?: number;
  waiting?: number;
  joined?: number;
  joined_before_open?: number;
  admitted?: number;
  sell_rate_per_minute?: number;
  admission_rate_per_minute?: number;
  [figure: string]: unknown;
}

/** The figures the dashboard shows, in order, with their labels; console.js refreshes each by name. */
export const FIGURES: [string, string][] = [
  ["status", "Status"],
  // The four after the units always add up to them, so an ended deal's unsold units read as
  // returned to stock rather than as missing.
  ["units", "Units in the deal"],
  ["remaining", "Remaining units"],
  ["sold", "Sold"],
  ["reserved", "Reserved (awaiting payment)"],
  ["returned", "Returned to stock"],
  ["sell_rate_per_minute", "Sell rate (per minute)"],
  ["joined", "Joined the waiting room"],
  ["joined_before_open", "Joined before it opened"],
  ["waiting", "Shoppers waiting"],
  ["admitted", "Shoppers admitted"],
  ["admission_rate_per_minute", "Admission rate (per minute)"],
];

/** What each action did, in a word: the refusal's "was not paused", and the notice `?done=` names. */
export const DONE: Record<DealAction, "paused" | "resumed" | "ended"> = { pause: "paused", resume: "resumed", end: "ended" };

/**
 * What the dashboard says after an action: `?done=` on the redirect names it, so a creation, a
 * pause or an end is confirmed in words, not only by the status field. A deal resumed past its end time is
 * ended instead, which the figures alone would leave the manager to puzzle out.
 */
const NOTICES = {
  created: "The deal was created: its units are set aside from the listing's stock, and it opens at the time shown below.",
  paused:
    "The deal is paused. Shoppers in its waiting room keep their places and units held for them stay held; no one new is let in or holds a unit until you resume it.",
  resumed: "The deal is selling again: its waiting room lets shoppers in where it left off.",
  ended:
    "The deal has ended: its unsold units went back to stock. A unit a shopper held at the end is sold if they pay in time, or goes back to stock; the results say so far until every one has.",
  ended_on_resume: "The deal's end time had passed, so resuming it ended it: its unsold units went back to stock.",
  adjusted: "The deal's settings were changed. Shoppers' waiting rooms follow within a couple of seconds.",
  unchanged: "Nothing was changed: the form's values were the deal's own.",
} as const;

/** The notice `?done=` names, if it names one. */
export function actionNotice(done: string | undefined): string | undefined {
  return done && Object.hasOwn(NOTICES, done) ? NOTICES[done as keyof typeof NOTICES] : undefined;
}

/**
 * Why a pause, resume or end did not happen. An illegal transition's detail already names the
 * action and the deal's state; a rate limit or shed load says only when to try again, so the
 * message first says that nothing changed.
 */
export function actionRefusal(action: DealAction, problem: Problem): string {
  const message = problemMessage(problem);
  return problem.status === 409 ? message : `The deal was not ${DONE[action]}. ${message}`;
}

/** Whether a deal in this state (as its figures give it) has opened, and so has results to show. */
function hasSold(status: string): boolean {
  return !["scheduled", "setting_up", "setup_failed"].includes(status);
}

/**
 * Renders a deal's live dashboard, with `refusal` when an action on it was just refused, or the
 * `notice` of one that did something worth saying; `adjust` is the Adjust form as a refused post
 * left it. The figures refresh every two seconds, so they
 * sit outside any live region: a screen reader hears only the announcements console.js writes to
 * the status line when something meaningful changes.
 */
export async function renderDashboard(
  c: Context<AppEnv>,
  fetchApi: ApiFetch,
  id: string,
  refusal?: string,
  notice?: string,
  adjust?: AdjustFormState,
) {
  const res = await callApi<DealFigures>(c, fetchApi, `/api/admin/deals/${encodeURIComponent(id)}`);
  // A refused action already set the status the page answers with; its reason matters more than the figures'.
  if (!res.ok && !refusal) answerProblem(c, res.problem);
  // The gate's live figures sit under `figures`; the deal's own fields (status, units) beside them.
  // A deal not set up has no figures; its problem names the state it is in (setup failed, or setting up).
  const notSetUp = !res.ok && typeof res.problem.deal_status === "string" ? { status: res.problem.deal_status } : {};
  const figures: DealFigures = res.ok ? { ...res.data, ...((res.data.figures as DealFigures | undefined) ?? {}) } : notSetUp;
  const problem = res.ok ? undefined : problemMessage(res.problem);
  const deal = res.ok ? (res.data as unknown as DashboardDeal) : null;
  const status = typeof figures.status === "string" ? figures.status : undefined;
  const results =
    status && hasSold(status) ? await callApi<DealResultsView>(c, fetchApi, `/api/admin/deals/${encodeURIComponent(id)}/results`) : null;
  return c.html(
    <Layout degraded={c.var.degraded} viewer={c.var.user} csrf={c.var.csrfToken} title="Deal dashboard" scripts={["console.js"]}>
      <h1>{deal?.product_title ? `Deal: ${deal.product_title}` : `Deal ${id}`}</h1>
      <p class="muted">Deal {id}</p>
      <Flash ok={notice} error={refusal ?? problem} />
      <p class="visually-hidden" role="status" data-deal-announce />
      {deal && <DealTerms deal={deal} status={status} />}
      <dl
        class="figures"
        data-deal-dashboard={id}
        data-status={status}
        data-status-words={statusWordsAttr()}
        data-sold={figures.sold === undefined ? undefined : String(figures.sold)}
        data-units={figures.units === undefined ? undefined : String(figures.units)}
      >
        {FIGURES.map(([name, label]) => (
          <div>
            <dt>{label}</dt>
            <dd data-figure={name}>
              {name === "status" ? (
                <DealStatus status={status} startsAt={deal?.starts_at} remaining={figures.remaining} />
              ) : figures[name] === undefined ? (
                "—"
              ) : (
                String(figures[name])
              )}
            </dd>
          </div>
        ))}
      </dl>
      <DealControls id={id} status={status} csrf={c.var.csrfToken} />
      {deal && (
        <p>
          <a href={likeHref(id)}>Create a deal like this</a>
          <span class="muted">: the same listing, price, units and waiting room, at the same time on a later day</span>
        </p>
      )}
      {deal && <AdjustDealFormView deal={deal} status={status} csrf={c.var.csrfToken} state={adjust} />}
      {results?.ok && results.data.timing.opened_at !== null && <DealResultsPanel results={results.data} />}
      <p>
        <a href={`/deals/${encodeURIComponent(id)}`}>Shopper's view of this deal</a> · <a href="/deals-console">All deals</a>
      </p>
    </Layout>,
  );
}
