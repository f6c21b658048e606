import { HELP_ANSWER_MAX, HELP_ANSWER_MIN, type HelpRequestView } from "../../help/schemas";
import { FieldError, invalidAttrs } from "../field-error";
import { whenIst } from "../format";
import { CsrfField } from "../layout";

/** A refused answer drawn again: which request, what was typed and what is wrong with it. */
export interface AnswerDraft {
  id: string;
  answer: string;
  error?: string | undefined;
}

/** What ops are told when an answer is refused for its length. */
export const ANSWER_LENGTH_WORDS = `Write the answer in ${HELP_ANSWER_MIN} to ${HELP_ANSWER_MAX} characters.`;

/**
 * A request's answer as ops gave it, or the form to give it; the queue and the order's page draw
 * the same, each sending in `fields` where the answer should come back to.
 */
export function HelpAnswer(props: {
  r: Pick<HelpRequestView, "id" | "answer" | "answered_at">;
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
        <strong>Answered</strong> <span class="muted">{r.answered_at ? whenIst(r.answered_at) : ""}</span>
        <br />
        <span class="words">{r.answer}</span>
      </p>
    );
  return (
    <form method="post" action={`/ops/help/${encodeURIComponent(r.id)}/answer`} class="stack answer-form" novalidate>
      <CsrfField token={props.csrf} />
      {Object.entries(props.fields).map(([name, value]) => value !== undefined && <input type="hidden" name={name} value={value} />)}
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
  );
}
