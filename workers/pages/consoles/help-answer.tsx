import { HELP_ANSWER_MAX, HELP_ANSWER_MIN, type OpsHelpRequestView } from "../../help/schemas";
import { FieldError, invalidAttrs } from "../field-error";
import { whenIst } from "../format";
import { CsrfField } from "../layout";
import { Additions } from "../order-help";

/** A refused answer drawn again: which request, what was typed and what is wrong with it. */
export interface AnswerDraft {
  id: string;
  answer: string;
  error?: string | undefined;
}

/** What ops are told when an answer is refused for its length. */
export const ANSWER_LENGTH_WORDS = `Write the answer in ${HELP_ANSWER_MIN} to ${HELP_ANSWER_MAX} characters.`;

/** What the take form asks for: to take a free request, one a colleague has, or give one back. */
export const TAKE_ACTS = ["take", "take_over", "give_back"] as const;
export type TakeAct = (typeof TAKE_ACTS)[number];

/**
 * Who took an open request, and the button to take it, take it over or give it back: a team
 * working the queue after a sale day sees which questions a colleague is already looking into.
 */
function Taken(props: {
  r: Pick<OpsHelpRequestView, "id" | "taken_by" | "taken_by_name" | "taken_at">;
  viewerId: string | null;
  csrf: string | null;
  fields: Record<string, string | undefined>;
}) {
  const { r } = props;
  const mine = r.taken_by !== null && r.taken_by === props.viewerId;
  const who = r.taken_by_name ?? "A colleague";
  const [act, button]: [TakeAct, string] =
    r.taken_by === null ? ["take", "Take it"] : mine ? ["give_back", "Give it back"] : ["take_over", `Take over from ${who}`];
  return (
    <form
      method="post"
      action={`/ops/help/${encodeURIComponent(r.id)}/take`}
      class="row-form taken-form"
      data-help-taken={r.taken_by ?? ""}
      // Taking a colleague's request away is asked twice: they may be writing its answer.
      data-confirm={act === "take_over" ? `Take this over from ${who}? They may be writing its answer now.` : undefined}
    >
      <CsrfField token={props.csrf} />
      <HiddenFields fields={props.fields} />
      <input type="hidden" name="act" value={act} />
      <span class="muted">
        {r.taken_by === null ? "No one has taken this yet." : `${mine ? "You" : who} took this on ${whenIst(r.taken_at)}.`}
      </span>{" "}
      <button type="submit">{button}</button>
    </form>
  );
}

function HiddenFields(props: { fields: Record<string, string | undefined> }) {
  return (
    <>{Object.entries(props.fields).map(([name, value]) => value !== undefined && <input type="hidden" name={name} value={value} />)}</>
  );
}

/**
 * A request's answer as ops gave it, or who took it and the form to give it; the queue and the
 * order's page draw the same, each sending in `fields` where the answer should come back to.
 */
export function HelpAnswer(props: {
  r: Pick<OpsHelpRequestView, "id" | "answer" | "answered_at" | "answered_by_name" | "taken_by" | "taken_by_name" | "taken_at">;
  viewerId: string | null;
  csrf: string | null;
  /** The button's accessible name, naming whom and what it answers. */
  label: string;
  fields: Record<string, string | undefined>;
  draft?: AnswerDraft | undefined;
}) {
  const { r } = props;
  const draft = props.draft?.id === r.id ? props.draft : undefined;
  if (r.answer)
    return (
      <p data-help-answer>
        <strong>Answered</strong>{" "}
        <span class="muted">
          {r.answered_by_name ? `by ${r.answered_by_name} ` : ""}
          {r.answered_at ? whenIst(r.answered_at) : ""}
        </span>
        <br />
        <span class="words">{r.answer}</span>
      </p>
    );
  return (
    <>
      <Taken r={r} viewerId={props.viewerId} csrf={props.csrf} fields={props.fields} />
      <form method="post" action={`/ops/help/${encodeURIComponent(r.id)}/answer`} class="stack answer-form" novalidate>
        <CsrfField token={props.csrf} />
        <HiddenFields fields={props.fields} />
        <label class="field">
          Answer
          <textarea
            name="answer"
            rows={3}
            minlength={HELP_ANSWER_MIN}
            maxlength={HELP_ANSWER_MAX}
            required
            {...invalidAttrs(`answer-${r.id}`, Boolean(draft?.error))}
          >
            {draft?.answer ?? ""}
          </textarea>
          <FieldError field={`answer-${r.id}`} message={draft?.error} />
        </label>
        <button type="submit" aria-label={props.label}>
          Send answer
        </button>
      </form>
    </>
  );
}

/**
 * A request as ops work it, below whatever heads it: what the shopper asked, what they added
 * since, and the answer or who took it and the form to give it.
 */
export function HelpThread(props: Parameters<typeof HelpAnswer>[0] & { r: Pick<OpsHelpRequestView, "message" | "additions"> }) {
  return (
    <>
      <blockquote class="words">{props.r.message}</blockquote>
      <Additions request={props.r} who="The shopper" />
      <HelpAnswer {...props} />
    </>
  );
}
