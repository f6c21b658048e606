import { countWords, countdownText, statusLabel } from "../format";
import { CsrfField } from "../layout";

/** The dashboard's controls; each posts to `/deals-console/{id}/{action}`. */
export type DealAction = "pause" | "resume" | "end";

const ACTIONS: readonly DealAction[] = ["pause", "resume", "end"];

/**
 * The statuses (as the dashboard shows them) in which each control does something, as the deal
 * API's rules have them: pausing applies to a deal that is scheduled or live (pausing a paused one
 * changes nothing), resuming to a paused one (resuming a running one changes nothing), ending to
 * any deal not ended yet, one being set up or whose setup failed included. A sold-out deal sells
 * nothing more whether paused or not, so only ending it does anything; nor can a deal past its end
 * time sell again (resuming a paused one would end it), so it is offered ending alone.
 */
const APPLIES_TO: Record<DealAction, readonly string[]> = {
  pause: ["scheduled", "live"],
  resume: ["paused"],
  end: ["setting_up", "setup_failed", "scheduled", "live", "paused", "paused_past_end", "past_end", "sold_out"],
};

/** The controls a deal in `status` is offered; every one while its status is not known, so the API decides. */
export function dealActions(status: string | undefined): DealAction[] {
  return status === undefined ? [...ACTIONS] : ACTIONS.filter((action) => APPLIES_TO[action].includes(status));
}

/**
 * What a manager reads for each status a deal can have. A scheduled deal's words are followed by
 * a countdown to its opening; `{unsold}` stands for the units ending the deal would return now.
 * console.js writes the same words as the status changes: the page hands it this table
 * (`statusWordsAttr`), so the words live here alone.
 */
const STATUS_WORDS: Readonly<Record<string, string>> = {
  setting_up: "Setting up",
  setup_failed: "Setup failed",
  scheduled: "Scheduled: opens in",
  live: "Live",
  paused: "Paused",
  // The minute cron ends it soon enough, but until then its units are neither on sale nor in stock.
  paused_past_end: "Paused — its end time has passed; ending returns {unsold} to stock",
  past_end: "Its end time has passed; ending returns {unsold} to stock",
  sold_out: "Sold out",
  ended: "Ended",
};

/** A deal's status in a manager's words, with the units ending it would return (`remaining`) where they say so. */
export function dealStatusWords(status: string, remaining?: number): string {
  const words = STATUS_WORDS[status] ?? statusLabel(status);
  const unsold = remaining === undefined ? "its unsold units" : countWords(remaining, "unsold unit", "unsold units");
  return words.replace("{unsold}", unsold);
}

/** The words of every status, for console.js to write when the status changes. */
export function statusWordsAttr(): string {
  return JSON.stringify(STATUS_WORDS);
}

/** A deal's status as the dashboard's status figure shows it: a scheduled one counts down to its opening. */
export function DealStatus(props: {
  status: string | undefined;
  startsAt?: string | undefined;
  remaining?: number | undefined;
  now?: number;
}) {
  if (props.status === undefined) return <>—</>;
  const words = dealStatusWords(props.status, props.remaining);
  if (props.status !== "scheduled" || !props.startsAt) return <>{words}</>;
  return (
    <>
      {words}{" "}
      <time datetime={props.startsAt} data-countdown={props.startsAt}>
        {countdownText(Date.parse(props.startsAt) - (props.now ?? Date.now()))}
      </time>
    </>
  );
}

/**
 * The pause, resume and end forms: those that apply to the deal's status shown, the others
 * hidden for console.js to show when the status changes (each names the statuses it applies to).
 * An ended deal gets none, as no status follows it.
 */
export function DealControls(props: { id: string; status: string | undefined; csrf: string | null | undefined }) {
  if (props.status === "ended") return null;
  const offered = dealActions(props.status);
  return (
    <div class="row" data-deal-controls>
      {ACTIONS.map((action) => (
        <form
          method="post"
          action={`/deals-console/${encodeURIComponent(props.id)}/${action}`}
          data-deal-action={action}
          data-applies-to={APPLIES_TO[action].join(" ")}
          hidden={!offered.includes(action)}
          data-confirm={action === "end" ? "End this deal now? Unsold units go back to stock." : undefined}
        >
          <CsrfField token={props.csrf} />
          <button type="submit" class={action === "end" ? "danger" : ""}>
            {action === "pause" ? "Pause" : action === "resume" ? "Resume" : "End deal"}
          </button>
        </form>
      ))}
    </div>
  );
}
